package read

import (
	"golang.org/x/net/html"

	"github.com/quellen/quellen/internal/text"
)

// sepKind is the separator a flow owes before its next content.
type sepKind int

const (
	sepNone sepKind = iota
	sepSpace
	sepLine
	sepPara
)

// flow writes the visible text of a markup document (HTML, XHTML, TEI)
// through a Builder, lazily: whitespace and element boundaries only ask
// for a separator, which is written (mapped to the markup that caused it)
// when the next content comes, so that no block starts or ends with one.
type flow struct {
	s         string
	b         *text.Builder
	pend      sepKind
	pStart    int
	pEnd      int
	pre       int    // inside preformatted text: whitespace is kept
	noSep     bool   // ask for no separator until the next content
	onContent func() // called before each piece of content is written
}

// sep asks for a separator before the next content.
func (f *flow) sep(k sepKind, start, end int) {
	if k > f.pend && !f.noSep {
		f.pend, f.pStart, f.pEnd = k, start, end
	}
}

// flush writes the pending separator, if the output has content, and
// gives every open element without a start the current position.
func (f *flow) flush() {
	if f.pend != sepNone && f.b.Len() > 0 {
		s := f.s[f.pStart:f.pEnd]
		switch f.pend {
		case sepSpace:
			if s == " " {
				f.b.Delete(f.pStart)
				f.b.CopyTo(f.pEnd)
			} else {
				f.b.Replace(f.pStart, f.pEnd, " ")
			}
		case sepLine:
			f.b.Replace(f.pStart, f.pEnd, "\n")
		case sepPara:
			f.b.Replace(f.pStart, f.pEnd, "\n\n")
		}
	}
	f.pend, f.noSep = sepNone, false
	if f.onContent != nil {
		f.onContent()
	}
}

// emit writes s in place of the input [start, end).
func (f *flow) emit(start, end int, s string) {
	f.flush()
	f.b.Replace(start, end, s)
}

// text writes a text token.
func (f *flow) text(start int, raw string) {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case isHSpace(c) && f.pre == 0:
			j := i
			for j < len(raw) && isHSpace(raw[j]) {
				j++
			}
			f.sep(sepSpace, start+i, start+j)
			i = j
		case c == '\r' && f.pre > 0:
			f.flush()
			if i+1 < len(raw) && raw[i+1] == '\n' {
				f.b.Replace(start+i, start+i+2, "\n")
				i += 2
			} else {
				f.b.Replace(start+i, start+i+1, "\n")
				i++
			}
		case c == 0:
			i++ // NUL is dropped (deleted when the next piece is written)
		case c == '&':
			if dec, n := decodeEntity(raw[i:]); n > 0 {
				f.flush()
				f.b.Replace(start+i, start+i+n, dec)
				i += n
				continue
			}
			fallthrough
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '&' && raw[j] != 0 && raw[j] != '\r' && (f.pre > 0 || !isHSpace(raw[j])) {
				j++
			}
			f.flush()
			f.b.Delete(start + i)
			f.b.CopyTo(start + j)
			i = j
		}
	}
}

func isHSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// decodeEntity decodes the character reference at the start of s ("&...")
// and returns it with the number of bytes it used, or 0 when s does not
// start with one.
func decodeEntity(s string) (string, int) {
	if len(s) < 2 {
		return "", 0
	}
	if s[1] == '#' {
		j := 2
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		k := j
		for k < len(s) && k-j < 8 && (isDigit(s[k]) || hex && isHex(s[k])) {
			k++
		}
		if k == j {
			return "", 0
		}
		if k < len(s) && s[k] == ';' {
			k++
		}
		return html.UnescapeString(s[:k]), k
	}
	j := 1
	for j < len(s) && j < 40 && (isAlpha(s[j]) || isDigit(s[j])) {
		j++
	}
	if j == 1 {
		return "", 0
	}
	if j < len(s) && s[j] == ';' {
		if d := html.UnescapeString(s[:j+1]); d != s[:j+1] {
			return d, j + 1
		}
	}
	// Legacy references without a semicolon (&amp, &copy): the shortest
	// prefix that is one.
	for k := 2; k <= j && k <= 8; k++ {
		if d := html.UnescapeString(s[:k]); d != s[:k] {
			return d, k
		}
	}
	return "", 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
