package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestXrefStoredOnSQLite ingests files into a SQLite database and checks
// that `xref --stored` prints the links `xref --reuse-only` finds in the
// files, stores them once, and that files and --stored do not mix.
func TestXrefStoredOnSQLite(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	passage := "the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy " +
		"embankment in a wet spring, and nobody in the ministry read the page until the floods came"
	texts := map[string]string{
		"a.txt": "Minutes of the board.\n\n" + passage + ".\n\nThe sitting rose at noon.\n",
		"b.txt": "A review, years later.\n\nAs one witness put it, " + passage + ", which was all.\n",
		"c.txt": "Letters from the coast, about the harvest, the weather and the price of salt in the town.\n",
		"d.txt": "The ofﬁcial history says little: the engi-\nneer wrote in his notebook that the clay at the river crossing would not\nhold a heavy embankment.\n",
	}
	var files []string
	for name, s := range texts {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	slices.Sort(files)
	cli := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(t.Context(), args, &out, &errb)
		return out.String(), errb.String(), code
	}
	want, stderr, code := cli(append([]string{"xref", "--reuse-only"}, files...)...)
	if code != 0 || strings.Count(want, "\n") < 3 {
		t.Fatalf("xref --reuse-only: status %d, %q, %s", code, want, stderr)
	}
	// A file that cannot be read is reported; the others are compared as
	// without it (the links name the same documents).
	bad := filepath.Join(dir, "b0.bin")
	if err := os.WriteFile(bad, []byte("\x00\x01\x02binary\x00\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	withBad := append(slices.Clone(files[:1]), append([]string{bad}, files[1:]...)...)
	if got, stderr, code := cli(append([]string{"xref", "--reuse-only"}, withBad...)...); code == 0 || got != want ||
		!strings.Contains(stderr, "b0.bin") || !strings.Contains(stderr, "1 of 5 files could not be read") {
		t.Errorf("xref --reuse-only with a binary file: status %d, stderr %q, links the same: %v", code, stderr, got == want)
	}
	if _, stderr, code := cli(append([]string{"--db", db, "ingest"}, files...)...); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	got, stderr, code := cli("--db", db, "xref", "--stored")
	if code != 0 {
		t.Fatalf("xref --stored: status %d: %s", code, stderr)
	}
	if got != want {
		t.Errorf("xref --stored printed\n%s\nxref --reuse-only\n%s", got, want)
	}
	if !strings.Contains(stderr, "4 documents, 3 reuse links, 3 added") {
		t.Errorf("summary %q", stderr)
	}
	if _, stderr, _ := cli("--db", db, "xref", "--stored"); !strings.Contains(stderr, "3 reuse links, 0 added") {
		t.Errorf("a second run: %q", stderr)
	}
	if _, stderr, code := cli("--db", db, "xref", "--stored", files[0]); code == 0 || !strings.Contains(stderr, "give no files") {
		t.Errorf("--stored with files: status %d, %q", code, stderr)
	}
	if _, stderr, code := cli("xref"); code == 0 || !strings.Contains(stderr, "--stored") {
		t.Errorf("xref without files: status %d, %q", code, stderr)
	}
}
