package read

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// TestPDFFixture reads testdata/report.pdf, two A5 pages printed by
// Chromium from testdata/report.html (testdata/make-pdf.sh): a running
// head on each page, footnotes at the foot, a folio, two words hyphenated
// at line ends.
func TestPDFFixture(t *testing.T) {
	data := readTestdata(t, "report.pdf")
	r := mustRead(t, "report.pdf", data, Options{})
	checkGolden(t, "report.pdf", r)
	if r.Source != r.Text {
		t.Error("PDF Source must be the extracted text")
	}
	pages := strings.Split(r.Text, "\f")
	if len(pages) != 2 || len(blocksOf(r, "page")) != 2 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, pg := range pages {
		lines := strings.Split(pg, "\n")
		if lines[0] != "THE WINTER OF THE ICE" {
			t.Errorf("page %d starts %q, want the running head", i+1, lines[0])
		}
		if last := lines[len(lines)-1]; last != fmt.Sprint(i+1) {
			t.Errorf("page %d ends %q, want its folio", i+1, last)
		}
	}
	for _, want := range []string{"a month at the very least.1 The pilots", "commu-\nnication", "\n1 Letter book of the harbour", "\n3 Customs journal, 3 March 1887."} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if r.Meta.Title != "The Winter of the Ice" {
		t.Errorf("title %q", r.Meta.Title)
	}
}

func TestPDFToText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("no pdftotext")
	}
	r := mustRead(t, "report.pdf", readTestdata(t, "report.pdf"), Options{PDFToText: true})
	if n := len(blocksOf(r, "page")); n != 2 || !strings.Contains(r.Text, "THE WINTER OF THE ICE") {
		t.Errorf("%d pages:\n%s", n, r.Text)
	}
}

// minimalPDF writes a one-page PDF with the given content stream and
// extra trailer entries, with a correct cross-reference table.
func minimalPDF(content, trailerExtra string, extraObjs ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	objs = append(objs, extraObjs...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

func TestMinimalPDF(t *testing.T) {
	r := mustRead(t, "m.pdf", minimalPDF("BT /F1 12 Tf 20 150 Td (Hello world) Tj ET", ""), Options{})
	if r.Text != "Hello world" {
		t.Errorf("text %q", r.Text)
	}
}

// TestPDFColumns: a two-column page reads column by column, the heading
// across both first.
func TestPDFColumns(t *testing.T) {
	r := mustRead(t, "columns.pdf", readTestdata(t, "columns.pdf"), Options{})
	checkGolden(t, "columns.pdf", r)
	order := []string{"A heading across both columns", "The ﬁrst column begins", "in the winter of that year.", "The right column should start", "the schooner that forced"}
	last := -1
	for _, s := range order {
		i := strings.Index(r.Text, s)
		if i < 0 || i < last {
			t.Fatalf("%q out of order in:\n%s", s, r.Text)
		}
		last = i
	}
	// A single-column page is left alone.
	one := mustRead(t, "report.pdf", readTestdata(t, "report.pdf"), Options{})
	if !strings.Contains(one.Text, "In the second week of February 1887 the ice closed the\ninner basin") {
		t.Errorf("single column split")
	}
}

func TestJunkTitle(t *testing.T) {
	for in, want := range map[string]bool{
		"Microsoft Word - draft.docx": true, "chapter3.pdf": true, "Untitled": true, "Title": true,
		"The Winter of the Ice": false, "Title deeds of the harbour": false, "": false,
	} {
		if got := junkTitle(in); got != want {
			t.Errorf("junkTitle(%q) = %v", in, got)
		}
	}
}

// twoColumnContent draws n lines in two columns (x 20 and 110) at 10pt.
func twoColumnContent(n int) string {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf ")
	for i := range n {
		y := 180 - 12*i
		fmt.Fprintf(&b, "1 0 0 1 20 %d Tm (left line %d aa) Tj 1 0 0 1 110 %d Tm (right line %d b) Tj ", y, i, y, i)
	}
	b.WriteString("ET")
	return b.String()
}

func TestPDFColumnsMinimal(t *testing.T) {
	r := mustRead(t, "cols.pdf", minimalPDF(twoColumnContent(8), ""), Options{})
	var want []string
	for _, side := range []string{"left line %d aa", "right line %d b"} {
		for i := range 8 {
			want = append(want, fmt.Sprintf(side, i))
		}
	}
	if r.Text != strings.Join(want, "\n") {
		t.Errorf("text %q", r.Text)
	}
}

// TestPDFLabelsNotColumns: speakers' names in a narrow left column before
// their speeches are not a second column.
func TestPDFLabelsNotColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf ")
	for i := range 8 {
		y := 180 - 12*i
		fmt.Fprintf(&b, "1 0 0 1 20 %d Tm (MR. A:) Tj 1 0 0 1 100 %d Tm (says a thing at some length, line %d) Tj ", y, y, i)
	}
	b.WriteString("ET")
	r := mustRead(t, "speakers.pdf", minimalPDF(b.String(), ""), Options{})
	if !strings.HasPrefix(r.Text, "MR. A: says a thing at some length, line 0\nMR. A: says") {
		t.Errorf("text %q", r.Text)
	}
}
