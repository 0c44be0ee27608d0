package audit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/xref"
)

// at returns the span of the first occurrence of sub in s (test setup only).
func at(s, sub string) quellen.Span {
	i := strings.Index(s, sub)
	return quellen.Span{Start: i, End: i + len(sub)}
}

func testDocs() ([]xref.Doc, []quellen.Link) {
	text := "Smith wrote: “The mill employed 400 hands.”1 The strike began on 3 May 1890. The owners lost 20,000 pounds.\n\n1 Town Archive, f. 2, op. 1, d. 5, l. 3.\n\nThe story <script>alert(1)</script> is false."
	q := at(text, "“The mill employed 400 hands.”")
	m := at(text, "1 The strike")
	m.End = m.Start + 1
	note := at(text, "1 Town Archive, f. 2, op. 1, d. 5, l. 3.")
	ref := at(text, "Town Archive, f. 2, op. 1, d. 5, l. 3.")
	date := at(text, "3 May 1890")
	num := at(text, "20,000 pounds")
	stance := at(text, "The story <script>alert(1)</script> is false.")
	fs := []quellen.Finding{
		{Kind: quellen.KindQuote, Clean: q, Text: "The mill employed 400 hands.", Attrs: quellen.Attrs{"speaker": "John Smith"}},
		{Kind: quellen.KindNoteMarker, Clean: m, Text: "1", Attrs: quellen.Attrs{"number": "1"}},
		{Kind: quellen.KindNote, Clean: note, Text: "Town Archive, f. 2, op. 1, d. 5, l. 3.", Attrs: quellen.Attrs{"number": "1"}},
		{Kind: quellen.KindReference, Clean: ref, Text: "Town Archive...", Attrs: quellen.Attrs{"type": "archival", "archive": map[string]any{"repository": "Town Archive", "fond": "2"}}},
		{Kind: quellen.KindDate, Clean: date, Text: "3 May 1890", Attrs: quellen.Attrs{"from": "1890-05-03", "to": "1890-05-03"}},
		{Kind: quellen.KindNumber, Clean: num, Text: "20,000 pounds", Attrs: quellen.Attrs{"value": 20000.0, "unit": "pounds"}},
		{Kind: quellen.KindStance, Clean: stance, Text: "The story is false.", Attrs: quellen.Attrs{"verdict": "false", "target": "Brown"}},
	}
	passage := func(s, e int) quellen.Passage {
		return quellen.Passage{Doc: "a.txt", Raw: quellen.Span{Start: s, End: e}, Line: 1, Text: text[s:e]}
	}
	docs := []xref.Doc{{Name: "a.txt", Clean: text, Findings: fs, Passage: passage}}
	links := []quellen.Link{{Kind: "conflict", Relation: "disagree", A: passage(num.Start, num.End+1),
		B: quellen.Passage{Doc: "b.txt", Line: 9, Text: "The owners lost 5,000 pounds."}, Attrs: quellen.Attrs{"differs": "20,000 pounds vs 5,000 pounds"}}}
	return docs, links
}

func TestAudit(t *testing.T) {
	docs, links := testDocs()
	r := Audit(docs, quellen.Metadata{Title: "A mill"}, 0, links)
	if len(r.Quotes) != 1 || len(r.Quotes[0].Evidence) != 1 || r.Quotes[0].Evidence[0].Note != "1" {
		t.Fatalf("quote evidence: %+v", r.Quotes)
	}
	if refs := r.Quotes[0].Evidence[0].References; len(refs) != 1 || refs[0]["type"] != "archival" {
		t.Errorf("quote references: %+v", refs)
	}
	if len(r.Contradicts) != 1 || !strings.Contains(r.Contradicts[0].Passage.Text, "20,000") {
		t.Errorf("contradicted: %+v", r.Contradicts)
	}
	var unsupported []string
	for _, c := range r.Unsupported {
		unsupported = append(unsupported, c.Passage.Text)
	}
	if len(unsupported) != 3 { // the strike date, the loss, the verdict
		t.Errorf("unsupported: %q", unsupported)
	}

	var md, html, js bytes.Buffer
	if err := r.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "## Claims without cited evidence") || !strings.Contains(md.String(), "differs: 20,000 pounds vs 5,000 pounds") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if err := r.HTML(&html); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.String(), "<script>") {
		t.Error("HTML report carries the document's script tag unescaped")
	}
	if err := r.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
}
