package sqlite

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite/storetest"
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
	if appID != ApplicationID || userVersion != SchemaVersion() || mode != "wal" || v != strconv.Itoa(SchemaVersion()) || fk != 1 {
		t.Errorf("application_id %#x, user_version %d, journal_mode %s, schema_version %s, foreign_keys %d", appID, userVersion, mode, v, fk)
	}
	s.Close()
	// Opening again migrates nothing and keeps the data.
	s2 := open(t, path)
	if err := s2.Check(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) quellen.Store {
		s, err := Open(t.Context(), filepath.Join(t.TempDir(), "q.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestPutTwiceAddsNoRows(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	if _, err := s.Put(ctx, storetest.Doc("report.txt", "Hello “world” 12 dockers.\n")); err != nil {
		t.Fatal(err)
	}
	tables := []string{"documents", "versions", "findings", "problems", "passages", "passages_keys", "version_grams"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = count(t, s, tb)
	}
	if created, err := s.Put(ctx, storetest.Doc("report.txt", "Hello “world” 12 dockers.\n")); err != nil || created {
		t.Fatalf("second Put: %v %v", created, err)
	}
	for _, tb := range tables {
		if got := count(t, s, tb); got != before[tb] || got == 0 && tb != "problems" {
			t.Errorf("%s: %d rows after the second Put, %d before", tb, got, before[tb])
		}
	}
	// A second version of the same name is one more version row, no more
	// document rows, and both versions are listed.
	if _, err := s.Put(ctx, storetest.Doc("report.txt", "Hello “world” 14 dockers.\n")); err != nil {
		t.Fatal(err)
	}
	if count(t, s, "documents") != 1 || count(t, s, "versions") != 2 {
		t.Errorf("%d documents, %d versions", count(t, s, "documents"), count(t, s, "versions"))
	}
	vs, err := s.Versions(ctx, "report.txt")
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
		t.Errorf("Versions: %v %v", vs, err)
	}
}

func TestNoOrphansAfterDelete(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	for _, raw := range []string{"Hello “world” 12 dockers.\n\nA second paragraph.\n", "Other “text” 99 men.\n"} {
		if _, err := s.Put(ctx, storetest.Doc("x"+raw[:1]+".txt", raw)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var hits int
	s.DB().QueryRow(`SELECT count(*) FROM passages_keys WHERE passages_keys MATCH 'docker'`).Scan(&hits)
	if hits < 1 {
		t.Errorf("full-text: %d hits for dockers", hits)
	}
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM documents WHERE name = 'xH.txt'`); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	s.DB().QueryRow(`SELECT count(*) FROM passages_keys WHERE passages_keys MATCH 'docker'`).Scan(&hits)
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

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	if _, err := Open(t.Context(), path, Options{ReadOnly: true}); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("read-only open of a missing file: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a read-only open created the file")
	}
	w := open(t, path)
	if _, err := w.Put(t.Context(), storetest.Doc("a.txt", "Hello “world” 12 dockers.\n")); err != nil {
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
	if _, err := r.Put(t.Context(), storetest.Doc("b.txt", "other bytes entirely\n")); err == nil {
		t.Error("Put on a read-only store worked")
	}
}

// TestFailedPutLeavesNothing: a Put that fails halfway is rolled back whole,
// and the writer goes on with the next.
func TestFailedPutLeavesNothing(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	ctx := t.Context()
	if _, err := s.Put(ctx, storetest.Doc("a.txt", "First “text” 12 men.\n")); err != nil {
		t.Fatal(err)
	}
	// Problems are written after the version and its findings.
	if _, err := s.DB().ExecContext(ctx, `CREATE TRIGGER no_problems BEFORE INSERT ON problems BEGIN SELECT RAISE(ABORT, 'no problems'); END`); err != nil {
		t.Fatal(err)
	}
	tables := []string{"documents", "versions", "findings", "problems", "passages", "passages_keys", "version_grams"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = count(t, s, tb)
	}
	if _, err := s.Put(ctx, storetest.Doc("b.txt", "Second “text” 13 men.\n")); err == nil || !strings.Contains(err.Error(), "no problems") {
		t.Fatalf("Put: %v, want the trigger's error", err)
	}
	for _, tb := range tables {
		if got := count(t, s, tb); got != before[tb] {
			t.Errorf("%s: %d rows after a failed Put, %d before", tb, got, before[tb])
		}
	}
	if _, err := s.DB().ExecContext(ctx, `DROP TRIGGER no_problems`); err != nil {
		t.Fatal(err)
	}
	if created, err := s.Put(ctx, storetest.Doc("b.txt", "Second “text” 13 men.\n")); err != nil || !created {
		t.Fatalf("Put after the failure: %v %v", created, err)
	}
	// A cancelled context stores nothing either.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Put(cancelled, storetest.Doc("c.txt", "Third “text” 14 men.\n")); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
	if n, err := s.Documents(ctx, quellen.DocFilter{}); err != nil || len(n) != 2 {
		t.Errorf("%d documents (%v), want 2", len(n), err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}
