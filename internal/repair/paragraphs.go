package repair

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/text"
)

// layout is what the paragraph stage learnt of a text's lines.
type layout struct {
	lineBroken bool // most lines wrapped at a width, a blank line after each
	width      int  // the width lines are wrapped at, in runes
}

// measureLayout tells a text whose paragraphs were broken into lines, a
// blank line after each (a PDF extraction), from one whose lines are
// paragraphs: most lines are near one width, most are followed by one
// blank line, and many end inside a sentence that the next line goes on.
func measureLayout(s string, ls []line) layout {
	var lens []int
	single, pairs, wrapped := 0, 0, 0
	prev, blanks := -1, 0
	for i, l := range ls {
		t := strings.TrimSpace(s[l.start:l.end])
		if t == "" {
			blanks++
			continue
		}
		lens = append(lens, utf8.RuneCountInString(t))
		if prev >= 0 {
			pairs++
			if blanks == 1 {
				single++
			}
			p := strings.TrimSpace(s[ls[prev].start:ls[prev].end])
			if blanks <= 1 && (strings.HasSuffix(p, "-") || (!endsSentence(p) && startsLower(t))) {
				wrapped++
			}
		}
		prev, blanks = i, 0
	}
	if len(lens) < 6 || pairs == 0 {
		return layout{}
	}
	sorted := slices.Clone(lens)
	slices.Sort(sorted)
	width := sorted[len(sorted)*9/10]
	if width < 25 || width > 160 {
		return layout{width: width}
	}
	near := 0
	for _, n := range lens {
		if n*10 >= width*8 {
			near++
		}
	}
	broken := single*10 >= pairs*7 && near*2 >= len(lens) && wrapped*100 >= pairs*15
	return layout{lineBroken: broken, width: width}
}

// endsSentence reports whether t ends a sentence or a clause that a
// paragraph may end on.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, "0123456789") // a glued note marker
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:;\"'”’»)]…", r)
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r) || r == utf8.RuneError
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

var chapterLine = regexp.MustCompile(`(?i)^(chapter|part|book|section|appendix|chapitre|partie|livre|annexe|глава|часть|раздел)\s+([0-9]+|[ivxlc]+|[a-zа-я]+)\.?$`)

// isChapterLine is chapterLine.MatchString(t), answered at once for a
// line whose first letter cannot begin one of its words (in any case, as
// (?i) folds letters).
func isChapterLine(t string) bool {
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	for f := r; ; {
		switch f {
		case 'c', 'p', 'b', 's', 'a', 'l', 'г', 'ч', 'р':
			return chapterLine.MatchString(t)
		}
		if f = unicode.SimpleFold(f); f == r {
			return false
		}
	}
}

// headingLike reports whether t may be a heading: "Chapter 5", or a short
// line starting with a capital that ends without punctuation.
func headingLike(t string, width int) bool {
	if isChapterLine(t) {
		return true
	}
	n := utf8.RuneCountInString(t)
	if n*10 > width*6 || !startsUpper(t) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".,;:!?-—–", r) && !unicode.IsDigit(r)
}

// paragraphStage rejoins the paragraphs of a line-broken text: within a
// paragraph the line breaks become spaces (a line ending in a hyphen keeps
// one line break, for the hyphenation stage); between paragraphs the blank
// line stays. A paragraph ends after a short line that the next does not
// go on in lower case, before and after a heading, and at a wider gap.
// One layout fix per paragraph joined.
func paragraphStage(in string, st *state) stageResult {
	if !st.paged() {
		return stageResult{}
	}
	end := st.bodyEnd(len(in))
	body := in[:end]
	ls := splitLines(body)
	lay := measureLayout(body, ls)
	if !lay.lineBroken {
		return stageResult{}
	}
	var nb []int // non-blank line indices
	for i, l := range ls {
		if !isBlank(body[l.start:l.end]) {
			nb = append(nb, i)
		}
	}
	short := func(t string) bool { return utf8.RuneCountInString(t)*10 < lay.width*8 }
	// An indented line starts a paragraph, where under a third are.
	indented := func(l line) bool {
		t := body[l.start:l.end]
		return strings.HasPrefix(t, "\t") || strings.HasPrefix(t, "  ")
	}
	nIndented := 0
	for _, i := range nb {
		if indented(ls[i]) {
			nIndented++
		}
	}
	indentMarks := nIndented > 0 && nIndented*3 < len(nb)
	b := text.NewBuilder(in)
	var fixes []Fix
	var blocks []read.Block
	paraStart, paraOut, lines := -1, 0, 0
	closePara := func(endIn int) {
		if paraStart < 0 {
			return
		}
		b.CopyTo(endIn)
		sp := quellen.Span{Start: paraOut, End: b.Len()}
		kind := "paragraph"
		if lines == 1 && headingLike(in[paraStart:endIn], lay.width) {
			kind = "heading"
		}
		blocks = append(blocks, read.Block{Kind: kind, Span: sp})
		if lines > 1 {
			fixes = append(fixes, Fix{Kind: KindLayout, What: "paragraph", In: quellen.Span{Start: paraStart, End: endIn}, Out: sp})
		}
		paraStart, lines = -1, 0
	}
	for k, i := range nb {
		ts, te := trimSpan(body, ls[i].start, ls[i].end)
		t := body[ts:te]
		if paraStart < 0 {
			b.CopyTo(ts)
			paraStart, paraOut, lines = ts, b.Len(), 1
		}
		if k+1 == len(nb) {
			closePara(te)
			break
		}
		j := nb[k+1]
		ns, ne := trimSpan(body, ls[j].start, ls[j].end)
		next := body[ns:ne]
		gap := j - i - 1 // blank lines between
		brk := gap >= 2 ||
			(short(t) && !startsLower(next)) ||
			headingLike(t, lay.width) && !startsLower(next) ||
			(headingLike(next, lay.width) && endsSentence(t) && (k+2 >= len(nb) || startsUpper(lineTrim(body, ls[nb[k+2]])))) ||
			isChapterLine(next) ||
			(indentMarks && indented(ls[j]))
		if brk {
			closePara(te)
			if gap == 0 {
				// Two paragraphs with no blank line between: one is put in.
				b.Replace(te, ns, "\n\n")
			}
			continue
		}
		b.CopyTo(te)
		if strings.HasSuffix(t, "-") && hyphenSplittable(t) && startsWordRune(next) {
			b.Replace(te, ns, "\n")
		} else {
			b.Replace(te, ns, " ")
		}
		lines++
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes, blocks: blocks}
}

func lineTrim(s string, l line) string { return strings.TrimSpace(s[l.start:l.end]) }

func startsWordRune(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return isWordRune(r) && !(r == utf8.RuneError && n == 1)
}
