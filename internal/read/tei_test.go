package read

import (
	"strings"
	"testing"
)

func TestTEIFixture(t *testing.T) {
	data := readTestdata(t, "letter.tei.xml")
	r := mustRead(t, "letter.tei.xml", data, Options{})
	checkGolden(t, "letter.tei", r)

	// The sentence with the inline note reads whole; the note comes after
	// the body and leads back to its own bytes.
	if !strings.Contains(r.Text, "no ship could pass before March.1 I have asked") {
		t.Errorf("the sentence around the note does not read whole:\n%s", r.Text)
	}
	notes := blocksOf(r, "note")
	if len(notes) != 2 {
		t.Fatalf("%d notes", len(notes))
	}
	n1 := notes[0]
	if textOf(r, n1) != "The log of the Northern Towing Company gives the eleventh." || n1.Attrs["number"] != "1" || n1.Attrs["place"] != "foot" {
		t.Errorf("note 1: %q %v", textOf(r, n1), n1.Attrs)
	}
	if raw := rawOf(r, n1.Span); !strings.HasPrefix(raw, "The log of the\n") || !strings.HasSuffix(raw, "gives the eleventh.") {
		t.Errorf("note 1 raw %q", raw)
	}
	body := blocksOf(r, "paragraph")[0]
	if n1.Span.Start < body.Span.End {
		t.Errorf("note not moved after the body")
	}
	refs := blocksOf(r, "note_ref")
	if len(refs) != 2 || textOf(r, refs[0]) != "1" || !strings.HasPrefix(rawOf(r, refs[0].Span), "<note n=\"1\"") {
		t.Errorf("note refs %+v", refs)
	}
	q := blocksOf(r, "quote")
	if len(q) != 1 || textOf(r, q[0]) != "no ship could pass before March" || q[0].Attrs["who"] != "lind" {
		t.Errorf("quotes %+v", q)
	}
	if d := blocksOf(r, "date"); len(d) != 1 || d[0].Attrs["when"] != "1887-02-10" || textOf(r, d[0]) != "the tenth" {
		t.Errorf("dates %+v", d)
	}
	ents := map[string]string{}
	for _, e := range blocksOf(r, "entity") {
		ents[textOf(r, e)] = e.Attrs.String("type")
	}
	if ents["Captain Lind"] != "person" || ents["Skarvik"] != "place" || ents["Northern Towing Company"] != "org" {
		t.Errorf("entities %v", ents)
	}
	if !strings.Contains(r.Text, "keep watch & report") {
		t.Errorf("&amp; not decoded")
	}
	m := r.Meta
	if m.Title != "Letter of the harbour master on the winter of the ice" || m.Author != "Tomas Ekwall" || m.Translator != "Ines Marrow" ||
		m.URL != "https://example.org/texts/ekwall-letter" || m.Language != "en" || m.OriginalLanguage != "sv" || m.Date != "1887-02-14" || m.Published != "2024-06-01" ||
		!strings.HasPrefix(m.Source, "Harbour office letter book") {
		t.Errorf("meta %+v", m)
	}
}

func TestTEIText(t *testing.T) {
	tei := func(body string) string {
		return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body>` + body + `</body></text></TEI>`
	}
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", tei("<p>one</p><p>two</p>"), "one\n\ntwo"},
		{"header left out", tei("<p>x</p>"), "x"},
		{"choice", tei("<p><choice><sic>teh</sic><corr>the</corr></choice> end</p>"), "the end"},
		{"abbr", tei("<p><choice><abbr>Dr.</abbr><expan>Doctor</expan></choice> Who</p>"), "Doctor Who"},
		{"lb", tei("<p>a<lb/>b<lb break=\"no\"/>c</p>"), "a bc"},
		{"note moved", tei("<p>before<note>inside</note> after</p>"), "before1 after\n\ninside"},
		{"note with n", tei("<p>x<note n=\"a\">n</note>.</p>"), "xa.\n\nn"},
		{"note target no marker", tei("<p>x<anchor xml:id=\"a1\"/> y</p><note target=\"#a1\">n</note>"), "x y\n\nn"},
		{"ref to note", tei("<p>x<ref target=\"#n1\">1</ref></p><note xml:id=\"n1\" target=\"#x\">n</note>"), "x1\n\nn"},
		{"cdata", tei("<p><![CDATA[a < b]]></p>"), "a < b"},
		{"lg", tei("<lg><l>one</l><l>two</l></lg>"), "one\ntwo"},
		{"fw dropped", tei("<fw>running head</fw><p>text</p>"), "text"},
		{"html entity", tei("<p>caf&eacute;</p>"), "café"},
		{"no text element", `<TEI><p>bare</p></TEI>`, "bare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRead(t, "t.tei", []byte(tt.in), Options{})
			if r.Text != tt.want {
				t.Errorf("text %q, want %q", r.Text, tt.want)
			}
		})
	}
}
