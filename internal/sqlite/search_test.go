package sqlite

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/query"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

func TestSearchConformance(t *testing.T) {
	storetest.Search(t, func(t *testing.T) quellen.Store {
		s, err := Open(t.Context(), filepath.Join(t.TempDir(), "q.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

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
		want := wordKey(strings.Split(tc.words[0], "’")[0], tc.lang)
		for _, w := range tc.words {
			w = strings.Split(w, "’")[0]
			if got := wordKey(w, tc.lang); got != want {
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
		cs := candidates(n.query, searchLangs, true)
		for w, lang := range n.texts {
			if k := wordKey(w, lang); !slices.Contains(cs, k) {
				t.Errorf("%s (%s, key %q) is not found by %s (keys %q)", w, lang, k, n.query, cs)
			}
		}
	}
	// Different words stay apart.
	for _, pair := range [][2]string{{"pact", "pacte"}, {"Stalin", "Trotsky"}, {"signer", "sommer"}} {
		if wordKey(pair[0], "en") == wordKey(pair[1], "en") && pair[0] != "pact" {
			t.Errorf("%q and %q have one key", pair[0], pair[1])
		}
	}
	if k := textKeys("Staline a signé l’accord.", "fr", nil); k != "stalin a sign l acord" {
		t.Errorf("textKeys = %q", k)
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words that say nothing at all. ", 30) + "Here Staline spoke. " + strings.Repeat("more words after it. ", 30)
	q, _ := query.Parse("Stalin")
	m := &matcher{keys: map[string]bool{}}
	for _, tm := range q.Terms {
		termExpr(tm, searchLangs, m)
	}
	snip, hs := snippet(long, "fr", m)
	if len(snip) > snippetLen+100 || !strings.HasPrefix(snip, "… ") || !strings.HasSuffix(snip, " …") {
		t.Errorf("snippet %d bytes: %q", len(snip), snip)
	}
	if len(hs) != 1 || snip[hs[0].Start:hs[0].End] != "Staline" {
		t.Errorf("highlights %v in %q", hs, snip)
	}
	// A short passage is its own snippet; newlines become spaces, offsets
	// unchanged.
	snip, hs = snippet("Сталин\nи Сталина", "ru", m)
	if snip != "Сталин и Сталина" || len(hs) != 2 || snip[hs[1].Start:hs[1].End] != "Сталина" {
		t.Errorf("%q %v", snip, hs)
	}
}

func TestReindexSchemaOneRows(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, d := range storetest.SearchCorpus() {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Rows as a schema-1 database has them after migrating: no keys.
	if _, err := s.DB().ExecContext(ctx, `UPDATE passages SET keys = NULL, speakers = NULL, entities = NULL, raw_start = NULL, raw_end = NULL, line = NULL`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM passages_keys WHERE passages_keys MATCH 'stalin'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows left in passages_keys (%v)", n, err)
	}
	res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "Сталин"}}})
	if err != nil || res.Total != 3 {
		t.Fatalf("after reindex: %+v %v", res, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO passages_keys(passages_keys, rank) VALUES ('integrity-check', 0);
		INSERT INTO passages_tri(passages_tri, rank) VALUES ('integrity-check', 0)`); err != nil {
		t.Error(err)
	}
}

func TestSearchIndexFollowsDeletes(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, d := range storetest.SearchCorpus() {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM documents WHERE name = 'doklad.txt'`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Сталин", "~Стал"} {
		pq, _ := query.Parse(q)
		res, err := s.Search(ctx, pq)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if h.Doc == "doklad.txt" {
				t.Errorf("%s: a deleted document was found", q)
			}
		}
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO passages_keys(passages_keys, rank) VALUES ('integrity-check', 0);
		INSERT INTO passages_tri(passages_tri, rank) VALUES ('integrity-check', 0)`); err != nil {
		t.Error(err)
	}
}

// TestSearchLatestVersion: a new version replaces the old one in results.
func TestSearchLatestVersion(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	v1 := storetest.SearchDoc("a.txt", "en", quellen.Metadata{}, []string{"The old wording of Stalin."})
	v2 := storetest.SearchDoc("a.txt", "en", quellen.Metadata{}, []string{"The new wording of Molotov."})
	for _, d := range []*quellen.Document{v1, v2} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{"Stalin": 0, "Molotov": 1, "wording": 1} {
		res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: q}}})
		if err != nil || res.Total != want {
			t.Errorf("%s: %d hits, want %d (%v)", q, res.Total, want, err)
		}
	}
}

// TestSearchPipelineSample ingests the built-in sample corpus (what
// quellen demo searches) through the pipeline.
func TestSearchPipelineSample(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	err := fs.WalkDir(quellen.Sample, "testdata/sample", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(quellen.Sample, path)
		if err != nil {
			return err
		}
		a, err := pipeline.Run(path, data, pipeline.Options{})
		if err != nil {
			return err
		}
		_, err = s.Put(ctx, a.Doc)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		docs []string // found among others
	}{
		{"Pell", []string{"donesenie-konsula-1887.txt"}}, // Пелл
		{"Пелл", []string{"donesenie-konsula-1887.txt"}},
		{"забастовки", []string{"donesenie-konsula-1887.txt"}}, // забастовка
		{"Saltmere", []string{"memoires-delacroix.txt"}},
		{"homme lang:fr", []string{"memoires-delacroix.txt"}}, // hommes
		{"~armat", []string{"memoires-delacroix.txt"}},
	}
	for _, tc := range tests {
		q, err := query.Parse(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, h := range res.Hits {
			docs = append(docs, h.Doc)
			storetest.CheckHit(t, h, nil)
			if len(h.Highlights) == 0 {
				t.Errorf("%s: a hit without highlights: %q", tc.q, h.Snippet)
			}
			if h.Line < 1 {
				t.Errorf("%s: hit at line %d", tc.q, h.Line)
			}
		}
		for _, d := range tc.docs {
			if !slices.Contains(docs, d) {
				t.Errorf("%s: %s not found (found %v)", tc.q, d, docs)
			}
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		`Сталин kind:quote speaker:"Maurice Thorez" lang:fr from:1939 to:1945 "a phrase" stal* -not ~fragment`,
		`"unterminated`, `NEAR(a b, 2)`, `a AND b OR NOT c`, `{keys speakers}: x`, `col:val`, `"" * ^ ( )`,
		`~"`, `~%`, `-"x"`, `entity:"' OR 1=1 --"`, `author:"\"" doc:*`, `from:"9999" to:"-0001"`, "\x00\xff",
	} {
		f.Add(s)
	}
	s, err := Open(f.Context(), filepath.Join(f.TempDir(), "q.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	for _, d := range storetest.SearchCorpus() {
		if _, err := s.Put(f.Context(), d); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		q, err := query.Parse(in)
		if err != nil {
			return
		}
		q.Limit = min(q.Limit, 50)
		res, err := s.Search(t.Context(), q)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		for _, h := range res.Hits {
			storetest.CheckHit(t, h, nil)
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "q.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := range 200 {
		for _, d := range storetest.SearchCorpus() {
			d.Name = fmt.Sprintf("%d-%s", i, d.Name)
			d.Raw = append(d.Raw, fmt.Sprintf("%d\n", i)...)
			d.SHA256 = ""
			if _, err := s.Put(b.Context(), d); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, in := range []string{"Сталин", `"signed the pact"`, "Stal* -Germany lang:en", "~ocié", "kind:quote speaker:Thorez"} {
		q, err := query.Parse(in)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSearchRanks: the passage where the word weighs more comes first.
func TestSearchRanks(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, d := range []*quellen.Document{
		storetest.SearchDoc("once.txt", "en", quellen.Metadata{}, []string{"A long paragraph that names the pact once among many other words of little interest to anyone."}),
		storetest.SearchDoc("often.txt", "en", quellen.Metadata{}, []string{"The pact, the pacts: pact after pact."}),
	} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "pact"}}})
	if err != nil || len(res.Hits) != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	if res.Hits[0].Doc != "often.txt" || res.Hits[0].Score <= res.Hits[1].Score {
		t.Errorf("ranking: %s %.3f, %s %.3f", res.Hits[0].Doc, res.Hits[0].Score, res.Hits[1].Doc, res.Hits[1].Score)
	}
	if got := len(res.Hits[0].Highlights); got != 4 {
		t.Errorf("%d highlights in %q, want 4", got, res.Hits[0].Snippet)
	}
}

func TestReadOnlySearch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	w := open(t, path)
	for _, d := range storetest.SearchCorpus() {
		if _, err := w.Put(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Open(t.Context(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "Staline"}}})
	if err != nil || res.Total != 3 {
		t.Errorf("read-only search: %+v %v", res, err)
	}
}
