package sqlite

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/quellen/quellen"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// doc makes a document as the pipeline would.
func doc(name, raw string) *quellen.Document {
	sum := sha256.Sum256([]byte(raw))
	clean := raw
	return &quellen.Document{
		Name: name, Path: "/corpus/" + name, SHA256: hex.EncodeToString(sum[:]), Format: "text",
		Raw: []byte(raw), Source: raw, Clean: clean,
		Meta: quellen.Metadata{Title: "A report", Language: "en", Date: "1889-08"},
		Findings: []quellen.Finding{
			{Kind: quellen.KindMetadata, Clean: quellen.Span{Start: 0, End: 5}, Raw: quellen.Span{Start: 0, End: 5},
				Line: 1, EndLine: 1, Text: raw[:5], Attrs: quellen.Attrs{"title": "A report"}, Extractor: "meta", Status: quellen.StatusAutomatic},
			{Kind: quellen.KindQuote, Clean: quellen.Span{Start: 6, End: 12}, Raw: quellen.Span{Start: 6, End: 12},
				Line: 1, EndLine: 2, Text: raw[6:12], Attrs: quellen.Attrs{"speaker": "Jan Kessel", "note": "1", "block": false, "n": 3.5},
				Extractor: "quotes", Status: quellen.StatusAutomatic},
			{Kind: quellen.KindNumber, Clean: quellen.Span{Start: 12, End: 14}, Raw: quellen.Span{Start: 12, End: 14},
				Line: 2, EndLine: 2, Text: raw[12:14], Extractor: "numbers", Status: quellen.StatusAutomatic},
		},
		Problems: []quellen.Problem{{Severity: "warning", Code: "encoding.cp1252", Message: name + ": decoded as Windows-1252", Offset: -1}},
	}
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRowContext(t.Context(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenCreatesQuellenDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	s := open(t, path)
	var appID, userVersion int
	var mode, v string
	db := s.DB()
	db.QueryRow(`PRAGMA application_id`).Scan(&appID)
	db.QueryRow(`PRAGMA user_version`).Scan(&userVersion)
	db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	db.QueryRow(`SELECT value FROM quellen_meta WHERE key='schema_version'`).Scan(&v)
	var fk int
	db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	if appID != ApplicationID || userVersion != SchemaVersion() || mode != "wal" || v != "1" || fk != 1 {
		t.Errorf("application_id %#x, user_version %d, journal_mode %s, schema_version %s, foreign_keys %d", appID, userVersion, mode, v, fk)
	}
	s.Close()
	// Opening again migrates nothing and keeps the data.
	s2 := open(t, path)
	if err := s2.Check(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestPutIsIdempotent(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	d := doc("report.txt", "Hello “world” 12 dockers.\n")
	created, err := s.Put(ctx, d)
	if err != nil || !created {
		t.Fatalf("first Put: created %v, %v", created, err)
	}
	firstID := d.ID
	counts := map[string]int{}
	for _, tb := range []string{"documents", "versions", "findings", "problems", "passages"} {
		counts[tb] = count(t, s, tb)
	}
	again := doc("report.txt", "Hello “world” 12 dockers.\n")
	created, err = s.Put(ctx, again)
	if err != nil || created {
		t.Fatalf("second Put: created %v, %v", created, err)
	}
	if again.ID != firstID || again.Version != 1 {
		t.Errorf("second Put: id %d version %d, want %d 1", again.ID, again.Version, firstID)
	}
	for tb, n := range counts {
		if got := count(t, s, tb); got != n {
			t.Errorf("%s: %d rows after the second Put, %d before", tb, got, n)
		}
	}
	name, ok, err := s.Has(ctx, d.SHA256)
	if err != nil || !ok || name != "report.txt" {
		t.Errorf("Has: %q %v %v", name, ok, err)
	}
	if _, ok, _ := s.Has(ctx, "00"); ok {
		t.Error("Has: unknown hash found")
	}
}

func TestChangedFileIsNextVersion(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	v1 := doc("report.txt", "Hello “world” 12 dockers.\n")
	v2 := doc("report.txt", "Hello “world” 14 dockers.\n")
	for _, d := range []*quellen.Document{v1, v2} {
		if created, err := s.Put(ctx, d); err != nil || !created {
			t.Fatalf("Put %s: %v %v", d.SHA256, created, err)
		}
	}
	if v1.Version != 1 || v2.Version != 2 || v1.ID == v2.ID {
		t.Errorf("versions %d (id %d), %d (id %d)", v1.Version, v1.ID, v2.Version, v2.ID)
	}
	docs, err := s.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != v2.ID || docs[0].Version != 2 {
		t.Fatalf("Documents: %+v", docs)
	}
	vs, err := s.Versions(ctx, "report.txt")
	if err != nil || len(vs) != 2 {
		t.Fatalf("Versions: %d, %v", len(vs), err)
	}
	if got := count(t, s, "documents"); got != 1 {
		t.Errorf("%d documents, want 1", got)
	}
}

func TestDocumentRoundTrips(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	tests := []struct {
		name string
		doc  func() *quellen.Document
	}{
		{"utf8 text", func() *quellen.Document { return doc("a.txt", "Hello “world” 12 dockers.\r\nsecond line\n") }},
		{"cp1252 bytes", func() *quellen.Document {
			d := doc("b.txt", "caf\xe9 \x93quoted\x94 and more words\n")
			d.Source = "café “quoted” and more words\n" // decoded: differs from raw
			d.Clean = d.Source
			return d
		}},
		{"pdf with extracted text", func() *quellen.Document {
			d := doc("c.pdf", "%PDF-1.4\x00\x01\x02 binary body\n%%EOF")
			d.Format = "pdf"
			d.Source = "The extracted text of the PDF.\n\nSecond paragraph."
			d.Clean = "The extracted text of the PDF.\n\nSecond paragraph."
			return d
		}},
		{"empty findings", func() *quellen.Document {
			d := doc("d.txt", "nothing to see here at all\n")
			d.Findings, d.Problems = nil, nil
			return d
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.doc()
			if _, err := s.Put(ctx, want); err != nil {
				t.Fatal(err)
			}
			got, err := s.Document(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Raw, want.Raw) {
				t.Errorf("Raw differs:\n got %q\nwant %q", got.Raw, want.Raw)
			}
			opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(quellen.Document{}, "Ingested")}
			if diff := cmp.Diff(want, got, opts); diff != "" {
				t.Errorf("round trip (-put +got):\n%s", diff)
			}
			if got.Ingested.IsZero() {
				t.Error("Ingested not set")
			}
		})
	}
	if _, err := s.Document(ctx, 9999); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("Document(9999): %v, want ErrNotFound", err)
	}
	fs, err := s.Findings(ctx, quellen.FindingFilter{Kinds: []quellen.Kind{quellen.KindQuote}})
	if err != nil || len(fs) != 3 {
		t.Errorf("Findings(quote): %d, %v; want 3", len(fs), err)
	}
	counts, err := s.FindingCounts(ctx, 1)
	if err != nil || counts[quellen.KindQuote] != 1 || counts[quellen.KindNumber] != 1 {
		t.Errorf("FindingCounts: %v %v", counts, err)
	}
}

func TestNoOrphansAfterDelete(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, raw := range []string{"Hello “world” 12 dockers.\n\nA second paragraph.\n", "Other “text” 99 men.\n"} {
		if _, err := s.Put(ctx, doc("x"+raw[:1]+".txt", raw)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var hits int
	s.DB().QueryRow(`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'dockers'`).Scan(&hits)
	if hits < 1 {
		t.Errorf("full-text: %d hits for dockers", hits)
	}
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM documents WHERE name = 'xH.txt'`); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	s.DB().QueryRow(`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'dockers'`).Scan(&hits)
	if hits != 0 || count(t, s, "findings") != 3 || count(t, s, "passages") == 0 {
		t.Errorf("after delete: %d hits, %d findings", hits, count(t, s, "findings"))
	}
}

func TestRefusesWhatIsNotOurs(t *testing.T) {
	random := make([]byte, 4096)
	rand.Read(random)
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"random bytes", func(t *testing.T, p string) { os.WriteFile(p, random, 0o644) }, quellen.ErrNotOurs},
		{"short text", func(t *testing.T, p string) { os.WriteFile(p, []byte("not a database\n"), 0o644) }, quellen.ErrNotOurs},
		{"sqlite header only", func(t *testing.T, p string) {
			os.WriteFile(p, append([]byte(sqliteMagic), make([]byte, 200)...), 0o644)
		}, nil},
		{"foreign sqlite", func(t *testing.T, p string) {
			db, err := openDB(p, "rwc", false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, 'x')`); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, quellen.ErrNotOurs},
		{"foreign empty sqlite with app id 0", func(t *testing.T, p string) {
			db, _ := openDB(p, "rwc", false)
			db.Exec(`PRAGMA user_version = 7`)
			db.Close()
		}, quellen.ErrNotOurs},
		{"newer schema", func(t *testing.T, p string) {
			s, err := Open(t.Context(), p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.DB().Exec(`UPDATE quellen_meta SET value = '99' WHERE key = 'schema_version'`)
			s.DB().Exec(`PRAGMA journal_mode=DELETE`)
			s.Close()
		}, quellen.ErrNewerSchema},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "q.db")
			tc.make(t, path)
			before, _ := os.ReadFile(path)
			entries, _ := os.ReadDir(dir)
			s, err := Open(t.Context(), path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
			if again, _ := os.ReadDir(dir); len(again) != len(entries) {
				t.Errorf("%d files beside it before, %d after", len(entries), len(again))
			}
		})
	}
}

