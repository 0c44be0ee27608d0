package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
)

// TestRunFilesAgreesWithRun writes a small corpus whose damaged word can
// only be repaired from another file's words ("zor\ufffde": the made-up
// "zorffle" is used elsewhere in the corpus, never in the damaged file), and checks
// that learning and analysing from disk (LearnFiles, RunFiles) finds what
// Read and Run find from bytes held in memory, file by file and in order.
func TestRunFilesAgreesWithRun(t *testing.T) {
	dir := t.TempDir()
	texts := []string{
		"The zor\ufffde of the decree was felt at once, wrote Serge.\n",
		"Its zorffle was immediate; the zorffle lasted. \u201cWe saw the zorffle,\u201d said Marie on 3 May 1937.\n",
		"An afterword with 1,200 men and a note.[1]\n\n[1] Ibid., p. 4.\n",
	}
	var files []string
	for i, s := range texts {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	datas, lex, err := Read(files, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []*pipeline.Analysis
	for r := range Run(files, datas, pipeline.Options{Lexicon: lex}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		want = append(want, r.Analysis)
	}
	lex2, err := LearnFiles(files, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for r := range RunFiles(files, pipeline.Options{Lexicon: lex2}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.Index != i || r.Analysis.Doc.Path != files[i] {
			t.Fatalf("result %d is file %d (%s)", i, r.Index, r.Analysis.Doc.Path)
		}
		if got, w := r.Analysis.Doc.Clean, want[i].Doc.Clean; got != w {
			t.Errorf("%s: clean text %q, want %q", files[i], got, w)
		}
		if !reflect.DeepEqual(r.Analysis.Doc.Findings, want[i].Doc.Findings) {
			t.Errorf("%s: findings differ from Run's", files[i])
		}
		i++
	}
	if i != len(files) {
		t.Fatalf("RunFiles yielded %d results, want %d", i, len(files))
	}
	if c := want[0].Doc.Clean; c[:11] != "The zorffle" {
		t.Errorf("the damaged word was not repaired from the other files: %q", c[:20])
	}
}

// TestRunFilesNamesAFileItCannotRead checks that a file gone between the
// two passes is reported, named, as an input error, and the others still
// analysed; LearnFiles names the first file it cannot read.
func TestRunFilesNamesAFileItCannotRead(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("A text of some words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "gone.txt")
	files := []string{gone, good, filepath.Join(dir, "also-gone.txt")}
	if _, err := LearnFiles(files, pipeline.Options{}); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LearnFiles: err %v, want the missing file's", err)
	} else if !strings.Contains(err.Error(), gone) {
		t.Errorf("LearnFiles: %v does not name the first missing file %s", err, gone)
	}
	var ok, failed int
	for r := range RunFiles(files, pipeline.Options{}) {
		if r.Err == nil {
			ok++
			continue
		}
		ie, isInput := errors.AsType[*quellen.InputError](r.Err)
		if !isInput || ie.Path != files[r.Index] {
			t.Errorf("file %d: error %v, want an InputError naming %s", r.Index, r.Err, files[r.Index])
		}
		failed++
	}
	if ok != 1 || failed != 2 {
		t.Errorf("%d analysed, %d failed; want 1 and 2", ok, failed)
	}
}
