package read

import (
	"testing"
)

// checkTextView: TextView gives what Text gives, error and all, and
// leaves data as it was.
func checkTextView(t *testing.T, name string, data []byte) {
	t.Helper()
	before := string(data)
	want, werr := Text(name, data, Options{})
	got, gerr := TextView(name, data, Options{})
	if got != want || (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
		t.Fatalf("TextView(%s, %.60q) = %.60q, %v; want %.60q, %v", name, data, got, gerr, want, werr)
	}
	if string(data) != before {
		t.Fatalf("TextView(%s) changed its data", name)
	}
}

func TestTextViewSameAsText(t *testing.T) {
	for _, c := range []struct{ name, data string }{
		{"a.txt", ""},
		{"a.txt", "Plain text.\n\nTwo paragraphs."},
		{"a.txt", "\uFEFFwith a byte order mark"},
		{"a.txt", "caf\xe9 in Windows-1252"},
		{"a.txt", "\x00\x01binary\x00"},
		{"a.md", "# Heading\n\nSome *text*."},
		{"a.html", "<html><body><p>Un paragraphe.</p></body></html>"},
	} {
		checkTextView(t, c.name, []byte(c.data))
	}
}

func FuzzTextView(f *testing.F) {
	for _, s := range []string{"Plain text.", "\uFEFFbom", "caf\xe9", "<p>x</p>"} {
		f.Add("a.txt", []byte(s))
	}
	f.Add("a.html", []byte("<p>x</p>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name != "a.txt" && name != "a.html" && name != "a.md" {
			name = "a.txt"
		}
		checkTextView(t, name, data)
	})
}
