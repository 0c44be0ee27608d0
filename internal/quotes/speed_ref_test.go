package quotes

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/testutil"
)

// The old per-quotation readings the document-wide ones replaced, kept as
// references: clean and countWords of each quotation's text (cleanCount
// now), and wordHashes of it (the bag, now a slice of the document's
// words, docBag).

// countWords is the old count of a quotation's words.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var r rune
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			r, w = rune(c), asciiAlnum[c]
			i++
		} else {
			var k int
			r, k = utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += k
		}
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

func refCleanCount(s string) (string, int) {
	t := clean(s)
	return t, countWords(t)
}

// randText strings together pieces that stress the edges: spaces of every
// kind, line breaks, apostrophes and hyphens inside and outside words,
// quotation marks of every convention, letters outside ASCII, invalid
// bytes, cut runes.
func randText(r *rand.Rand, n int) string {
	pieces := []string{"a", "Bb", "word", "Été", "x2", "9", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "'", "’", "-", "—", ",", ".", "“", "”", "‘", "\"", "«", "»", "„", "`", "\xff", "\xe2\x80", "Кошка", "ǅ", "é", "Mr.", "I"}
	return testutil.RandomText(r, n, pieces, nil)
}

func TestCleanCountMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		s := randText(r, r.Intn(12))
		gt, gn := cleanCount(s)
		wt, wn := refCleanCount(s)
		if gt != wt || gn != wn {
			t.Fatalf("cleanCount(%q) = %q, %d; want %q, %d", s, gt, gn, wt, wn)
		}
	}
}

func FuzzCleanCount(f *testing.F) {
	f.Add("two\nlines\n\nand  gaps")
	f.Add("bad \xff byte’s-end '")
	f.Fuzz(func(t *testing.T, s string) {
		gt, gn := cleanCount(s)
		wt, wn := refCleanCount(s)
		if gt != wt || gn != wn {
			t.Fatalf("cleanCount(%q) = %q, %d; want %q, %d", s, gt, gn, wt, wn)
		}
	})
}

// checkBags tells whether every candidate of a run on text bags, sorted
// and unsorted, what wordHashes of its text gives.
func checkBags(t *testing.T, text string) {
	t.Helper()
	q := newDoc(doc(text))
	q.run()
	for _, c := range q.cands {
		want := wordHashes(c.text)
		c2 := *c
		c2.bagDone, c2.bagSorted, c2.bag = false, false, nil
		got := q.bagOf(&c2)
		if !slices.Equal(got, want) {
			t.Fatalf("bag of %q [%d,%d) in %q = %v, want %v", c.text, c.is, c.ie, text, got, want)
		}
		slices.Sort(want)
		if got := q.sortedBag(&c2); !slices.Equal(got, want) {
			t.Fatalf("sorted bag of %q = %v, want %v", c.text, got, want)
		}
		for _, h := range want {
			if !c2.bmask.has(h) {
				t.Fatalf("bloom of %q lacks a word", c.text)
			}
		}
	}
}

// TestDocBagMatchesReference also bags made-up candidates cutting words
// and runes at their edges, nested in one another.
func TestDocBagMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for range 3000 {
		checkBags(t, randText(r, r.Intn(60)))
	}
	for range 3000 {
		text := randText(r, 5+r.Intn(40))
		q := randCands(r, text, 6)
		for _, c := range q.cands {
			c.text = clean(text[c.is:c.ie])
		}
		for _, c := range q.cands {
			want := wordHashes(c.text)
			got := q.bagOf(c)
			if !slices.Equal(got, want) {
				t.Fatalf("bag of [%d,%d) %q in %q = %v, want %v", c.is, c.ie, text[c.is:c.ie], text, got, want)
			}
			slices.Sort(want)
			if got := q.sortedBag(c); !slices.Equal(got, want) {
				t.Fatalf("sorted bag of [%d,%d) = %v, want %v", c.is, c.ie, got, want)
			}
		}
	}
}

func FuzzDocBag(f *testing.F) {
	f.Add("He said “the cat’s-paw” and “the cat’s-paw, he said” again.")
	f.Fuzz(func(t *testing.T, s string) { checkBags(t, s) })
}

// checkCleanCands tells whether cleanCands gives each candidate of q what
// clean and countWords of its own span give.
func checkCleanCands(t *testing.T, q *qdoc) {
	t.Helper()
	q.cleanCands()
	for _, c := range q.cands {
		wt, wn := refCleanCount(q.text[c.is:c.ie])
		if c.text != wt || c.words != wn {
			t.Fatalf("[%d,%d) %q of %q: text, words = %q, %d; want %q, %d", c.is, c.ie, q.text[c.is:c.ie], q.text, c.text, c.words, wt, wn)
		}
	}
	for _, c := range q.cands {
		want := wordHashes(c.text)
		if got := q.bagOf(c); !slices.Equal(got, want) {
			t.Fatalf("bag of [%d,%d) %q in %q = %v, want %v", c.is, c.ie, q.text[c.is:c.ie], q.text, got, want)
		}
		slices.Sort(want)
		if got := q.sortedBag(c); !slices.Equal(got, want) {
			t.Fatalf("sorted bag of [%d,%d) = %v, want %v", c.is, c.ie, got, want)
		}
	}
	// the document's words read with the texts are those wordSpans reads
	for _, iv := range q.ivs {
		hs, ss, es := wordSpans(q.text, iv.lo, iv.hi, nil, nil, nil)
		if !slices.Equal(hs, q.wh[iv.a:iv.b]) || !slices.Equal(ss, q.ws[iv.a:iv.b]) || !slices.Equal(es, q.we[iv.a:iv.b]) {
			t.Fatalf("words of [%d,%d) in %q differ from wordSpans'", iv.lo, iv.hi, q.text)
		}
	}
}

