package notes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
)

func TestParseLabel(t *testing.T) {
	for _, tc := range []struct {
		in, num, style string
		ok             bool
	}{
		{"[12] Smith, History, p. 4.", "12", styleBracket, true},
		{"[[14] Smith", "14", styleBracket, true},
		{"12] Franz Halder, Kriegstagebuch", "12", styleBracket, true},
		{"(3) Brisk, op. cit.", "3", styleParen, true},
		{"4. In English in the original.", "4", styleDot, true},
		{"  5 Stenographic Reports, col. 902.", "5", styleBare, true},
		{"¹ Je cite d'après mes notes.", "1", styleSuper, true},
		{"* Editor's note.", "*", styleSymbol, true},
		{"† Died 1930.", "†", styleSymbol, true},
		{"1923. The year of the inquiry.", "", "", false}, // four digits: a year
		{"5 votes were cast.", "", "", false},             // bare number before lower case
		{"3.5 million francs", "", "", false},             // a decimal
		{"0. Zero", "", "", false},
		{"[12]", "", "", false}, // a label with no text
		{"12", "", "", false},
		{"", "", "", false},
		{"[B]ureaucratization", "", "", false},
	} {
		l, ok := ParseLabel(tc.in)
		if ok != tc.ok || ok && (l.Number != tc.num || l.Style != tc.style) {
			t.Errorf("ParseLabel(%q) = %+v, %v; want %q %q %v", tc.in, l, ok, tc.num, tc.style, tc.ok)
		}
		if ok && !strings.HasPrefix(tc.in[l.Len:], strings.TrimLeft(tc.in[l.Len:], " ")) {
			t.Errorf("ParseLabel(%q): Len %d", tc.in, l.Len)
		}
	}
}

