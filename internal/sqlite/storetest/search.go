package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/query"
)

// Placed is a finding of a SearchDoc, placed on the first occurrence of
// its text.
type Placed struct {
	Kind  quellen.Kind
	Text  string
	Attrs quellen.Attrs
}

// SearchDoc makes a document of paragraphs (separated by blank lines)
// with a language finding per paragraph, as the pipeline gives, and the
// findings named, each placed on the first occurrence of its text.
func SearchDoc(name, lang string, meta quellen.Metadata, paras []string, fs ...Placed) *quellen.Document {
	text := strings.Join(paras, "\n\n") + "\n"
	d := Doc(name, text)
	meta.Language = lang
	d.Meta = meta
	d.Findings, d.Problems = nil, nil
	line := func(off int) int { return strings.Count(text[:off], "\n") + 1 }
	add := func(k quellen.Kind, s, e int, attrs quellen.Attrs) {
		d.Findings = append(d.Findings, quellen.Finding{Kind: k, Clean: quellen.Span{Start: s, End: e}, Raw: quellen.Span{Start: s, End: e},
			Line: line(s), EndLine: line(e - 1), Text: text[s:e], Attrs: attrs, Extractor: "test", Status: quellen.StatusAutomatic})
	}
	off := 0
	for _, p := range paras {
		add(quellen.KindLanguage, off, off+len(p), quellen.Attrs{"lang": lang})
		off += len(p) + 2
	}
	for _, f := range fs {
		i := strings.Index(text, f.Text)
		if i < 0 {
			panic(fmt.Sprintf("%s: %q is not in the text", name, f.Text))
		}
		add(f.Kind, i, i+len(f.Text), f.Attrs)
	}
	return d
}

// SearchCorpus is the corpus of the search cases: one document in each
// of English, French and Russian about the same events.
func SearchCorpus() []*quellen.Document {
	return []*quellen.Document{
		SearchDoc("pact.txt", "en", quellen.Metadata{Title: "The Pact", Author: "Grover Furr", Date: "1939-08"}, []string{
			"Stalin signed the pact with Germany on 23 August 1939. The signing was kept secret.",
			"Trotsky denounced the treaty from Mexico and wrote that “the pact is a betrayal”.",
		},
			Placed{quellen.KindDate, "23 August 1939", quellen.Attrs{"from": "1939-08-23", "to": "1939-08-23"}},
			Placed{quellen.KindEntity, "Stalin", quellen.Attrs{"canonical": "Joseph Stalin", "type": "person"}},
			Placed{quellen.KindEntity, "Trotsky", quellen.Attrs{"canonical": "Leon Trotsky", "type": "person"}},
			Placed{quellen.KindQuote, "the pact is a betrayal", quellen.Attrs{"speaker": "Leon Trotsky"}},
		),
		SearchDoc("memoire.txt", "fr", quellen.Metadata{Title: "Mémoires d’un militant", Author: "Jean Dupré", Date: "1945"}, []string{
			"Staline a signé l’accord sans consulter la Société des Nations.",
			"Le traité fut signée en secret ; Thorez déclara : « nous ne voulions pas signer ».",
		},
			Placed{quellen.KindEntity, "Staline", quellen.Attrs{"canonical": "Joseph Stalin", "type": "person"}},
			Placed{quellen.KindEntity, "Thorez", quellen.Attrs{"canonical": "Maurice Thorez", "type": "person"}},
			Placed{quellen.KindQuote, "nous ne voulions pas signer", quellen.Attrs{"speaker": "Maurice Thorez"}},
		),
		SearchDoc("doklad.txt", "ru", quellen.Metadata{Title: "Доклад", Author: "Иван Петров", Date: "1941-06"}, []string{
			"Сталин подписал договор в Москве.",
			"Молотов объявил о войне 22 июня 1941 года и сказал: «Наше дело правое».",
		},
			Placed{quellen.KindEntity, "Сталин", quellen.Attrs{"canonical": "Иосиф Сталин", "type": "person"}},
			Placed{quellen.KindEntity, "Молотов", quellen.Attrs{"canonical": "Вячеслав Молотов", "type": "person"}},
			Placed{quellen.KindDate, "22 июня 1941 года", quellen.Attrs{"from": "1941-06-22", "to": "1941-06-22"}},
			Placed{quellen.KindQuote, "Наше дело правое", quellen.Attrs{"speaker": "Вячеслав Молотов"}},
		),
	}
}

// SearchCase is one query of the search conformance suite and the
// documents it must find (each once or more), in any order.
type SearchCase struct {
	Query string
	Docs  []string
	// Words, when set, are what the highlights of every hit may slice
	// out of its snippet (compared folded to lower case); every hit must
	// have at least one.
	Words []string
	// Kinds, when set, are the only kinds of hit allowed ("" a paragraph).
	Kinds []quellen.Kind
}

