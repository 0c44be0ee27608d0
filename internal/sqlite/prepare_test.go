package sqlite

import (
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// TestPrepareIsPut: a document stored through Prepare and PutPrepared is
// the one Put stores, and Prepare reads no database.
func TestPrepareIsPut(t *testing.T) {
	a := open(t, t.TempDir()+"/a.db")
	b := open(t, t.TempDir()+"/b.db")
	ctx := t.Context()
	for _, d := range storetest.SearchCorpus() {
		if _, err := a.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range storetest.SearchCorpus() {
		put, err := b.Prepare(d)
		if err != nil {
			t.Fatal(err)
		}
		if created, err := put(ctx); err != nil || !created {
			t.Fatalf("%s: %v %v", d.Name, created, err)
		}
	}
	dump := func(s *Store) string {
		rows, err := s.DB().QueryContext(ctx, `SELECT p.kind, p.clean_start, p.clean_end, p.lang, p.text, p.keys, coalesce(p.speakers, ''),
			coalesce(p.entities, ''), coalesce(p.dates, ''), p.raw_start, p.raw_end, p.line, hex(g.filter)
			FROM passages p JOIN version_grams g ON g.version_id = p.version_id ORDER BY p.id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out strings.Builder
		for rows.Next() {
			var (
				kind, lang, text, keys, sp, en, da, filter string
				cs, ce, rs, re, line                       int
			)
			if err := rows.Scan(&kind, &cs, &ce, &lang, &text, &keys, &sp, &en, &da, &rs, &re, &line, &filter); err != nil {
				t.Fatal(err)
			}
			out.WriteString(strings.Join([]string{kind, lang, text, keys, sp, en, da, filter}, "|") + "\n")
		}
		return out.String()
	}
	if x, y := dump(a), dump(b); x != y || x == "" {
		t.Errorf("Put and Prepare differ:\n%s\n---\n%s", x, y)
	}
}
