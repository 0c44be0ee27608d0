package dates

import (
	"os"
	"path/filepath"
	"testing"
)

// benchTexts reads the files matched by the glob in $QUELLEN_BENCH.
func benchTexts(b *testing.B) []string {
	pat := os.Getenv("QUELLEN_BENCH")
	if pat == "" {
		b.Skip("set QUELLEN_BENCH to a glob of text files")
	}
	paths, _ := filepath.Glob(pat)
	var out []string
	n := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
		n += len(data)
	}
	b.SetBytes(int64(n))
	return out
}

// BenchmarkFindFiles runs the finder over the files of $QUELLEN_BENCH.
func BenchmarkFindFiles(b *testing.B) {
	texts := benchTexts(b)
	for b.Loop() {
		for _, s := range texts {
			Find(s, "en", Point{})
		}
	}
}
