package storetest

import (
	"errors"
	"testing"

	"github.com/quellen/quellen"
)

// storeOnly makes the document as `ingest --store-only` gives it: read,
// repaired, with its metadata and no extractor's findings.
func storeOnly(d *quellen.Document) *quellen.Document {
	d.Unanalysed = true
	var keep []quellen.Finding
	for _, f := range d.Findings {
		if f.Kind == quellen.KindMetadata || f.Kind == quellen.KindLanguage {
			keep = append(keep, f)
		}
	}
	d.Findings = keep
	return d
}

// kinds counts a version's findings by kind through Findings.
func kinds(t *testing.T, s quellen.Store, id int64) map[quellen.Kind]int {
	t.Helper()
	fs, err := s.Findings(t.Context(), quellen.FindingFilter{DocID: id})
	if err != nil {
		t.Fatal(err)
	}
	out := map[quellen.Kind]int{}
	for _, f := range fs {
		out[f.Kind]++
	}
	return out
}

// storedWithoutAnalysis: a version put unanalysed is listed by
// Unanalysed, says so when read, and is found by neither search nor its
// findings until Reanalyse gives it its layers, in one step that keeps
// its id, name and version and applies the document's corrections.
func storedWithoutAnalysis(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	const text = "Wrenne denounced the charter and wrote that “the bargain is a sham”.\n"
	full := func() *quellen.Document {
		return SearchDoc("charter.txt", "en", quellen.Metadata{Title: "The Charter"}, []string{text[:len(text)-1]},
			Placed{quellen.KindQuote, "the bargain is a sham", quellen.Attrs{"speaker": "Wrenne"}},
			Placed{quellen.KindEntity, "Wrenne", quellen.Attrs{"canonical": "Thomas Wrenne", "type": "person"}})
	}
	// An analysed document beside it, whose layers must not move.
	other := Doc("report.txt", "Hello “world” 12 dockers.\n")
	if _, err := s.Put(ctx, other); err != nil {
		t.Fatal(err)
	}
	// An earlier version of the document, analysed, whose quotation a
	// person corrected: the correction applies when the analysis of the
	// new version comes.
	earlier := SearchDoc("charter.txt", "en", quellen.Metadata{Title: "The Charter"}, []string{text[:len(text)-1], "A first draft."},
		Placed{quellen.KindQuote, "the bargain is a sham", quellen.Attrs{"speaker": "Wrenne"}})
	if _, err := s.Put(ctx, earlier); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Correct(ctx, findKind(t, s, earlier.ID, quellen.KindQuote).ID, quellen.Correction{
		Status: quellen.StatusCorrected, Attrs: quellen.Attrs{"speaker": "T. Wrenne"}, Who: "editor"}); err != nil {
		t.Fatal(err)
	}
	d := storeOnly(full())
	if created, err := s.Put(ctx, d); err != nil || !created || d.Version != 2 {
		t.Fatalf("Put unanalysed: created %v, %v", created, err)
	}
	un, err := s.Unanalysed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 || un[0].ID != d.ID || un[0].Name != "charter.txt" || un[0].SHA256 != d.SHA256 || !un[0].Unanalysed || un[0].Raw != nil {
		t.Fatalf("Unanalysed: %+v", un)
	}
	got, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Unanalysed || got.Clean != text || len(got.Findings) != 1 || got.Findings[0].Kind != quellen.KindLanguage {
		t.Errorf("the unanalysed version read back: unanalysed %v, clean %q, %d findings", got.Unanalysed, got.Clean, len(got.Findings))
	}
	if ds, err := s.Documents(ctx, quellen.DocFilter{Name: "charter.txt"}); err != nil || len(ds) != 1 || !ds[0].Unanalysed {
		t.Errorf("Documents: %+v %v", ds, err)
	}
	if ds, err := s.Documents(ctx, quellen.DocFilter{Name: "report.txt"}); err != nil || len(ds) != 1 || ds[0].Unanalysed {
		t.Errorf("Documents of the analysed one: %+v %v", ds, err)
	}
	// search returns the hits of a word and of a fragment, in that
	// document (the earlier version is not searched: only latest ones).
	search := func(what string, want bool) (hits [2]int) {
		t.Helper()
		sr, ok := s.(quellen.Searcher)
		if !ok {
			return hits
		}
		for i, term := range []quellen.Term{{Text: "sham"}, {Text: "argai", Fragment: true}} {
			res, err := sr.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{term}, Doc: "charter.txt"})
			if err != nil {
				t.Fatal(err)
			}
			hits[i] = len(res.Hits)
			if (len(res.Hits) > 0) != want {
				t.Errorf("%s: a search for %+v found %d hits", what, term, len(res.Hits))
			}
		}
		return hits
	}
	search("unanalysed", false)
	// Putting the same bytes analysed adds nothing: Reanalyse is the way.
	if created, err := s.Put(ctx, full()); err != nil || created {
		t.Errorf("Put of the same bytes: created %v, %v", created, err)
	}
	before := otherFindings(t, s, other.ID)

	// The wrong bytes are refused and change nothing.
	wrong := full()
	wrong.ID, wrong.SHA256 = d.ID, other.SHA256
	if err := s.Reanalyse(ctx, wrong); err == nil {
		t.Error("Reanalyse with another version's SHA-256 was accepted")
	}
	missing := full()
	missing.ID = 1 << 40
	if err := s.Reanalyse(ctx, missing); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("Reanalyse of an unknown version: %v", err)
	}

	a := full()
	a.ID, a.Name = d.ID, "ignored.txt"
	a.Clean = text // the same; the metadata changes
	a.Meta.Author = "A. Critic"
	if err := s.Reanalyse(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.Name != "charter.txt" || a.Version != d.Version || a.Ingested.IsZero() {
		t.Errorf("Reanalyse filled name %q version %d ingested %v", a.Name, a.Version, a.Ingested)
	}
	for i, f := range a.Findings {
		if f.ID == 0 {
			t.Errorf("reanalysed finding %d has no id", i)
		}
	}
	if un, err := s.Unanalysed(ctx); err != nil || len(un) != 0 {
		t.Errorf("Unanalysed after Reanalyse: %+v %v", un, err)
	}
	got, err = s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Unanalysed || got.Meta.Author != "A. Critic" || got.Name != "charter.txt" {
		t.Errorf("reanalysed: unanalysed %v, author %q, name %q", got.Unanalysed, got.Meta.Author, got.Name)
	}
	if k := kinds(t, s, d.ID); k[quellen.KindQuote] != 1 || k[quellen.KindEntity] != 1 || k[quellen.KindLanguage] != 1 || len(k) != 3 {
		t.Errorf("reanalysed findings: %v", k)
	}
	if q := findKind(t, s, d.ID, quellen.KindQuote); q.Status != quellen.StatusCorrected || q.Attrs.String("speaker") != "T. Wrenne" {
		t.Errorf("the earlier version's correction after the analysis: %+v", q)
	}
	hits := search("analysed", true)

	// Reanalysing again replaces, never adds; a correction made between
	// is applied to the new findings.
	quote := findKind(t, s, d.ID, quellen.KindQuote)
	if _, err := s.Correct(ctx, quote.ID, quellen.Correction{Status: quellen.StatusCorrected, Attrs: quellen.Attrs{"speaker": "Tom Wrenne"}, Who: "editor"}); err != nil {
		t.Fatal(err)
	}
	b := full()
	b.ID = d.ID
	if err := s.Reanalyse(ctx, b); err != nil {
		t.Fatal(err)
	}
	if k := kinds(t, s, d.ID); k[quellen.KindQuote] != 1 || k[quellen.KindEntity] != 1 || len(k) != 3 {
		t.Errorf("reanalysed twice: %v", k)
	}
	if q := findKind(t, s, d.ID, quellen.KindQuote); q.Status != quellen.StatusCorrected || q.Attrs.String("speaker") != "Tom Wrenne" {
		t.Errorf("the correction after a second analysis: %+v", q)
	}
	if again := search("analysed twice", true); again != hits {
		t.Errorf("hits after a second analysis %v, after the first %v: passages doubled or lost", again, hits)
	}
	if after := otherFindings(t, s, other.ID); after != before {
		t.Errorf("the other document's findings moved: %d, then %d", before, after)
	}
	// Back to unanalysed (a store-only re-run) drops the layers again.
	c := storeOnly(full())
	c.ID = d.ID
	if err := s.Reanalyse(ctx, c); err != nil {
		t.Fatal(err)
	}
	if un, err := s.Unanalysed(ctx); err != nil || len(un) != 1 {
		t.Errorf("Unanalysed after a store-only Reanalyse: %d, %v", len(un), err)
	}
	search("unanalysed again", false)
}

func otherFindings(t *testing.T, s quellen.Store, id int64) int {
	t.Helper()
	n := 0
	for _, c := range kinds(t, s, id) {
		n += c
	}
	return n
}

func findKind(t *testing.T, s quellen.Store, id int64, k quellen.Kind) quellen.Finding {
	t.Helper()
	fs, err := s.Findings(t.Context(), quellen.FindingFilter{DocID: id, Kinds: []quellen.Kind{k}})
	if err != nil || len(fs) != 1 {
		t.Fatalf("%d findings of kind %s, %v", len(fs), k, err)
	}
	return fs[0]
}
