// Package testutil finds the shared development data (../shared beside the
// checkout) for tests. A test that needs it skips with a clear message when
// it is absent, and fails under CI=true, where it must be present.
package testutil

import (
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// BenchGlob returns the texts of the files matched by the glob in
// $QUELLEN_BENCH (e.g. "/tmp/gen/*.txt", a corpus made by bench/gen.sh),
// or nil when it is unset: tests that hold a rewrite to its reference run
// over them too when asked.
func BenchGlob(tb testing.TB) []string {
	tb.Helper()
	pat := os.Getenv("QUELLEN_BENCH")
	if pat == "" {
		return nil
	}
	paths, _ := filepath.Glob(pat)
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// BenchTexts is BenchGlob for a benchmark: it skips when no file is
// given, and sets the bytes per operation to their size.
func BenchTexts(b *testing.B) []string {
	b.Helper()
	texts := BenchGlob(b)
	if len(texts) == 0 {
		b.Skip("set QUELLEN_BENCH to a glob of text files")
	}
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	return texts
}

// RandomText strings together n pieces drawn at random, each followed by
// a separator drawn from seps (none when seps is empty): the texts of the
// property tests that hold a rewrite to its reference.
func RandomText(r *rand.Rand, n int, pieces, seps []string) string {
	var sb strings.Builder
	for range n {
		sb.WriteString(pieces[r.Intn(len(pieces))])
		if len(seps) > 0 {
			sb.WriteString(seps[r.Intn(len(seps))])
		}
	}
	return sb.String()
}

// SameOnTexts calls check on 3,000 random texts of 1 to 40 pieces drawn
// by gen from one seeded source, then on the files of $QUELLEN_BENCH
// (BenchGlob): the driver of the tests that hold a rewrite to its
// reference.
func SameOnTexts(tb testing.TB, gen func(r *rand.Rand, n int) string, check func(text string)) {
	tb.Helper()
	r := rand.New(rand.NewSource(1))
	for range 3000 {
		check(gen(r, 1+r.Intn(40)))
	}
	for _, text := range BenchGlob(tb) {
		check(text)
	}
}
