package read

import (
	"strings"
	"testing"
)

// TestBadInput: each damaged input is an InputError with a stable code
// and a message that names the file.
func TestBadInput(t *testing.T) {
	report := readTestdata(t, "report.pdf")
	encrypted := minimalPDF("BT /F1 12 Tf 20 150 Td (secret) Tj ET", "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
		"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"+strings.Repeat("ab", 32)+"> /U <"+strings.Repeat("cd", 32)+"> >>")
	tests := []struct {
		name string
		file string
		data []byte
		code string
	}{
		{"empty text", "empty.txt", nil, "empty"},
		{"blank markdown", "blank.md", []byte(" \n\t\n"), "empty"},
		{"empty html", "empty.html", []byte(""), "empty"},
		{"binary", "blob.txt", []byte("\x00\x01\x02\x03binary\x00\xff\xfe"), "binary"},
		{"binary html", "blob.html", []byte("<html>\x00\x00\x00\x01\x02</html>"), "binary"},
		{"truncated pdf", "cut.pdf", report[:len(report)/2], "pdf.damaged"},
		{"pdf header only", "head.pdf", []byte("%PDF-1.4\n"), "pdf.damaged"},
		{"pdf garbage", "junk.pdf", []byte("%PDF-1.4\n" + strings.Repeat("garbage ", 50) + "\n%%EOF\n"), "pdf.damaged"},
		{"encrypted pdf", "locked.pdf", encrypted, "pdf.encrypted"},
		{"scanned pdf", "scan.pdf", minimalPDF("q 100 0 0 100 0 0 cm Q", ""), "pdf.no_text"},
		{"epub zip bomb", "bomb.epub", zipBomb(t, 64<<20), "epub.bomb"},
		{"epub not a zip", "fake.epub", []byte("PK\x03\x04 not really a zip"), "epub.not_zip"},
		{"tei not well-formed", "bad.tei", []byte("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text>\n<p>open\n</text></TEI>"), "xml.malformed"},
		{"tei truncated", "cut.xml", []byte("<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>a"), "xml.malformed"},
		{"unknown format", "data.zip", []byte("PK\x03\x04rest"), "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Read(tt.file, tt.data, Options{})
			if err == nil {
				t.Fatalf("no error; text %q", r.Text)
			}
			inputError(t, err, tt.code, tt.file)
		})
	}
}

func TestTEIErrorLine(t *testing.T) {
	_, err := Read("bad.tei", []byte("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text>\n<p>open\n</text></TEI>"), Options{})
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("error %v does not give line 4", err)
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Read("big.txt", []byte(strings.Repeat("a", 2048)), Options{MaxBytes: 1024})
	inputError(t, err, "too_large", "big.txt")
}

// TestHTMLScript: script text never reaches Text, however the script is
// written.
func TestHTMLScript(t *testing.T) {
	for _, in := range []string{
		"<p>a</p><script>alert('SECRET')</script><p>b</p>",
		"<p>a<script type=\"text/javascript\">document.write('<p>SECRET</p>')</script>b</p>",
		"<p>a</p><SCRIPT>SECRET</SCRIPT>",
		"<p>a</p><script>if (x < 1 && y > 2) { SECRET() }</script>",
		"<p>a</p><script><!-- SECRET --></script>",
		"<p>a</p><script>SECRET",
		"<p>a</p><style>.SECRET{}</style><noscript>SECRET</noscript>",
	} {
		r := mustRead(t, "s.html", []byte(in), Options{})
		if strings.Contains(r.Text, "SECRET") || !strings.HasPrefix(r.Text, "a") {
			t.Errorf("%q gave %q", in, r.Text)
		}
	}
}

// TestPlainLinear reads a 20 MB single line with the plain reader.
func TestPlainLinear(t *testing.T) {
	line := strings.Repeat("ab cd ef, ", 2<<20)
	r := mustRead(t, "line.txt", []byte(line), Options{})
	if len(r.Text) != len(line) || len(r.Blocks) != 1 {
		t.Errorf("text %d bytes, %d blocks", len(r.Text), len(r.Blocks))
	}
}

// TestDeepNesting: pathological nesting stays fast (no quadratic walk).
func TestDeepNesting(t *testing.T) {
	html := strings.Repeat("<font>x ", 200000)
	r := mustRead(t, "deep.html", []byte(html), Options{})
	if !strings.HasPrefix(r.Text, "x x x") {
		t.Errorf("text %.20q", r.Text)
	}
	md := strings.Repeat(">", 200000) + " deep\n"
	r = mustRead(t, "deep.md", []byte(md), Options{})
	if !strings.HasSuffix(r.Text, "deep\n") && !strings.HasSuffix(r.Text, "deep") {
		t.Errorf("text ends %q", r.Text[max(0, len(r.Text)-20):])
	}
	tei := "<TEI><text><body>" + strings.Repeat("<hi>", 5000) + "x" + strings.Repeat("</hi>", 5000) + "</body></text></TEI>"
	r = mustRead(t, "deep.tei", []byte(tei), Options{})
	if r.Text != "x" {
		t.Errorf("text %q", r.Text)
	}
}
