package text

import (
	"sort"
)

// Piece maps a run of output bytes to a run of input bytes. A copy piece
// has equal lengths and maps byte for byte; a replacement piece maps its
// whole output run onto its whole input run (either may be empty).
type Piece struct {
	OutStart, OutEnd int
	InStart, InEnd   int
	Copy             bool
}

// Map is an offset map from an output text back to the input text it was
// made from, and forward. The zero Map is not useful; use Identity or a
// Builder. Pieces cover the output text in order without gaps.
//
// Input runs need not be in input order: a stage may move text (footnotes
// gathered after the body, say). They do not overlap, but for one case: a
// replacement whose input holds text moved elsewhere (a word rejoined
// across a page's running head, the head placed apart). Input bytes covered by
// no piece were moved out and not placed; they map to the output position
// of the next piece in input order.
type Map struct {
	pieces []Piece
	byIn   []int32 // piece indices sorted by input start, built on first use
	outLen int
	inLen  int
}

// Identity returns the map of a text of n bytes to itself.
func Identity(n int) *Map {
	m := &Map{outLen: n, inLen: n}
	if n > 0 {
		m.pieces = []Piece{{0, n, 0, n, true}}
	}
	return m
}

// OutLen is the length of the output text.
func (m *Map) OutLen() int { return m.outLen }

// InLen is the length of the input text.
func (m *Map) InLen() int { return m.inLen }

// Pieces returns the map's pieces (do not modify).
func (m *Map) Pieces() []Piece { return m.pieces }

// In maps an output offset to the input offset of the same position. For
// an offset inside a replacement it returns the replacement's input start;
// use InEnd for the end of a span.
func (m *Map) In(out int) int {
	i := m.find(out)
	if i < 0 {
		return m.clampIn(out)
	}
	p := m.pieces[i]
	if p.Copy {
		return p.InStart + (out - p.OutStart)
	}
	return p.InStart
}

// InEnd maps an exclusive output end offset to an exclusive input end: the
// end of a span covers the whole input of a replacement it ends in.
func (m *Map) InEnd(out int) int {
	if out <= 0 {
		return m.In(out)
	}
	i := m.find(out - 1)
	if i < 0 {
		return m.clampIn(out)
	}
	p := m.pieces[i]
	if p.Copy {
		return p.InStart + (out - p.OutStart)
	}
	return p.InEnd
}

// InSpan maps an output span to the input span it was made from.
func (m *Map) InSpan(start, end int) (int, int) {
	if end <= start {
		s := m.In(start)
		return s, s
	}
	return m.In(start), m.InEnd(end)
}

// Out maps an input offset to the output offset of the same position; an
// input offset inside a replacement or a deletion maps to the replacement's
// output start.
func (m *Map) Out(in int) int {
	p, ok := m.findIn(in)
	if !ok {
		return m.outLen
	}
	if in < p.InStart {
		return p.OutStart
	}
	if p.Copy {
		return p.OutStart + (in - p.InStart)
	}
	return p.OutStart
}

// OutEnd maps an exclusive input end to an exclusive output end.
func (m *Map) OutEnd(in int) int {
	if in <= 0 {
		return m.Out(in)
	}
	p, ok := m.findIn(in - 1)
	if !ok {
		return m.outLen
	}
	if in-1 < p.InStart {
		return p.OutStart
	}
	if p.Copy {
		return p.OutStart + (in - p.InStart)
	}
	return p.OutEnd
}

// findIn returns the piece whose input holds offset in or, when none does,
// the first piece after it in input order. Empty-input pieces (insertions)
// are passed over.
func (m *Map) findIn(in int) (Piece, bool) {
	idx := m.inIndex()
	i := sort.Search(len(idx), func(i int) bool { return m.pieces[idx[i]].InEnd > in })
	for i < len(idx) && m.pieces[idx[i]].InStart == m.pieces[idx[i]].InEnd {
		i++
	}
	if i == len(idx) {
		return Piece{}, false
	}
	return m.pieces[idx[i]], true
}

func (m *Map) inIndex() []int32 {
	if m.byIn != nil || len(m.pieces) == 0 {
		return m.byIn
	}
	idx := make([]int32, len(m.pieces))
	sorted := true
	for i := range idx {
		idx[i] = int32(i)
		if i > 0 && m.pieces[i].InStart < m.pieces[i-1].InStart {
			sorted = false
		}
	}
	if !sorted {
		sort.SliceStable(idx, func(a, b int) bool { return m.pieces[idx[a]].InStart < m.pieces[idx[b]].InStart })
	}
	m.byIn = idx
	return idx
}

// OutSpan maps an input span to the output span made from it.
func (m *Map) OutSpan(start, end int) (int, int) {
	if end <= start {
		s := m.Out(start)
		return s, s
	}
	s, e := m.Out(start), m.OutEnd(end)
	if e < s {
		e = s
	}
	return s, e
}

func (m *Map) find(out int) int {
	if out < 0 || out >= m.outLen {
		return -1
	}
	i := sort.Search(len(m.pieces), func(i int) bool { return m.pieces[i].OutEnd > out })
	if i == len(m.pieces) {
		return -1
	}
	return i
}

func (m *Map) clampIn(out int) int {
	if out <= 0 {
		return 0
	}
	return m.inLen
}

// Then composes two maps: m maps B back to A, next maps C back to B; the
// result maps C back to A.
func (m *Map) Then(next *Map) *Map {
	r := &Map{outLen: next.outLen, inLen: m.inLen, pieces: make([]Piece, 0, len(next.pieces)+len(m.pieces))}
	for _, p := range next.pieces {
		if !p.Copy {
			s, e := m.InSpan(p.InStart, p.InEnd)
			if e < s {
				e = s
			}
			if p.InStart == p.InEnd {
				s = m.In(p.InStart)
				e = s
			}
			r.add(Piece{p.OutStart, p.OutEnd, s, e, false})
			continue
		}
		// A copy piece of next may straddle several pieces of m.
		pos := p.InStart
		for pos < p.InEnd {
			j := m.find(pos)
			if j < 0 {
				break
			}
			q := m.pieces[j]
			end := min(q.OutEnd, p.InEnd)
			outS := p.OutStart + (pos - p.InStart)
			outE := p.OutStart + (end - p.InStart)
			if q.Copy {
				r.add(Piece{outS, outE, q.InStart + (pos - q.OutStart), q.InStart + (end - q.OutStart), true})
			} else {
				r.add(Piece{outS, outE, q.InStart, q.InEnd, false})
			}
			pos = end
		}
	}
	return r
}

func (m *Map) add(p Piece) {
	if n := len(m.pieces); n > 0 {
		last := &m.pieces[n-1]
		if last.Copy && p.Copy && last.OutEnd == p.OutStart && last.InEnd == p.InStart {
			last.OutEnd, last.InEnd = p.OutEnd, p.InEnd
			return
		}
		// A piece that reaches back into the last one's input (two parts of
		// one earlier replacement, split by a later stage) merges with it
		// into one replacement, so that input offsets never go backwards.
		if (p.InStart < last.InEnd && p.InStart >= last.InStart) || (!last.Copy && !p.Copy && last.InStart == p.InStart && last.InEnd == p.InEnd) {
			last.OutEnd = p.OutEnd
			last.InEnd = max(last.InEnd, p.InEnd)
			last.Copy = false
			return
		}
	}
	m.pieces = append(m.pieces, p)
}
