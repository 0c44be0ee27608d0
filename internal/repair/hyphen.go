package repair

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// hyphenStage joins words hyphenated at line ends ("con-\n\ncession" is
// "concession") and keeps the hyphens that belong to the word
// ("franco-\n\nlesnienne" is "franco-lesnienne"). What the corpus writes
// decides first (the joined or the hyphenated form, whichever it uses
// more), then the word list (the joined form known), then the parts (both
// known as words on their own, and the whole not, keeps the hyphen); a
// capital or a digit after the hyphen keeps it; otherwise the word is
// joined. One repair fix per word, covering both parts and the line break.
func hyphenStage(in string, st *state) stageResult {
	if !strings.Contains(in, "-\n") && !strings.Contains(in, "-\r\n") && !strings.Contains(in, "\u00AD") {
		return stageResult{}
	}
	b := text.NewBuilder(in)
	var fixes []Fix
	for i := 0; i < len(in); {
		j := strings.IndexAny(in[i:], "-\u00AD")
		if j < 0 {
			break
		}
		h := i + j // the hyphen
		hl := 1    // its length
		soft := in[h] != '-'
		if soft {
			hl = len("\u00AD")
		}
		i = h + hl
		if h == 0 || h < b.Pos() {
			continue
		}
		// The line break right after the hyphen (a space before it is a
		// hyphen left hanging: "pre- and post-war"), then spaces and at most
		// three line ends.
		if h+hl < len(in) && in[h+hl] != '\n' && in[h+hl] != '\r' && !soft {
			continue
		}
		k, nl := h+hl, 0
		for k < len(in) && (in[k] == ' ' || in[k] == '\t' || in[k] == '\r' || in[k] == '\n') && nl <= 3 {
			if in[k] == '\n' {
				nl++
			}
			k++
		}
		if nl == 0 || nl > 3 || k >= len(in) {
			continue
		}
		// The two parts.
		fs := h
		for fs > b.Pos() {
			r, n := utf8.DecodeLastRuneInString(in[:fs])
			if isWordRune(r) && !(r == utf8.RuneError && n == 1) {
				fs -= n
				continue
			}
			if (r == '-' || r == '\'' || r == '’') && fs-n > b.Pos() {
				r2, n2 := utf8.DecodeLastRuneInString(in[:fs-n])
				if isWordRune(r2) && !(r2 == utf8.RuneError && n2 == 1) {
					fs -= n
					continue
				}
			}
			break
		}
		se := k
		for sp := range words(in[k:]) {
			if sp.start == 0 {
				se = k + sp.end
			}
			break
		}
		se = trimPossessive(in, k, se)
		if fs == h || se == k {
			continue
		}
		first, second := in[fs:h], in[k:se]
		keep := !soft && keepHyphen(first, second, st.lex) // a soft hyphen is never kept
		b.CopyTo(h)
		o := b.Len() - (h - fs)
		if keep {
			b.Replace(h, k, "-")
		} else {
			b.Replace(h, k, "")
		}
		b.CopyTo(se)
		fixes = append(fixes, Fix{Kind: KindRepair, What: "hyphenation", In: quellen.Span{Start: fs, End: se}, Out: quellen.Span{Start: o, End: b.Len()}})
		i = se
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes}
}

// keepHyphen decides whether a line-end hyphen between first and second
// belongs to the word.
func keepHyphen(first, second string, lex *Lexicon) bool {
	lastFirst, _ := utf8.DecodeLastRuneInString(first)
	r, _ := utf8.DecodeRuneInString(second)
	if unicode.IsDigit(lastFirst) || unicode.IsDigit(r) || unicode.IsUpper(r) {
		return true
	}
	f, s := strings.ToLower(first), strings.ToLower(second)
	// What the corpus writes.
	joined, hyph := lex.bestCount(f+s), lex.bestCount(f+"-"+s)
	if hyph > joined {
		return true
	}
	if joined > 0 {
		return false
	}
	// The last part of a compound split again ("anti-fas-" "cist").
	seg := f
	if i := strings.LastIndexAny(f, "-'’"); i >= 0 {
		seg = f[i+1:]
	}
	if lex.listed(seg + s) {
		return false
	}
	return utf8.RuneCountInString(seg) >= 2 && utf8.RuneCountInString(s) >= 3 &&
		lex.listed(seg) && lex.listed(s) && seg != s
}

// expand yields every reading of w, U+FFFD read as ligatures.
func expand(w string, yield func(string) bool) bool {
	return expandLigs(w, nil, func(x string, _ []string) bool { return yield(x) })
}

// bestCount is the corpus count of the best reading of w.
func (l *Lexicon) bestCount(w string) int {
	best := 0
	expand(w, func(x string) bool {
		best = max(best, l.count(x))
		return true
	})
	return best
}

// listed reports whether some reading of w is in the corpus or the list.
func (l *Lexicon) listed(w string) bool {
	found := false
	expand(w, func(x string) bool {
		found = l.count(x) > 0 || inList(x)
		return !found
	})
	return found
}
