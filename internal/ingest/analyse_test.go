package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite"
	"github.com/quellen/quellen/internal/testutil"
)

// analyseCorpus is a small corpus with something for every layer: a lost
// ligature, a line-end hyphen, quotations with speakers, notes with a
// reference, dates, numbers, people, a verdict.
func analyseCorpus() map[string]string {
	return map[string]string{
		"gazette.txt": "Title: The Saltmere Gazette\nDate: 9 August 1887\n\n" +
			"The \uFFFDrst reports of the strike reached Saltmere on 3 May 1887. Some 4,000 dockers walked off Harrow Quay.\n\n" +
			"\u201cWe shall not go back,\u201d said Thomas Wrenne, the union's secretary.[1] His rival Josiah Pell replied that \u201cthe men were misled.\u201d\n\n" +
			"[1] T. Wrenne, Letters from the Quay (London: Marlow, 1901), p. 44.\n",
		"memoir.txt": "Le 8 août 1887, je vis près de six mille hommes sur le quai. « Nous ne céderons pas », déclara Wrenne.\n\n" +
			"Pell prétend que la grève fut un échec ; c'est faux.\n",
		"letter.md": "# A letter\n\nDear Sir, on the 12th of May 1887 the harbour master counted 3,500 men; " +
			"Mr. Pell's claim that there were \u201cno more than a thousand\u201d is plainly wrong. The com-\nmittee met again in June.\n",
	}
}

// layers is what a store holds of each document's analysis, without ids.
func layers(t *testing.T, s quellen.Store) map[string]*quellen.Document {
	t.Helper()
	ds, err := s.Documents(t.Context(), quellen.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*quellen.Document{}
	for _, d := range ds {
		full, err := s.Document(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		full.ID, full.Ingested = 0, time.Time{} // the stores' own
		for i := range full.Findings {
			full.Findings[i].ID = 0
		}
		out[d.Name] = full
	}
	return out
}

func compareLayers(t *testing.T, want, got map[string]*quellen.Document) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("layers (-ingest +store-only then analyse):\n%s", diff)
	}
}

// TestStoreOnlyThenAnalyseIsIngest: a store-only ingest followed by
// Analyse stores what one ingest of the same files stores, to the last
// finding; in between, the documents are stored (their text and repairs)
// and marked unanalysed, and search finds nothing of them.
func TestStoreOnlyThenAnalyseIsIngest(t *testing.T) {
	paths, err := Expand([]string{tree(t, analyseCorpus())})
	if err != nil {
		t.Fatal(err)
	}
	checkStoreOnlyThenAnalyse(t, paths, true)
}

// TestStoreOnlyThenAnalyseIsIngestOnDev: the same on the development
// corpus (every layer, and damaged text).
func TestStoreOnlyThenAnalyseIsIngestOnDev(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no dev files: %v", err)
	}
	checkStoreOnlyThenAnalyse(t, paths, false)
}

func checkStoreOnlyThenAnalyse(t *testing.T, paths []string, small bool) {
	ctx := t.Context()
	whole := openStore(t)
	if _, err := Run(ctx, whole, paths, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	want := layers(t, whole)

	s := openStore(t)
	res, err := Run(ctx, s, paths, Options{Workers: 2, StoreOnly: true})
	if err != nil || res.Added != len(paths) {
		t.Fatalf("store-only: added %d of %d, %v", res.Added, len(paths), err)
	}
	un, err := s.Unanalysed(ctx)
	if err != nil || len(un) != len(paths) {
		t.Fatalf("Unanalysed after a store-only ingest: %d, %v", len(un), err)
	}
	bare := layers(t, s)
	for name, d := range bare {
		w := want[name]
		if d.Clean != w.Clean || !d.Unanalysed {
			t.Errorf("%s: store-only clean text differs from ingest's, or not marked (%v)", name, d.Unanalysed)
		}
		for _, f := range d.Findings {
			switch f.Kind {
			case quellen.KindRepair, quellen.KindLayout, quellen.KindMetadata, quellen.KindLanguage:
			default:
				t.Errorf("%s: a store-only ingest stored a %s finding", name, f.Kind)
			}
		}
	}
	if small {
		for _, name := range []string{"gazette.txt", "letter.md"} {
			if !strings.Contains(bare[name].Clean, "first reports") && !strings.Contains(bare[name].Clean, "committee") {
				t.Errorf("%s: not repaired in a store-only ingest: %q", name, bare[name].Clean)
			}
		}
		if hits, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "dockers"}}}); err != nil || hits.Total != 0 {
			t.Errorf("search before the analysis: %+v, %v", hits, err)
		}
	}
	// An ingest of the same files now adds nothing and says what waits.
	again, err := Run(ctx, s, paths, Options{Workers: 2})
	if err != nil || again.Added != 0 || again.Skipped != len(paths) || again.Unanalysed != len(paths) {
		t.Errorf("ingest after store-only: added %d skipped %d unanalysed %d, %v", again.Added, again.Skipped, again.Unanalysed, err)
	}

	var phases []string
	ar, err := Analyse(ctx, s, AnalyseOptions{Workers: 2, Progress: func(phase string, done, total int) {
		if len(phases) == 0 || phases[len(phases)-1] != phase {
			phases = append(phases, phase)
		}
	}})
	if err != nil || ar.Versions != len(paths) || ar.Analysed != len(paths) || len(ar.Failed) != 0 || ar.Bytes == 0 {
		t.Fatalf("Analyse: %+v, %v", ar, err)
	}
	if !cmp.Equal(phases, []string{"reading", "analysing"}) {
		t.Errorf("progress phases %v", phases)
	}
	compareLayers(t, want, layers(t, s))
	if small {
		if hits, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "dockers"}}}); err != nil || hits.Total == 0 {
			t.Errorf("search after the analysis: %+v, %v", hits, err)
		}
	}
	// Nothing is left; with All every document again, to the same layers.
	if ar, err := Analyse(ctx, s, AnalyseOptions{}); err != nil || ar.Versions != 0 {
		t.Errorf("a second Analyse: %+v, %v", ar, err)
	}
	if ar, err := Analyse(ctx, s, AnalyseOptions{All: true, Workers: 2}); err != nil || ar.Analysed != len(paths) {
		t.Errorf("Analyse --all: %+v, %v", ar, err)
	}
	compareLayers(t, want, layers(t, s))
}

