package read

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEPUBFixture reads testdata/book.epub, made from testdata/book/ by
// makeEPUB (rewritten under -update).
func TestEPUBFixture(t *testing.T) {
	path := filepath.Join("testdata", "book.epub")
	if *update {
		if err := os.WriteFile(path, makeEPUB(t, filepath.Join("testdata", "book")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := readTestdata(t, "book.epub")
	if !bytes.Equal(data, makeEPUB(t, filepath.Join("testdata", "book"))) {
		t.Error("testdata/book.epub is stale: run go test -update")
	}
	if f := Detect("book.epub", data); f != "epub" {
		t.Fatalf("detected %q", f)
	}
	r := mustRead(t, "book.epub", data, Options{})
	checkGolden(t, "book.epub", r)
	if r.Source != r.Text {
		t.Error("EPUB Source must be the extracted text")
	}
	m := r.Meta
	if m.Title != "The Lighthouse Keepers of the Outer Skerries" || m.Author != "Maren Holt" || m.Translator != "Piet van Loon" ||
		m.Date != "2019-09-15" || m.Language != "en" || m.URL != "https://example.org/books/lighthouse-keepers" {
		t.Errorf("meta %+v", m)
	}
	ch := blocksOf(r, "chapter")
	if len(ch) != 2 || ch[0].Attrs["href"] != "chapter1.xhtml" || ch[1].Attrs["href"] != "notes.xhtml" {
		t.Fatalf("chapters %+v", ch)
	}
	refs := blocksOf(r, "note_ref")
	if len(refs) != 2 || textOf(r, refs[0]) != "1" || refs[0].Attrs["target"] != "n1" || refs[1].Attrs["target"] != "fn2" {
		t.Errorf("refs %+v", refs)
	}
	notes := blocksOf(r, "note")
	if len(notes) != 2 {
		t.Fatalf("notes %+v", notes)
	}
	if textOf(r, notes[0]) != "2. The log for 1881, entry of 3 March." || notes[0].Attrs["id"] != "fn2" {
		t.Errorf("footnote %q %v", textOf(r, notes[0]), notes[0].Attrs)
	}
	if textOf(r, notes[1]) != "The families were named in the harbour board's register." || notes[1].Attrs["number"] != "1" {
		t.Errorf("endnote %q %v", textOf(r, notes[1]), notes[1].Attrs)
	}
	if strings.Contains(r.Text, "Chapter 1") || strings.Contains(r.Text, "↩") {
		t.Errorf("head title or back link in the text:\n%s", r.Text)
	}
}

// zipOf builds a zip archive in memory.
func zipOf(t testing.TB, files map[string][]byte, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"mimetype"}
	for name := range files {
		if name != "mimetype" {
			names = append(names, name)
		}
	}
	sort.Strings(names[1:])
	for _, name := range names {
		data, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

const testContainer = `<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`

func testOPF(item string) []byte {
	return []byte(`<package xmlns="http://www.idpf.org/2007/opf"><metadata/><manifest><item id="x" href="` + item + `" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="x"/></spine></package>`)
}

// zipBomb is an EPUB whose one chapter inflates from a few KB to size
// bytes of spaces.
func zipBomb(t testing.TB, size int) []byte {
	return zipOf(t, map[string][]byte{
		"mimetype":               []byte("application/epub+zip"),
		"META-INF/container.xml": []byte(testContainer),
		"content.opf":            testOPF("big.xhtml"),
		"big.xhtml":              append([]byte("<html><body><p>"), bytes.Repeat([]byte(" "), size)...),
	}, zip.Deflate)
}

func TestEPUBErrors(t *testing.T) {
	ok := map[string][]byte{
		"mimetype":               []byte("application/epub+zip"),
		"META-INF/container.xml": []byte(testContainer),
		"content.opf":            testOPF("a.xhtml"),
		"a.xhtml":                []byte("<html><body><p>text</p></body></html>"),
	}
	without := func(name string) map[string][]byte {
		m := map[string][]byte{}
		for k, v := range ok {
			if k != name {
				m[k] = v
			}
		}
		return m
	}
	tests := []struct {
		name string
		data []byte
		opts Options
		code string
	}{
		{"not a zip", []byte("this is not a zip archive at all"), Options{}, "epub.not_zip"},
		{"no container", zipOf(t, without("META-INF/container.xml"), zip.Deflate), Options{}, "epub.no_container"},
		{"missing opf", zipOf(t, without("content.opf"), zip.Deflate), Options{}, "epub.no_opf"},
		{"bomb by ratio", zipBomb(t, 32<<20), Options{}, "epub.bomb"},
		{"bomb over the limit", zipBomb(t, 3<<20), Options{MaxBytes: 1 << 20}, "epub.bomb"},
		{"no text", zipOf(t, map[string][]byte{"mimetype": ok["mimetype"], "META-INF/container.xml": ok["META-INF/container.xml"], "content.opf": ok["content.opf"], "a.xhtml": []byte("<html><body></body></html>")}, zip.Deflate), Options{}, "epub.no_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EPUB{}.Read("book.epub", tt.data, tt.opts)
			inputError(t, err, tt.code, "book.epub")
		})
	}
	r, err := EPUB{}.Read("book.epub", zipOf(t, ok, zip.Deflate), Options{})
	if err != nil || r.Text != "text" {
		t.Fatalf("good EPUB: %v", err)
	}
}

// TestEPUBCrossFileNotes: an EPUB 2 book without epub:type, whose markers
// link to a notes file with plain ids.
func TestEPUBCrossFileNotes(t *testing.T) {
	opf := `<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:title>T</dc:title><dc:creator opf:role="aut">A. Author</dc:creator><dc:contributor opf:role="trl">T. Translator</dc:contributor></metadata>` +
		`<manifest><item id="c" href="text/ch.xhtml" media-type="application/xhtml+xml"/><item id="n" href="text/notes.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/><itemref idref="n"/></spine></package>`
	data := zipOf(t, map[string][]byte{
		"mimetype":               []byte("application/epub+zip"),
		"META-INF/container.xml": []byte(testContainer),
		"content.opf":            []byte(opf),
		"text/ch.xhtml":          []byte(`<html><body><p>Said so.<a id="r7" href="notes.xhtml#x7"><sup>1</sup></a> Then.</p></body></html>`),
		"text/notes.xhtml":       []byte(`<html><body><h2>Notes</h2><p id="x7"><a href="ch.xhtml#r7">1</a> The source.</p><p>Not a note.</p></body></html>`),
	}, zip.Deflate)
	r := mustRead(t, "old.epub", data, Options{})
	refs, notes := blocksOf(r, "note_ref"), blocksOf(r, "note")
	if len(refs) != 1 || textOf(r, refs[0]) != "1" || refs[0].Attrs["target"] != "x7" {
		t.Errorf("refs %+v", refs)
	}
	if len(notes) != 1 || textOf(r, notes[0]) != "1 The source." || notes[0].Attrs["number"] != "1" {
		t.Errorf("notes %+v in %q", notes, r.Text)
	}
	if r.Meta.Author != "A. Author" || r.Meta.Translator != "T. Translator" {
		t.Errorf("meta %+v", r.Meta)
	}
}
