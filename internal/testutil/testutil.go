// Package testutil finds the shared development data (../shared beside the
// checkout) for tests. A test that needs it skips with a clear message when
// it is absent, and fails under CI=true, where it must be present.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the module's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Shared returns the path of ../shared/SUB beside the checkout, skipping the
// test when it is absent (failing it under CI=true).
func Shared(t testing.TB, sub string) string {
	t.Helper()
	dir := os.Getenv("QUELLEN_SHARED")
	if dir == "" {
		dir = filepath.Join(Root(), "..", "shared")
	}
	p := filepath.Join(dir, sub)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data %s is missing under CI: %v", p, err)
		}
		t.Skipf("shared data %s is absent (set QUELLEN_SHARED or put ../shared beside the checkout): %v", p, err)
	}
	return p
}

// BenchTexts reads the files matched by the glob in $QUELLEN_BENCH (e.g.
// "/tmp/gen/*.txt", a corpus made by bench/gen.sh) and sets the bytes
// per operation to their size; the benchmark skips when it is unset.
func BenchTexts(b *testing.B) []string {
	b.Helper()
	pat := os.Getenv("QUELLEN_BENCH")
	if pat == "" {
		b.Skip("set QUELLEN_BENCH to a glob of text files")
	}
	paths, err := filepath.Glob(pat)
	if err != nil || len(paths) == 0 {
		b.Skipf("no files match %q", pat)
	}
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
