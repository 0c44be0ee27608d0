package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

const fixtureText = `Über „Ränke“ & <Intrigen>: a review

Brisk wrote that the survey “played no part whatever” in 1913.[1] This is simply untrue. Sveshnikov said “I was thanked, and paid nothing” in spring 1921.

Some 1,800 men came, said Brisk, “according to the Minister

who ran it.”

[1] Anton Brisk, A Republic on Rails (London: Harrow & Finch, 2016), p. 141.

[2] Ibid., p. 97.

[3] LGIA, f. 1402, op. 2, d. 57, l. 31-48.`

// fixture is a small document with every kind of finding, quotations
// inside a verdict, a verdict that overlaps a quotation without nesting,
// a quotation over two paragraphs, XML's special characters and letters
// outside ASCII.
func fixture(t testing.TB) *quellen.Document {
	s := fixtureText
	d := &quellen.Document{Name: "fix & <1>.txt", Format: "text", Source: s, Clean: s, Meta: quellen.Metadata{
		Title: "Über Ränke & <Intrigen>", Author: "Peter Haldane", Date: "2017-03", Translator: "Ann <Smith>",
		OriginalLanguage: "de", Source: "Review, vol. 4", URL: "https://example.org/review?a=1&b=2", Language: "en"}}
	line := func(off int) int { return strings.Count(s[:off], "\n") + 1 }
	add := func(kind quellen.Kind, sub string, nth int, text string, attrs quellen.Attrs) {
		at := -1
		for range nth {
			i := strings.Index(s[at+1:], sub)
			if i < 0 {
				t.Fatalf("fixture: %q not found", sub)
			}
			at += 1 + i
		}
		sp := quellen.Span{Start: at, End: at + len(sub)}
		if text == "" {
			text = sub
		}
		d.Findings = append(d.Findings, quellen.Finding{Kind: kind, Clean: sp, Raw: sp, Line: line(sp.Start), EndLine: line(sp.End - 1),
			Text: text, Attrs: attrs, Extractor: string(kind) + "s", Status: quellen.StatusAutomatic})
	}
	add(quellen.KindMetadata, "Über „Ränke“ & <Intrigen>: a review", 1, "", quellen.Attrs{"title": "Über Ränke & <Intrigen>"})
	add(quellen.KindScareQuote, "„Ränke“", 1, "Ränke", nil)
	add(quellen.KindLanguage, "Über „Ränke“ & <Intrigen>: a review", 1, "", quellen.Attrs{"lang": "de"})
	add(quellen.KindStance, "Brisk wrote that the survey “played no part whatever” in 1913.[1] This is simply untrue.", 1, "",
		quellen.Attrs{"judge": "Peter Haldane", "target": "Anton Brisk", "claim": "played no part whatever", "verdict": "false", "cue": "This is simply untrue."})
	add(quellen.KindEntity, "Brisk", 1, "", quellen.Attrs{"raw": "Brisk", "canonical": "Anton Brisk", "type": "person"})
	add(quellen.KindQuote, "“played no part whatever”", 1, "played no part whatever",
		quellen.Attrs{"speaker": "Anton Brisk", "cue": "Brisk wrote that the survey", "lang": "en", "note": "1", "block": false, "translation_of_line": nil})
	add(quellen.KindDate, "1913", 1, "", quellen.Attrs{"raw": "1913", "from": "1913", "to": "1913", "approx": false})
	add(quellen.KindNoteMarker, "[1]", 1, "", quellen.Attrs{"number": "1", "note_line": 9})
	add(quellen.KindStance, "Sveshnikov said “I was thanked", 1, "", quellen.Attrs{"judge": "Peter Haldane", "verdict": "disputed"})
	add(quellen.KindEntity, "Sveshnikov", 1, "", quellen.Attrs{"raw": "Sveshnikov", "canonical": "Nikolai Sveshnikov", "type": "person"})
	add(quellen.KindQuote, "“I was thanked, and paid nothing”", 1, "I was thanked, and paid nothing", quellen.Attrs{"speaker": "Nikolai Sveshnikov", "lang": "en"})
	add(quellen.KindDate, "spring 1921", 1, "", quellen.Attrs{"raw": "spring 1921", "from": "1921-03", "to": "1921-05", "approx": true})
	add(quellen.KindNumber, "1,800 men", 1, "", quellen.Attrs{"raw": "1,800 men", "value": 1800.0, "value_max": nil, "unit": "men"})
	add(quellen.KindEntity, "Brisk", 2, "", quellen.Attrs{"raw": "Brisk", "canonical": "Anton Brisk", "type": "person"})
	add(quellen.KindQuote, "“according to the Minister\n\nwho ran it.”", 1, "according to the Minister\n\nwho ran it.", quellen.Attrs{"speaker": "Anton Brisk", "block": true})
	add(quellen.KindEntity, "Minister", 1, "", quellen.Attrs{"raw": "Minister", "canonical": "Minister of <Communications>", "type": "org"})
	add(quellen.KindNote, "[1] Anton Brisk, A Republic on Rails (London: Harrow & Finch, 2016), p. 141.", 1,
		"Anton Brisk, A Republic on Rails (London: Harrow & Finch, 2016), p. 141.", quellen.Attrs{"number": "1"})
	ref := quellen.Attrs{"type": "book", "author": "Anton Brisk", "title": "A Republic on Rails", "container": nil, "publisher": "Harrow & Finch",
		"place": "London", "year": "2016", "volume": nil, "issue": nil, "pages": "141", "url": nil, "archive": nil}
	add(quellen.KindReference, "Anton Brisk, A Republic on Rails (London: Harrow & Finch, 2016), p. 141.", 1, "", ref)
	add(quellen.KindEntity, "Anton Brisk", 1, "", quellen.Attrs{"raw": "Anton Brisk", "canonical": "Anton Brisk", "type": "person"})
	add(quellen.KindEntity, "London", 1, "", quellen.Attrs{"raw": "London", "canonical": "London", "type": "place"})
	add(quellen.KindDate, "2016", 1, "", quellen.Attrs{"raw": "2016", "from": "2016", "to": "2016", "approx": false})
	add(quellen.KindNote, "[2] Ibid., p. 97.", 1, "Ibid., p. 97.", quellen.Attrs{"number": "2"})
	ibid := quellen.Attrs{"resolved_from_line": 9, "pages": "97"}
	for k, v := range ref {
		if k != "pages" {
			ibid[k] = v
		}
	}
	add(quellen.KindReference, "Ibid., p. 97.", 1, "", ibid)
	add(quellen.KindNote, "[3] LGIA, f. 1402, op. 2, d. 57, l. 31-48.", 1, "LGIA, f. 1402, op. 2, d. 57, l. 31-48.", quellen.Attrs{"number": "3"})
	add(quellen.KindReference, "LGIA, f. 1402, op. 2, d. 57, l. 31-48.", 1, "", quellen.Attrs{"type": "archival", "author": nil, "title": nil,
		"archive": map[string]any{"repository": "LGIA", "fond": "1402", "opis": "2", "delo": "57", "list": "31-48"}})
	add(quellen.KindRepair, "Sveshnikov", 1, "", quellen.Attrs{"raw": "Svesh-\nnikov", "clean": "Sveshnikov"})
	d.Findings[len(d.Findings)-1].Status = quellen.StatusCorrected
	slices.SortStableFunc(d.Findings, func(a, b quellen.Finding) int { return a.Raw.Start - b.Raw.Start })
	return d
}

