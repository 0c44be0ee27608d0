package read

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"a.pdf", "%PDF-1.4\n", "pdf"},
		{"noext", "%PDF-1.7\n", "pdf"},
		{"book.epub", "PK\x03\x04....", "epub"},
		{"x", "PK\x03\x04\x14\x00mimetypeapplication/epub+zip", "epub"},
		{"x.zip", "PK\x03\x04", "zip"},
		{"a.html", "<p>x", "html"},
		{"a.htm", "x", "html"},
		{"a.xhtml", "<?xml version='1.0'?><html>", "html"},
		{"noext", "  <!DOCTYPE html><html>", "html"},
		{"noext", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"},
		{"a.md", "# x", "markdown"},
		{"a.markdown", "x", "markdown"},
		{"a.tei", "<TEI>", "tei"},
		{"a.xml", "<?xml version='1.0'?><TEI xmlns='http://www.tei-c.org/ns/1.0'>", "tei"},
		{"a.xml", "<root/>", "xml"},
		{"noext", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", "tei"},
		{"a.txt", "plain words", "text"},
		{"a.txt", "", "text"},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q, %.20q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
}
