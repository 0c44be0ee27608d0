package repair

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

const replacement = "\uFFFD"

// ligatureStage reads every U+FFFD. Inside a word it is a lost ligature:
// fi, ff, fl, ffi or ffl, the reading the corpus uses most, else one the
// word list knows, else the one most common between the same letters in
// the word list. At a word's edge where no reading makes a known word, or
// between spaces, it is a lost quotation mark or dash: an opening quote
// before a word, a closing one after it, a dash between spaces, a bullet at
// a line start. One repair fix per damaged word (its whole span), and a
// layout fix per punctuation mark restored.
func ligatureStage(in string, st *state) stageResult {
	if !strings.Contains(in, replacement) {
		return stageResult{}
	}
	french := looksFrench(in)
	readings := map[string]string{} // damaged word -> its reading, for this text
	b := text.NewBuilder(in)
	var fixes []Fix
	for i := 0; i < len(in); {
		j := strings.Index(in[i:], replacement)
		if j < 0 {
			break
		}
		p := i + j
		// The word around p: word runes, inner hyphens and apostrophes.
		ws, we := wordAround(in, p, b.Pos())
		if strings.Trim(in[ws:we], replacement) == "" {
			// A lone U+FFFD between spaces or punctuation.
			b.CopyTo(p)
			o := b.Len()
			c := loneMark(in, p)
			b.Replace(p, p+len(replacement), c)
			fixes = append(fixes, Fix{Kind: KindLayout, What: "punctuation", In: quellen.Span{Start: p, End: p + len(replacement)}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: c})
			i = p + len(replacement)
			continue
		}
		// A dash between numbers or names ("1937\uFFFD1938",
		// "Zinoviev\uFFFDKamenev"): no ligature comes before a capital.
		if before, _ := utf8.DecodeLastRuneInString(in[:p]); p > ws && isWordRune(before) && before != utf8.RuneError {
			if after, _ := utf8.DecodeRuneInString(in[p+len(replacement):]); dashBetween(before, after) {
				b.CopyTo(p)
				o := b.Len()
				b.Replace(p, p+len(replacement), "–")
				fixes = append(fixes, Fix{Kind: KindLayout, What: "punctuation", In: quellen.Span{Start: p, End: p + len(replacement)}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: "–"})
				i = p + len(replacement)
				continue
			}
		}
		// A dash further on ends the word before it.
		for q := p + len(replacement); q < we; {
			k := strings.Index(in[q:we], replacement)
			if k < 0 {
				break
			}
			q += k
			before, _ := utf8.DecodeLastRuneInString(in[:q])
			if after, _ := utf8.DecodeRuneInString(in[q+len(replacement):]); dashBetween(before, after) {
				we = q
				break
			}
			q += len(replacement)
		}
		// Opening and closing marks peeled off the word's edges.
		open, close := false, false
		word := in[ws:we]
		if strings.HasPrefix(word, replacement) && st.lex.markAtStart(word) {
			open = true
			ws += len(replacement)
		}
		if ws < we && strings.HasSuffix(in[ws:we], replacement) && st.lex.markAtEnd(in[ws:we]) {
			close = true
			we -= len(replacement)
		}
		if open {
			b.CopyTo(ws - len(replacement))
			o := b.Len()
			b.Replace(ws-len(replacement), ws, "“")
			fixes = append(fixes, Fix{Kind: KindLayout, What: "punctuation", In: quellen.Span{Start: ws - len(replacement), End: ws}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: "“"})
		}
		if ws < we && strings.Contains(in[ws:we], replacement) {
			b.CopyTo(ws)
			o := b.Len()
			clean, ok := readings[in[ws:we]]
			if !ok {
				clean = st.lex.readLigatures(in[ws:we], french)
				readings[in[ws:we]] = clean
			}
			b.Replace(ws, we, clean)
			fixes = append(fixes, Fix{Kind: KindRepair, What: "ligature", In: quellen.Span{Start: ws, End: we}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: clean})
		}
		if close {
			b.CopyTo(we)
			o := b.Len()
			b.Replace(we, we+len(replacement), "”")
			fixes = append(fixes, Fix{Kind: KindLayout, What: "punctuation", In: quellen.Span{Start: we, End: we + len(replacement)}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: "”"})
			we += len(replacement)
		}
		i = max(we, p+len(replacement))
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes}
}

