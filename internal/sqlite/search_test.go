package sqlite

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
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
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO passages_keys(passages_keys, rank) VALUES ('integrity-check', 0)`); err != nil {
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
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO passages_keys(passages_keys, rank) VALUES ('integrity-check', 0)`); err != nil {
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
