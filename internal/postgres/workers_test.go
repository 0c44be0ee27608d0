package postgres

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/testutil"
)

// TestWorkersShareAnIngest builds the real binary, starts three ingests of
// one generated corpus against one PostgreSQL, kills one with SIGKILL once
// documents are being committed, waits for the others, runs one more to
// finish what was left, and checks that every file is stored exactly once,
// that nothing was analysed twice beyond what the killed worker held, and
// that no row lacks its parent.
func TestWorkersShareAnIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a generated corpus")
	}
	dsn := pgtest.DSN(t)
	bench := testutil.Shared(t, "bench")
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to generate the corpus")
		}
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "quellen")
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "../../cmd/quellen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	if out, err := exec.CommandContext(t.Context(), python, filepath.Join(bench, "gencorpus.py"), "--out", corpus, "--mb", "2", "--seed", "3").CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if len(files) < 20 {
		t.Fatalf("corpus: %d files", len(files))
	}
	pattern := filepath.Join(corpus, "*.txt")
	const lease = "3s"

	type worker struct {
		cmd    *exec.Cmd
		out    bytes.Buffer
		stderr bytes.Buffer
		done   chan error
	}
	start := func() *worker {
		w := &worker{done: make(chan error, 1)}
		w.cmd = exec.Command(bin, "--db", dsn, "ingest", "-j", "1", "--lease", lease, pattern)
		w.cmd.Stdout, w.cmd.Stderr = &w.out, &w.stderr
		if err := w.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { w.done <- w.cmd.Wait() }()
		t.Cleanup(func() { w.cmd.Process.Kill() })
		return w
	}
	// The first opens (and migrates) the database; the others start with it.
	ws := []*worker{start(), start(), start()}

	s := open(t, dsnWhenReady(t, dsn))
	ctx := t.Context()
	versions := func() int {
		var n int
		s.Pool().QueryRow(ctx, `SELECT count(*) FROM versions`).Scan(&n)
		return n
	}
	deadline := time.Now().Add(4 * time.Minute)
	for versions() < 4 {
		if time.Now().After(deadline) {
			t.Fatal("no documents committed in time")
		}
		select {
		case err := <-ws[0].done:
			t.Fatalf("a worker ended before it was killed (%v): %s", err, ws[0].stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := ws[0].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-ws[0].done
	killedAt := versions()
	if killedAt >= len(files) {
		t.Fatalf("every file was stored (%d) before the kill; the corpus is too small", killedAt)
	}
	for _, w := range ws[1:] {
		select {
		case err := <-w.done:
			if err != nil {
				t.Fatalf("worker: %v\n%s", err, w.stderr.String())
			}
		case <-time.After(6 * time.Minute):
			t.Fatal("a worker did not finish")
		}
	}
	last := start()
	if err := <-last.done; err != nil {
		t.Fatalf("last worker: %v\n%s", err, last.stderr.String())
	}
	t.Logf("killed after %d of %d files; %s; %s; last: %s", killedAt, len(files),
		bytes.TrimSpace(ws[1].out.Bytes()), bytes.TrimSpace(ws[2].out.Bytes()), bytes.TrimSpace(last.out.Bytes()))

	// Every file stored once: one document and one version each.
	var docs, vers, maxVersion, attempts, items, notDone int
	if err := s.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM versions),
		(SELECT coalesce(max(version), 0) FROM versions),
		(SELECT coalesce(sum(attempts), 0) FROM work WHERE job = 'ingest'), (SELECT count(*) FROM work WHERE job = 'ingest'),
		(SELECT count(*) FROM work WHERE job = 'ingest' AND state != 'done')`).Scan(&docs, &vers, &maxVersion, &attempts, &items, &notDone); err != nil {
		t.Fatal(err)
	}
	if docs != len(files) || vers != len(files) || maxVersion != 1 {
		t.Errorf("%d files: %d documents, %d versions, highest version %d", len(files), docs, vers, maxVersion)
	}
	if items != len(files) || notDone != 0 {
		t.Errorf("work: %d items for %d files, %d not done", items, len(files), notDone)
	}
	// Each file was claimed once, but for the few the killed worker held:
	// with -j 1 at most four (the one being stored, one analysed waiting
	// for the writer, the one being analysed, one claimed for the next).
	if extra := attempts - items; extra < 0 || extra > 4 {
		t.Errorf("%d claims for %d files: %d files were taken more than once", attempts, items, extra)
	}
	// The survivors added all but what the killed one had committed.
	added := 0
	for _, w := range append(ws[1:], last) {
		m := regexp.MustCompile(`(\d+) added`).FindSubmatch(w.out.Bytes())
		if m == nil {
			t.Fatalf("no count in %q", w.out.String())
		}
		n, _ := strconv.Atoi(string(m[1]))
		added += n
	}
	if killed := len(files) - added; killed < 0 || killed > killedAt {
		t.Errorf("survivors added %d of %d files, so the killed worker stored %d; %d were stored when it was killed", added, len(files), killed, killedAt)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	var orphans int
	s.Pool().QueryRow(ctx, `SELECT count(*) FROM findings f LEFT JOIN versions v ON v.id = f.version_id WHERE v.id IS NULL`).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d findings without their version", orphans)
	}
}

// dsnWhenReady waits until the workers have migrated the database.
func dsnWhenReady(t *testing.T, dsn string) string {
	t.Helper()
	for range 600 {
		s, err := Open(context.Background(), dsn, Options{ReadOnly: true})
		if err == nil {
			s.Close()
			return dsn
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal(fmt.Errorf("the database was never migrated"))
	return ""
}
