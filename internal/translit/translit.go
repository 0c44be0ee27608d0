// Package translit transliterates Russian between Cyrillic and Latin script
// in the schemes historians meet (ISO 9, ALA-LC, BGN/PCGN, the scholarly
// system, and the French and German renderings of Russian names), both
// ways, and gives matching keys so that Сталин, Stalin and Staline, or
// Sveshnikov, Svechnikov and Swetschnikow, are recognised as one name.
package translit

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Scheme is a romanisation of Russian.
type Scheme int

// The schemes.
const (
	ISO9      Scheme = iota // ISO 9:1995 (one letter per letter, diacritics)
	ALALC                   // ALA-LC, without the tie bars
	BGN                     // BGN/PCGN, the English press and maps
	Scholarly               // the scholarly (linguistic) system
	French                  // the French rendering (Staline, Svechnikov)
	German                  // the German (Duden) rendering (Swetschnikow)
)

// Schemes lists every scheme, in the order of the constants.
var Schemes = []Scheme{ISO9, ALALC, BGN, Scholarly, French, German}

func (s Scheme) String() string {
	switch s {
	case ISO9:
		return "iso9"
	case ALALC:
		return "ala-lc"
	case BGN:
		return "bgn"
	case Scholarly:
		return "scholarly"
	case French:
		return "fr"
	case German:
		return "de"
	}
	return "unknown"
}

