package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite"
	"github.com/quellen/quellen/internal/testutil"
)

// TestKilledIngestResumes builds the real binary, kills an ingest with
// SIGKILL after some documents are committed, ingests again, and checks
// that every file is stored exactly once and the database is sound.
func TestKilledIngestResumes(t *testing.T) {
	bin, corpus, files := killCorpus(t)
	db := filepath.Join(t.TempDir(), "q.db")
	pattern := filepath.Join(corpus, "*.txt")

	// Start an ingest on one worker (so that it takes a while), wait until
	// some documents are committed, kill it.
	killedAt := killAfter(t, db, `SELECT count(*) FROM versions`, bin, "--db", db, "ingest", "-j", "1", pattern)
	t.Logf("killed after %d of %d documents were committed", killedAt, len(files))
	if killedAt >= len(files) {
		t.Fatalf("all %d documents were stored before the kill; the test needs a bigger corpus", killedAt)
	}

	// Ingest again: it resumes, skipping what was committed.
	second := exec.Command(bin, "--db", db, "ingest", pattern)
	out, err := second.CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	t.Logf("second ingest: %s", lines[len(lines)-1])

	s := openChecked(t, db)
	var docs, versions, shas, orphanFindings int
	q := s.DB()
	q.QueryRow(`SELECT count(*) FROM documents`).Scan(&docs)
	q.QueryRow(`SELECT count(*), count(DISTINCT sha256) FROM versions`).Scan(&versions, &shas)
	q.QueryRow(`SELECT count(*) FROM findings f LEFT JOIN versions v ON v.id = f.version_id WHERE v.id IS NULL`).Scan(&orphanFindings)
	if docs != len(files) || versions != len(files) || shas != len(files) {
		t.Errorf("%d files, %d documents, %d versions, %d distinct hashes", len(files), docs, versions, shas)
	}
	if orphanFindings != 0 {
		t.Errorf("%d findings without their version", orphanFindings)
	}
	var multi int
	q.QueryRow(`SELECT count(*) FROM (SELECT document_id FROM versions GROUP BY document_id HAVING count(*) > 1)`).Scan(&multi)
	if multi != 0 {
		t.Errorf("%d documents stored more than once", multi)
	}
	// Every stored version's raw bytes are the file's.
	list, err := s.Documents(t.Context(), quellen.DocFilter{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		full, err := s.Document(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join(corpus, d.Name))
		if !bytes.Equal(full.Raw, want) {
			t.Errorf("%s: the stored bytes differ from the file", d.Name)
		}
	}
}

// killCorpus builds the real binary and generates a 1 MB corpus for the
// kill tests; it skips under -short.
func killCorpus(t *testing.T) (bin, corpus string, files []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and ingests a generated corpus")
	}
	bench := testutil.Shared(t, "bench")
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to generate the corpus")
		}
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	bin = filepath.Join(dir, "quellen")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus = filepath.Join(dir, "corpus")
	gen := exec.CommandContext(t.Context(), python, filepath.Join(bench, "gencorpus.py"), "--out", corpus, "--mb", "1", "--seed", "1")
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	files, err = filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(files) < 10 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	return bin, corpus, files
}

