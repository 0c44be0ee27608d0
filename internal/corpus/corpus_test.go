package corpus

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/xref"
	"runtime"
	"sync/atomic"
	"time"
)

// TestConflictsInTheFiveDocuments checks that cross-examination finds the
// conflict a careful reader of ../shared/corpus spots first: Serge's diary
// (002) dates the famine 1931-1934 and, later, 1930-1934; Furr's critique
// (000) calls it "the very severe famine of 1932-33". The code knows
// nothing of these documents: the test does.
func TestConflictsInTheFiveDocuments(t *testing.T) {
	dir := testutil.Shared(t, "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	as, err := Analyse(files, pipeline.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, links := Links(as, xref.Options{})
	var famine bool
	for _, l := range links {
		if l.Kind != "conflict" {
			continue
		}
		t.Logf("conflict %s:%d / %s:%d: %v", l.A.Doc, l.A.Line, l.B.Doc, l.B.Line, l.Attrs["differs"])
		docs := l.A.Doc[:3] + l.B.Doc[:3]
		if (docs == "000002" || docs == "002000") && strings.Contains(l.A.Text, "famine") && strings.Contains(l.B.Text, "famine") {
			famine = true
		}
	}
	if !famine {
		t.Error("the famine's dates (1932-33 in 000, 1931-1934 and 1930-1934 in 002) were not found in conflict")
	}
}

// ordered yields every result in input order however the work is timed,
// never holds more than a window of jobs ahead, and stops its workers
// when the loop stops early.
func TestOrdered(t *testing.T) {
	var running, most atomic.Int32
	var got []int
	for v := range Ordered(200, func(i int) int {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Duration((i*7919)%5) * 100 * time.Microsecond)
		running.Add(-1)
		return i
	}) {
		got = append(got, v)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d is %d: out of order", i, v)
		}
	}
	if len(got) != 200 {
		t.Fatalf("%d results, want 200", len(got))
	}
	if m := most.Load(); int(m) > runtime.GOMAXPROCS(0) {
		t.Errorf("%d jobs ran at once on %d cores", m, runtime.GOMAXPROCS(0))
	}

	var started atomic.Int32
	before := runtime.NumGoroutine()
	for v := range Ordered(1000, func(i int) int { started.Add(1); return i }) {
		if v == 3 {
			break
		}
	}
	if n := started.Load(); int(n) > 4+2*runtime.GOMAXPROCS(0)+runtime.GOMAXPROCS(0) {
		t.Errorf("%d jobs started for 4 results read", n)
	}
	// (A goroutine of the runtime running a finalizer or a cleanup counts
	// while it runs: give such one a moment to end.)
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if after > before {
		t.Errorf("%d goroutines left running after an early stop (%d before)", after-before, before)
	}
}
