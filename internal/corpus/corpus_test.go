package corpus

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/xref"
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
