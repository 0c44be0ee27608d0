package read

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// TestTextIsReadText checks that Text gives what Read gives as Text, and
// the same error, on the shared files and on edge cases.
func TestTextIsReadText(t *testing.T) {
	cases := map[string][]byte{
		"bom.txt":    []byte("\uFEFFHello\nworld\n"),
		"cp1252.txt": []byte("caf\xe9 \x93quoted\x94\n"),
		"empty.txt":  []byte("  \n"),
		"nul.txt":    []byte("a\x00b"),
		"page.html":  []byte("<html><body><p>One</p><p>Two</p></body></html>"),
	}
	for _, sub := range []string{"corpus", "dev"} {
		files, _ := filepath.Glob(filepath.Join(testutil.Shared(t, sub), "*"))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			cases[p] = b
		}
	}
	for name, data := range cases {
		txt, err := Text(name, data, Options{})
		res, rerr := Read(name, data, Options{})
		if (err == nil) != (rerr == nil) || (err != nil && err.Error() != rerr.Error()) {
			t.Errorf("%s: Text error %v, Read error %v", name, err, rerr)
			continue
		}
		if rerr == nil && txt != res.Text {
			t.Errorf("%s: Text differs from Read's Text", name)
		}
	}
	if _, err := Text("big.txt", make([]byte, 10), Options{MaxBytes: 5}); err == nil {
		t.Error("Text: no error over MaxBytes")
	}
}
