package postgres

import (
	"errors"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// rows counts the rows of a table that belong to a version.
func rows(t *testing.T, s *Store, table string, id int64) int {
	t.Helper()
	var n int
	if err := s.Pool().QueryRow(t.Context(), "SELECT count(*) FROM "+table+" WHERE version_id = $1", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An unanalysed document is prepared without passages or fragment filter
// and stored without them, its findings and problems kept; Reanalyse
// gives it both, and a store-only Reanalyse takes them away again.
func TestStoreOnlyHasNoPassagesOrFilter(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	d := storetest.Doc("a.txt", "Hello “world” 12 dockers.\n\nA second paragraph.\n")
	d.Unanalysed = true
	p, err := Prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.passages.texts) != 0 || p.grams != nil || len(p.findings) != len(d.Findings) {
		t.Errorf("prepared unanalysed: %d passages, filter %v, %d finding rows", len(p.passages.texts), p.grams != nil, len(p.findings))
	}
	if created, err := s.PutPrepared(ctx, p); err != nil || !created {
		t.Fatalf("created %v, %v", created, err)
	}
	var analysed bool
	if err := s.Pool().QueryRow(ctx, `SELECT analysed FROM versions WHERE id = $1`, d.ID).Scan(&analysed); err != nil || analysed {
		t.Errorf("analysed %v, %v", analysed, err)
	}
	if n, g, f, pr := rows(t, s, "passages", d.ID), rows(t, s, "version_grams", d.ID), rows(t, s, "findings", d.ID), rows(t, s, "problems", d.ID); n != 0 || g != 0 || f != 3 || pr != 1 {
		t.Errorf("stored unanalysed: %d passages, %d filters, %d findings, %d problems", n, g, f, pr)
	}

	a := storetest.Doc("a.txt", "Hello “world” 12 dockers.\n\nA second paragraph.\n")
	a.ID = d.ID
	if err := s.Reanalyse(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n, g, f, pr := rows(t, s, "passages", d.ID), rows(t, s, "version_grams", d.ID), rows(t, s, "findings", d.ID), rows(t, s, "problems", d.ID); n == 0 || g != 1 || f != 3 || pr != 1 {
		t.Errorf("reanalysed: %d passages, %d filters, %d findings, %d problems", n, g, f, pr)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}

	c := storetest.Doc("a.txt", "Hello “world” 12 dockers.\n\nA second paragraph.\n")
	c.ID, c.Unanalysed = d.ID, true
	if err := s.Reanalyse(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n, g := rows(t, s, "passages", d.ID), rows(t, s, "version_grams", d.ID); n != 0 || g != 0 {
		t.Errorf("reanalysed store-only: %d passages, %d filters", n, g)
	}
	if un, err := s.Unanalysed(ctx); err != nil || len(un) != 1 || un[0].ID != d.ID || !un[0].Unanalysed {
		t.Errorf("Unanalysed: %+v, %v", un, err)
	}
}

// Reanalyse stores the new texts (source NULL when it is the raw text,
// even when d.Raw is not given) and keeps a version's xref text what it
// was when the clean text changes, so that its fingerprints stay true;
// the links to its old findings go, those to its raw text stay.
func TestReanalyseKeepsXrefTextAndRawLinks(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	const raw = "The ofﬁcial report.\n"
	d, other := storetest.Doc("a.txt", raw), storetest.Doc("b.txt", "Another report.\n")
	for _, x := range []*quellen.Document{d, other} {
		if _, err := s.Put(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	// As a run of xref left it: the xref text is the stored clean text.
	if _, err := s.Pool().Exec(ctx, `INSERT INTO xref_texts(version_id, clean, nwords, words) VALUES ($1, NULL, 0, '')`, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, `INSERT INTO fingerprints(version_id, ngram, stem, part, hashes, counts) VALUES ($1, 5, 0, 0, '{1}', '{1}')`, d.ID); err != nil {
		t.Fatal(err)
	}
	onFinding := quellen.Link{Kind: "reuse", A: quellen.Passage{DocID: d.ID, FindingID: d.Findings[1].ID, Raw: d.Findings[1].Raw, Text: "x"},
		B: quellen.Passage{DocID: other.ID, FindingID: other.Findings[1].ID, Raw: other.Findings[1].Raw, Text: "y"}}
	onRaw := quellen.Link{Kind: "reuse", A: quellen.Passage{DocID: d.ID, Raw: quellen.Span{Start: 0, End: 3}, Text: "The"},
		B: quellen.Passage{DocID: other.ID, Raw: quellen.Span{Start: 0, End: 7}, Text: "Another"}}
	for _, l := range []*quellen.Link{&onFinding, &onRaw} {
		if _, err := s.AddLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	xrefText := func() (text string, copied bool) {
		t.Helper()
		var b []byte
		if err := s.Pool().QueryRow(ctx, `SELECT coalesce(x.clean, v.clean, v.source, v.raw), x.clean IS NOT NULL
			FROM xref_texts x JOIN versions v ON v.id = x.version_id WHERE x.version_id = $1`, d.ID).Scan(&b, &copied); err != nil {
			t.Fatal(err)
		}
		return string(b), copied
	}

	// The repair now mends the ligature: the xref text stays the old one.
	a := storetest.Doc("a.txt", raw)
	a.ID, a.Raw, a.Clean = d.ID, nil, "The official report.\n"
	if err := s.Reanalyse(ctx, a); err != nil {
		t.Fatal(err)
	}
	if text, copied := xrefText(); text != raw || !copied {
		t.Errorf("xref text after a new clean text: %q, copied %v", text, copied)
	}
	var sourceNull bool
	var clean []byte
	if err := s.Pool().QueryRow(ctx, `SELECT source IS NULL, clean FROM versions WHERE id = $1`, d.ID).Scan(&sourceNull, &clean); err != nil {
		t.Fatal(err)
	}
	if !sourceNull || string(clean) != a.Clean {
		t.Errorf("source NULL %v, clean %q", sourceNull, clean)
	}
	got, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Raw) != raw || got.Source != raw || got.Clean != a.Clean {
		t.Errorf("read back: raw %q, source %q, clean %q", got.Raw, got.Source, got.Clean)
	}
	if n := rows(t, s, "fingerprints", d.ID); n != 1 {
		t.Errorf("%d fingerprints after Reanalyse", n)
	}
	ls, err := s.Links(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].ID != onRaw.ID {
		t.Errorf("links after Reanalyse: %+v", ls)
	}

	// Back to the old clean text: the copy is dropped again.
	b := storetest.Doc("a.txt", raw)
	b.ID = d.ID
	if err := s.Reanalyse(ctx, b); err != nil {
		t.Fatal(err)
	}
	if text, copied := xrefText(); text != raw || copied {
		t.Errorf("xref text after the old clean text: %q, copied %v", text, copied)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}

	ro, err := Open(ctx, s.dsn, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Reanalyse(ctx, b); err == nil || errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("Reanalyse on a read-only store: %v", err)
	}
}

// The versions of a schema 3 database were analysed: read so, read-only
// and unmigrated, and marked so by the migration.
func TestMigrationMarksVersionsAnalysed(t *testing.T) {
	dsn, pool := atSchema(t, 3)
	var id int64
	if err := pool.QueryRow(t.Context(), `WITH d AS (INSERT INTO documents(name) VALUES ('a.txt') RETURNING id)
		INSERT INTO versions(document_id, version, sha256, path, format, language, title, meta, raw, size, ingested)
		SELECT d.id, 1, md5('a'), 'a.txt', 'text', '', '', '{}', 'A text.'::bytea, 7, now() FROM d RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	pool.Close()
	// Read-only, unmigrated: read as analysed.
	ro, err := Open(t.Context(), dsn, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := ro.Documents(t.Context(), quellen.DocFilter{}); err != nil || len(ds) != 1 || ds[0].Unanalysed {
		t.Errorf("read-only schema 3: Documents %+v, %v", ds, err)
	}
	if d, err := ro.Document(t.Context(), id); err != nil || d.Unanalysed {
		t.Errorf("read-only schema 3: Document %+v, %v", d, err)
	}
	if un, err := ro.Unanalysed(t.Context()); err != nil || len(un) != 0 {
		t.Errorf("read-only schema 3: Unanalysed %+v, %v", un, err)
	}
	if _, err := ro.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "tex", Fragment: true}}}); err != nil {
		t.Errorf("read-only schema 3: a fragment search: %v", err)
	}
	ro.Close()
	s := open(t, dsn)
	if un, err := s.Unanalysed(t.Context()); err != nil || len(un) != 0 {
		t.Errorf("Unanalysed after the migration: %+v, %v", un, err)
	}
	if d, err := s.Document(t.Context(), id); err != nil || d.Unanalysed {
		t.Errorf("the old version: %+v, %v", d, err)
	}
}
