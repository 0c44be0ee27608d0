package xref

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// sharedCorpus makes texts of random words with passages planted in
// several of them (some edited) and a formula in more than MaxDocFreq of
// them, so that common shingles matter.
func sharedCorpus() []Text {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 400)
	for i := range vocab {
		var b strings.Builder
		for range 3 + r.IntN(6) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		vocab[i] = b.String()
	}
	words := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[r.IntN(len(vocab))]
		}
		return out
	}
	formula := strings.Fields("we the undersigned declare under oath that the foregoing is true and correct")
	passages := [][]string{words(40), words(25), words(60)}
	const n = 12
	texts := make([]Text, n)
	for d := range n {
		var parts []string
		parts = append(parts, words(150+r.IntN(100))...)
		if d < 9 {
			parts = append(parts, formula...)
			parts = append(parts, words(30)...)
		}
		for p, pass := range passages {
			if (d+p)%3 != 0 {
				continue
			}
			q := append([]string(nil), pass...)
			if d%2 == 1 { // an edited copy: a word dropped, one changed
				q = append(q[:5], q[6:]...)
				q[10] = "changed"
			}
			parts = append(parts, q...)
			parts = append(parts, words(40)...)
		}
		texts[d] = Text{Doc: d, Text: strings.Join(parts, " ")}
	}
	return texts
}

// TestReusePairIsReuseCorpus checks that aligning each pair on its own,
// given the corpus's common shingles, finds exactly what ReuseCorpus finds.
func TestReusePairIsReuseCorpus(t *testing.T) {
	texts := sharedCorpus()
	opts := Options{}.WithDefaults()
	want := Reuse(texts, opts)
	if len(want) < 10 {
		t.Fatalf("the corpus has %d shared passages; it should have more", len(want))
	}

	ps := make([]*Prepared, len(texts))
	df := map[uint64]int{}
	for i, tx := range texts {
		ps[i] = Prepare(tx.Text, opts)
		hs, _ := ps[i].Fingerprints()
		for _, h := range hs {
			df[h]++
		}
	}
	common := func(h uint64) bool { return df[h] > opts.MaxDocFreq }
	commons := 0
	for _, n := range df {
		if n > opts.MaxDocFreq {
			commons++
		}
	}
	if commons == 0 {
		t.Fatal("no common shingle: the formula should be one")
	}
	var got []Match
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			for _, m := range ReusePair(ps[i], ps[j], common, opts) {
				m.A, m.B = i, j
				got = append(got, m)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pair by pair: %d matches; ReuseCorpus: %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("first difference at %d:\n got %+v\nwant %+v", i, got[i], want[i])
				break
			}
		}
	}
	// Without the common shingles the formula links the documents too.
	var all int
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			all += len(ReusePair(ps[i], ps[j], nil, opts))
		}
	}
	if all <= len(want) {
		t.Errorf("with no shingle common: %d matches, want more than %d", all, len(want))
	}
}

func TestPreparedFingerprints(t *testing.T) {
	p := Prepare("a b c d a b c d a b c d", Options{})
	hs, ns := p.Fingerprints()
	// Shingles: abcd, bcda, cdab, dabc, abcd, bcda, cdab, dabc, abcd.
	if len(hs) != 4 || len(ns) != 4 {
		t.Fatalf("%d distinct shingles, want 4", len(hs))
	}
	total := 0
	for i, n := range ns {
		total += int(n)
		if i > 0 && hs[i] <= hs[i-1] {
			t.Error("hashes not increasing")
		}
	}
	if total != 9 {
		t.Errorf("%d shingles counted, want 9", total)
	}
	words := p.Words()
	if len(words) != 12 || words[1].Start != 2 || words[1].End != 3 {
		t.Errorf("words: %v", words)
	}
	q := Prepare("x y a b c d z", Options{})
	if sh := Shared(p, q); len(sh) != 1 {
		t.Errorf("shared: %v, want one shingle", sh)
	}
	if MinSeeds(Options{}) != 5 {
		t.Errorf("MinSeeds = %d", MinSeeds(Options{}))
	}
}
