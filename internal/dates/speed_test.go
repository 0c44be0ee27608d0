package dates

import (
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// BenchmarkFindFiles runs the finder over the files of $QUELLEN_BENCH.
func BenchmarkFindFiles(b *testing.B) {
	texts := testutil.BenchTexts(b)
	for b.Loop() {
		for _, s := range texts {
			Find(s, "en", Point{})
		}
	}
}
