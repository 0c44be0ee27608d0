package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/testutil"
)

// TestRealDocuments exports what the pipeline finds in the development
// corpus in every format and checks each export's structure: TEI parses
// and holds each paragraph's text and each quotation's, Web Annotation
// selectors slice the text to their exact strings, CSV has a row a
// finding, CSL-JSON parses with an id and type per item.
func TestRealDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline")
	}
	dir := testutil.Shared(t, "dev")
	files, _ := filepath.Glob(filepath.Join(dir, "d*.*"))
	as, err := corpus.Analyse(files, pipeline.Options{}, nil)
	if err != nil || len(as) == 0 {
		t.Fatalf("%d documents: %v", len(as), err)
	}
	var cdocs []CSLDoc
	for _, a := range as {
		d := a.Doc
		t.Run(d.Name, func(t *testing.T) {
			var paras []quellen.Span
			for _, p := range a.Extract.Paras {
				paras = append(paras, p.Span)
			}
			var b bytes.Buffer
			if err := TEI(&b, d, TEIOptions{Paras: paras}); err != nil {
				t.Fatal(err)
			}
			els, ps := parseTEI(t, b.Bytes())
			checkTEI(t, d, newTEI(d, TEIOptions{Paras: paras}).paras, els, ps)

			doc := WebAnnoDoc{Name: d.Name, URL: d.Meta.URL, Clean: d.Clean, Findings: d.Findings}
			b.Reset()
			if err := WebAnnotation(&b, []WebAnnoDoc{doc}); err != nil {
				t.Fatal(err)
			}
			checkAnnotations(t, doc, b.Bytes())

			b.Reset()
			c := NewCSV(&b, nil)
			c.Write(d.Name, d.Findings)
			if err := c.Flush(); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil || len(rows) != len(d.Findings)+1 {
				t.Errorf("CSV: %d rows for %d findings, %v", len(rows), len(d.Findings), err)
			}
		})
		cdocs = append(cdocs, CSLDoc{Name: d.Name, Findings: d.Findings})
	}
	var b bytes.Buffer
	if err := CSL(&b, cdocs); err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(b.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	refs := 0
	for _, d := range cdocs {
		for _, f := range d.Findings {
			if f.Kind == quellen.KindReference {
				refs++
			}
		}
	}
	if len(items) == 0 || len(items) >= refs {
		t.Errorf("%d items for %d references: nothing merged", len(items), refs)
	}
	for _, it := range items {
		if it["id"] == "" || it["type"] == "" {
			t.Errorf("item %v", it)
		}
	}
}
