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
