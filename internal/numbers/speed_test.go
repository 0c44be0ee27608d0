package numbers

import (
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// BenchmarkFindFiles runs the finder over the files of $QUELLEN_BENCH.
func BenchmarkFindFiles(b *testing.B) {
	texts := testutil.BenchTexts(b)
	var f Finder
	for b.Loop() {
		for _, s := range texts {
			f.Find(s, 0, len(s), Options{Lang: "en"}, func(Quantity) {})
		}
	}
}
