package read

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/quellen/quellen"
)

var update = flag.Bool("update", false, "rewrite the golden files (and testdata/book.epub) from the readers' output")

// checkResult asserts what every reader promises: the Map joins Text and
// Source, every block lies inside Text, and every copy piece of the Map
// has the same bytes on both sides.
func checkResult(t testing.TB, r *Result) {
	t.Helper()
	if r.Map == nil {
		t.Fatal("no Map")
	}
	if r.Map.OutLen() != len(r.Text) {
		t.Fatalf("Map.OutLen() = %d, len(Text) = %d", r.Map.OutLen(), len(r.Text))
	}
	if r.Map.InLen() != len(r.Source) {
		t.Fatalf("Map.InLen() = %d, len(Source) = %d", r.Map.InLen(), len(r.Source))
	}
	for _, b := range r.Blocks {
		if b.Span.Start < 0 || b.Span.End > len(r.Text) || b.Span.End < b.Span.Start {
			t.Fatalf("block %s %v outside the text (%d bytes)", b.Kind, b.Span, len(r.Text))
		}
	}
	if !sort.SliceIsSorted(r.Blocks, func(i, j int) bool { return r.Blocks[i].Span.Start < r.Blocks[j].Span.Start }) {
		t.Fatal("blocks are not sorted by start")
	}
	out := 0
	for _, p := range r.Map.Pieces() {
		if p.OutStart != out {
			t.Fatalf("map pieces leave a gap at %d (next piece starts at %d)", out, p.OutStart)
		}
		out = p.OutEnd
		if p.Copy && r.Text[p.OutStart:p.OutEnd] != r.Source[p.InStart:p.InEnd] {
			t.Fatalf("copy piece %+v: text %q, source %q", p, r.Text[p.OutStart:p.OutEnd], r.Source[p.InStart:p.InEnd])
		}
	}
	if out != len(r.Text) {
		t.Fatalf("map pieces cover %d of %d bytes", out, len(r.Text))
	}
}

// rawOf returns the Source bytes a Text span leads back to.
func rawOf(r *Result, s quellen.Span) string {
	a, b := r.Map.InSpan(s.Start, s.End)
	return r.Source[a:b]
}

func blocksOf(r *Result, kind string) []Block {
	var out []Block
	for _, b := range r.Blocks {
		if b.Kind == kind {
			out = append(out, b)
		}
	}
	return out
}

func textOf(r *Result, b Block) string { return r.Text[b.Span.Start:b.Span.End] }

func mustRead(t testing.TB, name string, data []byte, opts Options) *Result {
	t.Helper()
	r, err := Read(name, data, opts)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	checkResult(t, r)
	return r
}

// golden is what a golden file holds.
type golden struct {
	Format string           `json:"format"`
	Text   string           `json:"text"`
	Meta   quellen.Metadata `json:"meta"`
	Blocks []goldenBlock    `json:"blocks"`
}

type goldenBlock struct {
	Block
	Text string `json:"text"`
	Raw  string `json:"raw"`
}

func toGolden(r *Result) golden {
	g := golden{Format: r.Format, Text: r.Text, Meta: r.Meta}
	for _, b := range r.Blocks {
		g.Blocks = append(g.Blocks, goldenBlock{Block: b, Text: textOf(r, b), Raw: rawOf(r, b.Span)})
	}
	return g
}

// checkGolden compares a result with testdata/NAME.golden.json (rewritten
// under -update).
func checkGolden(t *testing.T, name string, r *Result) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.json")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(toGolden(r)); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, d)
	}
}

// makeEPUB zips a folder of EPUB sources: mimetype first and stored, the
// rest deflated in name order, with a fixed time, so the bytes are stable.
func makeEPUB(t testing.TB, dir string) []byte {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != "mimetype" {
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(name string, method uint16) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: when})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	add("mimetype", zip.Store)
	for _, n := range names {
		add(n, zip.Deflate)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inputError asserts err is an *quellen.InputError with code that names
// the file.
func inputError(t *testing.T, err error, code, name string) {
	t.Helper()
	ie, ok := errors.AsType[*quellen.InputError](err)
	if !ok {
		t.Fatalf("error %v (%T), want an *InputError %q", err, err, code)
	}
	if ie.Code != code {
		t.Errorf("code %q (%v), want %q", ie.Code, err, code)
	}
	if !strings.Contains(err.Error(), name) {
		t.Errorf("message %q does not name the file %s", err.Error(), name)
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
