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
	var out []sentence
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
			if r == '.' && (noStop[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]))) {
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

func wordBefore(t string, from, i int) string {
	j := i
	for j > from {
		r, n := utf8.DecodeLastRuneInString(t[from:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return t[j:i]
}
