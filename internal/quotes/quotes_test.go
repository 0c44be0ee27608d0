package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// doc makes a Doc of plain text: paragraphs between blank lines, lines
// counted from 1.
func doc(text string) *extract.Doc {
	d := &extract.Doc{Name: "t.txt", Format: "text", Text: text}
	d.RawLine = func(off int) int { return strings.Count(text[:min(max(off, 0), len(text))], "\n") + 1 }
	return d
}

// want is one expected record. Empty fields are not checked; speaker "∅"
// must be null.
type want struct {
	kind    quellen.Kind
	text    string
	speaker string
	lang    string
	note    string
	block   *bool
	pair    int
	nested  bool
}

var yes, no = true, false

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
		// none lists texts that must not be found as quote records
		none []string
	}{
		{
			name: "curly, speaker after",
			text: "“We shall fight on to the end,” wrote Trotsky in his diary.",
			want: []want{{kind: quellen.KindQuote, text: "We shall fight on to the end,", speaker: "Trotsky", lang: "en", block: &no}},
		},
		{
			name: "French spacing and selon",
			text: "Selon Marie, « la collaboration fut réelle et durable entre les deux régimes ».",
			want: []want{{kind: quellen.KindQuote, text: "la collaboration fut réelle et durable entre les deux régimes", speaker: "Marie", lang: "fr"}},
		},
		{
			name: "German low-high marks",
			text: "Kessler schrieb: „Wir müssen mit Befremden feststellen, dass unser Angebot nicht einmal geprüft wurde.“",
			want: []want{{kind: quellen.KindQuote, text: "Wir müssen mit Befremden feststellen, dass unser Angebot nicht einmal geprüft wurde.", speaker: "Kessler", lang: "de"}},
		},
		{
			name: "LaTeX ticks with a plural possessive inside",
			text: "The opposition had called the concession a `bankers' bargain', and it was received as one.",
			want: []want{{kind: quellen.KindQuote, text: "bankers' bargain", speaker: "∅"}},
		},
		{
			name: "LaTeX ticks, possessive mid-quotation, block after a colon",
			text: "Jan Volkar made the most quoted speech of his career:\n\n`This railway is not a bankers' affair; it is the affair of the whole nation.'5\n\nThe sentence was meant as an answer.",
			want: []want{{kind: quellen.KindQuote, text: "This railway is not a bankers' affair; it is the affair of the whole nation.", speaker: "Jan Volkar", note: "5", block: &yes}},
		},
		{
			name: "apostrophes that close nothing",
			text: "O'Brien said: 'The workers' movement is ours, and l'Humanité knows it.'",
			want: []want{{kind: quellen.KindQuote, text: "The workers' movement is ours, and l'Humanité knows it.", speaker: "O'Brien"}},
		},
		{
			name: "nested quotation",
			text: "Smith wrote: “Jones told me ‘never again, not while I live’ and left the room at once.”",
			want: []want{
				{kind: quellen.KindQuote, text: "Jones told me ‘never again, not while I live’ and left the room at once.", speaker: "Smith"},
				{kind: quellen.KindQuote, text: "never again, not while I live", nested: true},
			},
		},
		{
			name: "quotation over two paragraphs, each reopening",
			text: "Georgy Zhukov reported:\n\n“The enemy has been repulsed on the left flank.\n\n“Our losses are heavy, but the line holds.”",
			want: []want{
				{kind: quellen.KindQuote, text: "The enemy has been repulsed on the left flank.", speaker: "Georgy Zhukov"},
				{kind: quellen.KindQuote, text: "Our losses are heavy, but the line holds.", speaker: "Georgy Zhukov"},
			},
		},
		{
			name: "so-called scare quote",
			text: "The so-called “collaboration” of the two states dissolves on inspection.",
			want: []want{{kind: quellen.KindScareQuote, text: "collaboration"}},
			none: []string{"collaboration"},
		},
		{
			name: "title of a work",
			text: "His book “A Republic on Rails: The Politics of Railway Building” appeared in London.",
			want: []want{{kind: quellen.KindScareQuote, text: "A Republic on Rails: The Politics of Railway Building"}},
		},
		{
			name: "words cited as words",
			text: "The interpreter observes that the witness used the word 'honoraires', which he renders as \"fees\".",
			want: []want{{kind: quellen.KindScareQuote, text: "honoraires"}, {kind: quellen.KindScareQuote, text: "fees"}},
			none: []string{"honoraires", "fees"},
		},
		{
			name: "French word cited as word",
			text: "Il rendit mes « honoraires » par un mot qui voulait dire à peu près « pourboire ».",
			want: []want{{kind: quellen.KindScareQuote, text: "honoraires"}, {kind: quellen.KindScareQuote, text: "pourboire"}},
		},
		{
			name: "title and speech verb: says that",
			text: "Com. Stalin says that “the cadres decide everything in the end”.",
			want: []want{{kind: quellen.KindQuote, text: "the cadres decide everything in the end", speaker: "Stalin"}},
		},
		{
			name: "as X put it",
			text: "As Lenin put it, “the state is an instrument of the rule of one class over another.”",
			want: []want{{kind: quellen.KindQuote, speaker: "Lenin"}},
		},
		{
			name: "pronoun resolved to the last named person",
			text: "Mr. Georgy Zhukov was heard next. He adds: “The front is stable now and will hold.”",
			want: []want{{kind: quellen.KindQuote, speaker: "Georgy Zhukov"}},
		},
		{
			name: "alias table: surname to the fullest name",
			text: "Maurice Thorez spoke first. Later Com. Thorez said: “We will go back to Paris tomorrow.”",
			want: []want{{kind: quellen.KindQuote, speaker: "Maurice Thorez"}},
		},
		{
			name: "initials to the full name",
			text: "Jean-Jacques Marie wrote an essay. JJM wrote: “None of you responded to the facts I cited.”",
			want: []want{{kind: quellen.KindQuote, speaker: "Jean-Jacques Marie"}},
		},
		{
			name: "collective speaker",
			text: "The Mensheviks declared: “The revolution is bourgeois in character and must remain so.”",
			want: []want{{kind: quellen.KindQuote, speaker: "Mensheviks"}},
		},
		{
			name: "a document speaks",
			text: "The Chairman reads the resolution of the State Diet: “The Diet resolves to appoint a Select Committee of three members.”",
			want: []want{{kind: quellen.KindQuote, speaker: "State Diet"}},
		},
		{
			name: "nobody named",
			text: "Mr. Halvar reads the clause: “The Republic guarantees a net return of five per cent per annum.”",
			want: []want{{kind: quellen.KindQuote, speaker: "∅"}},
		},
		{
			name: "footnote marker at the end of the sentence",
			text: "Brisk writes that the survey “played no part whatever” in the plans of the company.[4] This is untrue.",
			want: []want{{kind: quellen.KindQuote, text: "played no part whatever", speaker: "Brisk", note: "4"}},
		},
		{
			name: "ASCII typewriter quotes",
			text: "Mr. Garnier said: \"I never handed a centime to anyone about him.\" The Chairman thanked him.",
			want: []want{{kind: quellen.KindQuote, text: "I never handed a centime to anyone about him.", speaker: "Garnier"}},
		},
		{
			name: "translation pair side by side",
			text: "The key sentence of Sveshnikov's letter reads:\n\n«Я не требую денег. Я требую лишь, чтобы имя русского инженера не вычёркивали.»\n\n“I do not ask for money. I ask only that the name of a Russian engineer not be struck out.”",
			want: []want{
				{kind: quellen.KindQuote, lang: "ru", block: &yes, pair: 5},
				{kind: quellen.KindQuote, lang: "en", block: &yes, pair: 3},
			},
		},
		{
			name: "headline echoing a remark reported below",
			text: "Minister Denies Payment: “A Ledger, Not a Rumour”\n\nCommissioner Tarvas remarked: “The Committee has before it a ledger, not a rumour.”",
			want: []want{
				{kind: quellen.KindQuote, text: "A Ledger, Not a Rumour", speaker: "Tarvas"},
				{kind: quellen.KindQuote, text: "The Committee has before it a ledger, not a rumour.", speaker: "Tarvas"},
			},
		},
		{
			name: "stray marks and damage",
			text: "“ unclosed \" and ' and « and ` and „ everywhere\n\n”»’' closers with nothing open",
			none: []string{"unclosed"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := (Extractor{}).Extract(doc(tc.text))
			for _, w := range tc.want {
				f, ok := find(fs, w)
				if !ok {
					t.Errorf("no %s %q (speaker %q) in\n%s", w.kind, w.text, w.speaker, dump(fs))
					continue
				}
				check(t, tc.text, f, w)
			}
			for _, n := range tc.none {
				for _, f := range fs {
					if f.Kind == quellen.KindQuote && f.Text == n {
						t.Errorf("%q found as a quote", n)
					}
				}
			}
		})
	}
}

