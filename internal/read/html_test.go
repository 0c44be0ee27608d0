package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"paragraphs", "<p>One</p>\n\n<p>Two</p>", "One\n\nTwo"},
		{"inline", "<p>a <i>b</i> <b>c</b>d</p>", "a b cd"},
		{"whitespace collapsed", "<p>  a\n   b\t\tc  </p>", "a b c"},
		{"br", "<p>line one<br>line two<br/>three</p>", "line one\nline two\nthree"},
		{"entity once", "<p>Soci&eacute;t&eacute; &amp; Cie</p>", "Société & Cie"},
		{"double escape kept", "<p>Delorme&amp;#8217;s</p>", "Delorme&#8217;s"},
		{"numeric", "<p>&#8220;x&#x201D; &#233;</p>", "“x” é"},
		{"legacy without semicolon", "<p>a &amp b &copy 2020</p>", "a & b © 2020"},
		{"not an entity", "<p>AT&T &; &#; &zzz;</p>", "AT&T &; &#; &zzz;"},
		{"script dropped", "<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>", "a\n\nb"},
		{"style noscript template dropped", "<style>p{}</style><noscript>js off</noscript><template><p>t</p></template><p>seen</p>", "seen"},
		{"head dropped", "<html><head><title>T</title><meta name=author content=X></head><body><p>body</p></body></html>", "body"},
		{"bare text", "<div>bare <i>text</i></div><td>cell</td>", "bare text\n\ncell"},
		{"unclosed p", "<p>one<p>two<div>three</div>", "one\n\ntwo\n\nthree"},
		{"list", "<ul><li>a<li>b</ul>", "a\n\nb"},
		{"q marks", "<p>he said <q>no</q>.</p>", "he said “no”."},
		{"pre keeps", "<pre>a\n  b</pre>", "a\n  b"},
		{"comment", "<p>a<!-- hidden -->b</p>", "ab"},
		{"empty", "<p></p><div> </div>", ""},
		{"hidden", "<p>a<span style=\"display: none\">x</span><span hidden>y</span>b</p><div style='visibility:hidden'><p>z</p></div>", "ab"},
		{"nested hidden", "<div hidden><div>x</div>y</div><p>z</p>", "z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRead(t, "t.html", []byte(tt.in), Options{})
			if r.Text != tt.want {
				t.Errorf("text %q, want %q", r.Text, tt.want)
			}
		})
	}
}

func TestHTMLBlocks(t *testing.T) {
	in := `<html lang="fr-FR"><head>
<title>Le rapport | Archives en ligne</title>
<meta name="author" content="Jeanne Roux">
<meta name="citation_publication_date" content="1999/03/07">
<meta property="og:url" content="https://example.org/og">
<link rel="canonical" href="https://example.org/rapport">
</head><body>
<h2>Titre</h2>
<p>Le texte<sup><a href="#n1" id="r1">1</a></sup> suit, avec 12 m<sup>2</sup>.</p>
<blockquote><p>Une citation.</p></blockquote>
<ol class="footnotes"><li id="n1">Une note. <a href="#r1">↩</a></li></ol>
</body></html>`
	r := mustRead(t, "t.html", []byte(in), Options{})
	if got := r.Meta.Title; got != "Le rapport" {
		t.Errorf("title %q", got)
	}
	if r.Meta.Author != "Jeanne Roux" || r.Meta.URL != "https://example.org/rapport" || r.Meta.Date != "1999-03-07" || r.Meta.Language != "fr" {
		t.Errorf("meta %+v", r.Meta)
	}
	refs := blocksOf(r, "note_ref")
	if len(refs) != 1 || textOf(r, refs[0]) != "1" || refs[0].Attrs["target"] != "n1" || rawOf(r, refs[0].Span) != "1" {
		t.Fatalf("note refs %+v", refs)
	}
	notes := blocksOf(r, "note")
	if len(notes) != 1 || textOf(r, notes[0]) != "Une note." || notes[0].Attrs["number"] != "1" || notes[0].Attrs["id"] != "n1" {
		t.Fatalf("notes %+v in %q", notes, r.Text)
	}
	if strings.Contains(r.Text, "↩") {
		t.Errorf("back link kept: %q", r.Text)
	}
	if h := blocksOf(r, "heading"); len(h) != 1 || textOf(r, h[0]) != "Titre" || h[0].Attrs["level"] != 2 {
		t.Errorf("headings %+v", h)
	}
	if bq := blocksOf(r, "blockquote"); len(bq) != 1 || textOf(r, bq[0]) != "Une citation." {
		t.Errorf("blockquotes %+v", bq)
	}
}