func TestCSV(t *testing.T) {
	d := fixture(t)
	var b bytes.Buffer
	c := NewCSV(&b, nil)
	if err := c.Write(d.Name, d.Findings); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.csv", b.Bytes())
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(rows) != len(d.Findings)+1 {
		t.Fatalf("%d rows for %d findings", len(rows), len(d.Findings))
	}
	head := rows[0]
	col := func(name string) int {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, head)
		}
		return i
	}
	for i, f := range d.Findings {
		r := rows[i+1]
		if r[col("text")] != f.Text || r[col("kind")] != string(f.Kind) || r[col("doc")] != d.Name {
			t.Errorf("row %d: %v, finding %+v", i, r, f)
		}
		if f.Kind == quellen.KindReference && f.Attrs["archive"] != nil {
			if r[col("archive_fond")] != "1402" || r[col("archive_list")] != "31-48" || r[col("archive_repository")] != "LGIA" {
				t.Errorf("archive not flattened: %v", r)
			}
		}
		if f.Kind == quellen.KindNumber && r[col("value")] != "1800" {
			t.Errorf("value %q, want 1800", r[col("value")])
		}
		if f.Kind == quellen.KindReference && f.Attrs["resolved_from_line"] != nil && r[col("attrs")] != `{"resolved_from_line":9}` {
			t.Errorf("extra attributes: %q", r[col("attrs")])
		}
		if f.Kind == quellen.KindRepair && r[col("status")] != "corrected" {
			t.Errorf("status %q", r[col("status")])
		}
	}
	// Columns of one kind only.
	if cols := CSVColumns([]quellen.Kind{quellen.KindDate}); !slices.Equal(cols[len(csvCommon):], []string{"raw", "from", "to", "approx", "attrs"}) {
		t.Errorf("date columns: %v", cols)
	}
	// No findings: the header alone.
	b.Reset()
	c = NewCSV(&b, []quellen.Kind{quellen.KindNote})
	c.Flush()
	if b.String() != "doc,kind,line,end_line,start,end,text,status,number,attrs\n" {
		t.Errorf("empty CSV: %q", b.String())
	}
}

