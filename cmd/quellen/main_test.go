package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/quellen/quellen/internal/sqlite"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"quellen": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"binfile":    cmdBinfile,
			"foreigndb":  cmdForeignDB,
			"bumpschema": cmdBumpSchema,
			"dbcount":    cmdDBCount,
			"dbcheck":    cmdDBCheck,
		},
	})
}

// binfile FILE writes a file of random bytes with NULs in it.
func cmdBinfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: binfile FILE")
	}
	b := make([]byte, 2048)
	rand.Read(b)
	b[10], b[100] = 0, 0
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
}

// foreigndb FILE makes a SQLite database of another application.
func cmdForeignDB(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: foreigndb FILE")
	}
	db, err := sql.Open("sqlite3", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)`)
	ts.Check(err)
}

// bumpschema FILE marks a quellen database as made by a newer quellen.
func cmdBumpSchema(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: bumpschema FILE")
	}
	db, err := sql.Open("sqlite3", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(`UPDATE quellen_meta SET value = '999' WHERE key = 'schema_version'; PRAGMA journal_mode=DELETE`)
	ts.Check(err)
}

// dbcount DB TABLE N checks that a table of a quellen database has N rows.
func cmdDBCount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: dbcount DB TABLE N")
	}
	want, err := strconv.Atoi(args[2])
	ts.Check(err)
	s, err := sqlite.Open(context.Background(), ts.MkAbs(args[0]), sqlite.Options{ReadOnly: true})
	ts.Check(err)
	defer s.Close()
	var n int
	ts.Check(s.DB().QueryRow("SELECT count(*) FROM " + args[1]).Scan(&n))
	if (n == want) == neg {
		ts.Fatalf("%s has %d rows (want %s%d)", args[1], n, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// dbcheck DB checks integrity, foreign keys and orphans.
func cmdDBCheck(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: dbcheck DB")
	}
	s, err := sqlite.Open(context.Background(), ts.MkAbs(args[0]), sqlite.Options{ReadOnly: true})
	ts.Check(err)
	defer s.Close()
	ts.Check(s.Check(context.Background()))
}

// TestRunInProcess checks run's exit statuses without a subprocess.
func TestRunInProcess(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	good := filepath.Join(dir, "note.txt")
	os.WriteFile(good, []byte("A short note written on 3 May 1887 by the harbour master.\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string
		stderr string
	}{
		{"no command", nil, 80, "", ""},
		{"ingest missing file", []string{"--db", db, "ingest", filepath.Join(dir, "missing.txt")}, 1, "", "missing.txt: no such file"},
		{"ingest", []string{"--db", db, "ingest", good}, 0, "1 added", ""},
		{"ingest again", []string{"--db", db, "ingest", good}, 0, "0 added, 1 already stored", ""},
		{"docs", []string{"--db", db, "docs"}, 0, "note.txt", ""},
		{"show unknown", []string{"--db", db, "show", "nope.txt"}, 1, "", `no document "nope.txt"`},
		{"docs without a database", []string{"--db", filepath.Join(dir, "none.db"), "docs"}, 1, "", "no database at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			got := run(t.Context(), tc.args, &out, &errb)
			if tc.status != 80 && got != tc.status {
				t.Errorf("status %d, want %d\nstdout: %s\nstderr: %s", got, tc.status, out.String(), errb.String())
			}
			if tc.status == 80 && got == 0 {
				t.Errorf("status 0 without a command")
			}
			if !bytes.Contains(out.Bytes(), []byte(tc.stdout)) {
				t.Errorf("stdout %q lacks %q", out.String(), tc.stdout)
			}
			if !bytes.Contains(errb.Bytes(), []byte(tc.stderr)) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("docs created a database")
	}
}
