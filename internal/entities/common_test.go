package entities_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// TestCommonWords rebuilds data/common-en.txt.gz, the English words the
// dictionaries write only in lower case, from Debian's word lists (SCOWL, in
// the packages wamerican and wbritish): a word of three letters or more,
// in ASCII, that neither list writes capitalised. Run with QUELLEN_COMMON=1.
func TestCommonWords(t *testing.T) {
	if os.Getenv("QUELLEN_COMMON") == "" {
		t.Skip("set QUELLEN_COMMON=1 to rebuild data/common-en.txt.gz")
	}
	lower, capital := map[string]bool{}, map[string]bool{}
	for _, name := range []string{"/usr/share/dict/american-english", "/usr/share/dict/british-english"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || strings.HasSuffix(w, "'s") {
				continue
			}
			if r := []rune(w)[0]; unicode.IsUpper(r) {
				capital[strings.ToLower(w)] = true
			} else {
				lower[w] = true
			}
		}
		f.Close()
	}
	var words []string
	for w := range lower {
		ok := len(w) >= 3 && !capital[w]
		for _, r := range w {
			if r > unicode.MaxASCII || !unicode.IsLetter(r) {
				ok = false
			}
		}
		if ok {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte("# English words the dictionaries (SCOWL, Debian's wamerican and wbritish) write only in lower case: a capitalised one names nothing. See common_test.go.\n"))
	zw.Write([]byte(strings.Join(words, "\n") + "\n"))
	zw.Close()
	if err := os.WriteFile(filepath.Join("data", "common-en.txt.gz"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words", len(words))
}
