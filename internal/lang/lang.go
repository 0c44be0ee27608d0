// Package lang tells the language of a paragraph or a quotation: Unicode
// script first (Cyrillic, Greek, Hebrew, Arabic, CJK, ...), then, for Latin
// script, word statistics (stop words, diacritics, elisions and word
// endings) for English, French, German, Spanish, Italian, Latin,
// Portuguese, Dutch, Polish and Czech, and an own detector for Russian
// written in Latin transliteration ("ru-Latn": "Nado zhe bylo",
// "khoziaistvo"). A string too short or too mixed to tell gives "".
package lang

import (
	"strings"
	"unicode/utf8"
)

// maxScan is how many bytes of a long paragraph are read: the language of a
// paragraph is settled long before, and Detect runs on every paragraph of
// large corpora.
const maxScan = 8 << 10

// Detect returns the ISO 639-1 code of s ("ru-Latn" for transliterated
// Russian), or "" when it cannot tell.
func Detect(s string) string {
	code, _ := detect(s, "")
	return code
}

// DetectIn is Detect for a short text, such as a quotation, that sits in
// a context of language prior (the paragraph's or the document's): where
// s alone is too short to tell, it returns prior unless the evidence in s
// speaks against it, or its script cannot be prior's.
func DetectIn(s, prior string) string {
	code, ok := detect(s, prior)
	if code != "" || !ok {
		return code
	}
	return prior
}

// detect returns the language of s, and, when it is "", whether prior
// fits what little s shows.
func detect(s, prior string) (string, bool) {
	if len(s) > maxScan {
		cut := maxScan
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = dropURLs(s)
	var sc scripts
	sc.count(s)
	switch major := sc.major(); major {
	case scriptNone:
		return "", false
	case scriptLatin:
		return detectLatin(s, prior)
	case scriptCyrillic:
		code := sc.cyrillic()
		if code == "" {
			return "", isCyrillicLang(prior)
		}
		return code, true
	default:
		code := sc.other(major)
		return code, code == prior
	}
}

// IsTransliterated reports whether code names a language written in a
// script not its own ("ru-Latn").
func IsTransliterated(code string) bool { return code == RussianLatin }

// RussianLatin is the code of Russian in Latin transliteration.
const RussianLatin = "ru-Latn"

func isCyrillicLang(code string) bool {
	switch code {
	case "ru", "uk", "be", "bg", "sr", "mk":
		return true
	}
	return false
}

// dropURLs blanks out web addresses, whose words are no language's.
func dropURLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return s
	}
	var b strings.Builder
	for i, f := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if !strings.Contains(f, "://") && !strings.HasPrefix(f, "www.") {
			b.WriteString(f)
		}
	}
	return b.String()
}
