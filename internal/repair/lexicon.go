package repair

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Lexicon is the set of words a corpus uses, learnt from its own texts, to
// choose among ligatures and to tell a line-end hyphen that belongs to the
// word from one that splits it.
//
// A word is kept as a 64-bit hash of its lower-cased form, not as a string:
// the lexicon is only asked how often a word was used, a corpus holds a few
// million distinct words at most (two of them share a hash with odds of
// about 1 in 10^6), and a map of integers is learnt faster than one of
// strings, holds no copy of any text and gives the collector no pointer
// to follow.
type Lexicon struct {
	mu    sync.RWMutex
	words map[uint64]int // hash of the lower-cased undamaged word, hyphenated compounds whole
}

// lexSeed seeds the words' hashes; a lexicon lives in one process only.
var lexSeed = maphash.MakeSeed()

// wordKey is the lexicon's key of a lower-cased word.
func wordKey(w string) uint64 { return maphash.String(lexSeed, w) }

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon { return &Lexicon{words: map[uint64]int{}} }

// Learn adds the undamaged words of a text: words holding U+FFFD and the
// two halves of a word split at a line end are left out.
func (l *Lexicon) Learn(s string) {
	if l == nil {
		return
	}
	local := make(map[uint64]int, min(len(s)/24, 1<<16)) // about a new word every four words
	var buf []byte
	splitNext := false // the previous word ended a line with a hyphen
	for w := range words(s) {
		word := s[w.start:w.end]
		lineEndHyphen := w.end < len(s) && s[w.end] == '-' && lineBreakAfter(s, w.end+1)
		if lineEndHyphen || splitNext || strings.ContainsRune(word, utf8.RuneError) {
			splitNext = lineEndHyphen
			continue
		}
		splitNext = false
		var key uint64
		if lower, ok := asciiLower(word, buf[:0]); ok {
			buf = lower
			key = maphash.Bytes(lexSeed, buf)
		} else if lower == nil {
			key = wordKey(strings.ToLower(word))
		} else {
			key = wordKey(word)
		}
		local[key]++
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.words == nil {
		l.words = map[uint64]int{}
	}
	for k, n := range local {
		l.words[k] += n
	}
}

// asciiLower lower-cases an ASCII word into buf and reports true when it
// had an upper-case letter; a word already in lower case gives (buf,
// false) untouched, and one with non-ASCII bytes gives (nil, false), for
// strings.ToLower.
func asciiLower(w string, buf []byte) ([]byte, bool) {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return buf, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

// count is how often the corpus used the lower-cased word w.
func (l *Lexicon) count(w string) int {
	if l == nil {
		return 0
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.words[wordKey(w)]
}

// lineBreakAfter reports whether s has only spaces before a line end at i.
func lineBreakAfter(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i < len(s) && s[i] == '\n'
}

// span is a half-open byte range of a text.
type span struct{ start, end int }

// isWordRune reports whether r belongs to a word: a letter, a digit, a mark,
// or U+FFFD (a lost ligature stands inside words).
func isWordRune(r rune) bool {
	return r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// words yields the words of s: runs of word runes, with single inner
// hyphens and apostrophes between word runes ("franco-lesnienne",
// "d'état"). Apostrophes and hyphens at the edges are left out.
func words(s string) func(yield func(span) bool) {
	return func(yield func(span) bool) {
		i := 0
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf && !asciiWord[c] {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) || (r == utf8.RuneError && n == 1) {
				i += n
				continue
			}
			start := i
			i += n
			for i < len(s) {
				if c := s[i]; c < utf8.RuneSelf {
					if asciiWord[c] {
						i++
						continue
					}
					if c == '-' || c == '\'' {
						if j := i + 1; j < len(s) {
							if c2 := s[j]; c2 < utf8.RuneSelf {
								if asciiWord[c2] {
									i += 2
									continue
								}
							} else if r2, n2 := utf8.DecodeRuneInString(s[j:]); isWordRune(r2) && !(r2 == utf8.RuneError && n2 == 1) {
								i += 1 + n2
								continue
							}
						}
					}
					break
				}
				r, n = utf8.DecodeRuneInString(s[i:])
				if isWordRune(r) && !(r == utf8.RuneError && n == 1) {
					i += n
					continue
				}
				if r == '’' {
					r2, n2 := utf8.DecodeRuneInString(s[i+n:])
					if i+n < len(s) && isWordRune(r2) && !(r2 == utf8.RuneError && n2 == 1) {
						i += n + n2
						continue
					}
				}
				break
			}
			if !yield(span{start, i}) {
				return
			}
		}
	}
}

// asciiWord holds the ASCII word runes: letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordRune(rune(c))
	}
	return
}()

//go:embed words/en.txt.gz words/fr.txt.gz
var wordFiles embed.FS

// builtin is the embedded word lists: English (SCOWL, via Debian's
// wamerican and wbritish) and the French words of wfrench that hold a
// ligature; see words/gen.sh.
var builtin = sync.OnceValue(func() [2]map[string]struct{} {
	var lists [2]map[string]struct{}
	for k, name := range []string{"words/en.txt.gz", "words/fr.txt.gz"} {
		m := make(map[string]struct{}, 80000)
		lists[k] = m
		data, err := wordFiles.ReadFile(name)
		if err != nil {
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" {
				m[w] = struct{}{}
			}
		}
	}
	return lists
})