// SearchCases are the queries every Searcher must answer alike.
var SearchCases = []SearchCase{
	// One name in three scripts and spellings.
	{Query: "Сталин", Docs: []string{"doklad.txt", "memoire.txt", "pact.txt"}, Words: []string{"stalin", "staline", "сталин"}},
	{Query: "Stalin", Docs: []string{"doklad.txt", "memoire.txt", "pact.txt"}, Words: []string{"stalin", "staline", "сталин"}},
	{Query: "Staline", Docs: []string{"doklad.txt", "memoire.txt", "pact.txt"}, Words: []string{"stalin", "staline", "сталин"}},
	// French stemming and accents.
	{Query: "signée lang:fr", Docs: []string{"memoire.txt"}, Words: []string{"signé", "signée", "signer"}},
	{Query: "signee lang:fr", Docs: []string{"memoire.txt"}, Words: []string{"signé", "signée", "signer"}},
	{Query: "Societe", Docs: []string{"memoire.txt"}, Words: []string{"société"}},
	{Query: "SOCIÉTÉ", Docs: []string{"memoire.txt"}, Words: []string{"société"}},
	// English and Russian stemming.
	{Query: "signing lang:en", Docs: []string{"pact.txt"}, Words: []string{"signed", "signing"}},
	{Query: "подписали", Docs: []string{"doklad.txt"}, Words: []string{"подписал"}},
	{Query: "договора", Docs: []string{"doklad.txt"}, Words: []string{"договор"}},
	{Query: "Moskve", Docs: []string{"doklad.txt"}, Words: []string{"москве"}},
	// Phrases, prefixes, exclusion, fragments.
	{Query: `"signed the pact"`, Docs: []string{"pact.txt"}, Words: []string{"signed the pact"}},
	{Query: `"the signed pact"`, Docs: nil},
	{Query: "Stal*", Docs: []string{"doklad.txt", "memoire.txt", "pact.txt"}, Words: []string{"stalin", "staline", "сталин"}},
	{Query: "Моск*", Docs: []string{"doklad.txt"}, Words: []string{"москве"}},
	{Query: "Stalin -Germany", Docs: []string{"doklad.txt", "memoire.txt"}},
	{Query: "-Stalin pact", Docs: []string{"pact.txt"}, Words: []string{"pact"}},
	{Query: "~ocié", Docs: []string{"memoire.txt"}},
	{Query: "~rotsk", Docs: []string{"pact.txt"}},
	{Query: "Stalin pact", Docs: []string{"pact.txt"}},
	{Query: "nothingsuchword", Docs: nil},
	// Filters.
	{Query: "kind:quote", Docs: []string{"doklad.txt", "memoire.txt", "pact.txt"}, Kinds: []quellen.Kind{quellen.KindQuote}},
	{Query: "pact kind:quote", Docs: []string{"pact.txt"}, Kinds: []quellen.Kind{quellen.KindQuote}},
	{Query: "speaker:Thorez", Docs: []string{"memoire.txt"}, Kinds: []quellen.Kind{quellen.KindQuote}},
	{Query: `speaker:"Maurice Thorez" signer`, Docs: []string{"memoire.txt"}, Kinds: []quellen.Kind{quellen.KindQuote}},
	{Query: "speaker:Molotov", Docs: []string{"doklad.txt"}, Kinds: []quellen.Kind{quellen.KindQuote}},
	{Query: "speaker:Nobody", Docs: nil},
	{Query: "entity:Molotov", Docs: []string{"doklad.txt"}},
	{Query: "entity:Trotsky treaty", Docs: []string{"pact.txt"}},
	{Query: "author:Furr", Docs: []string{"pact.txt"}},
	{Query: "author:Petrov", Docs: []string{"doklad.txt"}},
	{Query: "author:dupre Staline", Docs: []string{"memoire.txt"}},
	{Query: "doc:memoire", Docs: []string{"memoire.txt"}},
	{Query: "lang:ru", Docs: []string{"doklad.txt"}},
	{Query: "Stalin lang:fr", Docs: []string{"memoire.txt"}},
	{Query: "from:1941 to:1941", Docs: []string{"doklad.txt"}},
	{Query: "from:1941-06-22 to:1941-06-22 kind:paragraph", Docs: []string{"doklad.txt"}},
	{Query: "from:1944", Docs: []string{"memoire.txt"}},
	{Query: "to:1939-12 Stalin", Docs: []string{"pact.txt"}},
	{Query: "from:1940 to:1940", Docs: nil},
}

