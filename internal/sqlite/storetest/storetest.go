// Package storetest is the conformance suite of quellen.Store: the
// behaviour every store (internal/sqlite, internal/postgres) must have,
// tested through the interface alone.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) quellen.Store { return openTestStore(t) })
//	}
package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/quellen/quellen"
)

// Doc makes a document as the pipeline would, with a metadata finding, a
// quotation with attributes, a number and a problem.
func Doc(name, raw string) *quellen.Document {
	sum := sha256.Sum256([]byte(raw))
	span := func(s, e int) quellen.Span { return quellen.Span{Start: min(s, len(raw)), End: min(e, len(raw))} }
	text := func(s, e int) string { sp := span(s, e); return raw[sp.Start:sp.End] }
	return &quellen.Document{
		Name: name, Path: "/corpus/" + name, SHA256: hex.EncodeToString(sum[:]), Format: "text",
		Raw: []byte(raw), Source: raw, Clean: raw,
		Meta: quellen.Metadata{Title: "A report", Language: "en", Date: "1887-08"},
		Findings: []quellen.Finding{
			{Kind: quellen.KindMetadata, Clean: span(0, 5), Raw: span(0, 5), Line: 1, EndLine: 1, Text: text(0, 5),
				Attrs: quellen.Attrs{"title": "A report"}, Extractor: "meta", Status: quellen.StatusAutomatic},
			{Kind: quellen.KindQuote, Clean: span(6, 12), Raw: span(6, 12), Line: 1, EndLine: 2, Text: text(6, 12),
				Attrs:     quellen.Attrs{"speaker": "Thomas Wrenne", "note": "1", "block": false, "n": 3.5, "archive": map[string]any{"fond": "417"}},
				Extractor: "quotes", Status: quellen.StatusAutomatic},
			{Kind: quellen.KindNumber, Clean: span(12, 14), Raw: span(12, 14), Line: 2, EndLine: 2, Text: text(12, 14),
				Extractor: "numbers", Status: quellen.StatusAutomatic},
		},
		Problems: []quellen.Problem{{Severity: "warning", Code: "encoding.cp1252", Message: name + ": decoded as Windows-1252", Offset: -1}},
	}
}

// Run runs the suite; open returns a new, empty store, closed by the
// suite.
func Run(t *testing.T, open func(t *testing.T) quellen.Store) {
	fresh := func(t *testing.T) quellen.Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
	t.Run("PutIsIdempotent", func(t *testing.T) { putIsIdempotent(t, fresh(t)) })
	t.Run("ChangedFileIsNextVersion", func(t *testing.T) { changedFileIsNextVersion(t, fresh(t)) })
	t.Run("DocumentRoundTrips", func(t *testing.T) { documentRoundTrips(t, fresh(t)) })
	t.Run("SameBytesUnderAnotherName", func(t *testing.T) { sameBytesUnderAnotherName(t, fresh(t)) })
	t.Run("CorrectionSurvivesReingest", func(t *testing.T) { correctionSurvivesReingest(t, fresh(t)) })
	t.Run("FindingFilters", func(t *testing.T) { findingFilters(t, fresh(t)) })
	t.Run("AddLinks", func(t *testing.T) { addLinks(t, fresh(t)) })
	t.Run("StoredWithoutAnalysis", func(t *testing.T) { storedWithoutAnalysis(t, fresh(t)) })
	t.Run("Search", func(t *testing.T) { Search(t, open) })
}