func TestIsNotesHeading(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Notes", true}, {"NOTES", true}, {"Translator's notes", true}, {"Notes to the Postscript", true},
		{"Endnotes", true}, {"Примечания", true}, {"Notes:", true},
		{"Notes on the war were lost.", false}, {"He took notes of everything he heard in the sitting", false}, {"", false},
	} {
		if got := IsNotesHeading(tc.in); got != tc.want {
			t.Errorf("IsNotesHeading(%q) = %v", tc.in, got)
		}
	}
	if got := seriesName("Notes to the Postscript"); got != "postscript" {
		t.Errorf("seriesName = %q", got)
	}
}

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // number:strength, space separated
	}{
		{"the Ministry of Ways[1], a subject", "1:0"},
		{"verified.[[14] Next", "14:0"},
		{"the end[4]/a> of it", "4:0"},
		{"for no other purpose.1 Within two years", "1:2"},
		{"unbridled bureaucratism'.2 And once", "2:2"},
		{"a full account.'10\n", "10:2"},
		{"by 58 votes to 47.4 The line was", "4:3"},
		{"the book.(1) The Russian", "1:1"},
		{"Quarante mille m³ de glaise", ""},
		{"le coup de pioche¹ devant", "1:0"},
		{"a force of 1,200 men", ""},
		{"purged in 1937. Then", ""},
		{"see p. 196 and p.5", ""},
		{"under art.7 of the deed and vol.2, sheet 11", ""},
		{"three points: (1) the survey; (2) the deed, in Article 14(2); and (3) the claim", ""},
		{"the guarantee in clause 7 (2) of the deed", ""},
		{"at 5.05 p.m. and 3.14 later", "14:3"}, // a candidate; the sequence decides
		{"Communication1 was", "1:4"},
		{"FO371 and m3 and COVID19", ""},
		{"the U.S.2 markets", ""},
		{"Khrushchev's.91", "91:2"},
		{"a serious plot.' 112 Tokaev", "112:3"},
		{"a serious plot.’ 112 Tokaev", "112:3"},
		{"the end.” ’44", "44:2"},
		{"he said.' 12 men came", "12:3"}, // a candidate; not a sentence, so refused later
		{"a star* here", "*:5"},
		{"condemned to [20] years of prison [2] cannot", "2:0"},
		{"", ""},
		{"[", ""},
		{"(12", ""},
		{"¹", "1:0"},
	} {
		var got []string
		for _, c := range Scan(tc.in, 0, len(tc.in)) {
			got = append(got, fmt.Sprintf("%s:%d", c.Number, c.Strength))
			if c.Span.Start < 0 || c.Span.End > len(tc.in) || c.Span.Start >= c.Span.End {
				t.Errorf("Scan(%q): bad span %v", tc.in, c.Span)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Scan(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// mark is an expected marker: its number, the text right after it, and
// the first words of its note ("" for none).
type mark struct{ num, note string }

func markers(t *testing.T, text string, blocks []read.Block) ([]mark, []string, []quellen.Finding) {
	t.Helper()
	d := plainDoc("t.txt", text)
	d.Blocks = blocks
	for _, b := range blocks {
		if b.Kind == "note" {
			for i := range d.Paras {
				if b.Span.Contains(d.Paras[i].Span) {
					d.Paras[i].Kind = "note"
				}
			}
		}
	}
	fs := run(d)
	notes := map[int]quellen.Finding{}
	for _, f := range fs {
		if f.Kind == quellen.KindNote {
			notes[d.RawLine(f.Clean.Start)] = f
		}
	}
	var ms []mark
	var problems []string
	for _, f := range fs {
		switch f.Kind {
		case quellen.KindNoteMarker:
			m := mark{num: f.Attrs.String("number")}
			if l, ok := f.Attrs["note_line"].(int); ok {
				n := notes[l]
				m.note = strings.Join(strings.Fields(n.Text)[:min(2, len(strings.Fields(n.Text)))], " ")
			}
			ms = append(ms, m)
		case quellen.KindProblem:
			problems = append(problems, f.Attrs.String("code")+":"+f.Attrs.String("number"))
		}
	}
	return ms, problems, fs
}

func TestMarkers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		text     string
		want     []mark
		problems []string
	}{{
		name: "brackets and an endnote list",
		text: "A claim.[1] Another, in 1937.[2]\n\nNotes\n\n[1] Smith, History, p. 4.\n\n[2] Jones, Memoirs, p. 9.\n",
		want: []mark{{"1", "Smith, History,"}, {"2", "Jones, Memoirs,"}},
	}, {
		name: "two series, the second in parentheses, with enumerators between",
		text: "Text.[1] More.\n\nPoints: (1) the first; (2) the second, in Article 14(2).(1) Last.(2)\n\nNotes\n\n[1] Main one.\n\nNotes to the Postscript\n\n(1) Post one.\n\n(2) Post two.\n",
		want: []mark{{"1", "Main one."}, {"1", "Post one."}, {"2", "Post two."}},
	}, {
		name: "glued digits and the vote look-alike",
		text: "It was formed for no other purpose.1 Then votes, 58 to 47.2 The line ran 186 km, art.7 of the deed, 1,200 men.3\n\nNotes\n\n1 Statutes (Paris, 1921).\n\n2 Reports, col. 902.\n\n3 Smith, p. 3.\n",
		want: []mark{{"1", "Statutes (Paris,"}, {"2", "Reports, col."}, {"3", "Smith, p."}},
	}, {
		name: "a decimal is not a marker when its note is missing",
		text: "First.1 The rate was 3.2 Then.\n\nNotes\n\n1 One.\n",
		want: []mark{{"1", "One."}},
	}, {
		name: "superscripts, and an exponent after a unit",
		text: "Le discours¹ fut prononcé. Quarante mille m³ de glaise.²\n\nNotes\n\n1. Je cite.\n\n2. Le chiffre.\n",
		want: []mark{{"1", "Je cite."}, {"2", "Le chiffre."}},
	}, {
		name:     "orphans on both sides are problems",
		text:     "One.[1] Two.[2]\n\nNotes\n\n[1] First.\n\n[3] Third.\n",
		want:     []mark{{"1", "First."}, {"2", ""}},
		problems: []string{"note.orphan_marker:2", "note.orphan_note:3"},
	}, {
		name:     "no notes at all: markers stand alone, nothing is invented",
		text:     "`the Old Guard'.1 In 1926, `bureaucratism'.2 And in 1937.\n\nThe p. 196 of vol.3 and 58 votes to 47.",
		want:     []mark{{"1", ""}, {"2", ""}},
		problems: []string{"note.orphan_marker:1", "note.orphan_marker:2"},
	}, {
		name: "a numbered list in the body is not a notes list",
		text: "Steps:\n\n1. Open the file.\n\n2. Read it.\n\nThe work went on for many years after the steps had been taken, as the long paragraph that follows shows in some detail, with words enough to make it the body of the text and not a foot of page: it runs on and on and on, past two hundred characters.\n",
		want: nil,
	}, {
		name: "a lone bracketed endnote closing the document",
		text: "The strike began in May.[1] It was long.\n\nMore text here about the dock.\n\n[1] J. Smith, The Strike (London, 1990), p. 4.\n",
		want: []mark{{"1", "J. Smith,"}},
	}, {
		name:     "a lone bracketed endnote without its marker is an orphan note, not a marker",
		text:     "The strike began in May. It was long.[2]\n\n[1] J. Smith, The Strike (London, 1990), p. 4.\n",
		want:     []mark{{"2", ""}},
		problems: []string{"note.orphan_marker:2", "note.orphan_note:1"},
	}, {
		name: "a lone dotted line closing the document is a list item",
		text: "We bought:\n\n1. Bread and milk for the week.\n",
		want: nil,
	}, {
		name: "a symbol marker needs a symbol note",
		text: "A remark* here, a star * there.\n\nNotes\n\n* The remark.\n",
		want: []mark{{"*", "The remark."}},
	}, {
		name: "numbering restarts with a second notes section",
		text: "Chapter one.1 Again.2\n\nNotes\n\n1 A.\n\n2 B.\n\nChapter two.1\n\nNotes\n\n1 C.\n",
		want: []mark{{"1", "A."}, {"2", "B."}, {"1", "C."}},
	}, {
		name: "a heading after the notes ends them",
		text: "One.1\n\nNotes\n\n1 Smith, p. 4.\n\nAppendix\n\n2 Tables follow.\n",
		want: []mark{{"1", "Smith, p."}},
	}, {
		name: "chapter headings inside the notes section",
		text: "One.1 Two.1\n\nNotes\n\nChapter 1\n\n1 Smith, p. 4.\n\nChapter 2\n\n1 Jones, p. 5.\n",
		want: []mark{{"1", "Smith, p."}, {"1", "Jones, p."}},
	}, {
		name: "footnotes left at the foot of their pages",
		text: "The basin closed for a month at the very least.1 The pilots kept watch.\nThe board met, and asked for an account.2\n\n1 Letter book, vol. 3, fol. 12.\n2 Minutes of the board, item 4.\n\n1\fTHE WINTER\n\nThe thaw came late, and 3 ships were caught.3\n\n3 Customs journal, 3 March 1887.\n",
		want: []mark{{"1", "Letter book,"}, {"2", "Minutes of"}, {"3", "Customs journal,"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, problems, _ := markers(t, tc.text, nil)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("markers = %v\nwant      %v", got, tc.want)
			}
			if fmt.Sprint(problems) != fmt.Sprint(tc.problems) {
				t.Errorf("problems = %v, want %v", problems, tc.problems)
			}
		})
	}
}

// TestBlocks reads notes and markers from the structure a reader or the
// repair gave: footnotes moved after the body, HTML <sup> references.
func TestBlocks(t *testing.T) {
	body := "The party of fourteen men worked.2 Then Quarante m3 de glaise.1\n\n"
	n1 := "1 Statutes (Paris, 1921)."
	n2 := "2 LGIA, f. 1, op. 2, d. 3."
	text := body + n1 + "\n\n" + n2 + "\n"
	s1 := len(body)
	s2 := s1 + len(n1) + 2
	blocks := []read.Block{
		{Kind: "note", Span: quellen.Span{Start: s1, End: s1 + len(n1)}, Attrs: quellen.Attrs{"number": "1", "id": "fn1"}},
		{Kind: "note", Span: quellen.Span{Start: s2, End: s2 + len(n2)}, Attrs: quellen.Attrs{"number": "2"}},
		// m<sup>3</sup>: a superscript with no link after a unit.
		{Kind: "note_ref", Span: quellen.Span{Start: strings.Index(text, "m3") + 1, End: strings.Index(text, "m3") + 2}, Attrs: quellen.Attrs{"number": "3"}},
		{Kind: "note_ref", Span: quellen.Span{Start: strings.Index(text, "glaise.1") + 7, End: strings.Index(text, "glaise.1") + 8}, Attrs: quellen.Attrs{"number": "1", "target": "page.html#fn1"}},
	}
	got, problems, fs := markers(t, text, blocks)
	want := []mark{{"2", "LGIA, f."}, {"1", "Statutes (Paris,"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("markers = %v, want %v", got, want)
	}
	if len(problems) != 0 {
		t.Errorf("problems = %v", problems)
	}
	for _, f := range fs {
		if f.Kind == quellen.KindNote && strings.HasPrefix(f.Text, "1") {
			t.Errorf("note text keeps its number: %q", f.Text)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"purpose.1 Within", "votes to 47.4 The", "[[14]", "(3)", "m³ ¹²", "art.7", "'.2", "* †", "\xff\xfe[1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range Scan(s, 0, len(s)) {
			if c.Span.Start < 0 || c.Span.End > len(s) || c.Span.Start >= c.Span.End || c.Number == "" {
				t.Fatalf("Scan(%q): bad candidate %+v", s, c)
			}
		}
		ParseLabel(s)
		fs := run(plainDoc("f.txt", s))
		for _, x := range fs {
			if x.Clean.Start < 0 || x.Clean.End > len(s) || x.Clean.Start > x.Clean.End {
				t.Fatalf("finding out of range: %+v", x)
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	var sb strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&sb, "Paragraph %d with a claim in 1937, 1,200 men and art.7 of the deed.%d And m³ too.\n\n", i, i)
	}
	sb.WriteString("Notes\n\n")
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&sb, "%d Smith, History of Everything (London: Press, 1990), p. %d.\n\n", i, i)
	}
	text := sb.String()
	for b.Loop() {
		run(plainDoc("b.txt", text))
	}
}
