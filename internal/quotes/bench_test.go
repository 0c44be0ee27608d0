package quotes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// BenchmarkCorpus runs the extractor alone on every .txt file of
// QUOTES_BENCH_DIR (a corpus from shared/bench/gencorpus.py, say) and
// reports megabytes per CPU-second besides the wall-clock rate.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("QUOTES_BENCH_DIR")
	if dir == "" {
		b.Skip("QUOTES_BENCH_DIR not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []*extract.Doc
	n := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, &extract.Doc{Name: filepath.Base(p), Format: "text", Text: string(raw), Meta: quellen.Metadata{Language: "en"}})
		n += len(raw)
	}
	b.SetBytes(int64(n))
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	loops := 0
	for b.Loop() {
		loops++
		for _, d := range docs {
			(Extractor{}).Extract(d)
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := float64(r1.Utime.Nano()-r0.Utime.Nano()+r1.Stime.Nano()-r0.Stime.Nano()) / 1e9
	if cpu > 0 {
		b.ReportMetric(float64(n)*float64(loops)/1e6/cpu, "MB/cpu-s")
	}
}

// TestCorpusDump writes, with QUOTES_BENCH_DIR and QUOTES_DUMP=file, the
// findings of every file of the corpus as one JSON line each: a change
// meant only for speed must leave the file byte for byte the same.
func TestCorpusDump(t *testing.T) {
	dir, out := os.Getenv("QUOTES_BENCH_DIR"), os.Getenv("QUOTES_DUMP")
	if dir == "" || out == "" {
		t.Skip("QUOTES_BENCH_DIR or QUOTES_DUMP not set")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := &extract.Doc{Name: filepath.Base(p), Format: "text", Text: string(raw), Meta: quellen.Metadata{Language: "en"}}
		b, _ := json.Marshal((Extractor{}).Extract(d))
		fmt.Fprintf(f, "%s\t%s\n", filepath.Base(p), b)
	}
}
