package sqlite

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

func TestFoldText(t *testing.T) {
	for _, s := range []string{"Société des Nations", "SOCIÉTÉ", "Хрущёв и Й", "Thälmann’s «Œuvre»", "ǅemal İstanbul", "x\xffy", ""} {
		if got, want := foldText(s), searchkey.Fold(s); got != want {
			t.Errorf("foldText(%q) = %q, searchkey.Fold %q", s, got, want)
		}
	}
}

// TestGramFilter: every piece of a passage's text passes its version's
// filter, a quotation inside a paragraph among them; other fragments
// mostly do not.
func TestGramFilter(t *testing.T) {
	para := "Staline a signé l’accord sans consulter la Société des Nations; Сталин подписал договор в Москве, «Наше дело правое»."
	quote := "Наше дело правое"
	d := storetest.SearchDoc("g.txt", "fr", quellen.Metadata{}, []string{para},
		storetest.Placed{Kind: quellen.KindQuote, Text: quote, Attrs: quellen.Attrs{"speaker": "Molotov"}})
	d.Findings = append(d.Findings, quellen.Finding{Kind: quellen.KindNote, Clean: quellen.Span{Start: 0, End: 7}, Text: "Une note À PART",
		Extractor: "test", Status: quellen.StatusAutomatic})
	p, err := Prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.passages) != 3 {
		t.Fatalf("%d passages, want the paragraph, the quotation and the note", len(p.passages))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, text := range []string{para, quote, "Une note À PART"} {
		runes := []rune(text)
		for range 500 {
			a := r.IntN(len(runes))
			b := a + 1 + r.IntN(min(12, len(runes)-a))
			frag := string(runes[a:b])
			if !gramsMayHold(p.grams, gramProbe(foldText(frag))) {
				t.Fatalf("%q of %q is not in the filter", frag, text)
			}
		}
	}
	passed := 0
	const tries = 2000
	for i := range tries {
		frag := fmt.Sprintf("q%dzx%c", i, 'a'+rune(i%26))
		if gramsMayHold(p.grams, gramProbe(frag)) {
			passed++
		}
	}
	if passed > tries/50 {
		t.Errorf("%d of %d absent fragments pass the filter", passed, tries)
	}
	// A finding whose span cuts a character has trigrams of its own.
	cut := storetest.SearchDoc("c.txt", "fr", quellen.Metadata{}, []string{"La Société"})
	cut.Findings = append(cut.Findings, quellen.Finding{Kind: quellen.KindQuote, Clean: quellen.Span{Start: 8, End: 12},
		Text: cut.Clean[8:12], Extractor: "test", Status: quellen.StatusAutomatic})
	if pc, err := Prepare(cut); err != nil || !gramsMayHold(pc.grams, gramProbe(foldText(cut.Clean[8:12]))) {
		t.Errorf("a piece cut inside a character %q is not in the filter (%v)", cut.Clean[8:12], err)
	}
	// No filter, or one of another format, rules nothing out; a probe of
	// no trigram neither.
	for _, f := range [][]byte{nil, {}, {99, 6, 0xff}} {
		if !gramsMayHold(f, gramProbe("abcdef")) {
			t.Errorf("filter %v ruled a fragment out", f)
		}
	}
	if gramProbe("ab") != nil || !gramsMayHold(p.grams, nil) {
		t.Error("a fragment of two letters has trigrams")
	}
	// An empty document's filter holds no trigram.
	if gramsMayHold(newGramFilter(nil), gramProbe("abc")) {
		t.Error("the empty filter holds abc")
	}
}

// TestFragmentSQL: the fragment functions as SQL calls them.
func TestFragmentSQL(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	for _, tc := range []struct {
		text, frag string
		want       bool
	}{
		{"Société des Nations", "OCIE", true},
		{"Société des Nations", "ociét", true},
		{"Société des Nations", "nations!", false},
		{"Хрущёв", "щев", true},
		{"abc", "", true},
		{"", "a", false},
	} {
		var got bool
		if err := s.DB().QueryRow(`SELECT quellen_contains(?, ?)`, tc.text, tc.frag).Scan(&got); err != nil || got != tc.want {
			t.Errorf("quellen_contains(%q, %q) = %v (%v), want %v", tc.text, tc.frag, got, err, tc.want)
		}
	}
	var got bool
	if err := s.DB().QueryRow(`SELECT quellen_grams(NULL, ?)`, gramProbe("abc")).Scan(&got); err != nil || !got {
		t.Errorf("quellen_grams of no filter: %v %v", got, err)
	}
}

// TestCorrectedQuoteKeepsItsPassage: a finding's passage stores no text of
// its own; a correction of the finding's text leaves the passage the text
// its keys were made from.
func TestCorrectedQuoteKeepsItsPassage(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, d := range storetest.SearchCorpus() {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	var own int
	s.DB().QueryRow(`SELECT count(*) FROM passages WHERE finding_id IS NOT NULL AND text != ''`).Scan(&own)
	if own != 0 {
		t.Errorf("%d finding passages keep a copy of the finding's text", own)
	}
	quote := func() quellen.Hit {
		t.Helper()
		res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "betrayal"}}, Kinds: []quellen.Kind{quellen.KindQuote}})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%+v %v", res, err)
		}
		return res.Hits[0]
	}
	h := quote()
	if h.Snippet != "the pact is a betrayal" {
		t.Fatalf("snippet %q", h.Snippet)
	}
	if _, err := s.Correct(ctx, h.FindingID, quellen.Correction{Status: quellen.StatusCorrected, Text: "the pact was a treason", Who: "t"}); err != nil {
		t.Fatal(err)
	}
	if h := quote(); h.Snippet != "the pact is a betrayal" {
		t.Errorf("after the correction: snippet %q", h.Snippet)
	}
	res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "betrayal", Fragment: true}}, Kinds: []quellen.Kind{quellen.KindQuote}})
	if err != nil || res.Total != 1 {
		t.Errorf("~betrayal after the correction: %+v %v", res, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}
