package stance

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/extract"
)

// noStop are abbreviations after which a full stop does not end a sentence.
var noStop = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "com": true, "m": true, "mm": true, "st": true,
	"no": true, "vol": true, "pp": true, "p": true, "cf": true, "op": true, "cit": true, "ibid": true, "f": true, "ff": true, "l": true, "d": true,
	"gen": true, "col": true, "capt": true, "lt": true, "rev": true, "art": true, "ch": true, "fig": true, "ed": true, "eds": true, "trans": true,
	"mme": true, "mlle": true, "vs": true, "etc": false}

// sentences splits the paragraphs of d into sentences.
func sentences(d *extract.Doc) []sentence {
	out := make([]sentence, 0, len(d.Text)/100+1)
	paras := d.Paras
	if len(paras) == 0 {
		paras = []extract.Para{{}}
		paras[0].Span.End = len(d.Text)
	}
	for pi, p := range paras {
		s, e := max(p.Span.Start, 0), min(p.Span.End, len(d.Text))
		if s >= e {
			continue
		}
		out = splitSentences(d.Text, s, e, pi, out)
	}
	return out
}

func splitSentences(t string, s, e, pi int, out []sentence) []sentence {
	start := s
	for i := s; i < e; {
		// (Every rune but these is passed over: no byte of another is one of these.)
		if !stopByte[t[i]] {
			i++
			// eight bytes at a time up to the next that may be one of these
			for i+8 <= e && !mayStop(load64(t, i)) {
				i += 8
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		// A semicolon ends a clause that can carry a verdict of its own.
		if r == ';' {
			out = append(out, sentence{start, trimEnd(t, start, i), pi})
			i += n
			for i < e && (t[i] == ' ' || t[i] == '\n') {
				i++
			}
			start = i
			continue
		}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			// The word before: an abbreviation or an initial keeps the sentence going.
			w := wordBefore(t, start, i)
			j := i + n
			// Closing marks and note markers stay with the sentence: .” .[4] .’
			for j < e {
				r2, n2 := utf8.DecodeRuneInString(t[j:])
				if strings.ContainsRune("”\"’'»)]0123456789", r2) || r2 == '[' {
					j += n2
					continue
				}
				break
			}
			if r == '.' && (noStopWord(w) || initial(w)) {
				i = j
				continue
			}
			// A sentence ends before a space and a capital (or a quotation mark, or the end).
			k := j
			for k < e && (t[k] == ' ' || t[k] == '\n' || t[k] == '\t') {
				k++
			}
			if k == e || k > j {
				r3, _ := utf8.DecodeRuneInString(t[k:])
				if k == e || unicode.IsUpper(r3) || strings.ContainsRune("“\"«„‘(['", r3) || unicode.IsDigit(r3) {
					out = append(out, sentence{start, j, pi})
					start = k
					i = k
					continue
				}
			}
			i = j
			continue
		}
		i += n
	}
	if strings.TrimSpace(t[start:e]) != "" {
		out = append(out, sentence{start, trimEnd(t, start, e), pi})
	}
	return out
}

// stopByte: the bytes a rune that ends a sentence or a clause begins with
// (. ! ? ; …).
var stopByte = func() (b [256]bool) {
	for _, r := range ".!?;…" {
		b[string(r)[0]] = true
	}
	return b
}()

// mayStop says whether one of the eight bytes of w is a stopByte.
func mayStop(w uint64) bool {
	return hasZero(w^('.'*lo8)) || hasZero(w^(';'*lo8)) || hasZero(w^('!'*lo8)) || hasZero(w^('?'*lo8)) || hasZero(w^(0xe2*lo8))
}

// hasZero says whether one of the bytes of w is zero.
func hasZero(w uint64) bool { return (w-lo8)&^w&hi8 != 0 }

// noStopWord says whether noStop holds the word lower-cased.
func noStopWord(w string) bool {
	if len(w) > noStopLen && isASCII(w) {
		return false // (longer than any, lower-cased)
	}
	var buf [32]byte
	return noStop[extract.Lower(w, buf[:0])]
}

// noStopLen is the length of the longest word of noStop.
var noStopLen = func() int {
	n := 0
	for w := range noStop {
		n = max(n, len(w))
	}
	return n
}()

// initial says whether w is one capital letter.
func initial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && n > 0 && unicode.IsUpper(r)
}

func wordBefore(t string, from, i int) string {
	j := i
	for j > from && t[j-1] < utf8.RuneSelf && asciiLetter[t[j-1]] {
		j--
	}
	for j > from {
		r, n := utf8.DecodeLastRuneInString(t[from:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return t[j:i]
}
