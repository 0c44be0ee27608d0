package stance

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/extract"
)

// findCuesRef is findCues as it was before the lower-casing was done once
// per document and the expressions were tried only where a match may
// begin: the reference the faster one is held to.
func findCuesRef(text string) []hit {
	var buf [512]byte
	low := extract.Lower(text, buf[:0])
	has := presentRef(low)
	var all []hit
	for i, c := range cues {
		if !mayHoldRef(has, i) || !mayMatch(low, i) {
			continue
		}
		for _, loc := range c.re.FindAllStringIndex(text, 2) {
			all = append(all, hit{c: c, s: loc[0], e: loc[1]})
		}
	}
	if len(all) == 0 {
		return nil
	}
	best := []hit{}
	for _, h := range all {
		placed := false
		for k, b := range best {
			if h.s < b.e && b.s < h.e {
				if h.s < b.s {
					best[k] = h
				}
				placed = true
				break
			}
		}
		if !placed {
			best = append(best, h)
		}
	}
	sortHits(best)
	out := []hit{best[0]}
	for _, h := range best[1:] {
		last := out[len(out)-1]
		between := text[last.e:h.s]
		k := strings.LastIndexAny(between, ":;")
		if k < 0 {
			continue
		}
		from := last.e + k + 1
		for from < h.s && (text[from] == ' ' || text[from] == '\n') {
			from++
		}
		h.from = from
		out = append(out, h)
	}
	return out
}

// splitSentencesRef is splitSentences as it was first written (every rune
// decoded): the reference.
func splitSentencesRef(t string, s, e, pi int, out []sentence) []sentence {
	start := s
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(t[i:])
		if r == ';' {
			out = append(out, sentence{start, trimEnd(t, start, i), pi})
			i += n
			for i < e && (t[i] == ' ' || t[i] == '\n') {
				i++
			}
			start = i
			continue
		}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			w := wordBefore(t, start, i)
			j := i + n
			for j < e {
				r2, n2 := utf8.DecodeRuneInString(t[j:])
				if strings.ContainsRune("”\"’'»)]0123456789", r2) || r2 == '[' {
					j += n2
					continue
				}
				break
			}
			if r == '.' && (noStop[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]))) {
				i = j
				continue
			}
			k := j
			for k < e && (t[k] == ' ' || t[k] == '\n' || t[k] == '\t') {
				k++
			}
			if k == e || k > j {
				r3, _ := utf8.DecodeRuneInString(t[k:])
				if k == e || unicode.IsUpper(r3) || strings.ContainsRune("“\"«„‘(['", r3) || unicode.IsDigit(r3) {
					out = append(out, sentence{start, j, pi})
					start = k
					i = k
					continue
				}
			}
			i = j
			continue
		}
		i += n
	}
	if strings.TrimSpace(t[start:e]) != "" {
		out = append(out, sentence{start, trimEnd(t, start, e), pi})
	}
	return out
}

// oddPieces are runes and bytes that fold, lower-case or decode unlike
// the rest: the faster paths must see them and step aside.
var oddPieces = []string{"ſ", "\u212a", "\u212b", "İ", "ẞ", "ᲂ", "ᲀ", "Ω", "\u2126", "\xff", "\xe2\x80", "\xe2", "\x80", "’", "…", "“", "”", "«", "»",
	"É", "é", "Это", "ЛОЖЬ", "ложь", "он", "xон", "Он прав", "aон прав", "\ufffd", ".", "!", "?", ";", ":", "Mr.", "M.", "St.", "(", "[4]", "3", "_"}

// claimWords are the words of heClaims.
var claimWords = strings.Fields("he she they il elle он она supposes asserts claims says writes argues assumes believes suggests maintains insists alleges contends prétend affirme écrit suppose soutient утверждает пишет whom the")

func randomText(r *rand.Rand, words int) string {
	seps := []string{" ", "  ", "\n", ", ", "", "-", "_", ". ", "; ", ": ", ".” ", "! ", "\n\n", "… "}
	var b strings.Builder
	for k := r.IntN(words) + 1; k > 0; k-- {
		if r.IntN(5) == 0 {
			b.WriteString(oddPieces[r.IntN(len(oddPieces))])
		} else {
			w := cueWords[r.IntN(len(cueWords))]
			if r.IntN(4) == 0 {
				w = claimWords[r.IntN(len(claimWords))]
			}
			switch r.IntN(6) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				if w != "" {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
			}
			b.WriteString(w)
		}
		b.WriteString(seps[r.IntN(len(seps))])
	}
	return b.String()
}