// total counts documents and findings through the interface.
func total(t *testing.T, s quellen.Store) (docs, findings int) {
	t.Helper()
	ds, err := s.Documents(t.Context(), quellen.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.Findings(t.Context(), quellen.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ds), len(fs)
}

func putIsIdempotent(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	d := Doc("report.txt", "Hello “world” 12 dockers.\n")
	created, err := s.Put(ctx, d)
	if err != nil || !created {
		t.Fatalf("first Put: created %v, %v", created, err)
	}
	if d.ID == 0 || d.Version != 1 || d.Ingested.IsZero() {
		t.Errorf("first Put: id %d, version %d, ingested %v", d.ID, d.Version, d.Ingested)
	}
	for i, f := range d.Findings {
		if f.ID == 0 {
			t.Errorf("finding %d has no id", i)
		}
	}
	docs, findings := total(t, s)
	again := Doc("report.txt", "Hello “world” 12 dockers.\n")
	created, err = s.Put(ctx, again)
	if err != nil || created {
		t.Fatalf("second Put: created %v, %v", created, err)
	}
	if again.ID != d.ID || again.Version != 1 {
		t.Errorf("second Put: id %d version %d, want %d 1", again.ID, again.Version, d.ID)
	}
	if d2, f2 := total(t, s); d2 != docs || f2 != findings {
		t.Errorf("after the second Put: %d documents, %d findings; before: %d, %d", d2, f2, docs, findings)
	}
	name, ok, err := s.Has(ctx, d.SHA256)
	if err != nil || !ok || name != "report.txt" {
		t.Errorf("Has: %q %v %v", name, ok, err)
	}
	if _, ok, _ := s.Has(ctx, "00"); ok {
		t.Error("Has: an unknown hash was found")
	}
}

func changedFileIsNextVersion(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	v1 := Doc("report.txt", "Hello “world” 12 dockers.\n")
	v2 := Doc("report.txt", "Hello “world” 14 dockers.\n")
	other := Doc("memoir.txt", "Bonjour « monde » 6000 hommes.\n")
	for _, d := range []*quellen.Document{v1, other, v2} {
		if created, err := s.Put(ctx, d); err != nil || !created {
			t.Fatalf("Put %s: %v %v", d.Name, created, err)
		}
	}
	if v1.Version != 1 || v2.Version != 2 || other.Version != 1 || v1.ID == v2.ID {
		t.Errorf("versions %d (id %d), %d (id %d), other %d", v1.Version, v1.ID, v2.Version, v2.ID, other.Version)
	}
	docs, err := s.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, fmt.Sprintf("%s v%d", d.Name, d.Version))
		if d.Raw != nil || d.Findings != nil {
			t.Errorf("Documents returned %s with its text or findings", d.Name)
		}
	}
	if diff := cmp.Diff([]string{"memoir.txt v1", "report.txt v2"}, names); diff != "" {
		t.Errorf("Documents (latest versions, by name): %s", diff)
	}
	one, err := s.Documents(ctx, quellen.DocFilter{Name: "report.txt"})
	if err != nil || len(one) != 1 || one[0].ID != v2.ID {
		t.Errorf("Documents(name): %v %v", one, err)
	}
	old, err := s.Document(ctx, v1.ID)
	if err != nil || !bytes.Equal(old.Raw, v1.Raw) {
		t.Errorf("the first version is lost: %v", err)
	}
}

func documentRoundTrips(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	tests := []struct {
		name string
		doc  func() *quellen.Document
	}{
		{"utf8 text with CRLF", func() *quellen.Document { return Doc("a.txt", "Hello “world” 12 dockers.\r\nsecond line\r\n") }},
		{"cp1252 bytes decoded", func() *quellen.Document {
			d := Doc("b.txt", "caf\xe9 \x93quoted\x94 and more words\n")
			d.Source = "café “quoted” and more words\n"
			d.Clean = d.Source
			return d
		}},
		{"pdf with extracted text", func() *quellen.Document {
			d := Doc("c.pdf", "%PDF-1.4\x00\x01\x02\xff binary body\n%%EOF")
			d.Format = "pdf"
			d.Source = "The extracted text of the PDF.\n\nSecond para-\ngraph."
			d.Clean = "The extracted text of the PDF.\n\nSecond paragraph."
			return d
		}},
		{"no findings", func() *quellen.Document {
			d := Doc("d.txt", "nothing to see here at all\n")
			d.Findings, d.Problems = nil, nil
			return d
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.doc()
			if _, err := s.Put(ctx, want); err != nil {
				t.Fatal(err)
			}
			got, err := s.Document(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Raw, want.Raw) {
				t.Errorf("Raw differs:\n got %q\nwant %q", got.Raw, want.Raw)
			}
			opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(quellen.Document{}, "Ingested")}
			if diff := cmp.Diff(want, got, opts); diff != "" {
				t.Errorf("round trip (-put +got):\n%s", diff)
			}
		})
	}
	if _, err := s.Document(ctx, 1<<40); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("Document of an unknown id: %v, want ErrNotFound", err)
	}
}