// teiNode is a parsed element: its name, attributes and text.
type teiNode struct {
	name  string
	attrs map[string]string
	text  strings.Builder
}

// parseTEI parses TEI with encoding/xml, returning every element in
// document order with its text, and the text of each <p> of the body.
func parseTEI(t testing.TB, b []byte) (els []*teiNode, paras []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []*teiNode
	inBody := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &teiNode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				k := a.Name.Local
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "xml" {
					k = "xml:" + k
				}
				n.attrs[k] = a.Value
			}
			if n.name == "body" {
				inBody = true
			}
			if len(stack) > 0 && tok.Name.Space != TEINS {
				t.Errorf("element %s outside the TEI namespace", n.name)
			}
			stack = append(stack, n)
			els = append(els, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.name == "body" {
				inBody = false
			}
			if inBody && n.name == "p" && len(stack) > 0 && stack[len(stack)-1].name == "body" {
				paras = append(paras, n.text.String())
			}
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(tok)
			}
		}
	}
	return els, paras
}

func TestTEI(t *testing.T) {
	d := fixture(t)
	var b bytes.Buffer
	if err := TEI(&b, d, TEIOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.tei.xml", b.Bytes())
	els, paras := parseTEI(t, b.Bytes())
	checkTEI(t, d, splitParas(d.Clean), els, paras)

	by := func(name string) []*teiNode {
		var out []*teiNode
		for _, e := range els {
			if e.name == name {
				out = append(out, e)
			}
		}
		return out
	}
	ids := map[string]*teiNode{}
	for _, e := range els {
		if id := e.attrs["xml:id"]; id != "" {
			ids[id] = e
		}
	}
	// Two quotations nest; the one over two paragraphs is stood off.
	qs := by("q")
	if len(qs) != 2 || qs[0].attrs["who"] != "#pers-anton-brisk" || ids["pers-anton-brisk"] == nil || ids["pers-anton-brisk"].name != "person" {
		t.Errorf("quotes: %d, who %v", len(qs), qs[0].attrs)
	}
	spans := by("span")
	if len(spans) != 2 {
		t.Fatalf("%d standoff spans, want 2 (the overlapping verdict, the quote over two paragraphs)", len(spans))
	}
	for _, sp := range spans {
		from, to := ids[strings.TrimPrefix(sp.attrs["from"], "#")], ids[strings.TrimPrefix(sp.attrs["to"], "#")]
		if from == nil || to == nil || from.name != "anchor" || to.name != "anchor" {
			t.Errorf("span %v: from/to are not anchors", sp.attrs)
		}
	}
	if spans[1].attrs["type"] != "quote" || spans[1].attrs["ana"] != "#pers-anton-brisk" {
		t.Errorf("stood-off quote: %v", spans[1].attrs)
	}
	// Markers point at their notes.
	for _, r := range by("ref") {
		if r.attrs["type"] != "noteAnchor" {
			continue
		}
		n := ids[strings.TrimPrefix(r.attrs["target"], "#")]
		if n == nil || n.name != "note" || n.attrs["n"] != r.attrs["n"] {
			t.Errorf("marker %v points at %v", r.attrs, n)
		}
	}
	// Dates, numbers, names, references.
	dates := by("date")
	var sawApprox bool
	for _, e := range dates {
		if e.attrs["from"] == "1921-03" && e.attrs["to"] == "1921-05" && e.attrs["cert"] == "low" {
			sawApprox = true
		}
	}
	if !sawApprox {
		t.Error("no approximate date with @from @to @cert")
	}
	if m := by("measure"); len(m) != 1 || m[0].attrs["quantity"] != "1800" || m[0].attrs["unit"] != "men" {
		t.Errorf("measure: %v", m)
	}
	if o := slices.DeleteFunc(by("orgName"), func(e *teiNode) bool { return e.attrs["ref"] == "" }); len(o) == 0 || ids[strings.TrimPrefix(o[0].attrs["ref"], "#")] == nil {
		t.Errorf("orgName without its entry")
	}
	idnos := map[string]string{}
	for _, e := range by("idno") {
		idnos[e.attrs["type"]] = e.text.String()
	}
	if idnos["fond"] != "1402" || idnos["opis"] != "2" || idnos["delo"] != "57" || idnos["list"] != "31-48" {
		t.Errorf("call number: %v", idnos)
	}
	if a := by("author"); len(a) < 3 || a[len(a)-1].text.String() != "Anton Brisk" {
		t.Errorf("bibl author missing")
	}
	for _, want := range []string{"<title>Über Ränke &amp; &lt;Intrigen&gt;</title>", "<name>Ann &lt;Smith&gt;</name>", `<p xml:lang="de">`,
		`<ref target="https://example.org/review?a=1&amp;b=2">`, `<soCalled>Ränke</soCalled>`, `<date when="1913">1913</date>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s", want)
		}
	}
}

// checkTEI checks a parsed TEI export against its document: the body's
// paragraphs hold the text, each quotation's and note's element holds the
// finding's text, every pointer points at an element that is there, and
// xml:ids are unique.
func checkTEI(t testing.TB, d *quellen.Document, ps []quellen.Span, els []*teiNode, paras []string) {
	t.Helper()
	if len(paras) != len(ps) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(ps))
	}
	for i, p := range ps {
		if want := strings.ToValidUTF8(d.Clean[p.Start:p.End], "\uFFFD"); paras[i] != want && !strings.ContainsRune(want, 0xFFFD) && validXML(want) {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i, paras[i], want)
		}
	}
	ids := map[string]bool{}
	for _, e := range els {
		if id := e.attrs["xml:id"]; id != "" {
			if ids[id] {
				t.Errorf("xml:id %q twice", id)
			}
			ids[id] = true
		}
	}
	for _, e := range els {
		for _, k := range []string{"who", "ref", "target", "from", "to", "ana"} {
			if v := e.attrs[k]; strings.HasPrefix(v, "#") && !ids[v[1:]] {
				t.Errorf("<%s %s=%q> points at nothing", e.name, k, v)
			}
		}
	}
	var want, got []string
	for _, f := range d.Findings {
		if f.Kind == quellen.KindQuote && f.Clean.Start >= 0 && f.Clean.End <= len(d.Clean) && f.Clean.Start < f.Clean.End {
			sp := runeSpan(d.Clean, inner(d.Clean, f))
			// A quotation outside every paragraph has nowhere to go.
			if sp.Len() > 0 && slices.ContainsFunc(ps, func(p quellen.Span) bool { return p.Overlaps(sp) }) {
				want = append(want, strings.ToValidUTF8(d.Clean[sp.Start:sp.End], "\uFFFD"))
			}
		}
	}
	for _, e := range els {
		if e.name == "q" || e.name == "span" && e.attrs["type"] == "quote" {
			got = append(got, e.text.String())
		}
	}
	if len(d.Findings) > 0 && validXML(d.Clean) {
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("quotation texts:\n got %q\nwant %q", got, want)
		}
	}
}

func validXML(s string) bool {
	for _, r := range s {
		if !isXMLChar(r) || r == '\r' {
			return false
		}
	}
	return utf8.ValidString(s)
}

func TestTEIQuoteText(t *testing.T) {
	// The element holds the finding's text, without its quotation marks.
	d := fixture(t)
	var b bytes.Buffer
	TEI(&b, d, TEIOptions{})
	els, _ := parseTEI(t, b.Bytes())
	var texts []string
	for _, e := range els {
		if e.name == "q" {
			texts = append(texts, e.text.String())
		}
	}
	if !slices.Equal(texts, []string{"played no part whatever", "I was thanked, and paid nothing"}) {
		t.Errorf("quotes: %q", texts)
	}
}

func TestWebAnnotation(t *testing.T) {
	d := fixture(t)
	when := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var rep quellen.Finding
	for _, f := range d.Findings {
		if f.Kind == quellen.KindRepair {
			rep = f
		}
	}
	doc := WebAnnoDoc{Name: d.Name, Clean: d.Clean, Findings: d.Findings,
		Corrections: []quellen.Correction{{Doc: d.Name, Kind: rep.Kind, Raw: rep.Raw, Status: quellen.StatusCorrected, Who: "Ann", When: when}}}
	var b bytes.Buffer
	if err := WebAnnotation(&b, []WebAnnoDoc{doc}); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.webanno.json", b.Bytes())
	var coll struct {
		Context string `json:"@context"`
		Type    string
		Total   int
		First   struct {
			Type  string
			Items []map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &coll); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if coll.Context != AnnoContext || coll.Type != "AnnotationCollection" || coll.First.Type != "AnnotationPage" || coll.Total != len(d.Findings) || len(coll.First.Items) != len(d.Findings) {
		t.Fatalf("collection: %+v", coll)
	}
	for i, a := range coll.First.Items {
		for _, k := range []string{"@context", "id", "type", "body", "target", "motivation", "creator"} {
			if _, ok := a[k]; !ok {
				t.Errorf("annotation %d has no %s", i, k)
			}
		}
		if a["type"] != "Annotation" {
			t.Errorf("type %v", a["type"])
		}
	}
	checkAnnotations(t, doc, b.Bytes())
	var repAnno map[string]any
	for _, a := range coll.First.Items {
		if strings.Contains(string(mustJSON(a["body"])), `"value":"repair"`) {
			repAnno = a
		}
	}
	if c, _ := repAnno["creator"].(map[string]any); c["type"] != "Person" || c["name"] != "Ann" || repAnno["modified"] != "2026-11-30T12:00:00Z" {
		t.Errorf("corrected finding: creator %v, modified %v", repAnno["creator"], repAnno["modified"])
	}
	if DocIRI("a b.txt", "") != "urn:quellen:doc:a%20b.txt" || DocIRI("x", "https://e.org/") != "https://e.org/" {
		t.Error("DocIRI")
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// checkAnnotations checks that each annotation's TextPositionSelector, in
// code points, slices the text to its TextQuoteSelector's exact, and that
// prefix and suffix stand right before and after it.
func checkAnnotations(t testing.TB, d WebAnnoDoc, b []byte) {
	t.Helper()
	var coll struct {
		First struct{ Items []Annotation }
	}
	if err := json.Unmarshal(b, &coll); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	// byteAt[i] is the byte offset of code point i (and of the end).
	var byteAt []int
	for i := range d.Clean {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(d.Clean))
	valid := utf8.ValidString(d.Clean)
	for _, a := range coll.First.Items {
		if len(a.Target.Selector) != 2 {
			t.Fatalf("selectors: %+v", a.Target.Selector)
		}
		pos, quote := a.Target.Selector[0], a.Target.Selector[1]
		if pos.Type != "TextPositionSelector" || quote.Type != "TextQuoteSelector" || pos.Start == nil || pos.End == nil {
			t.Fatalf("selectors: %+v", a.Target.Selector)
		}
		s, e := *pos.Start, *pos.End
		if s < 0 || e >= len(byteAt) || s > e {
			t.Fatalf("position [%d,%d) outside the text of %d code points", s, e, len(byteAt)-1)
		}
		if !valid {
			continue // an invalid byte is a code point of its own; exact holds U+FFFD for it
		}
		bs, be := byteAt[s], byteAt[e]
		if got := d.Clean[bs:be]; got != quote.Exact {
			t.Errorf("[%d,%d) slices to %q, exact is %q", s, e, got, quote.Exact)
		}
		if !strings.HasSuffix(d.Clean[:bs], quote.Prefix) || !strings.HasPrefix(d.Clean[be:], quote.Suffix) {
			t.Errorf("prefix %q / suffix %q do not surround [%d,%d)", quote.Prefix, quote.Suffix, s, e)
		}
		if a.Target.Source != DocIRI(d.Name, d.URL) {
			t.Errorf("source %q", a.Target.Source)
		}
	}
}

func TestCSL(t *testing.T) {
	d := fixture(t)
	other := CSLDoc{Name: "other.txt", Findings: []quellen.Finding{{Kind: quellen.KindReference, Line: 3, Text: "Brisk, A Republic on Rails, p. 9.",
		Attrs: quellen.Attrs{"type": "book", "author": "A. Brisk", "title": "A Republic on Rails: The Politics of Railway Building", "year": "2016", "pages": "9"}},
		{Kind: quellen.KindReference, Line: 4, Text: "Lesni Glas, no. 28, 3 February 1923, p. 1.",
			Attrs: quellen.Attrs{"type": "newspaper", "container": "Lesni Glas", "issue": "28", "year": "1923", "pages": "1"}},
		{Kind: quellen.KindReference, Line: 5, Text: "x", Attrs: quellen.Attrs{"type": "web", "url": "https://www.lesnianrailways.org/a.html"}},
		{Kind: quellen.KindReference, Line: 6, Text: "FO", Attrs: quellen.Attrs{"type": "letter", "author": "Penrose", "year": "1923",
			"archive": map[string]any{"repository": "The National Archives", "fond": "FO 371", "delo": "9312", "list": "63"}}},
		{Kind: quellen.KindDate, Text: "1923"},
	}}
	var b bytes.Buffer
	if err := CSL(&b, []CSLDoc{{Name: d.Name, Findings: d.Findings}, other}); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.csl.json", b.Bytes())
	var items []map[string]any
	if err := json.Unmarshal(b.Bytes(), &items); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	ids := map[string]bool{}
	for _, it := range items {
		id, _ := it["id"].(string)
		if id == "" || it["type"] == nil || ids[id] {
			t.Errorf("item without a unique id or type: %v", it)
		}
		ids[id] = true
	}
	got := CSLItems([]CSLDoc{{Name: d.Name, Findings: d.Findings}, other})
	if len(got) != 5 {
		t.Fatalf("%d items, want 5 (the book cited three times is one):\n%s", len(got), b.String())
	}
	book := got[0]
	if book.ID != "brisk2016republic" || book.Type != "book" || book.Page != "" || len(book.Author) != 1 || book.Author[0] != (CSLName{Family: "Brisk", Given: "Anton"}) ||
		book.Issued == nil || book.Issued.DateParts[0][0] != 2016 || book.Publisher != "Harrow & Finch" || book.PublisherPlace != "London" ||
		book.Note != "Cited in fix & <1>.txt:9 (141), fix & <1>.txt:11 (97), other.txt:3 (9)" {
		t.Errorf("book: %+v", book)
	}
	if ms := got[1]; ms.Type != "manuscript" || ms.Archive != "LGIA" || ms.ArchiveLocation != "f. 1402, op. 2, d. 57, l. 31-48" {
		t.Errorf("archival: %+v", ms)
	}
	if np := got[2]; np.Type != "article-newspaper" || np.ContainerTitle != "Lesni Glas" || np.Issue != "28" || np.Page != "1" {
		t.Errorf("newspaper: %+v", np)
	}
	if web := got[3]; web.Type != "webpage" || web.URL == "" || web.ID != "lesnianrailwaysorg" {
		t.Errorf("web: %+v", web)
	}
	if l := got[4]; l.Type != "personal_communication" || l.ArchiveLocation != "FO 371/9312, ff. 63" || l.Archive != "The National Archives" {
		t.Errorf("letter: %+v", l)
	}
	b.Reset()
	CSL(&b, nil)
	if strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("no references: %q", b.String())
	}
}

func TestCSLNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []CSLName
	}{
		{"Brisk, A.", []CSLName{{Family: "Brisk", Given: "A."}}},
		{"A. Brisk", []CSLName{{Family: "Brisk", Given: "A."}}},
		{"P.-É. Garnier", []CSLName{{Family: "Garnier", Given: "P.-É."}}},
		{"Paul-Émile Garnier", []CSLName{{Family: "Garnier", Given: "Paul-Émile"}}},
		{"Kessler", []CSLName{{Family: "Kessler"}}},
		{"Charles de Gaulle", []CSLName{{Family: "Gaulle", Given: "Charles", NonDroppingParticle: "de"}}},
		{"Ivanov I. I.", []CSLName{{Family: "Ivanov", Given: "I. I."}}},
		{"Ministry of Communications", []CSLName{{Literal: "Ministry of Communications"}}},
		{"Harrow & Finch", []CSLName{{Literal: "Harrow & Finch"}}},
		{"A. Brisk and J. Volk", []CSLName{{Family: "Brisk", Given: "A."}, {Family: "Volk", Given: "J."}}},
		{"Brisk, A.; Volk, J.", []CSLName{{Family: "Brisk", Given: "A."}, {Family: "Volk", Given: "J."}}},
		{"Brisk, A., Volk, J.", []CSLName{{Family: "Brisk", Given: "A."}, {Family: "Volk", Given: "J."}}},
		{"A. Brisk, J. Volk and K. Lang", []CSLName{{Family: "Brisk", Given: "A."}, {Family: "Volk", Given: "J."}, {Family: "Lang", Given: "K."}}},
		{"", nil},
	} {
		if got := CSLNames(c.in); !slices.Equal(got, c.want) {
			t.Errorf("CSLNames(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestRuneIndex(t *testing.T) {
	s := strings.Repeat("aé€😀", 300) + "\xff\xfe" + strings.Repeat("ж", 200)
	ri := newRuneIndex(s)
	for off := 0; off <= len(s); off++ {
		if got, want := ri.offset(off), utf8.RuneCountInString(s[:off]); got != want && utf8.RuneStart(s[min(off, len(s)-1)]) {
			t.Fatalf("offset(%d) = %d, want %d", off, got, want)
		}
	}
}

// fuzzDoc makes a document of text s with findings at spans drawn from
// the bytes of spans, of every inline kind.
func fuzzDoc(s string, spans []byte) *quellen.Document {
	d := &quellen.Document{Name: "f.txt", Clean: s, Meta: quellen.Metadata{Title: s[:min(len(s), 20)], Language: "en"}}
	kinds := []quellen.Kind{quellen.KindQuote, quellen.KindNote, quellen.KindNoteMarker, quellen.KindReference, quellen.KindDate,
		quellen.KindEntity, quellen.KindNumber, quellen.KindStance, quellen.KindScareQuote}
	spans = spans[:min(len(spans), 3*64)] // enough findings to overlap, few enough to stay fast
	for i := 0; i+2 < len(spans) && len(s) > 0; i += 3 {
		a, b := int(spans[i])*len(s)/256, int(spans[i+1])*len(s)/256
		if a > b {
			a, b = b, a
		}
		b = min(b+1, len(s))
		k := kinds[int(spans[i+2])%len(kinds)]
		f := quellen.Finding{Kind: k, Clean: quellen.Span{Start: a, End: b}, Text: s[a:b], Attrs: quellen.Attrs{
			"speaker": s[a:b], "number": "1", "canonical": s[a:b], "type": []string{"person", "org", "place", "event"}[int(spans[i])%4],
			"from": "1923-05", "to": "1923-06", "value": 3.0, "unit": s[a:b], "author": s[a:b], "title": s[a:b]}}
		if int(spans[i+2])%2 == 0 && b-a > 2 {
			f.Text = s[a+1 : b-1]
		}
		d.Findings = append(d.Findings, f)
	}
	return d
}

func FuzzTEI(f *testing.F) {
	f.Add(fixtureText, []byte{10, 40, 0, 30, 90, 5, 35, 36, 2, 200, 255, 1})
	f.Add("a <b> & \"c\"\n\nd ]]> e\x00\r\n\nf", []byte{0, 255, 0, 1, 2, 3, 128, 129, 4})
	f.Add("“q” ‘r’ \xff\xfe", []byte{0, 100, 0, 50, 200, 7})
	f.Fuzz(func(t *testing.T, s string, spans []byte) {
		d := fuzzDoc(s, spans)
		var b bytes.Buffer
		if err := TEI(&b, d, TEIOptions{}); err != nil {
			t.Fatal(err)
		}
		els, paras := parseTEI(t, b.Bytes())
		checkTEI(t, d, splitParas(s), els, paras)
	})
}

func FuzzWebAnnotation(f *testing.F) {
	f.Add(fixtureText, []byte{10, 40, 0, 30, 90, 5})
	f.Add("aé€😀 x", []byte{0, 255, 0, 100, 101, 2})
	f.Fuzz(func(t *testing.T, s string, spans []byte) {
		d := fuzzDoc(s, spans)
		doc := WebAnnoDoc{Name: d.Name, Clean: s, Findings: d.Findings}
		var b bytes.Buffer
		if err := WebAnnotation(&b, []WebAnnoDoc{doc}); err != nil {
			t.Fatal(err)
		}
		checkAnnotations(t, doc, b.Bytes())
	})
}

func FuzzCSV(f *testing.F) {
	f.Add("a,b\n\"c\"", "x\r\ny")
	f.Fuzz(func(t *testing.T, text, attr string) {
		if !utf8.ValidString(text) || !utf8.ValidString(attr) {
			return
		}
		var b bytes.Buffer
		c := NewCSV(&b, nil)
		c.Write(attr, []quellen.Finding{{Kind: quellen.KindQuote, Text: text, Attrs: quellen.Attrs{"speaker": attr, "zz": attr}}})
		c.Flush()
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("rows %v, err %v", rows, err)
		}
		// encoding/csv reads \r\n inside a quoted field as \n.
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		if norm(rows[1][6]) != norm(text) || norm(rows[1][slices.Index(rows[0], "speaker")]) != norm(attr) {
			t.Errorf("round trip: %q %q", rows[1][6], text)
		}
	})
}

func BenchmarkTEI(b *testing.B) {
	d := fixture(b)
	// A long document: the fixture's text and findings a hundred times.
	long := &quellen.Document{Name: d.Name, Meta: d.Meta}
	var sb strings.Builder
	for i := range 100 {
		off := sb.Len()
		sb.WriteString(d.Clean)
		sb.WriteString("\n\n")
		for _, f := range d.Findings {
			f.Clean.Start += off
			f.Clean.End += off
			f.Line += i * 16
			long.Findings = append(long.Findings, f)
		}
	}
	long.Clean = sb.String()
	b.SetBytes(int64(len(long.Clean)))
	for b.Loop() {
		if err := TEI(io.Discard, long, TEIOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWebAnnotation(b *testing.B) {
	d := fixture(b)
	doc := WebAnnoDoc{Name: d.Name, Clean: d.Clean, Findings: d.Findings}
	for b.Loop() {
		if err := WebAnnotation(io.Discard, []WebAnnoDoc{doc}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRandomDocuments runs the TEI and Web Annotation checks over random
// texts (with quotation marks, markup characters, invalid UTF-8) and
// random, overlapping findings: the fuzz targets' property, on a fixed
// seed so that it runs in every go test.
func TestRandomDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alpha := []string{"a", "é", "€", "😀", " ", "\n", "\n\n", "\xff", "<", "&", "“", "”", "]]>", "\r"}
	for range 300 {
		var sb strings.Builder
		for range rng.IntN(300) {
			sb.WriteString(alpha[rng.IntN(len(alpha))])
		}
		s := sb.String()
		spans := make([]byte, rng.IntN(60))
		for i := range spans {
			spans[i] = byte(rng.IntN(256))
		}
		d := fuzzDoc(s, spans)
		var b bytes.Buffer
		if err := TEI(&b, d, TEIOptions{}); err != nil {
			t.Fatal(err)
		}
		els, paras := parseTEI(t, b.Bytes())
		checkTEI(t, d, splitParas(s), els, paras)
		doc := WebAnnoDoc{Name: d.Name, Clean: s, Findings: d.Findings}
		b.Reset()
		if err := WebAnnotation(&b, []WebAnnoDoc{doc}); err != nil {
			t.Fatal(err)
		}
		checkAnnotations(t, doc, b.Bytes())
	}
}