func find(fs []quellen.Finding, w want) (quellen.Finding, bool) {
	for _, f := range fs {
		if f.Kind != w.kind {
			continue
		}
		if w.text != "" && f.Text != w.text {
			continue
		}
		if w.nested != (f.Attrs["nested"] == true) {
			continue
		}
		if w.lang != "" && f.Attrs["lang"] != w.lang {
			continue
		}
		return f, true
	}
	return quellen.Finding{}, false
}

func check(t *testing.T, text string, f quellen.Finding, w want) {
	t.Helper()
	if f.Kind != quellen.KindQuote {
		return
	}
	// the span holds the marks, the text does not
	if f.Clean.Start < 0 || f.Clean.End > len(text) || f.Clean.Start >= f.Clean.End {
		t.Fatalf("bad span %v", f.Clean)
	}
	switch w.speaker {
	case "":
	case "∅":
		if f.Attrs["speaker"] != nil {
			t.Errorf("%q: speaker %v, want null", f.Text, f.Attrs["speaker"])
		}
	default:
		if f.Attrs["speaker"] != w.speaker {
			t.Errorf("%q: speaker %v, want %q (cue %v)", f.Text, f.Attrs["speaker"], w.speaker, f.Attrs["cue"])
		}
	}
	if w.note != "" && f.Attrs["note"] != w.note {
		t.Errorf("%q: note %v, want %q", f.Text, f.Attrs["note"], w.note)
	}
	if w.block != nil && f.Attrs["block"] != *w.block {
		t.Errorf("%q: block %v, want %v", f.Text, f.Attrs["block"], *w.block)
	}
	if w.pair != 0 && f.Attrs["translation_of_line"] != w.pair {
		t.Errorf("%q: translation_of_line %v, want %d", f.Text, f.Attrs["translation_of_line"], w.pair)
	}
}

