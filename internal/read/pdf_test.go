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
