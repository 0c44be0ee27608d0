package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite"
)

// tree writes files (path → content) under a new folder and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExpand(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.txt": "a", "b.md": "b", "sub/c.txt": "c", "sub/deeper/d.html": "d",
		".hidden.txt": "h", ".git/e.txt": "e", "sub/.f.txt": "f",
	})
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	tests := []struct {
		name    string
		args    []string
		want    []string
		wantErr string
	}{
		{"a file", []string{"a.txt"}, []string{"a.txt"}, ""},
		{"a dot file named", []string{".hidden.txt"}, []string{".hidden.txt"}, ""},
		{"a folder, recursively, no dot entries", []string{"."}, []string{"a.txt", "b.md", "sub/c.txt", "sub/deeper/d.html"}, ""},
		{"a glob", []string{"*.txt"}, []string{"a.txt"}, ""},
		{"a glob of folders", []string{"s*"}, []string{"sub/c.txt", "sub/deeper/d.html"}, ""},
		{"a dot glob", []string{".*.txt"}, []string{".hidden.txt"}, ""},
		{"duplicates once", []string{"a.txt", "*.txt", "."}, []string{"a.txt", "b.md", "sub/c.txt", "sub/deeper/d.html"}, ""},
		{"missing", []string{"nope.txt"}, nil, "nope.txt: no such file or folder"},
		{"a glob matching nothing", []string{"*.pdf"}, nil, "*.pdf: the pattern matches no file"},
		{"a bad pattern", []string{"[.txt"}, nil, "[.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var args []string
			for _, a := range tc.args {
				args = append(args, filepath.Join(dir, a))
			}
			got, err := Expand(args)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				if _, ok := errors.AsType[*quellen.InputError](err); !ok {
					t.Errorf("error %T is not an InputError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rel(got)); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "q.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestRunStoresGoodFilesAndNamesBadOnes(t *testing.T) {
	dir := tree(t, map[string]string{
		"report.txt": "The Saltmere Gazette, 9 August 1887.\n\nSome 4,000 dockers walked off Harrow Quay.\n",
		"memoir.txt": "Le 8 août 1887, je vis près de six mille hommes.\n",
		"copy.txt":   "Le 8 août 1887, je vis près de six mille hommes.\n", // the memoir's bytes under another name
		"empty.txt":  "",
	})
	os.WriteFile(filepath.Join(dir, "blob.txt"), []byte{0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7, 0, 0, 0, 9}, 0o644)
	paths, err := Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	var phases []string
	res, err := Run(t.Context(), s, paths, Options{Workers: 2, Progress: func(phase string, done, total int) {
		if !slices.Contains(phases, phase) {
			phases = append(phases, phase)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 5 || res.Added != 2 || res.Skipped != 1 || len(res.Failed) != 2 {
		t.Fatalf("files %d added %d skipped %d failed %v", res.Files, res.Added, res.Skipped, res.Failed)
	}
	var failed []string
	for _, e := range res.Failed {
		ie, ok := errors.AsType[*quellen.InputError](e)
		if !ok {
			t.Fatalf("%v is not an InputError", e)
		}
		failed = append(failed, filepath.Base(ie.Path)+" "+ie.Code)
	}
	slices.Sort(failed)
	if diff := cmp.Diff([]string{"blob.txt binary", "empty.txt empty"}, failed); diff != "" {
		t.Errorf("failed files: %s", diff)
	}
	if diff := cmp.Diff([]string{"reading", "analysing"}, phases); diff != "" {
		t.Errorf("progress phases: %s", diff)
	}
	docs, err := s.Documents(t.Context(), quellen.DocFilter{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}

	// Again: everything is skipped in the first pass, nothing analysed.
	again, err := Run(t.Context(), s, paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Skipped != 3 || again.AnalyseTime != 0 {
		t.Errorf("second run: added %d skipped %d analysed for %v", again.Added, again.Skipped, again.AnalyseTime)
	}

	// A stored document has the language of its paragraphs as findings.
	d, err := s.Document(t.Context(), docs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(d.Findings, func(f quellen.Finding) bool { return f.Kind == quellen.KindLanguage }) {
		t.Errorf("%s: no language findings among %d", d.Name, len(d.Findings))
	}
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
}

// failingStore fails every Put after the first.
type failingStore struct {
	quellen.Store
	puts int
}

func (f *failingStore) Put(ctx context.Context, d *quellen.Document) (bool, error) {
	f.puts++
	if f.puts > 1 {
		return false, errors.New("disk full")
	}
	return f.Store.Put(ctx, d)
}

func TestRunStopsWhenTheStoreFails(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		files[n+".txt"] = "Document " + n + " written on 3 May 1887 by the harbour master.\n"
	}
	dir := tree(t, files)
	paths, _ := Expand([]string{dir})
	fs := &failingStore{Store: openStore(t)}
	res, err := Run(t.Context(), fs, paths, Options{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error %v, want disk full", err)
	}
	if res.Added != 1 || fs.puts != 2 {
		t.Errorf("added %d after %d puts", res.Added, fs.puts)
	}
}

func TestRunCancelled(t *testing.T) {
	dir := tree(t, map[string]string{"a.txt": "Some text of 1887.\n", "b.txt": "More text of 1888.\n"})
	paths, _ := Expand([]string{dir})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Run(ctx, openStore(t), paths, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// preparingStore counts what goes through Prepare and what through Put;
// with refuse set, it prepares nothing.
type preparingStore struct {
	*sqlite.Store
	refuse         bool
	prepared, puts atomic.Int32
}

func (p *preparingStore) Prepare(d *quellen.Document) (func(context.Context) (bool, error), error) {
	if p.refuse {
		return nil, errors.New("cannot prepare")
	}
	p.prepared.Add(1)
	return p.Store.Prepare(d)
}

func (p *preparingStore) Put(ctx context.Context, d *quellen.Document) (bool, error) {
	p.puts.Add(1)
	return p.Store.Put(ctx, d)
}

// TestRunPreparesOnTheWorkers: a store that prepares has every document
// prepared on the workers and stored by what Prepare returned; one that
// cannot prepare a document has it Put.
func TestRunPreparesOnTheWorkers(t *testing.T) {
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d"} {
		files[n+".txt"] = "Document " + n + " written on 3 May 1887 by the harbour master of Saltmere.\n"
	}
	paths, _ := Expand([]string{tree(t, files)})
	for _, refuse := range []bool{false, true} {
		s := &preparingStore{Store: openStore(t), refuse: refuse}
		res, err := Run(t.Context(), s, paths, Options{Workers: 2})
		if err != nil || res.Added != 4 {
			t.Fatalf("refuse %v: added %d, %v", refuse, res.Added, err)
		}
		prepared, puts := int(s.prepared.Load()), int(s.puts.Load())
		if refuse && (prepared != 0 || puts != 4) || !refuse && (prepared != 4 || puts != 0 || res.PrepareTime <= 0) {
			t.Errorf("refuse %v: %d prepared, %d put, prepared in %v", refuse, prepared, puts, res.PrepareTime)
		}
		found, err := s.Search(t.Context(), quellen.SearchQuery{Terms: []quellen.Term{{Text: "harbour"}}})
		if err != nil || found.Total != 4 {
			t.Errorf("refuse %v: %+v %v", refuse, found, err)
		}
	}
}
