package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/sqlite"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// migrationSource makes a SQLite database with two documents, one of them
// in two versions, a correction carried to the second version, a
// rejection, and a link between findings of the two documents.
func migrationSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "src.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	v1 := storetest.Doc("report.txt", "Hello “world” 12 dockers.\n")
	memoir := storetest.Doc("memoir.txt", "Bonjour « monde » 6000 hommes.\n")
	for _, d := range []*quellen.Document{v1, memoir} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Correct(ctx, v1.Findings[1].ID, quellen.Correction{Status: quellen.StatusCorrected,
		Attrs: quellen.Attrs{"speaker": "Josiah Pell"}, Who: "editor", Note: "Pell said it"}); err != nil {
		t.Fatal(err)
	}
	v2 := storetest.Doc("report.txt", "Hello “world” 12 dockers.\nAnd a new line.\n")
	if _, err := s.Put(ctx, v2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Correct(ctx, memoir.Findings[2].ID, quellen.Correction{Status: quellen.StatusRejected, Who: "editor"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO links(kind, a_version_id, a_finding_id, a_raw_start, a_raw_end, a_line, a_end_line, a_text,
		b_version_id, b_finding_id, b_raw_start, b_raw_end, b_line, b_end_line, b_text, relation, score, attrs)
		VALUES ('translation', ?, ?, 6, 12, 1, 1, 'world', ?, ?, 8, 17, 1, 1, 'monde', 'agree', 0.8, '{"method":"test"}')`,
		v2.ID, v2.Findings[1].ID, memoir.ID, memoir.Findings[1].ID); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot prints a database through the commands' store: every version
// with its texts and findings, every correction, every link, without ids.
func snapshot(t *testing.T, addr string) string {
	t.Helper()
	g := &Globals{ctx: t.Context(), log: slog.New(slog.DiscardHandler)}
	s, err := openStoreAt(g, addr, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	var b strings.Builder
	docs, err := s.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	findingOf := map[int64]string{}
	for _, doc := range docs {
		vs, err := s.Versions(ctx, doc.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			d, err := s.Document(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s v%d %s %s ingested %s raw %q clean %q meta %+v problems %+v\n", d.Name, d.Version, d.SHA256[:12], d.Format,
				d.Ingested.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano), d.Raw, d.Clean, d.Meta, d.Problems)
			for i, f := range d.Findings {
				findingOf[f.ID] = fmt.Sprintf("%s v%d #%d", d.Name, d.Version, i)
				fmt.Fprintf(&b, "  %s %v %v %d-%d %q %v %s %s\n", f.Kind, f.Clean, f.Raw, f.Line, f.EndLine, f.Text, f.Attrs, f.Extractor, f.Status)
			}
		}
		cs, err := s.Corrections(ctx, doc.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			fmt.Fprintf(&b, "correction %s %s %v %s %s %q %v %s %s %q\n", c.Doc, c.Kind, c.Raw, c.TextHash[:12], c.Status, c.Text, c.Attrs,
				c.Who, c.When.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano), c.Note)
		}
	}
	links, err := listLinks(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		fmt.Fprintf(&b, "link %s %s [%s] %v %q → %s [%s] %v %q %v\n", l.Kind, l.Relation, findingOf[l.A.FindingID], l.A.Raw, l.A.Text,
			l.Relation, findingOf[l.B.FindingID], l.B.Raw, l.B.Text, l.Attrs)
	}
	return b.String()
}

func runMigrate(t *testing.T, from, to string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.WithoutCancel(t.Context()), []string{"migrate", "--from", from, "--to", to}, &out, &errb); code != 0 {
		t.Fatalf("migrate %s → %s: exit %d: %s", from, to, code, errb.String())
	}
	return out.String()
}

// checkMigration copies src to dst twice and checks that dst holds what src
// holds, and that the second copy added nothing.
func checkMigration(t *testing.T, src, dst string) {
	t.Helper()
	want := snapshot(t, src)
	if !strings.Contains(want, "correction report.txt quote") || !strings.Contains(want, "link translation") ||
		!strings.Contains(want, "report.txt v2") {
		t.Fatalf("the source lacks what is to be copied:\n%s", want)
	}
	first := runMigrate(t, src, dst)
	if !strings.Contains(first, "3 versions copied (0 there already), 2 corrections, 1 links") {
		t.Errorf("first migration: %s", first)
	}
	if got := snapshot(t, dst); got != want {
		t.Errorf("the copy differs:\n--- source\n%s--- copy\n%s", want, got)
	}
	again := runMigrate(t, src, dst)
	if !strings.Contains(again, "0 versions copied (3 there already), 0 corrections, 0 links") {
		t.Errorf("second migration: %s", again)
	}
	if got := snapshot(t, dst); got != want {
		t.Errorf("after a second migration the copy differs:\n--- source\n%s--- copy\n%s", want, got)
	}
}

func TestMigrateSQLiteToSQLite(t *testing.T) {
	checkMigration(t, migrationSource(t), filepath.Join(t.TempDir(), "copy.db"))
}

func TestMigrateSQLiteToPostgres(t *testing.T) {
	checkMigration(t, migrationSource(t), pgtest.DSN(t))
}

func TestMigratePostgresToSQLite(t *testing.T) {
	dsn := pgtest.DSN(t)
	runMigrate(t, migrationSource(t), dsn)
	checkMigration(t, dsn, filepath.Join(t.TempDir(), "back.db"))
}
