package postgres

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
	bin, pattern, files := binaryAndCorpus(t)
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

// binaryAndCorpus builds the real binary and generates a corpus of 2 MB
// with planted reuse (../shared/bench/gencorpus.py); it returns the
// binary, the corpus's glob pattern and its files.
func binaryAndCorpus(t *testing.T) (bin, pattern string, files []string) {
	t.Helper()
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
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "../../cmd/quellen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus")
	if out, err := exec.CommandContext(t.Context(), python, filepath.Join(bench, "gencorpus.py"), "--out", corpus, "--mb", "2", "--seed", "3").CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	pattern = filepath.Join(corpus, "*.txt")
	files, _ = filepath.Glob(pattern)
	if len(files) < 20 {
		t.Fatalf("corpus: %d files", len(files))
	}
	return bin, pattern, files
}

// proc is a quellen process a test runs.
type proc struct {
	cmd         *exec.Cmd
	out, stderr bytes.Buffer
	done        chan error
}

// startProc starts the binary with args; it is killed when the test ends.
func startProc(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{done: make(chan error, 1)}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.cmd.Process.Kill() })
	return p
}

// wait waits for the process to end well.
func (p *proc) wait(t *testing.T, what string, limit time.Duration) {
	t.Helper()
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, p.stderr.String())
		}
	case <-time.After(limit):
		t.Fatalf("%s did not finish in %s", what, limit)
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