// cyr is the Russian alphabet, in order; each scheme's table gives the
// rendering of the same letter at the same index.
var cyr = []rune("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

var tables = map[Scheme][]string{
	ISO9:      {"a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "h", "c", "č", "š", "ŝ", "ʺ", "y", "ʹ", "è", "û", "â"},
	ALALC:     {"a", "b", "v", "g", "d", "e", "ë", "zh", "z", "i", "ĭ", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ʺ", "y", "ʹ", "ė", "iu", "ia"},
	BGN:       {"a", "b", "v", "g", "d", "e", "ë", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"},
	Scholarly: {"a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "x", "c", "č", "š", "šč", "ʺ", "y", "ʹ", "è", "ju", "ja"},
	French:    {"a", "b", "v", "g", "d", "e", "io", "j", "z", "i", "ï", "k", "l", "m", "n", "o", "p", "r", "s", "t", "ou", "f", "kh", "ts", "tch", "ch", "chtch", "", "y", "", "e", "iou", "ia"},
	German:    {"a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju", "ja"},
}

var fwd = map[Scheme]map[rune]string{}

// rev holds, per scheme, Latin sequences to Cyrillic, longest first.
type revEntry struct {
	lat string
	cyr rune
}

var rev = map[Scheme][]revEntry{}

// revBy is rev by the first byte of the Latin sequence, in rev's order.
var revBy = map[Scheme]*[256][]revEntry{}

func init() {
	for s, t := range tables {
		m := map[rune]string{}
		seen := map[string]bool{}
		var r []revEntry
		for i, c := range cyr {
			m[c] = t[i]
			if t[i] == "" || seen[t[i]] {
				continue
			}
			seen[t[i]] = true
			r = append(r, revEntry{t[i], c})
		}
		// Common alternatives met in the wild, read back in each scheme.
		for _, e := range extras[s] {
			if !seen[e.lat] {
				seen[e.lat] = true
				r = append(r, e)
			}
		}
		// Where one Latin spelling renders two letters, read back the commoner (German s: с, sch: ш).
		for k := range r {
			switch {
			case s == German && r[k].lat == "s":
				r[k].cyr = 'с'
			case s == German && r[k].lat == "sch":
				r[k].cyr = 'ш'
			}
		}
		sort.SliceStable(r, func(i, j int) bool { return len(r[i].lat) > len(r[j].lat) })
		fwd[s] = m
		rev[s] = r
		by := new([256][]revEntry)
		for _, e := range r {
			by[e.lat[0]] = append(by[e.lat[0]], e)
		}
		revBy[s] = by
	}
}

var extras = map[Scheme][]revEntry{
	BGN:       {{"ye", 'е'}, {"yo", 'ё'}, {"w", 'в'}, {"x", 'х'}, {"j", 'й'}, {"h", 'х'}},
	ALALC:     {{"i", 'и'}, {"y", 'ы'}, {"ie", 'е'}, {"h", 'х'}},
	French:    {{"ié", 'е'}, {"ye", 'е'}, {"i", 'и'}, {"u", 'у'}, {"ch", 'ш'}, {"w", 'в'}, {"h", 'х'}},
	German:    {{"ss", 'с'}, {"je", 'е'}, {"v", 'в'}, {"h", 'х'}, {"tz", 'ц'}},
	ISO9:      {{"x", 'х'}},
	Scholarly: {{"h", 'х'}},
}

// IsCyrillic reports whether s holds a Cyrillic letter.
func IsCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// ToLatin romanises the Cyrillic letters of s in scheme sc; other
// characters pass through. Capitals stay capitals (Щ → Shch).
func ToLatin(s string, sc Scheme) string {
	m := fwd[sc]
	if m == nil {
		m = fwd[BGN]
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	rs := []rune(s)
	for i, r := range rs {
		lr := unicode.ToLower(r)
		lat, ok := m[lr]
		if !ok {
			b.WriteRune(r)
			continue
		}
		// Word-initial е is ye in BGN and French writes ié/e; keep one letter for the others.
		if lr == 'е' && (i == 0 || !unicode.IsLetter(rs[i-1]) || isCyrVowel(rs[i-1])) {
			switch sc {
			case BGN:
				lat = "ye"
			case German:
				lat = "je"
			}
		}
		// German doubles s between vowels (Wassili); French writes ss too.
		if lr == 'с' && (sc == German || sc == French) && i > 0 && i+1 < len(rs) && isCyrVowel(rs[i-1]) && isCyrVowel(rs[i+1]) {
			lat = "ss"
		}
		// French й after и is dropped in -ий (Vassili), and и after a vowel takes a diaeresis.
		if sc == French && lr == 'й' && i > 0 && unicode.ToLower(rs[i-1]) == 'и' {
			lat = ""
		}
		if sc == BGN && lr == 'й' && i > 0 && unicode.ToLower(rs[i-1]) == 'и' && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])) {
			lat = "y"
		}
		if unicode.IsUpper(r) && lat != "" {
			// Title case unless the next letter is a capital too (СССР → SSSR).
			up := i+1 < len(rs) && unicode.IsUpper(rs[i+1])
			if up {
				lat = strings.ToUpper(lat)
			} else {
				f, n := utf8.DecodeRuneInString(lat)
				lat = string(unicode.ToUpper(f)) + lat[n:]
			}
		}
		b.WriteString(lat)
	}
	return b.String()
}

func isCyrVowel(r rune) bool {
	return strings.ContainsRune("аеёиоуыэюяАЕЁИОУЫЭЮЯ", r)
}

// ToCyrillic reads Latin s back into Cyrillic as a rendering in scheme sc,
// longest sequence first; characters it does not know pass through.
// Capitals stay capitals.
func ToCyrillic(s string, sc Scheme) string {
	by := revBy[sc]
	if by == nil {
		by = revBy[BGN]
	}
	var b strings.Builder
	low := strings.ToLower(norm.NFC.String(s))
	orig := norm.NFC.String(s)
	if len(low) != len(orig) { // a case change that altered lengths: work on the lower case only
		orig = low
	}
	i := 0
	prevVowel, prevLetter := false, false
	for i < len(low) {
		matched := false
		for _, e := range by[low[i]] {
			if strings.HasPrefix(low[i:], e.lat) {
				c := e.cyr
				// y after a consonant is ы, after a vowel or at a word start й (BGN, ALA-LC).
				if e.lat == "y" && (sc == BGN || sc == ALALC || sc == French) {
					if prevLetter && !prevVowel {
						c = 'ы'
					} else {
						c = 'й'
					}
				}
				// French and German "i" after a vowel is й (Nikolaï, Sergej).
				if e.lat == "i" && prevVowel && (sc == French || sc == German || sc == BGN) && (i+1 == len(low) || !isLatinLetter(low[i+1])) {
					c = 'й'
				}
				f, _ := utf8.DecodeRuneInString(orig[i:])
				if unicode.IsUpper(f) {
					c = unicode.ToUpper(c)
				}
				b.WriteRune(c)
				i += len(e.lat)
				matched = true
				prevVowel = isCyrVowel(c)
				prevLetter = true
				break
			}
		}
		if !matched {
			f, n := utf8.DecodeRuneInString(orig[i:])
			b.WriteRune(f)
			i += n
			prevVowel, prevLetter = false, unicode.IsLetter(f)
		}
	}
	return b.String()
}

func isLatinLetter(c byte) bool { return c >= 'a' && c <= 'z' }

// skeleton folds a Cyrillic word to what its romanisations keep apart:
// soft and hard signs dropped, ё as е, й and ы as и, э as е, ч, щ and ж as
// ш, з as с, doubled letters single.
func skeleton(s string) string {
	var b strings.Builder
	var last rune
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ь', 'ъ', 'ʹ', 'ʺ', '\'', '’':
			continue
		case 'ё', 'э':
			r = 'е'
		case 'й', 'ы':
			r = 'и'
		case 'ч', 'щ', 'ж':
			r = 'ш' // romanisations confuse them (French ch, German tsch and sch)
		case 'з':
			r = 'с' // German s
		}
		if r == last {
			continue
		}
		last = r
		b.WriteRune(r)
	}
	return b.String()
}

// Keys returns the matching keys of a name: for a Cyrillic name its
// skeleton, for a Latin one the skeletons of its reading in every scheme.
// Two names are one when their key sets meet.
func Keys(name string) []string {
	if IsCyrillic(name) {
		return []string{skeleton(Fold(name))}
	}
	name = strings.ToLower(norm.NFC.String(name))
	var out []string
	seen := map[string]bool{}
	for _, sc := range []Scheme{BGN, French, German, Scholarly, ALALC, ISO9} {
		k := skeleton(ToCyrillic(name, sc))
		// A final French e (Staline) is silent.
		k2 := strings.TrimSuffix(k, "е")
		for _, x := range []string{k, k2} {
			if x != "" && !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	return out
}

// Same reports whether two names are renderings of one Russian name.
func Same(a, b string) bool {
	if Fold(a) == Fold(b) {
		return true
	}
	ka := Keys(a)
	for _, y := range Keys(b) {
		for _, x := range ka {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Fold lowercases s and removes diacritics (Société → societe, й → и).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
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
	return norm.NFC.String(b.String())
}