// Search runs the search conformance suite on a store that is a
// quellen.Searcher; open returns a new, empty store, closed by the suite.
func Search(t *testing.T, open func(t *testing.T) quellen.Store) {
	s := open(t)
	t.Cleanup(func() { s.Close() })
	sr, ok := s.(quellen.Searcher)
	if !ok {
		t.Skipf("%T is not a quellen.Searcher", s)
	}
	for _, d := range SearchCorpus() {
		if _, err := s.Put(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range SearchCases {
		t.Run(tc.Query, func(t *testing.T) {
			q, err := query.Parse(tc.Query)
			if err != nil {
				t.Fatal(err)
			}
			q.Limit = 100
			res, err := sr.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			var docs []string
			for _, h := range res.Hits {
				if !slices.Contains(docs, h.Doc) {
					docs = append(docs, h.Doc)
				}
				CheckHit(t, h, tc.Words)
				if tc.Kinds != nil && !slices.Contains(tc.Kinds, h.Kind) {
					t.Errorf("hit of kind %q in %s, want only %v", h.Kind, h.Doc, tc.Kinds)
				}
			}
			slices.Sort(docs)
			if diff := cmp.Diff(tc.Docs, docs); diff != "" {
				t.Errorf("documents found (-want +got):\n%s", diff)
			}
			if res.Total != len(res.Hits) {
				t.Errorf("Total %d, %d hits", res.Total, len(res.Hits))
			}
		})
	}
	t.Run("Paging", func(t *testing.T) {
		all, err := sr.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "Stalin"}}})
		if err != nil || all.Total < 3 || len(all.Hits) != all.Total {
			t.Fatalf("all: %+v %v", all, err)
		}
		var seen []string
		for off := range all.Total {
			page, err := sr.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "Stalin"}}, Limit: 1, Offset: off})
			if err != nil || len(page.Hits) != 1 || page.Total != all.Total {
				t.Fatalf("offset %d: %+v %v", off, page, err)
			}
			h := page.Hits[0]
			seen = append(seen, fmt.Sprint(h.DocID, h.Clean, h.Kind))
		}
		slices.Sort(seen)
		if len(slices.Compact(seen)) != all.Total {
			t.Errorf("pages of one repeat hits: %v", seen)
		}
		past, err := sr.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "Stalin"}}, Offset: all.Total})
		if err != nil || len(past.Hits) != 0 || past.Total != all.Total {
			t.Errorf("past the end: %+v %v", past, err)
		}
	})
	t.Run("HitPlace", func(t *testing.T) {
		res, err := sr.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "Молотов"}}, Kinds: []quellen.Kind{"paragraph"}})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%+v %v", res, err)
		}
		h := res.Hits[0]
		d, err := s.Document(t.Context(), h.DocID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Doc != "doklad.txt" || h.Title != "Доклад" || h.Line != 3 || h.Lang != "ru" ||
			!strings.HasPrefix(string(d.Raw[h.Raw.Start:h.Raw.End]), "Молотов объявил") || !strings.HasPrefix(d.Clean[h.Clean.Start:], "Молотов") {
			t.Errorf("hit %+v", h)
		}
	})
	t.Run("HostileText", func(t *testing.T) {
		for _, s := range []string{`"`, `"""`, `NEAR(a b)`, `a OR b AND NOT c`, `col:x`, `{keys} : x`, `'; DROP TABLE passages; --`, `*`, `^start`, `~"`, `~%_`, `-`, `(((`} {
			for _, q := range []quellen.SearchQuery{
				{Terms: []quellen.Term{{Text: s}}},
				{Terms: []quellen.Term{{Text: s, Phrase: true}, {Text: s, Not: true}}},
				{Terms: []quellen.Term{{Text: s, Prefix: true}}},
				{Terms: []quellen.Term{{Text: s, Fragment: true}}},
				{Speaker: s, Entity: s, Author: s, Doc: s, Lang: s, From: s, To: s},
			} {
				if _, err := sr.Search(t.Context(), q); err != nil {
					t.Errorf("%+v: %v", q, err)
				}
			}
		}
	})
}

// CheckHit checks a hit's snippet and highlights: every highlight lies
// in the snippet, on whole characters, in order; when words are given,
// each highlight is one of them and the hit has one.
func CheckHit(t *testing.T, h quellen.Hit, words []string) {
	t.Helper()
	last := 0
	for _, sp := range h.Highlights {
		if sp.Start < last || sp.End <= sp.Start || sp.End > len(h.Snippet) {
			t.Errorf("%s: highlight %v out of order or out of the snippet %q", h.Doc, sp, h.Snippet)
			return
		}
		last = sp.End
		got := strings.ToLower(h.Snippet[sp.Start:sp.End])
		if words != nil && !slices.Contains(words, got) {
			t.Errorf("%s: highlight %q of %q is not one of %v", h.Doc, got, h.Snippet, words)
		}
	}
	if words != nil && len(h.Highlights) == 0 {
		t.Errorf("%s: no highlight in %q", h.Doc, h.Snippet)
	}
}
