// Package searchkey folds words into the keys that both stores index and
// query: a word's Snowball stem in its passage's language (english, french,
// russian; Cyrillic words always Russian), lower-cased, without accents,
// Cyrillic transliterated to Latin, and the spellings that Russian names are
// rendered with in English, French and German brought to one, so that
// Сталин, Stalin and Staline have one key. internal/sqlite and
// internal/postgres share it, so that they answer a query alike.
package searchkey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball"
	"golang.org/x/text/unicode/norm"
)

// Word is a run of letters, digits and marks in a text.
type Word struct{ Start, End int }

// IsWordRune reports whether r belongs to a word: a letter, digit or mark.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Words cuts text into its words (apostrophes and hyphens separate).
func Words(text string) []Word {
	var ws []Word
	start := -1
	for i, r := range text {
		if IsWordRune(r) && r != utf8.RuneError {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			ws = append(ws, Word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, Word{start, len(text)})
	}
	return ws
}

// Fold lower-cases s and removes its accents (Société → société → societe,
// й → и, ё → е).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// cyrillicKey transliterates the Russian alphabet (after fold) to the key
// letters; ж ш ч щ share one, as their French and German renderings do.
var cyrillicKey = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "š", 'з': "z", 'и': "i",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "š", 'ш': "š", 'щ': "š", 'ъ': "", 'ы': "i",
	'ь': "", 'э': "e", 'ю': "iu", 'я': "ia", 'і': "i", 'ї': "i", 'є': "e", 'ў': "u",
}

// latinKey brings the renderings of Russian sounds in English, French and
// German (and the scholarly and ISO systems, once folded) to one spelling.
// Longer spellings come first: a Replacer tries them in order.
var latinKey = strings.NewReplacer(
	"schtsch", "š", "shch", "š", "chtch", "š", "tsch", "š", "tch", "š", "sch", "š",
	"zh", "š", "sh", "š", "ch", "š", "kh", "h", "ts", "c", "tz", "c", "ou", "u",
	"w", "v", "j", "i", "y", "i", "x", "h",
)

// Normalize turns a folded word into its key.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if k, ok := cyrillicKey[r]; ok {
			b.WriteString(k)
		} else if IsWordRune(r) && !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	s = latinKey.Replace(b.String())
	// Doubled letters are single (Thälmann, Molotoff), a final -ine is -in
	// (Staline, Lénine).
	b.Reset()
	var last rune
	for _, r := range s {
		if r == last && !unicode.IsDigit(r) {
			continue
		}
		last = r
		b.WriteRune(r)
	}
	s = b.String()
	if len(s) > 4 && strings.HasSuffix(s, "ine") {
		s = s[:len(s)-1]
	}
	return s
}

// stemmer names the Snowball stemmer for a word of a passage in lang, or
// "" for none.
func stemmer(w, lang string) string {
	for _, r := range w {
		if unicode.Is(unicode.Cyrillic, r) {
			return "russian"
		}
	}
	switch BaseLang(lang) {
	case "en":
		return "english"
	case "fr":
		return "french"
	}
	return ""
}

// BaseLang is the ISO 639-1 part of a language tag (fr-CA → fr).
func BaseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// Stem returns the Snowball stem of a lower-case word, or the word.
func Stem(w, lang string) string {
	sl := stemmer(w, lang)
	if sl == "" {
		return w
	}
	s, err := snowball.Stem(w, sl, true)
	if err != nil || s == "" {
		return w
	}
	return s
}

// Key is the search key of a word of a passage in lang.
func Key(w, lang string) string {
	return Normalize(Fold(Stem(strings.ToLower(w), lang)))
}

// NameKey is the key of a word of a name: not stemmed.
func NameKey(w string) string { return Normalize(Fold(w)) }

// TextKeys returns the keys of text's words in lang, space-separated.
// cache, when not nil, keeps the keys of the words of one language.
func TextKeys(text, lang string, cache map[string]string) string {
	var b strings.Builder
	for _, w := range Words(text) {
		s := text[w.Start:w.End]
		k, ok := cache[s]
		if !ok {
			k = Key(s, lang)
			if cache != nil {
				cache[s] = k
			}
		}
		if k != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(k)
		}
	}
	return b.String()
}

// Cache keeps the keys of words by language for Cache.TextKeys, to be
// used by one goroutine at a time and kept from one text to the next (the
// words of a corpus repeat: most are stemmed once). It holds copies of the
// words, never the texts they came from, and forgets everything when it
// reaches MaxCached words.
type Cache struct {
	langs map[string]map[string]string
	n     int
}

// MaxCached is the most words a Cache keeps.
const MaxCached = 1 << 17

// Key is the package's Key, from the cache when it has the word.
func (c *Cache) Key(w, lang string) string {
	m := c.langs[lang]
	if m == nil {
		if c.langs == nil {
			c.langs = map[string]map[string]string{}
		}
		m = map[string]string{}
		c.langs[lang] = m
	}
	if k, ok := m[w]; ok {
		return k
	}
	k := Key(w, lang)
	if c.n >= MaxCached {
		clear(c.langs)
		c.langs[lang], c.n = m, 0
		clear(m)
	}
	m[strings.Clone(w)] = k
	c.n++
	return k
}

// TextKeys returns the keys of text's words in lang, space-separated, as
// the package's TextKeys.
func (c *Cache) TextKeys(text, lang string) string {
	b := make([]byte, 0, len(text))
	start := -1
	word := func(end int) {
		if k := c.Key(text[start:end], lang); k != "" {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, k...)
		}
		start = -1
	}
	for i, r := range text {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
				continue
			}
		} else if IsWordRune(r) && r != utf8.RuneError {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(i)
		}
	}
	if start >= 0 {
		word(len(text))
	}
	return string(b)
}

// NameKeys returns the name keys of text's words, space-separated.
func NameKeys(text string) string {
	var ks []string
	for _, w := range Words(text) {
		if k := NameKey(text[w.Start:w.End]); k != "" {
			ks = append(ks, k)
		}
	}
	return strings.Join(ks, " ")
}
