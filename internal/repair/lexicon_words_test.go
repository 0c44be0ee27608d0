package repair

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/testutil"
)

// wordsRef is words as it was before its ASCII fast path: one rune at a
// time. The fast path must yield the same spans.
func wordsRef(s string) func(yield func(span) bool) {
	return func(yield func(span) bool) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) || (r == utf8.RuneError && n == 1) {
				i += n
				continue
			}
			start := i
			i += n
			for i < len(s) {
				r, n = utf8.DecodeRuneInString(s[i:])
				if isWordRune(r) && !(r == utf8.RuneError && n == 1) {
					i += n
					continue
				}
				if r == '-' || r == '\'' || r == '’' {
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

// learnRef is Learn as it was before its allocation-free counting.
func learnRef(s string) map[string]int {
	local := map[string]int{}
	splitNext := false
	for w := range wordsRef(s) {
		word := s[w.start:w.end]
		lineEndHyphen := w.end < len(s) && s[w.end] == '-' && lineBreakAfter(s, w.end+1)
		if lineEndHyphen || splitNext || strings.ContainsRune(word, utf8.RuneError) {
			splitNext = lineEndHyphen
			continue
		}
		splitNext = false
		local[strings.ToLower(word)]++
	}
	return local
}

func spansOf(seq func(func(span) bool)) []span {
	var out []span
	for sp := range seq {
		out = append(out, sp)
	}
	return out
}

func checkWordsSame(t *testing.T, s string) {
	t.Helper()
	if got, want := spansOf(words(s)), spansOf(wordsRef(s)); !slices.Equal(got, want) {
		t.Fatalf("words(%.80q) = %v, want %v", s, got, want)
	}
	l := NewLexicon()
	l.Learn(s)
	want := learnRef(s)
	if len(l.words) != len(want) {
		t.Fatalf("Learn(%.80q): %d words, want %d", s, len(l.words), len(want))
	}
	for w, n := range want {
		if l.count(w) != n {
			t.Fatalf("Learn(%.80q): %q counted %d, want %d", s, w, l.count(w), n)
		}
	}
}

func TestWordsFastPathSameAsRuneByRune(t *testing.T) {
	for _, s := range []string{
		"", "a", "-", "'", "a-", "-a", "a-b", "a--b", "a'b", "a' b", "l'Humanité", "workers' movement",
		"anti-\nfascist", "anti-  \r\nfascist", "Ligne\ufffdd", "e\ufffd", "\xff\xfeab", "ab\xff", "a-\xffb",
		"a-é", "é-a", "aujourd’hui", "a’", "’a", "a’\xff", "ÉCOLE Normale", "Ünter MÜLLER", "ǅemal", "İstanbul",
		"Straße STRASSE", "1937-1938", "x\u0301y", "Ω-Ω", "a-’b", "a'-b", "Mc'Intyre", "\u2028a\u00a0b",
	} {
		checkWordsSame(t, s)
	}
	for _, dir := range []string{"dev", "corpus"} {
		paths, _ := filepath.Glob(filepath.Join(testutil.Shared(t, dir), "*.txt"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkWordsSame(t, string(b))
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"anti-\nfascist", "l'Humanité", "a’b", "x\ufffdy", "\xff-a", "ÉCOLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkWordsSame(t, s) })
}

func BenchmarkLearn(b *testing.B) {
	text := strings.Repeat("The Workers' movement in 1937 was anti-fascist; l'Humanité wrote of the Congrès ouvrier. ", 2000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewLexicon().Learn(text)
	}
}

// BenchmarkLearnCorpus learns a dev document (many distinct words).
func BenchmarkLearnCorpus(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(testutil.Shared(b, "dev"), "*.txt"))
	var all []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, string(data))
	}
	text := strings.Join(all, "\n\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewLexicon().Learn(text)
	}
}

// TestLearnAccumulates checks that counts of several texts add up in the
// lexicon as learnRef counts them one by one.
func TestLearnAccumulates(t *testing.T) {
	texts := []string{"The the THE anti-\nfascist Anti-fascist l'Humanité L'HUMANITÉ x\ufffdy", "the École école ÉCOLE", "The end."}
	l := NewLexicon()
	want := map[string]int{}
	for _, s := range texts {
		l.Learn(s)
		for w, n := range learnRef(s) {
			want[w] += n
		}
	}
	if len(l.words) != len(want) {
		t.Fatalf("Learn kept %d words, want %d", len(l.words), len(want))
	}
	for w, n := range want {
		if l.count(w) != n {
			t.Errorf("Learn counted %q %d times, want %d", w, l.count(w), n)
		}
	}
}