// dashBetween reports whether a U+FFFD between before and after is a dash:
// between digits, or before a capital where no word in capitals is
// written ("1937\uFFFD1938", "Zinoviev\uFFFDKamenev", not "O\uFFFDCE").
func dashBetween(before, after rune) bool {
	if unicode.IsDigit(after) {
		return unicode.IsDigit(before) || unicode.IsLetter(before)
	}
	return unicode.IsUpper(after) && (unicode.IsLower(before) || unicode.IsDigit(before))
}

// wordAround returns the word holding the U+FFFD at p, not reaching back
// before floor.
func wordAround(s string, p, floor int) (int, int) {
	ws := p
	for ws > floor {
		r, n := utf8.DecodeLastRuneInString(s[:ws])
		if isWordRune(r) && !(r == utf8.RuneError && n == 1) {
			ws -= n
			continue
		}
		if (r == '-' || r == '\'' || r == '’') && ws-n > floor {
			r2, n2 := utf8.DecodeLastRuneInString(s[:ws-n])
			if isWordRune(r2) && !(r2 == utf8.RuneError && n2 == 1) && r2 != utf8.RuneError {
				ws -= n
				continue
			}
		}
		break
	}
	we := p
	for we < len(s) {
		r, n := utf8.DecodeRuneInString(s[we:])
		if isWordRune(r) && !(r == utf8.RuneError && n == 1) {
			we += n
			continue
		}
		if (r == '-' || r == '\'' || r == '’') && we+n < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[we+n:])
			if isWordRune(r2) && !(r2 == utf8.RuneError && n2 == 1) && r2 != utf8.RuneError {
				we += n
				continue
			}
		}
		break
	}
	return ws, trimPossessive(s, ws, we)
}

// trimPossessive leaves a possessive "'s" out of the word s[ws:we].
func trimPossessive(s string, ws, we int) int {
	for _, suf := range []string{"'s", "’s"} {
		if we-ws > len(suf) && strings.HasSuffix(s[ws:we], suf) {
			return we - len(suf)
		}
	}
	return we
}

// loneMark reads a U+FFFD that touches no word: a bullet at a line start,
// a closing quote after punctuation, an opening quote before punctuation
// that opens, else a dash.
func loneMark(s string, p int) string {
	before, _ := utf8.DecodeLastRuneInString(s[:p])
	after, _ := utf8.DecodeRuneInString(s[p+len(replacement):])
	ls := strings.LastIndexByte(s[:p], '\n') + 1
	atLineStart := strings.TrimSpace(s[ls:p]) == ""
	switch {
	case atLineStart && (after == ' ' || after == '\t'):
		return "•"
	case p > 0 && !unicode.IsSpace(before) && strings.ContainsRune(".,;:!?)]'’", before):
		return "”"
	case (p == 0 || unicode.IsSpace(before) || strings.ContainsRune("([", before)) && strings.ContainsRune("(['‘`", after):
		return "“"
	}
	return "—"
}

// markAtStart reports whether the U+FFFD that starts word is an opening
// quotation mark: a capital or a digit follows, or no reading of it as a
// ligature makes a word the corpus or the list knows.
func (l *Lexicon) markAtStart(word string) bool {
	rest := word[len(replacement):]
	r, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || unicode.IsUpper(r) || unicode.IsDigit(r) || r == utf8.RuneError && strings.HasPrefix(rest, replacement+replacement) {
		return rest != ""
	}
	if l.anyReadingKnown(word) {
		return false
	}
	return l.anyReadingKnown(rest) || (strings.HasSuffix(rest, replacement) && l.anyReadingKnown(strings.TrimSuffix(rest, replacement)))
}

// markAtEnd reports whether the U+FFFD that ends word is a closing
// quotation mark.
func (l *Lexicon) markAtEnd(word string) bool {
	rest := word[:len(word)-len(replacement)]
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(rest)
	if unicode.IsDigit(r) {
		return true
	}
	if l.anyReadingKnown(word) {
		return false
	}
	if l.anyReadingKnown(rest) {
		return true
	}
	// Neither is known: a mark, unless words of the list end so.
	ctx := ligatureContext()
	prev := string(unicode.ToLower(r))
	for _, lig := range ligatures {
		if ctx[prev+"|"+lig+"|"] > 0 {
			return false
		}
	}
	return true
}