// TestKilledAnalyseResumes kills an analyse (after a store-only ingest)
// with SIGKILL once some documents have their layers, runs it again, and
// checks that every document ends with exactly the findings a one-step
// ingest of the same files stores, none twice, none without its version.
func TestKilledAnalyseResumes(t *testing.T) {
	bin, corpus, files := killCorpus(t)
	dir := t.TempDir()
	db, whole := filepath.Join(dir, "q.db"), filepath.Join(dir, "whole.db")
	pattern := filepath.Join(corpus, "*.txt")
	for _, args := range [][]string{{"--db", db, "ingest", "--store-only", pattern}, {"--db", whole, "ingest", pattern}} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	analysed := killAfter(t, db, `SELECT count(*) FROM versions WHERE analysed = 1`, bin, "--db", db, "analyse", "-j", "1")
	t.Logf("killed after %d of %d documents were analysed", analysed, len(files))
	if analysed < 2 || analysed >= len(files) {
		t.Fatalf("%d of %d analysed at the kill; the test needs some done and some left", analysed, len(files))
	}
	if out, err := exec.Command(bin, "--db", db, "analyse").CombinedOutput(); err != nil {
		t.Fatalf("second analyse: %v\n%s", err, out)
	} else if want := fmt.Sprintf("%d documents analysed", len(files)-analysed); !strings.Contains(string(out), want) {
		t.Errorf("second analyse: %q, want %q", out, want)
	}

	s := openChecked(t, db)
	counts := func(s *sqlite.Store) map[string]string {
		out := map[string]string{}
		rows, err := s.DB().QueryContext(t.Context(), `SELECT d.name,
			(SELECT count(*) FROM findings f WHERE f.version_id = v.id),
			(SELECT count(DISTINCT kind || ':' || raw_start || ':' || raw_end) FROM findings f WHERE f.version_id = v.id),
			(SELECT count(*) FROM passages p WHERE p.version_id = v.id), v.analysed
			FROM versions v JOIN documents d ON d.id = v.document_id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			var n, distinct, passages, analysed int
			if err := rows.Scan(&name, &n, &distinct, &passages, &analysed); err != nil {
				t.Fatal(err)
			}
			out[name] = fmt.Sprintf("%d findings (%d distinct), %d passages, analysed %d", n, distinct, passages, analysed)
		}
		return out
	}
	ref, err := sqlite.Open(t.Context(), whole, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	want, got := counts(ref), counts(s)
	if len(want) != len(files) {
		t.Fatalf("the one-step ingest stored %d of %d files", len(want), len(files))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s after a killed and resumed analyse, %s by one ingest", name, got[name], w)
		}
	}
	// And the findings themselves, as exported.
	export := func(db string) []byte {
		out, err := exec.Command(bin, "--db", db, "export", "--stored", "-f", "jsonl").Output()
		if err != nil {
			t.Fatalf("export of %s: %v", db, err)
		}
		return out
	}
	if a, b := export(db), export(whole); !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("the findings after a killed and resumed analyse (%d bytes of JSON Lines) differ from one ingest's (%d bytes)", len(a), len(b))
	}
	var orphans int
	s.DB().QueryRow(`SELECT (SELECT count(*) FROM findings f LEFT JOIN versions v ON v.id = f.version_id WHERE v.id IS NULL)
		+ (SELECT count(*) FROM passages p LEFT JOIN versions v ON v.id = p.version_id WHERE v.id IS NULL)`).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d findings or passages without their version", orphans)
	}
}

// killAfter starts bin with args, waits until the count query on the
// database db gives at least 2, kills the process with SIGKILL, checks
// that it died of it, and returns the count after its death.
func killAfter(t *testing.T, db, count, bin string, args ...string) int {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var watch *sqlite.Store // opened read-only once the database exists
	defer func() {
		if watch != nil {
			watch.Close()
		}
	}()
	n := 0
	deadline := time.Now().Add(3 * time.Minute)
	for n < 2 && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("%v ended before it was killed (%v): %s", args, err, stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
		if watch == nil {
			var err error
			if watch, err = sqlite.Open(t.Context(), db, sqlite.Options{ReadOnly: true}); err != nil {
				watch = nil
				continue
			}
		}
		watch.DB().QueryRowContext(t.Context(), count).Scan(&n)
	}
	if n < 2 {
		cmd.Process.Kill()
		t.Fatalf("%v: %q still %d after 3 minutes: %s", args, count, n, stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if ee, ok := errors.AsType[*exec.ExitError](<-exited); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("%v was not killed", args)
	}
	watch.DB().QueryRowContext(t.Context(), count).Scan(&n)
	return n
}

// openChecked opens the database read-only (closed at the test's end)
// and reports what its integrity check finds.
func openChecked(t *testing.T, db string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
	return s
}
