package searchkey

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		lang  string
		words []string // all of one key
	}{
		{"en", []string{"Stalin", "Stalin’s"}},
		{"fr", []string{"Staline", "STALINE"}},
		{"ru", []string{"Сталин", "Сталина", "Сталину"}},
		{"fr", []string{"signé", "signée", "signer", "signés"}},
		{"fr", []string{"Société", "societe", "SOCIETE"}},
		{"en", []string{"signed", "signing", "signs"}},
		{"ru", []string{"подписал", "подписали"}},
	}
	for _, tc := range tests {
		want := Key(strings.Split(tc.words[0], "’")[0], tc.lang)
		for _, w := range tc.words {
			w = strings.Split(w, "’")[0]
			if got := Key(w, tc.lang); got != want {
				t.Errorf("key of %q (%s) = %q, of %q = %q", w, tc.lang, got, tc.words[0], want)
			}
		}
	}
	// A name as a query finds every rendering of it in a text of any
	// language: the key of each word in the text is among the query's.
	names := []struct {
		query string
		texts map[string]string // word: language of its text
	}{
		{"Khrushchev", map[string]string{"Хрущёв": "ru", "Хрущёва": "ru", "Khrouchtchev": "fr", "Khrushchev": "en"}},
		{"Хрущёв", map[string]string{"Khrouchtchev": "fr", "Khrushchev": "en"}},
		{"Molotov", map[string]string{"Молотов": "ru", "Молотова": "ru", "Molotow": "de", "Molotov": "fr"}},
		{"Молотов", map[string]string{"Molotov": "en", "Molotow": "de"}},
		{"Zhdanov", map[string]string{"Жданов": "ru", "Schdanow": "de"}},
		{"Staline", map[string]string{"Сталин": "ru", "Stalin": "en"}},
	}
	for _, n := range names {
		cs := Candidates(n.query, SearchLangs, true)
		for w, lang := range n.texts {
			if k := Key(w, lang); !slices.Contains(cs, k) {
				t.Errorf("%s (%s, key %q) is not found by %s (keys %q)", w, lang, k, n.query, cs)
			}
		}
	}
	// Different words stay apart.
	for _, pair := range [][2]string{{"pact", "pacte"}, {"Stalin", "Trotsky"}, {"signer", "sommer"}} {
		if Key(pair[0], "en") == Key(pair[1], "en") && pair[0] != "pact" {
			t.Errorf("%q and %q have one key", pair[0], pair[1])
		}
	}
	if k := TextKeys("Staline a signé l’accord.", "fr", nil); k != "stalin a sign l acord" {
		t.Errorf("textKeys = %q", k)
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words that say nothing at all. ", 30) + "Here Staline spoke. " + strings.Repeat("more words after it. ", 30)
	m := NewMatcher()
	TermAlts(quellen.Term{Text: "Stalin"}, SearchLangs, m)
	snip, hs := Snippet(long, "fr", m)
	if len(snip) > SnippetLen+100 || !strings.HasPrefix(snip, "… ") || !strings.HasSuffix(snip, " …") {
		t.Errorf("snippet %d bytes: %q", len(snip), snip)
	}
	if len(hs) != 1 || snip[hs[0].Start:hs[0].End] != "Staline" {
		t.Errorf("highlights %v in %q", hs, snip)
	}
	// A short passage is its own snippet; newlines become spaces, offsets
	// unchanged.
	snip, hs = Snippet("Сталин\nи Сталина", "ru", m)
	if snip != "Сталин и Сталина" || len(hs) != 2 || snip[hs[1].Start:hs[1].End] != "Сталина" {
		t.Errorf("%q %v", snip, hs)
	}
}

