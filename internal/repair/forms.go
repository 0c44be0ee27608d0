package repair

import (
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// presentationLigatures are the ligature characters of Unicode's
// alphabetic presentation forms, as the letters they join.
var presentationLigatures = map[rune]string{
	'\uFB00': "ff", '\uFB01': "fi", '\uFB02': "fl", '\uFB03': "ffi", '\uFB04': "ffl", '\uFB05': "st", '\uFB06': "st",
}

const softHyphen = '\u00AD'

func isPresentationLigature(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }

// formsStage undoes damage to characters rather than to words' letters:
// ligature characters kept as such ("ﬁrst" is "first"), UTF-8 read as
// Windows-1252 ("SociÃ©tÃ©" is "Société"), each a repair fix of the
// whole word; and soft hyphens inside a word, dropped as a layout fix (one
// before a line end is left to the hyphenation stage).
func formsStage(in string, st *state) stageResult {
	if !hasFormDamage(in) {
		return stageResult{}
	}
	b := text.NewBuilder(in)
	var fixes []Fix
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRuneInString(in[i:])
		switch {
		case r == softHyphen:
			if lineBreakAfter(in, i+n) || i < b.Pos() {
				i += n
				continue
			}
			b.CopyTo(i)
			o := b.Len()
			b.Delete(i + n)
			fixes = append(fixes, Fix{Kind: KindLayout, What: "soft_hyphen", In: quellen.Span{Start: i, End: i + n}, Out: quellen.Span{Start: o, End: o}})
			i += n
		case r < 0x80:
			i++
		case isPresentationLigature(r) || mojibakeAt(in, i) > 0:
			ws, we := formWord(in, i, b.Pos())
			clean := readForms(in[ws:we])
			if clean == in[ws:we] {
				i += n
				continue
			}
			b.CopyTo(ws)
			o := b.Len()
			b.Replace(ws, we, clean)
			what := "ligature"
			if !isPresentationLigature(r) {
				what = "encoding"
			}
			fixes = append(fixes, Fix{Kind: KindRepair, What: what, In: quellen.Span{Start: ws, End: we}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: clean})
			i = we
		default:
			i += n
		}
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes}
}

// formWord returns the word around a damaged character at i: word runes
// and mis-read sequences, not reaching back before floor.
func formWord(s string, i, floor int) (int, int) {
	ws := i
	for ws > floor {
		r, n := utf8.DecodeLastRuneInString(s[:ws])
		if !isWordRune(r) || r == utf8.RuneError {
			break
		}
		ws -= n
	}
	we := i
	for we < len(s) {
		if m := mojibakeAt(s, we); m > 0 {
			we += m
			continue
		}
		r, n := utf8.DecodeRuneInString(s[we:])
		if !isWordRune(r) || r == utf8.RuneError {
			break
		}
		we += n
	}
	if we == i {
		_, n := utf8.DecodeRuneInString(s[i:])
		we = i + n
	}
	return ws, we
}

// hasFormDamage is a quick look for anything formsStage repairs.
func hasFormDamage(s string) bool {
	for i, r := range s {
		if r < 0xC2 {
			if r == softHyphen {
				return true
			}
			continue
		}
		if isPresentationLigature(r) || (r <= 0xF4 && mojibakeAt(s, i) > 0) {
			return true
		}
	}
	return false
}

// cp1252Byte returns the Windows-1252 byte that r was read from, if any.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	for i, c := range cp1252High {
		if c == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// cp1252High is what Windows-1252 makes of bytes 0x80-0x9F (U+FFFD where
// it defines nothing).
var cp1252High = []rune("€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ")

// mojibakeAt returns the length of a UTF-8 sequence read as Windows-1252
// at s[i:] ("Ã©" for "é"), or 0.
func mojibakeAt(s string, i int) int {
	var buf [4]byte
	j, k := i, 0
	for j < len(s) && k < 4 {
		r, n := utf8.DecodeRuneInString(s[j:])
		c, ok := cp1252Byte(r)
		if !ok || r == utf8.RuneError {
			break
		}
		buf[k] = c
		k++
		j += n
		if utf8.FullRune(buf[:k]) {
			break
		}
	}
	if k < 2 {
		return 0
	}
	r, size := utf8.DecodeRune(buf[:k])
	if r == utf8.RuneError || size != k || r < 0x80 {
		return 0
	}
	return j - i
}

// readForms rewrites a word's ligature characters and mis-read UTF-8.
func readForms(w string) string {
	var sb strings.Builder
	for i := 0; i < len(w); {
		if n := mojibakeAt(w, i); n > 0 {
			var buf []byte
			for _, r := range w[i : i+n] {
				c, _ := cp1252Byte(r)
				buf = append(buf, c)
			}
			sb.Write(buf)
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if lig := presentationLigatures[r]; lig != "" {
			sb.WriteString(lig)
		} else {
			sb.WriteString(w[i : i+n])
		}
		i += n
	}
	return sb.String()
}