func TestStripSite(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Concession inquiry | Digitised press archive", "Concession inquiry"},
		{"The Treaty of Riga – Encyclopedia of Things", "The Treaty of Riga"},
		{"Paris 1871 - the Commune", "Paris 1871 - the Commune"},
		{"A Long Title About Something - Le Monde", "A Long Title About Something"},
		{"Short | A very long site name that is longer than the title itself", "Short | A very long site name that is longer than the title itself"},
		{"No suffix at all", "No suffix at all"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stripSite(tt.in, nil); got != tt.want {
			t.Errorf("stripSite(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := stripSite("News Site | The story", []string{"News Site"}); got != "The story" {
		t.Errorf("site prefix: %q", got)
	}
}

// TestD4 checks the reader on the development corpus's HTML page: the
// four note markers lead back to the digits inside <sup><a>, the four
// notes to their paragraphs, and the head gives title, url and date.
func TestD4(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	data, err := os.ReadFile(filepath.Join(dir, "d4.html"))
	if err != nil {
		t.Fatal(err)
	}
	r := mustRead(t, "d4.html", data, Options{})
	refs := blocksOf(r, "note_ref")
	if len(refs) != 4 {
		t.Fatalf("%d note refs, want 4: %+v", len(refs), refs)
	}
	for i, b := range refs {
		num := string(rune('1' + i))
		s, e := r.Map.InSpan(b.Span.Start, b.Span.End)
		if r.Source[s:e] != num || b.Attrs["number"] != num || b.Attrs["target"] != "fn"+num {
			t.Errorf("ref %d: raw %q at %d, attrs %v", i+1, r.Source[s:e], s, b.Attrs)
		}
		if !strings.HasSuffix(r.Source[:s], `id="ref`+num+`">`) || !strings.HasPrefix(r.Source[e:], "</a></sup>") {
			t.Errorf("ref %d: raw bytes at %d are not the digit inside <sup><a>", i+1, s)
		}
	}
	notes := blocksOf(r, "note")
	if len(notes) != 4 {
		t.Fatalf("%d notes, want 4: %+v", len(notes), notes)
	}
	for i, b := range notes {
		num := string(rune('1' + i))
		raw := rawOf(r, b.Span)
		if !strings.HasPrefix(raw, num+". ") || strings.Contains(raw, "#ref") || b.Attrs["number"] != num || b.Attrs["id"] != "fn"+num {
			t.Errorf("note %d: raw %q, attrs %v", i+1, raw, b.Attrs)
		}
		if s, _ := r.Map.InSpan(b.Span.Start, b.Span.End); !strings.HasSuffix(r.Source[:s], `<p id="fn`+num+`">`) {
			t.Errorf("note %d does not start its <p>", i+1)
		}
	}
	if r.Meta.Title != "Concession inquiry: the Minister and the ledger" {
		t.Errorf("title %q", r.Meta.Title)
	}
	if r.Meta.URL != "https://press.velgrad-archive.org/herald/1923/05/12/concession-inquiry" {
		t.Errorf("url %q", r.Meta.URL)
	}
	if r.Meta.Date != "1923-05-12" || r.Meta.Language != "en" {
		t.Errorf("date %q, language %q", r.Meta.Date, r.Meta.Language)
	}
	if strings.Contains(r.Text, "font-family") || strings.Contains(r.Text, "<") {
		t.Errorf("markup or style in the text")
	}
	if !strings.Contains(r.Text, "Delorme&#8217;s") || !strings.Contains(r.Text, "Société") {
		t.Errorf("character references not decoded exactly once")
	}
}

func TestHTMLCharset(t *testing.T) {
	// "Привет" in windows-1251, declared in the head.
	in := []byte("<html><head><meta charset=\"windows-1251\"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2 &amp; caf</p></body></html>")
	r := mustRead(t, "ru.html", in, Options{})
	if r.Text != "Привет & caf" || len(r.Problems) != 1 || r.Problems[0].Code != "encoding.declared" {
		t.Errorf("text %q, problems %v", r.Text, r.Problems)
	}
	if raw := rawOf(r, blocksOf(r, "paragraph")[0].Span); raw != "\xcf\xf0\xe8\xe2\xe5\xf2 &amp; caf" {
		t.Errorf("raw %q", raw)
	}
	// Undeclared and not UTF-8: Windows-1252.
	r = mustRead(t, "fr.html", []byte("<p>caf\xe9</p>"), Options{})
	if r.Text != "café" {
		t.Errorf("text %q", r.Text)
	}
}

// TestHTMLNoteStyles: the note markup of a wiki, of a word processor's
// export and of an EPUB page.
func TestHTMLNoteStyles(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		refs      []string // marker texts
		notes     []string // note texts
		noteNums  []string
		noteTexts string // a substring the text must not hold
	}{
		{"wiki", `<p>Signed.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p><ol class="references"><li id="cite_note-1"><span><a href="#cite_ref-1">^</a></span> <span>Smith, p. 3.</span></li></ol>`,
			[]string{"[1]"}, []string{"Smith, p. 3."}, []string{"1"}, "^"},
		{"word", `<p>Text<a href="#_ftn1" name="_ftnref1"><span>[1]</span></a> here.</p><div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Word note.</p></div>`,
			[]string{"[1]"}, []string{"[1] Word note."}, []string{"1"}, ""},
		{"epub", `<p>Text<a epub:type="noteref" href="#n1">1</a>.</p><aside epub:type="footnote" id="n1"><p>The note.</p></aside>`,
			[]string{"1"}, []string{"The note."}, []string{"1"}, ""},
		{"unlinked sup", `<p>Text.<sup>1</sup> A square of 4 m<sup>2</sup> in the XIV<sup>e</sup> century, 1<sup>o</sup>.</p>`,
			[]string{"1"}, nil, nil, ""},
		{"aria", `<p>Text<a role="doc-noteref" href="#e1">*</a>.</p><section role="doc-endnotes"><ol><li id="e1">Endnote.</li></ol></section>`,
			[]string{"*"}, []string{"Endnote."}, []string{"1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRead(t, "n.html", []byte(tt.in), Options{})
			var refs, notes, nums []string
			for _, b := range blocksOf(r, "note_ref") {
				refs = append(refs, textOf(r, b))
			}
			for _, b := range blocksOf(r, "note") {
				notes = append(notes, textOf(r, b))
				nums = append(nums, b.Attrs.String("number"))
			}
			if strings.Join(refs, "|") != strings.Join(tt.refs, "|") || strings.Join(notes, "|") != strings.Join(tt.notes, "|") || strings.Join(nums, "|") != strings.Join(tt.noteNums, "|") {
				t.Errorf("refs %q notes %q numbers %q in %q", refs, notes, nums, r.Text)
			}
			if tt.noteTexts != "" && strings.Contains(r.Text, tt.noteTexts) {
				t.Errorf("back link %q left in %q", tt.noteTexts, r.Text)
			}
		})
	}
}
