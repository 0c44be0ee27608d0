package read

import (
	"errors"
	"testing"

	"github.com/quellen/quellen"
)

// fuzzReader reads data with one reader directly (not through Read, whose
// recover would hide a panic) and checks the result's invariants; an
// error must be an InputError.
func fuzzReader(t *testing.T, r Reader, name string, data []byte, opts Options) {
	res, err := r.Read(name, data, opts)
	if err != nil {
		if _, ok := errors.AsType[*quellen.InputError](err); !ok {
			t.Fatalf("error %v is not an *InputError", err)
		}
		return
	}
	checkResult(t, res)
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{"", "a", "para one\n\npara two\n", "\ufeffbom", "caf\xe9 cr\xe8me", "\r\n\r\n x \r\n", "\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, Plain{}, "f.txt", data, Options{}) })
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a &amp; b</p>",
		"<html lang=en><head><title>T | S</title></head><body><p>x<sup><a href=\"#fn1\" id=\"r1\">1</a></sup></p><div class=\"footnotes\"><p id=\"fn1\">1. n <a href=\"#r1\">&#8617;</a></p></div></body></html>",
		"<div>bare <i>text<p>in</i> p</div><br><q>q</q><pre>a\r\n b</pre>",
		"<ol class=notes><li>one<li>two</ol><aside epub:type=footnote id=n>x</aside>",
		"<script>x</script><style>y</style><svg><text>z</text></svg>&notin; &#x110000; &#0;",
		"<table><tr><td>a<td>b</table><p>Delorme&amp;#8217;s</p>",
		"caf\xe9",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, HTML{}, "f.html", data, Options{}) })
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# T\n\ntext *em* **b** [l](u) `c` [^1]\n\n[^1]: note\n    more\n",
		"---\ntitle: x\n---\n> q\n> q2\n\n- a\n- b\n\n1. c\n\nSet\n===\n",
		"```\ncode\n```\n<br> <a href=x>y</a> \\* _a_b_ ~~s~~ ![i](p)",
		"[a][b]\n\n[b]: http://x\n***\n",
		"[^", "*", "`", "[", "\\", "> ", "---\n", "#",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, Markdown{}, "f.md", data, Options{}) })
}

func FuzzTEI(f *testing.F) {
	f.Add(readTestdata(f, "letter.tei.xml"))
	for _, s := range []string{
		`<TEI><text><body><p>a<note>n<note>m</note></note> b</p></body></text></TEI>`,
		`<TEI><text><body><p>x<ref target="#n1">1</ref></p><note xml:id="n1" target="#x">n</note><lg><l>a</l></lg></body></text></TEI>`,
		`<TEI><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt></fileDesc></teiHeader><text><p><![CDATA[<x>]]>&amp;</p></text></TEI>`,
		`<TEI><text><body><p><choice><sic>a</sic><corr>b</corr></choice><lb/>c<note/></p></body></text></TEI>`,
		`<a>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, TEI{}, "f.tei", data, Options{}) })
}

func FuzzEPUB(f *testing.F) {
	f.Add(readTestdata(f, "book.epub"))
	f.Add(zipBomb(f, 1<<10))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, EPUB{}, "f.epub", data, Options{MaxBytes: 8 << 20}) })
}

func FuzzPDF(f *testing.F) {
	f.Add(minimalPDF("BT /F1 12 Tf 20 150 Td (Hello world) Tj 0 -14 Td (line two) Tj ET", ""))
	f.Add(minimalPDF("BT /F1 8 Tf 20 150 Td (x) Tj /F1 5 Tf 0 3 Td (1) Tj ET", "/Info << /Title (T) >> "))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Add(minimalPDF(twoColumnContent(8), ""))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, PDF{}, "f.pdf", data, Options{}) })
}