func checkFindCues(t *testing.T, text string) {
	t.Helper()
	if got, want := findCues(text), findCuesRef(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("findCues(%q) = %v, want %v", text, got, want)
	}
	// The same sentences inside a text lower-cased once.
	lo := lowerText(text)
	for s := 0; s <= len(text); s += 1 + len(text)/7 {
		for e := s; e <= len(text); e += 1 + len(text)/5 {
			low, exact := lo.span(s, e, nil)
			if want := strings.ToLower(text[s:e]); low != want {
				t.Fatalf("span(%q, %d, %d) = %q, want %q", text, s, e, low, want)
			}
			if got, want := findCuesIn(text[s:e], low, exact), findCuesRef(text[s:e]); !reflect.DeepEqual(got, want) {
				t.Fatalf("findCuesIn(%q) = %v, want %v", text[s:e], got, want)
			}
			if got, want := heClaims.match(text[s:e], low, exact), heClaims.re.MatchString(text[s:e]); got != want {
				t.Fatalf("heClaims.match(%q) = %v, want %v", text[s:e], got, want)
			}
		}
	}
}

func TestFindCuesMatchesReference(t *testing.T) {
	for _, s := range []string{"", "This is simply untrue.", "He offers no source; it is a lie: a forgery.", "C'EST FAUX", "Это ложь. неверно",
		"waſ wrong", "it iſ falſe", "a \u212aorgery", "xон прав", "Он прав", "aон прав", "\xffis false", "is\xff false", "Neither account of his is credible.",
		"une pure invention", "He says that; she asserts it", "il prétend", "ᲂн прав", "whom he supposes", "That is too easy, and few will believe it; it is not true.",
		"это неверно, и он прав; справедливо", "i doubt this is a lie and a fabrication: a myth", "was  asserted\nrather than\tproved"} {
		checkFindCues(t, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		checkFindCues(t, randomText(r, 12))
	}
}

func FuzzFindCues(f *testing.F) {
	f.Add("It is a lie, and the evidence points the other way.")
	f.Add("he was not wrong; a forgery. Il prétend que c'est faux")
	f.Fuzz(func(t *testing.T, s string) { checkFindCues(t, s) })
}

func checkSentences(t *testing.T, text string) {
	t.Helper()
	for s := 0; s <= len(text); s += 1 + len(text)/4 {
		for e := s; e <= len(text); e += 1 + len(text)/3 {
			if got, want := splitSentences(text, s, e, 1, nil), splitSentencesRef(text, s, e, 1, nil); !reflect.DeepEqual(got, want) {
				t.Fatalf("splitSentences(%q, %d, %d) = %v, want %v", text, s, e, got, want)
			}
		}
	}
}

func TestSplitSentencesMatchesReference(t *testing.T) {
	for _, s := range []string{"", "A. B.", "Mr. Brisk said so. He is wrong… Yes! “No.” (Maybe.) [4] 3. É. e. St. Paul", "x\xe2. Y", "a.\xe2\x80\xa6 B", "I. V. Ivanov; ok."} {
		checkSentences(t, s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 3000; n++ {
		checkSentences(t, randomText(r, 16))
	}
}

func FuzzSplitSentences(f *testing.F) {
	f.Add("Mr. Brisk said so. He is wrong… Yes! “No.”")
	f.Fuzz(func(t *testing.T, s string) { checkSentences(t, s) })
}

func TestPresentMatchesReferenceRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 3000; n++ {
		checkPresent(t, randomText(r, 12))
	}
}

// Every cue is tried only where it may begin, but for those whose leads
// are not known: keep them few.
func TestMatcherLeads(t *testing.T) {
	for i, c := range cues {
		if c.m.leads == nil {
			t.Errorf("cue %d (%v): no leads", i, c.re)
		}
	}
	if heClaims.leads == nil {
		t.Error("heClaims: no leads")
	}
}

// BenchmarkFindCuesUnpunctuated reads cues in one long sentence without a
// stop, full of a trigger word ("or"): the matcher must stop after the
// matches it needs, as the regexp does (ref: the reference, for the ratio).
func BenchmarkFindCuesUnpunctuated(b *testing.B) {
	text := strings.Repeat("this is or was so, ", 20000) + "wrong"
	b.Run("new", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			findCues(text)
		}
	})
	b.Run("ref", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			findCuesRef(text)
		}
	})
}