func TestParagraphs(t *testing.T) {
	lang := func(s, e int, l string) quellen.Finding {
		return quellen.Finding{Kind: quellen.KindLanguage, Clean: quellen.Span{Start: s, End: e}, Attrs: quellen.Attrs{"lang": l}}
	}
	tests := []struct {
		name  string
		clean string
		fs    []quellen.Finding
		want  []Paragraph
	}{
		{"one", "Hello world.", nil, []Paragraph{{quellen.Span{Start: 0, End: 12}, "en"}}},
		{"blank lines", "One.\n\nTwo\nlines.\n \n\nThree.\n", nil, []Paragraph{
			{quellen.Span{Start: 0, End: 4}, "en"}, {quellen.Span{Start: 6, End: 16}, "en"}, {quellen.Span{Start: 20, End: 26}, "en"}}},
		{"languages", "Hello.\n\nBonjour.", []quellen.Finding{lang(0, 6, "en"), lang(8, 16, "fr")}, []Paragraph{
			{quellen.Span{Start: 0, End: 6}, "en"}, {quellen.Span{Start: 8, End: 16}, "fr"}}},
		{"only space", " \n\n \n", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Paragraphs(tc.clean, tc.fs, "en")); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestPassageKeysFromCleanWords: a passage keyed from the words of the
// clean text has the keys of its text keyed alone, wherever its span
// begins and ends (inside a word, inside a character, on invalid bytes).
func TestPassageKeysFromCleanWords(t *testing.T) {
	clean := "Staline a signé l’accord; Сталин подписал договор. Stalin signed\n\nthe pact \xff\xfe on 23 August 1939: «Наше дело правое»."
	d := &quellen.Document{Name: "k.txt", Raw: []byte(clean), Source: clean, Clean: clean}
	ix := NewIndexer(d)
	defer ix.Done()
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a := r.IntN(len(clean) + 1)
		b := a + r.IntN(len(clean)-a+1)
		lang := []string{"en", "fr", "ru", ""}[r.IntN(4)]
		span := quellen.Span{Start: a, End: b}
		if got, want := ix.keys(span, lang, clean[a:b]), TextKeys(clean[a:b], lang, nil); got != want {
			t.Fatalf("keys of %q (%s) from the clean text: %q, alone: %q", clean[a:b], lang, got, want)
		}
	}
	// A passage whose text is not the clean text under its span is keyed
	// from its text.
	if got, want := ix.keys(quellen.Span{Start: 0, End: 7}, "fr", "Molotov"), TextKeys("Molotov", "fr", nil); got != want {
		t.Errorf("keys of another text: %q, want %q", got, want)
	}
}

func TestTermAlts(t *testing.T) {
	m := NewMatcher()
	// A phrase: its keys under each language, once each.
	alts := TermAlts(quellen.Term{Text: "signed the pact", Phrase: true}, []string{"en", "en", ""}, m)
	if len(alts) != 2 || alts[0].Prefix || !slices.Equal(alts[0].Keys, []string{"sign", "the", "pact"}) ||
		!slices.Equal(alts[1].Keys, []string{"signed", "the", "pact"}) {
		t.Errorf("phrase: %+v", alts)
	}
	// A prefix: the name key of the word, unstemmed.
	if alts := TermAlts(quellen.Term{Text: "Stal", Prefix: true}, SearchLangs, m); len(alts) != 1 || !alts[0].Prefix || alts[0].Keys[0] != "stal" {
		t.Errorf("prefix: %+v", alts)
	}
	// A word: every candidate; a negated one is not highlighted.
	if alts := TermAlts(quellen.Term{Text: "Molotov", Not: true}, SearchLangs, m); len(alts) < 2 {
		t.Errorf("word: %+v", alts)
	}
	if TermAlts(quellen.Term{Text: "«»"}, SearchLangs, m) != nil {
		t.Error("a term without a word has alternatives")
	}
	snip, hs := Snippet("Stalin signed the pact; Molotov too.", "en", m)
	var got []string
	for _, h := range hs {
		got = append(got, snip[h.Start:h.End])
	}
	if !slices.Equal(got, []string{"Stalin", "signed the pact"}) { // the prefix, the phrase; not the negated word
		t.Errorf("highlights %q", got)
	}
}

func TestDocFilter(t *testing.T) {
	md := quellen.Metadata{Author: "Jean Dupré", Title: "Mémoires d’un militant", Date: "1939/1945"}
	tests := []struct {
		q         quellen.SearchQuery
		ok, dated bool
	}{
		{quellen.SearchQuery{Author: "dupre"}, true, false},
		{quellen.SearchQuery{Author: "Jean Durand"}, false, false},
		{quellen.SearchQuery{Doc: "MEMOIRES"}, true, false},
		{quellen.SearchQuery{Doc: "memo.txt"}, true, false},
		{quellen.SearchQuery{Doc: "pact"}, false, false},
		{quellen.SearchQuery{From: "1944"}, true, true},
		{quellen.SearchQuery{From: "1946"}, true, false},
		{quellen.SearchQuery{To: "1939-01"}, true, true},
		{quellen.SearchQuery{From: "1930", To: "1938"}, true, false},
	}
	for _, tc := range tests {
		f := NewDocFilter(tc.q)
		if ok, dated := f.Match("memo.txt", md); ok != tc.ok || dated != tc.dated || !f.Needed() {
			t.Errorf("%+v: ok %v dated %v, want %v %v", tc.q, ok, dated, tc.ok, tc.dated)
		}
	}
	if NewDocFilter(quellen.SearchQuery{Terms: []quellen.Term{{Text: "x"}}}).Needed() {
		t.Error("a query of words needs the documents filtered")
	}
}
