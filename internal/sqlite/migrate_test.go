package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/query"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// schemaTwo makes a database of schema 2 holding docs as a quellen of
// that schema stored them: every passage's text, a word index of the
// text (passages_fts), the keys index and a trigram index.
func schemaTwo(t *testing.T, path string, docs []*quellen.Document) {
	t.Helper()
	ctx := t.Context()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := openDB(path, "rwc", true)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx, ms[:2], 0); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) sql.Result {
		t.Helper()
		r, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return r
	}
	fid := int64(0)
	for i, d := range docs {
		p, err := Prepare(d)
		if err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO documents(id, name, created) VALUES (?, ?, '2025-01-01T00:00:00Z')`, i+1, d.Name)
		exec(`INSERT INTO versions(id, document_id, version, sha256, path, format, language, title, meta, raw, source, clean, size, ingested)
			VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z')`,
			i+1, i+1, d.SHA256, d.Path, d.Format, d.Meta.Language, d.Meta.Title, p.meta, d.Raw, p.source, p.clean, len(d.Raw))
		for j := range d.Findings {
			f := &d.Findings[j]
			fid++
			f.ID = fid
			exec(`INSERT INTO findings(id, version_id, seq, kind, clean_start, clean_end, raw_start, raw_end, line, end_line, text, attrs, extractor, status)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, f.ID, i+1, j, string(f.Kind), f.Clean.Start, f.Clean.End, f.Raw.Start, f.Raw.End,
				f.Line, f.EndLine, f.Text, p.attrs[j], f.Extractor, string(f.Status))
		}
		null := func(s string) any {
			if s == "" {
				return nil
			}
			return s
		}
		for _, r := range p.passages {
			var finding any
			if r.Finding >= 0 {
				finding = d.Findings[r.Finding].ID
			}
			exec(`INSERT INTO passages(version_id, finding_id, kind, clean_start, clean_end, lang, text, keys, speakers, entities, dates, raw_start, raw_end, line)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, i+1, finding, r.Kind, r.Span.Start, r.Span.End, r.Lang, r.Text,
				r.Keys, null(r.Speakers), null(r.Entities), null(r.Dates), r.Raw.Start, r.Raw.End, r.Line)
		}
	}
	exec(`INSERT INTO passages_fts(rowid, text, lang) SELECT id, text, lang FROM passages`)
	exec(`INSERT INTO passages_keys(rowid, keys, speakers, entities) SELECT id, keys, speakers, entities FROM passages`)
	exec(`INSERT INTO passages_tri(rowid, text) SELECT id, text FROM passages`)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateSchemaTwo: a database of schema 2 opens, migrates to the
// current schema and answers every search case, read-only before any
// writable open has given its versions their fragment filters, and
// after.
func TestMigrateSchemaTwo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	schemaTwo(t, path, storetest.SearchCorpus())
	search := func(t *testing.T, s *Store) {
		t.Helper()
		for _, tc := range storetest.SearchCases {
			q, err := query.Parse(tc.Query)
			if err != nil {
				t.Fatal(err)
			}
			q.Limit = 100
			res, err := s.Search(t.Context(), q)
			if err != nil {
				t.Fatalf("%s: %v", tc.Query, err)
			}
			var docs []string
			for _, h := range res.Hits {
				if !slices.Contains(docs, h.Doc) {
					docs = append(docs, h.Doc)
				}
				storetest.CheckHit(t, h, tc.Words)
			}
			slices.Sort(docs)
			if diff := cmp.Diff(tc.Docs, docs); diff != "" {
				t.Errorf("%s: documents found (-want +got):\n%s", tc.Query, diff)
			}
		}
	}
	s := open(t, path)
	if v := tableCount(t, s, "version_grams"); v != 0 {
		t.Fatalf("%d fragment filters before any search", v)
	}
	for _, gone := range []string{"passages_fts", "passages_tri"} {
		if n := tableCount(t, s, gone); n != -1 {
			t.Errorf("%s is still there", gone)
		}
	}
	s.Close()

	// Read-only, nothing is written: fragments are found by reading every
	// passage.
	r, err := Open(t.Context(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	search(t, r)
	r.Close()

	s = open(t, path)
	search(t, s) // gives the filters
	if v := tableCount(t, s, "version_grams"); v != 3 {
		t.Errorf("%d fragment filters after a search, want 3", v)
	}
	search(t, s)
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
	// A version stored now sits beside the migrated ones.
	d := storetest.SearchDoc("later.txt", "fr", quellen.Metadata{}, []string{"Staline parla plus tard du pacte."})
	if _, err := s.Put(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "TALIN", Fragment: true}}})
	if err != nil || res.Total != 3 {
		t.Errorf("~TALIN after a new version: %+v %v", res, err)
	}
}

// tableCount counts a table's rows, or returns -1 when there is no such
// table.
func tableCount(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM sqlite_schema WHERE name = ?`, table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		return -1
	}
	return count(t, s, table)
}

// TestOlderSchemaReadOnlyAndMigrated: a database from before schema 4
// (versions.analysed) is read, read-only and unmigrated, with every
// version analysed; migrated, its versions are marked analysed and a
// store-only version stored after sits beside them.
func TestOlderSchemaReadOnlyAndMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	schemaTwo(t, path, storetest.SearchCorpus())
	check := func(s *Store, what string, unanalysed int) {
		t.Helper()
		ds, err := s.Documents(t.Context(), quellen.DocFilter{})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		marked := 0
		for _, d := range ds {
			full, err := s.Document(t.Context(), d.ID)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if full.Unanalysed != d.Unanalysed {
				t.Errorf("%s: %s: Document says unanalysed %v, Documents %v", what, d.Name, full.Unanalysed, d.Unanalysed)
			}
			if d.Unanalysed {
				marked++
			}
		}
		un, err := s.Unanalysed(t.Context())
		if err != nil || len(un) != unanalysed || marked != unanalysed || len(ds) != 3+unanalysed {
			t.Errorf("%s: %d documents, %d marked, Unanalysed %d (%v), want %d", what, len(ds), marked, len(un), err, unanalysed)
		}
	}
	r, err := Open(t.Context(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.schema != 2 {
		t.Fatalf("read-only schema %d, want 2 (unmigrated)", r.schema)
	}
	check(r, "schema 2, read-only", 0)
	r.Close()

	s := open(t, path)
	check(s, "migrated", 0)
	d := storetest.SearchDoc("later.txt", "fr", quellen.Metadata{}, []string{"Wrenne parla plus tard de la grève."})
	d.Unanalysed = true
	if _, err := s.Put(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	check(s, "with a store-only version", 1)
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
}