func sameBytesUnderAnotherName(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	a := Doc("a.txt", "The same bytes in two files.\n")
	b := Doc("b.txt", "The same bytes in two files.\n")
	if _, err := s.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	created, err := s.Put(ctx, b)
	if err != nil || created || b.Name != "a.txt" || b.ID != a.ID {
		t.Errorf("Put of stored bytes under another name: created %v, name %s, id %d, %v", created, b.Name, b.ID, err)
	}
}

func correctionSurvivesReingest(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	v1 := Doc("report.txt", "Hello “world” 12 dockers.\n")
	if _, err := s.Put(ctx, v1); err != nil {
		t.Fatal(err)
	}
	quote := v1.Findings[1]
	c, err := s.Correct(ctx, quote.ID, quellen.Correction{
		Status: quellen.StatusCorrected, Attrs: quellen.Attrs{"speaker": "Josiah Pell"}, Who: "editor", Note: "Pell said it, not Wrenne",
	})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(quote.Text))
	if c.ID == 0 || c.Doc != "report.txt" || c.Kind != quellen.KindQuote || c.Raw != quote.Raw || c.TextHash != hex.EncodeToString(sum[:]) || c.When.IsZero() {
		t.Errorf("correction: %+v", c)
	}
	check := func(id int64, what string) {
		t.Helper()
		fs, err := s.Findings(ctx, quellen.FindingFilter{DocID: id, Kinds: []quellen.Kind{quellen.KindQuote}})
		if err != nil || len(fs) != 1 {
			t.Fatalf("%s: %d quotes, %v", what, len(fs), err)
		}
		if fs[0].Status != quellen.StatusCorrected || fs[0].Attrs.String("speaker") != "Josiah Pell" || fs[0].Attrs.String("note") != "1" {
			t.Errorf("%s: quote %+v", what, fs[0])
		}
	}
	check(v1.ID, "the corrected version")
	// A new version whose quotation did not move gets the correction again.
	v2 := Doc("report.txt", "Hello “world” 12 dockers.\nAnd a new line at the end.\n")
	if _, err := s.Put(ctx, v2); err != nil {
		t.Fatal(err)
	}
	check(v2.ID, "the re-ingested version")
	// A rejection of the number.
	if _, err := s.Correct(ctx, v2.Findings[2].ID, quellen.Correction{Status: quellen.StatusRejected, Who: "editor"}); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Corrections(ctx, "report.txt")
	if err != nil || len(cs) != 2 || cs[0].Who != "editor" || cs[0].Note == "" || cs[1].Status != quellen.StatusRejected {
		t.Errorf("Corrections: %+v %v", cs, err)
	}
	if _, err := s.Correct(ctx, quote.ID, quellen.Correction{Status: "maybe"}); err == nil {
		t.Error("a correction with a bad status was accepted")
	}
	if _, err := s.Correct(ctx, 1<<40, quellen.Correction{Status: quellen.StatusConfirmed}); !errors.Is(err, quellen.ErrNotFound) {
		t.Errorf("a correction of an unknown finding: %v", err)
	}
}

func findingFilters(t *testing.T, s quellen.Store) {
	ctx := t.Context()
	a, b := Doc("a.txt", "Hello “world” 12 dockers.\n"), Doc("b.txt", "Other “words” 99 dockers.\n")
	for _, d := range []*quellen.Document{a, b} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    quellen.FindingFilter
		want int
	}{
		{"all", quellen.FindingFilter{}, 6},
		{"one document", quellen.FindingFilter{DocID: a.ID}, 3},
		{"one kind", quellen.FindingFilter{Kinds: []quellen.Kind{quellen.KindQuote}}, 2},
		{"two kinds of one document", quellen.FindingFilter{DocID: b.ID, Kinds: []quellen.Kind{quellen.KindQuote, quellen.KindNumber}}, 2},
		{"limit", quellen.FindingFilter{Limit: 4}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := s.Findings(ctx, tc.f)
			if err != nil || len(fs) != tc.want {
				t.Errorf("%d findings, %v; want %d", len(fs), err, tc.want)
			}
		})
	}
	counts, err := s.FindingCounts(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[quellen.Kind]int{quellen.KindMetadata: 1, quellen.KindQuote: 1, quellen.KindNumber: 1}, counts); diff != "" {
		t.Errorf("FindingCounts: %s", diff)
	}
}