func dump(fs []quellen.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + string(f.Kind) + " " + f.Text + " ")
		for _, k := range []string{"speaker", "cue", "lang", "note", "block", "nested"} {
			if v, ok := f.Attrs[k]; ok && v != nil {
				b.WriteString(k + "=")
				switch x := v.(type) {
				case string:
					b.WriteString(x)
				case bool:
					if x {
						b.WriteString("true")
					} else {
						b.WriteString("false")
					}
				}
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestBlockquoteParagraph: a <blockquote> paragraph without marks is one
// block quotation.
func TestBlockquoteParagraph(t *testing.T) {
	text := "He said:\n\nThe Committee has before it a ledger, not a rumour.\n\nThen he sat down."
	d := doc(text)
	for _, p := range [][2]int{{0, 8}, {10, 61}, {63, len(text)}} {
		k := "paragraph"
		if p[0] == 10 {
			k = "blockquote"
		}
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: p[0], End: p[1]}, Kind: k})
	}
	fs := (Extractor{}).Extract(d)
	if len(fs) != 1 || fs[0].Text != "The Committee has before it a ledger, not a rumour." || fs[0].Attrs["block"] != true {
		t.Fatalf("got\n%s", dump(fs))
	}
}

// TestScan pins the scanner on the mark conventions, apostrophes and
// nesting.
func TestScan(t *testing.T) {
	tests := []struct {
		in   string
		want []string // spans found, with marks, outermost first
	}{
		{`He said "yes" and "no".`, []string{`"yes"`, `"no"`}},
		{`" Good night , Sir John , " said the parson .`, []string{`" Good night , Sir John , "`}},
		{"« Oui »", []string{"« Oui »"}},
		{"„Ja“ und „Nein“", []string{"„Ja“", "„Nein“"}},
		{"‘the workers’ movement’", []string{"‘the workers’ movement’"}},
		{"‘Dogs’ and ‘cats’", []string{"‘Dogs’", "‘cats’"}},
		{"`a bankers' bargain'", []string{"`a bankers' bargain'"}},
		{"``TeX quotes''", []string{"``TeX quotes''"}},
		{"don't, l'Humanité, O'Brien", nil},
		{"“outer ‘inner’ end”", []string{"“outer ‘inner’ end”", "‘inner’"}},
		{"“never closed", nil},
	}
	for _, tc := range tests {
		var got []string
		spans := scan(tc.in, [][2]int{{0, len(tc.in)}})
		// outermost first
		for d := 0; d < 4; d++ {
			for _, s := range spans {
				if s.depth == d {
					got = append(got, tc.in[s.openS:s.closeE])
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("scan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“a” ‘b’ «c» „d“ `e' \"f\" 'g'",
		"He adds: “x\n\n“y”",
		"`This railway is not a bankers' affair; it is.'5",
		"Com. Stalin says that “x”.[3]\n\n[3] N. A. Sveshnikov, letter.",
		"«Я не требую денег.»\n\n“I do not ask.”",
		"\"\"\"''''``„„««»»””",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		fs := (Extractor{}).Extract(doc(s))
		for _, x := range fs {
			if x.Clean.Start < 0 || x.Clean.End > len(s) || x.Clean.Start > x.Clean.End {
				t.Fatalf("span %v out of [0,%d)", x.Clean, len(s))
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	para := "Mr. Volkar says that he accepts it. He asks that the following words be recorded: “A minister who signs a concession signs it in the name of the Republic.” The so-called “German intrigue” of Brisk’s chapter dissolves; Brisk writes that it “played no part whatever”.[4] Il dit : « Ce n'est pas une affaire de banquiers. » The workers' movement, `bankers' bargain'.\n\n"
	text := strings.Repeat(para, 2000)
	d := doc(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		(Extractor{}).Extract(d)
	}
}