// TestCleanCandsMatchesReference reads made-up candidates nested in and
// overlapping one another, their edges cutting words, spaces and runes.
func TestCleanCandsMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for range 20000 {
		checkCleanCands(t, randCands(r, randText(r, 1+r.Intn(40)), 8))
	}
}

// randCands makes a document of text with 1 to most candidates at random
// places, nested in and overlapping one another, without their text.
func randCands(r *rand.Rand, text string, most int) *qdoc {
	q := &qdoc{text: text}
	for range 1 + r.Intn(most) {
		is := r.Intn(len(text) + 1)
		ie := is + r.Intn(len(text)-is+1)
		q.cands = append(q.cands, &cand{is: is, ie: ie})
	}
	return q
}

func FuzzCleanCands(f *testing.F) {
	f.Add("a “b ‘c’ d”\n e", 2, 9, 5, 12)
	f.Fuzz(func(t *testing.T, s string, a, b, c, d int) {
		q := &qdoc{text: s}
		for _, p := range [][2]int{{a, b}, {c, d}, {a, d}} {
			is, ie := min(max(p[0], 0), len(s)), min(max(p[1], 0), len(s))
			if is > ie {
				is, ie = ie, is
			}
			q.cands = append(q.cands, &cand{is: is, ie: ie})
		}
		checkCleanCands(t, q)
	})
}

// TestContainmentMatchesReference compares containment, sorted or not,
// with hashContainment of the sorted bags, words repeated on both sides.
func TestContainmentMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	words := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	text := func(n int) string {
		var ws []string
		for range n {
			ws = append(ws, words[r.Intn(len(words))])
		}
		return strings.Join(ws, " ")
	}
	for range 5000 {
		q := &qdoc{}
		c := &cand{text: text(r.Intn(12))}
		o := &cand{text: text(r.Intn(30)), idx: 1}
		q.text = c.text + "|" + o.text
		c.is, c.ie = 0, len(c.text)
		o.is, o.ie = len(c.text)+1, len(q.text)
		q.cands = []*cand{c, o}
		sa, sb := wordHashes(c.text), wordHashes(o.text)
		slices.Sort(sa)
		slices.Sort(sb)
		want := hashContainment(sa, sb)
		for k := range 4 { // unsorted twice, then sorted
			if got := q.containment(c, o); got != want {
				t.Fatalf("containment(%q, %q) #%d = %v, want %v", c.text, o.text, k, got, want)
			}
		}
	}
}

// TestMergeMentionsMatchesStableSort compares mergeMentions with the stable
// sort of the two lists joined it replaced, in order or not, ties across.
func TestMergeMentionsMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	gen := func(n int, sorted bool) []mention {
		var ms []mention
		for k := range n {
			ms = append(ms, mention{s: r.Intn(20), e: k, raw: string(rune('a' + r.Intn(26)))})
		}
		if sorted {
			slices.SortStableFunc(ms, func(x, y mention) int { return x.s - y.s })
		}
		return ms
	}
	for range 20000 {
		a, b := gen(r.Intn(8), r.Intn(4) > 0), gen(r.Intn(8), r.Intn(4) > 0)
		for k := range b {
			b[k].e += 100 // tells b's from a's
		}
		want := append(append([]mention(nil), a...), b...)
		slices.SortStableFunc(want, func(x, y mention) int { return x.s - y.s })
		got := mergeMentions(append([]mention(nil), a...), b)
		if !slices.Equal(got, want) {
			t.Fatalf("mergeMentions(%v, %v) = %v, want %v", a, b, got, want)
		}
		roomy := append(make([]mention, 0, len(a)+len(b)), a...) // merged in place
		if got := mergeMentions(roomy, b); !slices.Equal(got, want) {
			t.Fatalf("mergeMentions in place (%v, %v) = %v, want %v", a, b, got, want)
		}
	}
}

// TestLowerIntoMatchesToLower: where lowerInto says the offsets hold, its
// bytes are strings.ToLower's (selfNamed reads them for the old lower).
func TestLowerIntoMatchesToLower(t *testing.T) {
	r := rand.New(rand.NewSource(6))
	extra := []string{"İ", "K", "ẞ", "Ω", "Σ", "ǅ", "\xff", "\ufffd", "I AM", "My Name Is"}
	for range 20000 {
		s := randText(r, r.Intn(10))
		if r.Intn(3) == 0 {
			s += extra[r.Intn(len(extra))]
		}
		buf, ok := lowerInto(nil, s)
		if ok && string(buf) != strings.ToLower(s) {
			t.Fatalf("lowerInto(%q) = %q, want %q", s, buf, strings.ToLower(s))
		}
		if !ok && utf8.ValidString(s) && len(strings.ToLower(s)) == len(s) && !strings.ContainsAny(s, "İK") {
			t.Fatalf("lowerInto(%q) refused a text whose characters keep their lengths", s)
		}
	}
}
