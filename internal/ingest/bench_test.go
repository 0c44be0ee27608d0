package ingest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen/internal/sqlite"
	"github.com/quellen/quellen/internal/testutil"
)

// BenchmarkIngest ingests a 1 MB generated corpus into a fresh database;
// run with -cpuprofile to see the store's share beside the pipeline's.
// store-s is the writer's time (summed Puts), analyse-s and prepare-s the
// workers' (summed: the pipeline, and the store's preparation).
func BenchmarkIngest(b *testing.B) {
	bench := testutil.Shared(b, "bench")
	corpus := filepath.Join(b.TempDir(), "corpus")
	if out, err := exec.Command("python3", filepath.Join(bench, "gencorpus.py"), "--out", corpus, "--mb", "1").CombinedOutput(); err != nil {
		b.Skipf("gencorpus: %v\n%s", err, out)
	}
	paths, err := Expand([]string{filepath.Join(corpus, "*.txt")})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	n := 0
	for b.Loop() {
		s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), fmt.Sprintf("q%d.db", n)), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Run(b.Context(), s, paths, Options{})
		if err != nil || len(res.Failed) > 0 {
			b.Fatal(err, res.Failed)
		}
		size = res.Bytes
		b.ReportMetric(res.StoreTime.Seconds(), "store-s/op")
		b.ReportMetric(res.AnalyseTime.Seconds(), "analyse-s/op")
		b.ReportMetric(res.PrepareTime.Seconds(), "prepare-s/op")
		s.Close()
		n++
	}
	b.SetBytes(size)
}