// anyReadingKnown reports whether every part of word ("-" and "'" split
// it) has a reading known to the corpus or the list.
func (l *Lexicon) anyReadingKnown(word string) bool {
	for part := range strings.FieldsFuncSeq(word, isCompoundSep) {
		if !l.listed(strings.ToLower(part)) {
			return false
		}
	}
	return true
}

func isCompoundSep(r rune) bool { return r == '-' || r == '\'' || r == '’' }

// readLigatures returns word with each U+FFFD read as a ligature.
func (l *Lexicon) readLigatures(word string, french bool) string {
	var sb strings.Builder
	start := 0
	for i, r := range word {
		if isCompoundSep(r) {
			sb.WriteString(l.readPart(word[start:i], french))
			sb.WriteRune(r)
			start = i + utf8.RuneLen(r)
		}
	}
	sb.WriteString(l.readPart(word[start:], french))
	return sb.String()
}

// readPart reads the U+FFFDs of one part of a word.
func (l *Lexicon) readPart(part string, french bool) string {
	if !strings.Contains(part, replacement) {
		return part
	}
	lower := strings.ToLower(part)
	var best []string
	bestScore := 0
	expandLigs(lower, nil, func(x string, ligs []string) bool {
		if s := l.known(x, french); s > bestScore {
			best, bestScore = append([]string(nil), ligs...), s
		}
		return true
	})
	if bestScore == 0 {
		best = l.guessLigatures(lower)
	}
	caps := allCaps(part)
	pieces := strings.Split(part, replacement)
	var sb strings.Builder
	for k, p := range pieces {
		sb.WriteString(p)
		if k < len(pieces)-1 {
			lig := "fi"
			if k < len(best) {
				lig = best[k]
			}
			if caps {
				lig = strings.ToUpper(lig)
			}
			sb.WriteString(lig)
		}
	}
	return sb.String()
}

// expandLigs yields every reading of w with each U+FFFD read as a
// ligature (w itself past three of them), with the ligatures it chose.
func expandLigs(w string, ligs []string, yield func(string, []string) bool) bool {
	i := strings.Index(w, replacement)
	if i < 0 || len(ligs) >= 3 {
		return yield(w, ligs)
	}
	for _, lig := range ligatures {
		if !expandLigs(w[:i]+lig+w[i+len(replacement):], append(ligs, lig), yield) {
			return false
		}
	}
	return true
}

// guessLigatures reads each U+FFFD of an unknown word as the ligature the
// word list has most between the same letters.
func (l *Lexicon) guessLigatures(w string) []string {
	ctx := ligatureContext()
	var out []string
	for i := 0; i < len(w); {
		if !strings.HasPrefix(w[i:], replacement) {
			_, n := utf8.DecodeRuneInString(w[i:])
			i += n
			continue
		}
		prev, next := "", ""
		if i > 0 {
			_, n := utf8.DecodeLastRuneInString(w[:i])
			prev = w[i-n : i]
		}
		if k := i + len(replacement); k < len(w) {
			_, n := utf8.DecodeRuneInString(w[k:])
			next = w[k : k+n]
		}
		prev2, next2 := prev, next
		if i > len(prev) {
			_, n := utf8.DecodeLastRuneInString(w[:i-len(prev)])
			prev2 = w[i-len(prev)-n : i]
		}
		if k := i + len(replacement) + len(next); len(next) > 0 && k < len(w) {
			_, n := utf8.DecodeRuneInString(w[k:])
			next2 = w[k-len(next) : k+n]
		}
		best, bestN := "fi", 0
		for _, lig := range ligatures {
			if n := ctx[prev2+"|"+lig+"|"+next2]; n > bestN {
				best, bestN = lig, n
			}
		}
		if bestN == 0 {
			for _, lig := range ligatures {
				if n := ctx[prev+"|"+lig+"|"+next]; n > bestN {
					best, bestN = lig, n
				}
			}
		}
		out = append(out, best)
		i += len(replacement)
	}
	return out
}

// allCaps reports whether word is written in capitals (two letters at least).
func allCaps(word string) bool {
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 1
}
