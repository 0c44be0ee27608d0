package text

import "sort"

// Lines indexes the line starts of a text so that byte offsets turn into
// 1-based line numbers in O(log n). Lines end at "\n"; a "\r\n" pair counts
// as one line end.
type Lines struct {
	starts []int
	n      int
}

// NewLines indexes s.
func NewLines(s string) *Lines {
	l := &Lines{starts: []int{0}, n: len(s)}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Line returns the 1-based line of byte offset off.
func (l *Lines) Line(off int) int {
	if off < 0 {
		off = 0
	}
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off })
}

// Range returns the lines of the bytes [start, end): the line of start and
// the line of end-1.
func (l *Lines) Range(start, end int) (int, int) {
	first := l.Line(start)
	if end <= start {
		return first, first
	}
	return first, l.Line(end - 1)
}

// Start returns the offset of the first byte of 1-based line n.
func (l *Lines) Start(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return l.n
	}
	return l.starts[n-1]
}

// Count is the number of lines.
func (l *Lines) Count() int { return len(l.starts) }