// TestWorkersShareAnXref builds the real binary and starts three workers
// on one generated corpus against one PostgreSQL: each ingests the corpus,
// then compares the stored documents (`quellen xref --stored`). Once the
// pairs are being aligned, one of them is killed with SIGKILL while it
// holds a pair; the others finish the run (the killed worker's pair once
// its lease has run out), and a fourth finds nothing left to do. Every
// document is stored once, every pair aligned, every link stored once, and
// the links are those that `quellen xref --reuse-only` finds in the files.
func TestWorkersShareAnXref(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary, ingests a generated corpus and compares it")
	}
	dsn := pgtest.DSN(t)
	bin, pattern, files := binaryAndCorpus(t)
	const lease = "3s"
	ctx := t.Context()

	// What one process finds in the files.
	ref := exec.CommandContext(ctx, bin, append([]string{"xref", "--reuse-only"}, files...)...)
	var refErr bytes.Buffer
	ref.Stderr = &refErr
	want, err := ref.Output()
	if err != nil {
		t.Fatalf("xref --reuse-only: %v\n%s", err, refErr.String())
	}
	wantLinks := sortedLines(want)
	if len(wantLinks) < 20 {
		t.Fatalf("the corpus has %d shared passages; it should have more", len(wantLinks))
	}

	ingests := []*proc{
		startProc(t, bin, "--db", dsn, "ingest", "-j", "1", "--lease", lease, pattern),
		startProc(t, bin, "--db", dsn, "ingest", "-j", "1", "--lease", lease, pattern),
		startProc(t, bin, "--db", dsn, "ingest", "-j", "1", "--lease", lease, pattern),
	}
	// Each worker compares the stored corpus once its ingest is done (the
	// ingests end together, when every file is stored).
	xrefs := make([]*proc, len(ingests))
	for i, p := range ingests {
		p.wait(t, "ingest", 6*time.Minute)
		xrefs[i] = startProc(t, bin, "--db", dsn, "xref", "--stored", "-j", "1", "--block", "1", "--lease", lease)
	}

	s := open(t, dsnWhenReady(t, dsn))
	// Kill the first worker seen holding a block of pairs once ten are
	// aligned. Its id is host:pid:random.
	byPid := map[int]int{}
	for i, p := range xrefs {
		byPid[p.cmd.Process.Pid] = i
	}
	victim := -1
	deadline := time.Now().Add(4 * time.Minute)
	for victim < 0 {
		var done int
		var holder string
		if err := s.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE state = 'done'),
			coalesce(min(worker) FILTER (WHERE state = 'running'), '') FROM work WHERE job LIKE $1`, JobAlignPrefix+"%").Scan(&done, &holder); err != nil {
			t.Fatal(err)
		}
		if parts := strings.Split(holder, ":"); done >= 10 && len(parts) >= 3 {
			pid, _ := strconv.Atoi(parts[len(parts)-2])
			if i, ok := byPid[pid]; ok && holding(t, s, xrefs[i], holder) {
				victim = i
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("no pairs aligned in time")
		}
		for _, p := range xrefs {
			select {
			case err := <-p.done:
				t.Fatalf("a worker ended before one was killed (%v): %s", err, p.stderr.String())
			default:
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := xrefs[victim].cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-xrefs[victim].done
	var doneAtKill int
	s.Pool().QueryRow(ctx, `SELECT count(*) FROM work WHERE job LIKE $1 AND state = 'done'`, JobAlignPrefix+"%").Scan(&doneAtKill)
	survivors := slices.Delete(slices.Clone(xrefs), victim, victim+1)
	for _, p := range survivors {
		p.wait(t, "xref", 6*time.Minute)
	}
	last := startProc(t, bin, "--db", dsn, "xref", "--stored", "-j", "1", "--block", "1", "--lease", lease)
	last.wait(t, "last xref", 2*time.Minute)
	t.Logf("killed with %d blocks aligned; %s; %s; last: %s", doneAtKill,
		bytes.TrimSpace(survivors[0].stderr.Bytes()), bytes.TrimSpace(survivors[1].stderr.Bytes()), bytes.TrimSpace(last.stderr.Bytes()))

	// Every file stored once.
	var docs, vers int
	if err := s.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM versions)`).Scan(&docs, &vers); err != nil {
		t.Fatal(err)
	}
	if docs != len(files) || vers != len(files) {
		t.Errorf("%d files: %d documents, %d versions", len(files), docs, vers)
	}
	// Every version fingerprinted, the pairs made once, every pair aligned
	// (a block of one pair each); each pair claimed once but the one the
	// killed worker held (-j 1: it holds one at a time).
	rows, err := s.Pool().Query(ctx, `SELECT CASE WHEN job LIKE 'xref:%' THEN 'xref:RUN' ELSE job END, count(*),
		count(*) FILTER (WHERE state != 'done'), sum(attempts) FROM work WHERE job LIKE 'xref%' GROUP BY 1 ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	jobs := map[string][3]int{}
	for rows.Next() {
		var job string
		var n, notDone, attempts int
		if err := rows.Scan(&job, &n, &notDone, &attempts); err != nil {
			t.Fatal(err)
		}
		jobs[job] = [3]int{n, notDone, attempts}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if j := jobs[JobFingerprint]; j[0] != len(files) || j[1] != 0 || j[2] != len(files) {
		t.Errorf("fingerprints: %d items for %d files, %d not done, %d claims", j[0], len(files), j[1], j[2])
	}
	if j := jobs[JobPairs]; j != [3]int{1, 0, 1} {
		t.Errorf("candidate pairs: %d runs, %d not done, %d claims; want one run made once", j[0], j[1], j[2])
	}
	pairs := jobs["xref:RUN"]
	if pairs[0] < doneAtKill || pairs[1] != 0 {
		t.Errorf("alignment: %d pairs, %d not done", pairs[0], pairs[1])
	}
	if extra := pairs[2] - pairs[0]; extra != 1 {
		t.Errorf("%d claims for %d pairs: %d pairs taken again, want the killed worker's one", pairs[2], pairs[0], extra)
	}

	// Every link once, and the links of one process over the files.
	var links, distinct int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*), count(DISTINCT (a_version_id, a_raw_start, a_raw_end, b_version_id, b_raw_start, b_raw_end))
		FROM links WHERE kind = 'reuse'`).Scan(&links, &distinct); err != nil {
		t.Fatal(err)
	}
	if links != distinct || links != len(wantLinks) {
		t.Errorf("%d reuse links stored (%d distinct), --reuse-only finds %d", links, distinct, len(wantLinks))
	}
	for _, p := range append(survivors, last) {
		if got := sortedLines(p.out.Bytes()); !slices.Equal(got, wantLinks) {
			t.Errorf("a worker printed %d links, --reuse-only %d; first difference:\n%s", len(got), len(wantLinks), firstDifference(got, wantLinks))
		}
	}
	// The survivors added every link but those the killed worker stored;
	// the last worker had nothing left to do.
	added := 0
	for _, p := range survivors {
		added += summary(t, p, "added")
	}
	if added > links || added < links/2 {
		t.Errorf("the survivors added %d of %d links", added, links)
	}
	if n, m := summary(t, last, "aligned"), summary(t, last, "added"); n != 0 || m != 0 {
		t.Errorf("the last worker aligned %d pairs and added %d links; want none", n, m)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}

// summary reads a count from an xref worker's summary on stderr
// ("aligned N pairs", "added N links").
func summary(t *testing.T, p *proc, what string) int {
	t.Helper()
	m := regexp.MustCompile(what + ` (\d+)`).FindSubmatch(p.stderr.Bytes())
	if m == nil {
		t.Fatalf("no %q count in %q", what, p.stderr.String())
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func sortedLines(b []byte) []string {
	var out []string
	for l := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf(" got %.300s\nwant %.300s", g, w)
		}
	}
	return "none"
}

// holding stops the worker p and reports whether it still holds a block
// (it may have finished the one seen a moment ago): then it stays stopped,
// to be killed with a block held; else it goes on.
func holding(t *testing.T, s *Store, p *proc, worker string) bool {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // a commit already sent lands
	var held int
	if err := s.Pool().QueryRow(t.Context(), `SELECT count(*) FROM work WHERE job LIKE $1 AND state = 'running' AND worker = $2`,
		JobAlignPrefix+"%", worker).Scan(&held); err != nil {
		t.Fatal(err)
	}
	if held == 0 {
		if err := p.cmd.Process.Signal(syscall.SIGCONT); err != nil {
			t.Fatal(err)
		}
	}
	return held > 0
}
