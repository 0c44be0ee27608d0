package repair

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/text"
)

// line is one line of a text: its content span, without the line end.
type line struct{ start, end int }

// splitLines returns the lines of s ("\r\n" ends a line like "\n").
func splitLines(s string) []line {
	ls := make([]line, 0, strings.Count(s, "\n")+1)
	start := 0
	for start <= len(s) {
		i := strings.IndexByte(s[start:], '\n')
		if i < 0 {
			if start < len(s) {
				ls = append(ls, line{start, trimCR(s, start, len(s))})
			}
			break
		}
		ls = append(ls, line{start, trimCR(s, start, start+i)})
		start += i + 1
	}
	return ls
}

func trimCR(s string, start, end int) int {
	if end > start && s[end-1] == '\r' {
		end--
	}
	return end
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// pageMark is a line of page furniture: a running head or foot, or a bare
// page number.
type pageMark struct {
	line int // index in the lines
	page int // the page number it carries
}

// maxHeadLen is the longest line read as a running head.
const maxHeadLen = 90

// minHeadGap is the fewest lines between two running heads of one series
// (alternating heads come every other page); minPageLines the fewest
// between two bare page numbers, which, with no head to confirm them,
// must enclose a page's worth of text (numbered sections are closer).
const (
	minHeadGap   = 8
	minPageLines = 15
)

// headParts splits a candidate running head into its page number and the
// rest ("160 Another view of Stalin", "Iron and Influence 113", "112").
func headParts(t string) (num int, rest string, ok bool) {
	if len(t) == 0 || len(t) > maxHeadLen {
		return 0, "", false
	}
	i := 0
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	if i > 0 && i <= 4 {
		n, _ := strconv.Atoi(t[:i])
		if i == len(t) {
			return n, "", true
		}
		if t[i] == ' ' || t[i] == '\t' {
			return n, strings.TrimSpace(t[i:]), true
		}
	}
	j := len(t)
	for j > 0 && isDigit(t[j-1]) {
		j--
	}
	if j < len(t) && len(t)-j <= 4 && j > 0 && (t[j-1] == ' ' || t[j-1] == '\t') {
		n, _ := strconv.Atoi(t[j:])
		return n, strings.TrimSpace(t[:j]), true
	}
	return 0, "", false
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// findPageMarks finds the running heads and page numbers of s: lines that
// recur, digits aside, at least three times, their numbers increasing and
// far apart; then single lines whose number fits between those pages (a
// bare page number, a head seen once).
func findPageMarks(s string, ls []line) []pageMark {
	type cand struct {
		line, num, nb int // nb: index among non-blank lines
		rest          string
	}
	var cands []cand
	groups := map[string][]int{} // rest -> indices in cands
	nb := 0
	for i, l := range ls {
		t := strings.TrimSpace(s[l.start:l.end])
		if t == "" {
			continue
		}
		nb++
		n, rest, ok := headParts(t)
		if !ok || (rest != "" && !hasLetter(rest)) || n == 0 || isChapterLine(t) {
			continue
		}
		cands = append(cands, cand{i, n, nb, rest})
		if rest != "" {
			groups[rest] = append(groups[rest], len(cands)-1)
		}
	}
	// Heads: groups of increasing, far-apart numbers.
	isMark := map[int]bool{} // cand index
	for rest, idx := range groups {
		if len(idx) < 2 || len(rest) > maxHeadLen {
			continue
		}
		good := 0
		for k := 1; k < len(idx); k++ {
			a, b := cands[idx[k-1]], cands[idx[k]]
			if b.num > a.num && b.nb-a.nb >= minHeadGap && b.num-a.num <= max(4, (b.nb-a.nb)/2) {
				good++
			}
		}
		if good*4 < (len(idx)-1)*3 {
			continue
		}
		for _, k := range idx {
			isMark[k] = true
		}
	}
	// Heads of groups seen twice only count when, with the others, they
	// make at least three pages counting up.
	if n := len(isMark); n > 0 && n < 3 {
		clear(isMark)
	} else if n > 0 {
		var order []int
		for k := range cands {
			if isMark[k] {
				order = append(order, k)
			}
		}
		up := 0
		for i := 1; i < len(order); i++ {
			if cands[order[i]].num > cands[order[i-1]].num {
				up++
			}
		}
		if up*4 < (len(order)-1)*3 {
			clear(isMark)
		}
	}
	// Bare page numbers on their own, in a text with no heads: a run of
	// at least three numbers counting up by one, far apart.
	if len(isMark) == 0 {
		var bare []int
		for k, c := range cands {
			if c.rest == "" {
				bare = append(bare, k)
			}
		}
		for i := 0; i < len(bare); {
			j := i + 1
			for j < len(bare) && cands[bare[j]].num == cands[bare[j-1]].num+1 && cands[bare[j]].nb-cands[bare[j-1]].nb >= minPageLines {
				j++
			}
			if j-i >= 3 {
				for _, k := range bare[i:j] {
					isMark[k] = true
				}
			}
			i = j
		}
		if len(isMark) == 0 {
			return nil
		}
	}
	// Single lines that fit the sequence: between the pages of the marks
	// before and after them.
	var marks []int
	for k := range cands {
		if isMark[k] {
			marks = append(marks, k)
		}
	}
	for k, c := range cands {
		if isMark[k] {
			continue
		}
		prev, next := -1, -1
		at, _ := slices.BinarySearch(marks, k)
		if at > 0 {
			prev = marks[at-1]
		}
		if at < len(marks) {
			next = marks[at]
		}
		fits := false
		switch {
		case prev >= 0 && next >= 0:
			p, n := cands[prev], cands[next]
			fits = p.num < c.num && c.num < n.num && c.nb-p.nb >= 3 && n.nb-c.nb >= 1
		case next >= 0:
			n := cands[next]
			fits = c.num < n.num && n.num-c.num <= 2 && n.nb-c.nb <= 2
		case prev >= 0:
			p := cands[prev]
			fits = c.num > p.num && c.num-p.num <= 2 && c.nb-p.nb >= 5
		}
		if !fits {
			continue
		}
		// A head seen once must stand alone, after a wide gap.
		if c.rest != "" && !(c.line >= 2 && isBlank(s[ls[c.line-1].start:ls[c.line-1].end]) && isBlank(s[ls[c.line-2].start:ls[c.line-2].end])) {
			continue
		}
		isMark[k] = true
	}
	var out []pageMark
	for k, c := range cands {
		if isMark[k] {
			out = append(out, pageMark{line: c.line, page: c.num})
		}
	}
	return out
}

// noteStart reads the number of a footnote's first line ("12 Penrose to
// Curzon"), or -1.
func noteStart(t string) int {
	i := 0
	for i < len(t) && i < 3 && isDigit(t[i]) {
		i++
	}
	if i == 0 || i >= len(t) || (t[i] != ' ' && t[i] != '\t') {
		return -1
	}
	rest := strings.TrimLeft(t[i:], " \t")
	r, _ := utf8.DecodeRuneInString(rest)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("`'‘“\"«(", r)) {
		return -1
	}
	n, _ := strconv.Atoi(t[:i])
	return n
}

// hasMarker reports whether s holds note marker n glued after a word or a
// punctuation mark ("purpose.1", "account.'10", "47.4").
func hasMarker(s string, n int) bool {
	m := strconv.Itoa(n)
	for i := 0; ; {
		j := strings.Index(s[i:], m)
		if j < 0 {
			return false
		}
		j += i
		e := j + len(m)
		if j > 0 && !isDigit(s[j-1]) && (e == len(s) || !isDigit(s[e])) {
			c := s[j-1]
			if c != ' ' && c != '\t' && c != '\n' && c != '(' && c != '[' && c != '-' {
				return true
			}
		}
		i = j + 1
	}
}

// maxFootLines is the most lines a page's footnotes take.
const maxFootLines = 60

// footChain finds the footnotes at the foot of the page of lines
// [pageStart, end): the lines that start notes, bottom up. Going up from
// the foot, each note's number is one less than the one below it; lines
// between are the notes' continuations. The topmost note must carry the
// number the series is at (or 1, for notes numbered by page), and its
// marker must be in the page's text above it.
func footChain(s string, ls []line, pageStart, end, nextNote int) []int {
	var starts []int
	cur := -1
	for i := end - 1; i >= pageStart && end-i <= maxFootLines; i-- {
		n := noteStart(strings.TrimSpace(s[ls[i].start:ls[i].end]))
		if n < 1 {
			continue
		}
		if (cur < 0 && n <= nextNote+maxFootLines) || n == cur-1 {
			starts = append(starts, i)
			cur = n
			if n <= nextNote || n == 1 {
				break
			}
		}
	}
	for len(starts) > 0 {
		top := starts[len(starts)-1]
		n := noteStart(strings.TrimSpace(s[ls[top].start:ls[top].end]))
		if (n >= nextNote && n <= nextNote+2 || n == 1) && hasMarker(s[ls[pageStart].start:ls[top].start], n) {
			return starts
		}
		starts = starts[:len(starts)-1]
	}
	return nil
}

// footnote is a note found at a page foot: its lines.
type footnote struct {
	number     int
	first, end int // line indices [first, end)
}

// pagesStage moves page furniture out of the body flow: running heads,
// page numbers and the footnotes at the foot of each page go after the
// body (a note as its own paragraph, its lines joined; each head as its own
// paragraph), so that a paragraph a page break interrupted reads on. It
// records a "note" block (Attrs "number") for each note and a
// "running_head" block (Attrs "page") for each head; nothing is deleted.
func pagesStage(in string, st *state) stageResult {
	if !st.paged() {
		return stageResult{}
	}
	ls := splitLines(in)
	marks := findPageMarks(in, ls)
	if len(marks) == 0 {
		return stageResult{}
	}
	isMark := map[int]int{} // line -> page
	for _, m := range marks {
		isMark[m.line] = m.page
	}
	lineText := func(i int) string { return strings.TrimSpace(in[ls[i].start:ls[i].end]) }
	// Page breaks: runs of marks with only blank lines between. Each ends
	// a page whose foot may hold notes.
	type brk struct{ first, last int } // line indices of its first and last mark
	var breaks []brk
	for i := 0; i < len(ls); i++ {
		if _, ok := isMark[i]; !ok {
			continue
		}
		b := brk{i, i}
		for j := i + 1; j < len(ls); j++ {
			if _, ok := isMark[j]; ok {
				b.last = j
				continue
			}
			if lineText(j) != "" {
				break
			}
		}
		breaks = append(breaks, b)
		i = b.last
	}
	// Footnotes at the foot of each page (and of the last one).
	var notes []footnote
	nextNote := 1
	pageStart := 0
	ends := make([]int, 0, len(breaks)+1)
	for _, b := range breaks {
		ends = append(ends, b.first)
	}
	ends = append(ends, len(ls))
	for k, end := range ends {
		starts := footChain(in, ls, pageStart, end, nextNote)
		for j := len(starts) - 1; j >= 0; j-- {
			first := starts[j]
			last := end
			if j > 0 {
				last = starts[j-1]
			}
			n := noteStart(lineText(first))
			notes = append(notes, footnote{number: n, first: first, end: last})
			nextNote = n + 1
		}
		if k < len(breaks) {
			pageStart = breaks[k].last + 1
		}
	}
	// The body: every line but the marks and the notes. A removed run
	// takes the blank lines after it along, so that the body reads on.
	removed := make([]bool, len(ls))
	for _, b := range breaks {
		for i := b.first; i <= b.last; i++ {
			removed[i] = true
		}
	}
	for _, n := range notes {
		for i := n.first; i < n.end; i++ {
			removed[i] = true
		}
	}
	// The body keeps the separator its lines usually have (one blank line
	// in a line-broken text) where the furniture was.
	keepNL := 1
	if blankSeparated(in, ls) {
		keepNL = 2
	}
	b := text.NewBuilder(in)
	lastKept := -1 // the last non-blank body line
	for i := 0; i < len(ls); i++ {
		if !removed[i] {
			if lineText(i) != "" {
				lastKept = i
			}
			continue
		}
		j := i
		for j < len(ls) && (removed[j] || lineText(j) == "") {
			j++
		}
		from := ls[i].start
		if lastKept >= 0 {
			from = ls[lastKept].end
			for nl := 0; from < ls[i].start && nl < keepNL; from++ {
				if in[from] == '\n' {
					nl++
				}
			}
		}
		b.CopyTo(from)
		if j < len(ls) {
			b.Skip(ls[j].start)
		} else {
			b.Skip(len(in))
		}
		i = j - 1
	}
	b.CopyTo(len(in))
	// After the body: the notes, then the heads.
	var fixes []Fix
	var blocks []read.Block
	sep := func() {
		out := b.String()
		switch {
		case out == "":
		case strings.HasSuffix(out, "\n\n"):
		case strings.HasSuffix(out, "\n"):
			b.Insert("\n")
		default:
			b.Insert("\n\n")
		}
	}
	for _, n := range notes {
		sep()
		o := b.Len()
		first := true
		for i := n.first; i < n.end; i++ {
			if lineText(i) == "" {
				continue
			}
			s, e := trimSpan(in, ls[i].start, ls[i].end)
			if !first {
				if prev := b.String(); strings.HasSuffix(prev, "-") && hyphenSplittable(prev) {
					b.Insert("\n")
				} else {
					b.Insert(" ")
				}
			}
			first = false
			b.Append(s, e)
		}
		sp := quellen.Span{Start: o, End: b.Len()}
		blocks = append(blocks, read.Block{Kind: "note", Span: sp, Attrs: quellen.Attrs{"number": strconv.Itoa(n.number)}})
		fixes = append(fixes, Fix{Kind: KindLayout, What: "footnote", In: quellen.Span{Start: ls[n.first].start, End: ls[lastNonBlank(in, ls, n.first, n.end)].end}, Out: sp})
	}
	for _, m := range marks {
		sep()
		s, e := trimSpan(in, ls[m.line].start, ls[m.line].end)
		o := b.Len()
		b.Append(s, e)
		sp := quellen.Span{Start: o, End: b.Len()}
		blocks = append(blocks, read.Block{Kind: "running_head", Span: sp, Attrs: quellen.Attrs{"page": strconv.Itoa(m.page)}})
		fixes = append(fixes, Fix{Kind: KindLayout, What: "running_head", In: quellen.Span{Start: s, End: e}, Out: sp})
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.Insert("\n")
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes, blocks: blocks}
}

// blankSeparated reports whether most lines of s are followed by one
// blank line.
func blankSeparated(s string, ls []line) bool {
	single, pairs := 0, 0
	prev, blanks := -1, 0
	for i, l := range ls {
		if isBlank(s[l.start:l.end]) {
			blanks++
			continue
		}
		if prev >= 0 {
			pairs++
			if blanks == 1 {
				single++
			}
		}
		prev, blanks = i, 0
	}
	return pairs > 0 && single*10 >= pairs*7
}

// hyphenSplittable reports whether s ends with a word and a hyphen, the
// hyphen stage's to read.
func hyphenSplittable(s string) bool {
	s = strings.TrimSuffix(s, "-")
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || r == utf8.RuneError
}

func lastNonBlank(s string, ls []line, first, end int) int {
	for i := end - 1; i > first; i-- {
		if !isBlank(s[ls[i].start:ls[i].end]) {
			return i
		}
	}
	return first
}

// trimSpan trims spaces off both ends of s[start:end].
func trimSpan(s string, start, end int) (int, int) {
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	for end > start && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r') {
		end--
	}
	return start, end
}
