package lang

import (
	"unicode"
	"unicode/utf8"
)

// script is a writing system Detect tells apart.
type script int

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptHebrew
	scriptArabic
	scriptHan
	scriptKana
	scriptHangul
	scriptDevanagari
	scriptArmenian
	scriptGeorgian
	scriptThai
	scriptBengali
	scriptTamil
	nScripts
)

// scripts counts the letters of a text by script, and the Cyrillic and
// Arabic letters that tell languages of one script apart.
type scripts struct {
	n       [nScripts]int
	ruOnly  int // ы э ё
	hard    int // ъ
	hardEnd int // ъ at the end of a word (pre-1918 Russian)
	yat     int // ѣ ѳ ѵ
	ukr     int // ї є ґ
	iDot    int // і
	be      int // ў
	sr      int // ђ ј љ њ ћ џ
	mk      int // ѓ ќ ѕ
	persian int // پ چ ژ گ ک ی
	urdu    int // ٹ ڈ ڑ ں ے
}

// asciiLetter is 1 for the ASCII letters, by byte.
var asciiLetter = func() (t [256]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		t[b], t[b-'a'+'A'] = 1, 1
	}
	return t
}()

func (c *scripts) count(s string) {
	prev := rune(0)
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			// ASCII, most of most texts: a run of it at a time
			if prev == 'ъ' && asciiLetter[b] == 0 {
				c.hardEnd++
			}
			n := 0
			j := i
			for ; j < len(s) && s[j] < utf8.RuneSelf; j++ {
				n += int(asciiLetter[s[j]])
			}
			c.n[scriptLatin] += n
			prev = rune(s[j-1])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if prev == 'ъ' && !unicode.IsLetter(r) {
			c.hardEnd++
		}
		prev = r
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

// major returns the script with the most letters; Japanese kana and the
// Han characters among them count together.
func (c *scripts) major() script {
	best, n := scriptNone, 0
	for s := scriptLatin; s < nScripts; s++ {
		k := c.n[s]
		if s == scriptHan || s == scriptKana {
			k = c.n[scriptHan] + c.n[scriptKana]
		}
		if k > n {
			best, n = s, k
		}
	}
	if n < 2 && best != scriptHan && best != scriptKana {
		return scriptNone // one stray letter says nothing
	}
	return best
}

// cyrillic tells the Cyrillic languages apart by their own letters.
// Russian is the default: in this domain it is by far the most frequent.
func (c *scripts) cyrillic() string {
	letters := c.n[scriptCyrillic]
	if letters < 3 {
		return ""
	}
	switch {
	case c.yat > 0 || (c.hardEnd > 0 && c.ruOnly > 0):
		return "ru" // pre-1918 orthography
	case c.be > 0:
		return "be"
	case c.mk > 0 && c.ruOnly == 0:
		return "mk"
	case c.sr > 0 && c.ruOnly == 0:
		return "sr"
	case c.ukr > 0 && c.ruOnly == 0, c.iDot >= 2 && c.ruOnly == 0:
		return "uk"
	case c.ruOnly > 0:
		return "ru"
	case c.hard*100 >= letters && letters >= 20:
		return "bg" // ъ as a vowel, and neither ы nor э
	}
	return "ru"
}

// other names the language of a script that has one main language.
func (c *scripts) other(s script) string {
	switch s {
	case scriptGreek:
		return "el"
	case scriptHebrew:
		return "he"
	case scriptArabic:
		switch {
		case c.urdu > 0:
			return "ur"
		case c.persian > 0:
			return "fa"
		}
		return "ar"
	case scriptHan, scriptKana:
		if c.n[scriptKana] > 0 {
			return "ja"
		}
		return "zh"
	case scriptHangul:
		return "ko"
	case scriptDevanagari:
		return "hi"
	case scriptArmenian:
		return "hy"
	case scriptGeorgian:
		return "ka"
	case scriptThai:
		return "th"
	case scriptBengali:
		return "bn"
	case scriptTamil:
		return "ta"
	}
	return ""
}
