package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/testutil"
)

// benchFiles returns the files to measure: those matched by the glob in
// $QUELLEN_BENCH (e.g. "/tmp/gen/*.txt"), else the shared corpus.
func benchFiles(tb testing.TB) ([]string, [][]byte, *repair.Lexicon) {
	tb.Helper()
	pat := os.Getenv("QUELLEN_BENCH")
	if pat == "" {
		pat = filepath.Join(testutil.Shared(tb, "corpus"), "*")
	}
	paths, err := filepath.Glob(pat)
	if err != nil || len(paths) == 0 {
		tb.Skipf("no files match %q", pat)
	}
	var datas [][]byte
	lex := repair.NewLexicon()
	var keep []string
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		keep, datas = append(keep, p), append(datas, b)
		if txt, err := ReadText(p, b, Options{}); err == nil {
			lex.Learn(txt)
		}
	}
	return keep, datas, lex
}

// BenchmarkPipeline runs the whole pipeline over the bench files (see
// benchFiles) with the corpus lexicon learnt beforehand, as extract does.
func BenchmarkPipeline(b *testing.B) {
	paths, datas, lex := benchFiles(b)
	n := 0
	for _, d := range datas {
		n += len(d)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for i, p := range paths {
			if _, err := Run(p, datas[i], Options{Lexicon: lex}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestPhaseTimes prints the time and throughput of each phase and each
// extractor over the bench files. It runs only when QUELLEN_PHASES is set
// (to the number of rounds, default 1).
func TestPhaseTimes(t *testing.T) {
	rounds := 0
	if v := os.Getenv("QUELLEN_PHASES"); v == "" {
		t.Skip("set QUELLEN_PHASES=N to measure the phases over N rounds")
	} else if _, err := fmt.Sscan(v, &rounds); err != nil || rounds < 1 {
		rounds = 1
	}
	paths, datas, lex := benchFiles(t)
	n := 0
	for _, d := range datas {
		n += len(d)
	}
	// The machine is shared: count this thread's CPU time, not the wall
	// clock's (QUELLEN_WALL=1 for the wall clock).
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := os.Getenv("QUELLEN_WALL") != ""
	times := map[string]time.Duration{}
	var order []string
	last := threadCPU()
	timing := func(phase string, d time.Duration) {
		if _, ok := times[phase]; !ok {
			order = append(order, phase)
		}
		if !wall {
			now := threadCPU()
			d, last = now-last, now
		}
		times[phase] += d
	}
	opts := Options{Lexicon: lex, Timing: timing}
	if v := os.Getenv("QUELLEN_SKIP"); v != "" { // extractors to leave out, comma-separated prefixes
		opts.skip = func(name string) bool {
			for _, p := range strings.Split(v, ",") {
				if strings.HasPrefix(name, p) {
					return true
				}
			}
			return false
		}
	}
	t0, c0 := time.Now(), threadCPU()
	for range rounds {
		for i, p := range paths {
			if _, err := Run(p, datas[i], opts); err != nil {
				t.Fatal(err)
			}
		}
	}
	total := time.Since(t0)
	if !wall {
		total = threadCPU() - c0
	}
	mb := float64(n) * float64(rounds) / 1e6
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d files, %.2f MB x %d rounds, total %v (thread CPU unless QUELLEN_WALL), %.2f MB/s\n", len(paths), float64(n)/1e6, rounds, total.Round(time.Millisecond), mb/total.Seconds())
	sorted := append([]string(nil), order...)
	sort.SliceStable(sorted, func(i, j int) bool { return times[sorted[i]] > times[sorted[j]] })
	for _, ph := range sorted {
		d := times[ph]
		fmt.Fprintf(&sb, "  %-22s %10v %5.1f%% %9.2f MB/s\n", ph, d.Round(time.Microsecond), 100*d.Seconds()/total.Seconds(), mb/d.Seconds())
	}
	t.Log("\n" + sb.String())
}

// threadCPU is the CPU time of the calling OS thread (Linux).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