func TestCorrectionSurvivesReingest(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	v1 := doc("report.txt", "Hello “world” 12 dockers.\n")
	if _, err := s.Put(ctx, v1); err != nil {
		t.Fatal(err)
	}
	quote := v1.Findings[1]
	c, err := s.Correct(ctx, quote.ID, quellen.Correction{
		Status: quellen.StatusCorrected, Attrs: quellen.Attrs{"speaker": "Piet Brouwer"}, Who: "editor",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Doc != "report.txt" || c.Kind != quellen.KindQuote || c.Raw != quote.Raw || c.TextHash != TextHash(quote.Text) {
		t.Errorf("correction identity: %+v", c)
	}
	check := func(id int64, what string) {
		fs, err := s.Findings(ctx, quellen.FindingFilter{DocID: id, Kinds: []quellen.Kind{quellen.KindQuote}})
		if err != nil || len(fs) != 1 {
			t.Fatalf("%s: %d quotes, %v", what, len(fs), err)
		}
		if fs[0].Status != quellen.StatusCorrected || fs[0].Attrs.String("speaker") != "Piet Brouwer" || fs[0].Attrs.String("note") != "1" {
			t.Errorf("%s: quote %+v", what, fs[0])
		}
	}
	check(v1.ID, "corrected version")
	// A new version whose quote did not move gets the correction again.
	v2 := doc("report.txt", "Hello “world” 12 dockers.\nAnd a new line at the end.\n")
	if _, err := s.Put(ctx, v2); err != nil {
		t.Fatal(err)
	}
	check(v2.ID, "re-ingested version")
	cs, err := s.Corrections(ctx, "report.txt")
	if err != nil || len(cs) != 1 || cs[0].Who != "editor" {
		t.Errorf("Corrections: %+v %v", cs, err)
	}
	if _, err := s.Correct(ctx, quote.ID, quellen.Correction{Status: "maybe"}); err == nil {
		t.Error("a correction with a bad status was accepted")
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

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	if _, err := Open(t.Context(), path, Options{ReadOnly: true}); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("read-only open of a missing file: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a read-only open created the file")
	}
	w := open(t, path)
	if _, err := w.Put(t.Context(), doc("a.txt", "Hello “world” 12 dockers.\n")); err != nil {
		t.Fatal(err)
	}
	r, err := Open(t.Context(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	docs, err := r.Documents(t.Context(), quellen.DocFilter{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("read-only Documents: %d %v", len(docs), err)
	}
	if _, err := r.Put(t.Context(), doc("b.txt", "other bytes entirely\n")); err == nil {
		t.Error("Put on a read-only store worked")
	}
}
