package lang

import (
	"testing"
	"unicode"
)

// countRef is scripts.count as it was before its ASCII fast path, a rune
// at a time.
func (c *scripts) countRef(s string) {
	prev := rune(0)
	for _, r := range s {
		if prev == 'ъ' && !unicode.IsLetter(r) {
			c.hardEnd++
		}
		prev = r
		if r < 0x80 {
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				c.n[scriptLatin]++
			}
			continue
		}
		switch {
		case r >= 0x400 && r <= 0x52f:
			c.n[scriptCyrillic]++
			switch r {
			case 'ы', 'э', 'ё', 'Ы', 'Э', 'Ё':
				c.ruOnly++
			case 'ъ', 'Ъ':
				c.hard++
			case 'ѣ', 'Ѣ', 'ѳ', 'Ѳ', 'ѵ', 'Ѵ':
				c.yat++
			case 'ї', 'Ї', 'є', 'Є', 'ґ', 'Ґ':
				c.ukr++
			case 'і', 'І':
				c.iDot++
			case 'ў', 'Ў':
				c.be++
			case 'ђ', 'Ђ', 'ј', 'Ј', 'љ', 'Љ', 'њ', 'Њ', 'ћ', 'Ћ', 'џ', 'Џ':
				c.sr++
			case 'ѓ', 'Ѓ', 'ќ', 'Ќ', 'ѕ', 'Ѕ':
				c.mk++
			}
		case r >= 0xc0 && r <= 0x24f, r >= 0x1e00 && r <= 0x1eff:
			if unicode.IsLetter(r) {
				c.n[scriptLatin]++
			}
		case r >= 0x370 && r <= 0x3ff, r >= 0x1f00 && r <= 0x1fff:
			c.n[scriptGreek]++
		case r >= 0x590 && r <= 0x5ff:
			if unicode.IsLetter(r) {
				c.n[scriptHebrew]++
			}
		case r >= 0x600 && r <= 0x6ff, r >= 0x750 && r <= 0x77f:
			if unicode.IsLetter(r) {
				c.n[scriptArabic]++
				switch r {
				case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
					c.persian++
				case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے':
					c.urdu++
				}
			}
		case r >= 0x3040 && r <= 0x30ff:
			c.n[scriptKana]++
		case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf:
			c.n[scriptHan]++
		case r >= 0xac00 && r <= 0xd7af, r >= 0x1100 && r <= 0x11ff:
			c.n[scriptHangul]++
		case r >= 0x900 && r <= 0x97f:
			c.n[scriptDevanagari]++
		case r >= 0x530 && r <= 0x58f:
			c.n[scriptArmenian]++
		case r >= 0x10a0 && r <= 0x10ff:
			c.n[scriptGeorgian]++
		case r >= 0xe00 && r <= 0xe7f:
			c.n[scriptThai]++
		case r >= 0x980 && r <= 0x9ff:
			c.n[scriptBengali]++
		case r >= 0xb80 && r <= 0xbff:
			c.n[scriptTamil]++
		}
	}
	if prev == 'ъ' {
		c.hardEnd++
	}
}

func checkCount(t *testing.T, s string) {
	t.Helper()
	var a, b scripts
	a.count(s)
	b.countRef(s)
	if a != b {
		t.Fatalf("count(%.60q) = %+v, want %+v", s, a, b)
	}
}

func TestCountSameAsRuneByRune(t *testing.T) {
	for _, s := range []string{"", "abc", "объявленъ.", "объявленъ a", "ъ", "ъъ", "ъ\xff", "Ѣ ѣ і ў ђ ѓ", "Ελληνικά", "שלום", "日本語",
		"mixed Latin и кириллица", "съ\u00a0", "ъ1", "ъ@", "ъ[", "\xffъ", "Ærø ŒUVRE ẞ"} {
		checkCount(t, s)
	}
}

func FuzzCount(f *testing.F) {
	for _, s := range []string{"объявленъ.", "ъa", "Ελ", "a\xffb"} {
		f.Add(s)
	}
	f.Fuzz(checkCount)
}

// invertedMarksRef is how detectLatin counted '¿' and '¡' before
// invertedMarks: a rune at a time.
func invertedMarksRef(s string) int {
	n := 0
	for _, r := range s {
		if r == '¿' || r == '¡' {
			n++
		}
	}
	return n
}

func checkInvertedMarks(t *testing.T, s string) {
	t.Helper()
	if got, want := invertedMarks(s), invertedMarksRef(s); got != want {
		t.Fatalf("invertedMarks(%q) = %d, want %d", s, got, want)
	}
}

func TestInvertedMarksSameAsRuneByRune(t *testing.T) {
	for _, s := range []string{"", "¿Qué?", "¡Hola! ¿y tú?", "\xc2", "\xc2\xbf", "\xc2\xc2\xbf", "\xe2\xc2\xa1", "\xbf\xa1", "Â¿", "ž¿¡¡", "¿"[:1]} {
		checkInvertedMarks(t, s)
	}
}

func FuzzInvertedMarks(f *testing.F) {
	for _, s := range []string{"¿Qué?", "\xc2\xbf", "a\xffb¡"} {
		f.Add(s)
	}
	f.Fuzz(checkInvertedMarks)
}