// The built-in lists.
const (
	listEnglish = 0
	listFrench  = 1
)

// inList reports whether the lower-cased w is in a built-in list, as it is
// or as an inflection of a word in it.
func inList(w string) bool { return inOneList(w, listEnglish) || inOneList(w, listFrench) }

func inOneList(w string, k int) bool { return inListDepth(w, k, 1) }

// inListDepth looks w up in list k, and its stems; depth says how many
// suffixes may be taken off ("reducers", "reducer", "reduce").
func inListDepth(w string, k, depth int) bool {
	list := builtin()[k]
	if _, ok := list[w]; ok {
		return true
	}
	if k == listFrench {
		return false
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing", "ly", "ment", "ments", "er", "ers", "ness"} {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 3 {
			continue
		}
		if _, ok := list[stem]; ok {
			return true
		}
		if depth > 0 && (suf == "s" || suf == "ly") && inListDepth(stem, k, depth-1) {
			return true
		}
		if suf == "ing" || suf == "ed" || suf == "er" {
			if _, ok := list[stem+"e"]; ok {
				return true
			}
		}
	}
	return false
}

// known scores how well the lower-cased word w is attested: the corpus's
// count first (times 4, so that one corpus use outweighs the lists), then
// the list of the text's language (the word itself before an inflection of
// a word in it), then the other list.
func (l *Lexicon) known(w string, french bool) int {
	n := l.count(w) * 4
	own, other := listEnglish, listFrench
	if french {
		own, other = other, own
	}
	if _, ok := builtin()[own][w]; ok {
		return n + 3
	}
	switch {
	case inOneList(w, own):
		n += 2
	case inOneList(w, other):
		n++
	}
	return n
}

// looksFrench reports whether s reads as French rather than English, by
// its commonest short words.
func looksFrench(s string) bool {
	fr, en := 0, 0
	for sp := range words(s[:min(len(s), 200000)]) {
		switch strings.ToLower(s[sp.start:sp.end]) {
		case "le", "la", "les", "et", "des", "une", "est", "dans", "qui", "du":
			fr++
		case "the", "and", "of", "is", "in", "to", "that", "was", "which", "with":
			en++
		}
	}
	return fr > en
}

// ligatures are what a lost ligature glyph may have stood for.
var ligatures = []string{"fi", "ff", "fl", "ffi", "ffl"}

// ligatureContext counts, in the built-in list, each ligature between a
// given previous and next letter ("o" ffi "c"), for the words that no list
// knows: key prev+"|"+lig+"|"+next, with "" for a word edge.
var ligatureContext = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for w := range builtin()[listEnglish] {
		for _, lig := range ligatures {
			for i := 0; ; {
				j := strings.Index(w[i:], lig)
				if j < 0 {
					break
				}
				j += i
				k := j + len(lig)
				for _, width := range []int{1, 2} {
					m[runesBefore(w, j, width)+"|"+lig+"|"+runesAfter(w, k, width)]++
				}
				i = j + 1
			}
		}
	}
	return m
})

// runesBefore returns up to n runes of w before byte i.
func runesBefore(w string, i, n int) string {
	j := i
	for ; n > 0 && j > 0; n-- {
		_, sz := utf8.DecodeLastRuneInString(w[:j])
		j -= sz
	}
	return w[j:i]
}

// runesAfter returns up to n runes of w from byte i.
func runesAfter(w string, i, n int) string {
	j := i
	for ; n > 0 && j < len(w); n-- {
		_, sz := utf8.DecodeRuneInString(w[j:])
		j += sz
	}
	return w[i:j]
}