// stoppingStore cancels the context after its first re-analysis.
type stoppingStore struct {
	*sqlite.Store
	cancel context.CancelFunc
	n      atomic.Int32
}

func (s *stoppingStore) PrepareReanalyse(d *quellen.Document) (func(context.Context) error, error) {
	put, err := s.Store.PrepareReanalyse(d)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		if err := put(ctx); err != nil {
			return err
		}
		if s.n.Add(1) == 1 {
			s.cancel()
		}
		return nil
	}, nil
}

// TestAnalyseInterruptedResumes: an Analyse stopped after its first
// version keeps that one analysed and the rest marked; the next one
// analyses only the rest.
func TestAnalyseInterruptedResumes(t *testing.T) {
	paths, _ := Expand([]string{tree(t, analyseCorpus())})
	base := openStore(t)
	if _, err := Run(t.Context(), base, paths, Options{StoreOnly: true}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	s := &stoppingStore{Store: base, cancel: cancel}
	res, err := Analyse(ctx, s, AnalyseOptions{Workers: 1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Analyse: %+v, %v", res, err)
	}
	un, err := base.Unanalysed(t.Context())
	if err != nil || len(un) != len(paths)-res.Analysed || res.Analysed < 1 {
		t.Fatalf("after the interruption: %d analysed, %d unanalysed, %v", res.Analysed, len(un), err)
	}
	rest, err := Analyse(t.Context(), base, AnalyseOptions{})
	if err != nil || rest.Versions != len(un) || rest.Analysed != len(un) {
		t.Fatalf("resumed: %+v, %v", rest, err)
	}
	if un, _ := base.Unanalysed(t.Context()); len(un) != 0 {
		t.Errorf("still unanalysed: %d", len(un))
	}
}

// TestAnalyseNamedDocuments: Docs limits the work, and an unknown name is
// an error that changes nothing.
func TestAnalyseNamedDocuments(t *testing.T) {
	paths, _ := Expand([]string{tree(t, analyseCorpus())})
	s := openStore(t)
	if _, err := Run(t.Context(), s, paths, Options{StoreOnly: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Analyse(t.Context(), s, AnalyseOptions{Docs: []string{"nosuch.txt"}}); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("an unknown name: %v", err)
	}
	res, err := Analyse(t.Context(), s, AnalyseOptions{Docs: []string{"memoir.txt"}})
	if err != nil || res.Analysed != 1 {
		t.Fatalf("one document: %+v, %v", res, err)
	}
	un, _ := s.Unanalysed(t.Context())
	if len(un) != len(paths)-1 {
		t.Errorf("%d unanalysed, want %d", len(un), len(paths)-1)
	}
	for _, d := range un {
		if d.Name == "memoir.txt" {
			t.Error("memoir.txt is still unanalysed")
		}
	}
}

// The SQLite store reads raw bytes alone and prepares its re-analyses on
// the workers.
var (
	_ RawReader         = (*sqlite.Store)(nil)
	_ ReanalysePreparer = (*sqlite.Store)(nil)
)

// TestAnalyseAfterEarlierDocuments: documents stored before a store-only
// ingest do not change how the analysis repairs it. The ingest of beta
// alone keeps its "sea-wall" (the lexicon of its files knows no
// "seawall"); an ingest of both would join it, and so would a lexicon
// learnt from every stored document. Store-only then analyse must give
// what ingesting beta by itself gives.
func TestAnalyseAfterEarlierDocuments(t *testing.T) {
	ctx := t.Context()
	alpha, _ := Expand([]string{tree(t, map[string]string{"alpha.txt": strings.Repeat("The seawall held against the storm of 1887. ", 3) + "\n"})})
	beta, _ := Expand([]string{tree(t, map[string]string{"beta.txt": "The old sea-\nwall was rebuilt in 1889 by the harbour board.\n"})})
	whole := openStore(t)
	for _, p := range [][]string{alpha, beta} {
		if _, err := Run(ctx, whole, p, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	want := layers(t, whole)
	if !strings.Contains(want["beta.txt"].Clean, "sea-wall") {
		t.Fatalf("the premise: beta ingested alone keeps sea-wall: %q", want["beta.txt"].Clean)
	}
	s := openStore(t)
	if _, err := Run(ctx, s, alpha, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, s, beta, Options{StoreOnly: true}); err != nil {
		t.Fatal(err)
	}
	if res, err := Analyse(ctx, s, AnalyseOptions{}); err != nil || res.Analysed != 1 {
		t.Fatalf("Analyse: %+v, %v", res, err)
	}
	compareLayers(t, want, layers(t, s))
}
