package dates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/testutil"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		in, lang, doc string
		raw, from, to string
		approx        bool
	}{
		// absolute dates in every order
		{in: "On 19 November 1944 the line broke.", raw: "19 November 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "November 19, 1944", raw: "November 19, 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "Nov. 19, 1944", raw: "Nov. 19, 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "Nov 19 1944", raw: "Nov 19 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "the 19th of November, 1944", raw: "the 19th of November, 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "Saturday, 12 May 1923", raw: "Saturday, 12 May 1923", from: "1923-05-12", to: "1923-05-12"},
		{in: "il arriva le 17 septembre 1939", lang: "fr", raw: "le 17 septembre 1939", from: "1939-09-17", to: "1939-09-17"},
		{in: "ouverte le 1er octobre 1924, avec", lang: "fr", raw: "le 1er octobre 1924", from: "1924-10-01", to: "1924-10-01"},
		{in: "19 ноября 1944 г. в Москве", lang: "ru", raw: "19 ноября 1944 г.", from: "1944-11-19", to: "1944-11-19"},
		{in: "в ноябре 1944 года", lang: "ru", raw: "ноябре 1944 года", from: "1944-11", to: "1944-11"},
		{in: "am 19. November 1944", lang: "de", raw: "19. November 1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "ISO 1944-11-19 here", raw: "1944-11-19", from: "1944-11-19", to: "1944-11-19"},
		{in: "on 19.11.1944 at", raw: "19.11.1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "on 11/19/1944", lang: "en", raw: "11/19/1944", from: "1944-11-19", to: "1944-11-19"},
		{in: "le 19/11/1944", lang: "fr", raw: "le 19/11/1944", from: "1944-11-19", to: "1944-11-19"},
		// partial dates keep their precision
		{in: "in April 1921 he", raw: "April 1921", from: "1921-04", to: "1921-04"},
		{in: "novembre 1923", lang: "fr", raw: "novembre 1923", from: "1923-11", to: "1923-11"},
		{in: "in 1913 the survey", raw: "1913", from: "1913", to: "1913"},
		{in: "the 1913 survey", raw: "1913", from: "1913", to: "1913"},
		{in: "Harrow & Finch, 2016).", raw: "2016", from: "2016", to: "2016"},
		{in: "vol. 41, no. 2 (2017), pp. 233–251", raw: "2017", from: "2017", to: "2017"},
		// ranges are one record
		{in: "in 1937–1938 the", raw: "1937–1938", from: "1937", to: "1938"},
		{in: "in 1937-38 the", raw: "1937-38", from: "1937", to: "1938"},
		{in: "the winter 1944/45", raw: "the winter 1944/45", from: "1944-12", to: "1945-02", approx: true},
		{in: "December 2021 - January 2022", raw: "December 2021 - January 2022", from: "2021-12", to: "2022-01"},
		{in: "from 1936 to 1939", raw: "from 1936 to 1939", from: "1936", to: "1939"},
		{in: "between 1936 and 1939", raw: "between 1936 and 1939", from: "1936", to: "1939"},
		{in: "from 5 to 11 April 1922 for", raw: "from 5 to 11 April 1922", from: "1922-04-05", to: "1922-04-11"},
		{in: "sittings of 28 and 29 April 1921, cols.", raw: "28 and 29 April 1921", from: "1921-04-28", to: "1921-04-29"},
		{in: "in February and March 1921", raw: "February and March 1921", from: "1921-02", to: "1921-03"},
		{in: "February 15–20, 1941", raw: "February 15–20, 1941", from: "1941-02-15", to: "1941-02-20"},
		{in: "du 28 avril au 3 mai 1921", lang: "fr", raw: "du 28 avril au 3 mai 1921", from: "1921-04-28", to: "1921-05-03"},
		{in: "с 1936 по 1939 год", lang: "ru", raw: "с 1936 по 1939 год", from: "1936", to: "1939"},
		{in: "von 1936 bis 1939", lang: "de", raw: "von 1936 bis 1939", from: "1936", to: "1939"},
		{in: "from the spring of 1921 to the end of 1923, has", raw: "from the spring of 1921 to the end of 1923", from: "1921-03", to: "1923-12", approx: true},
		{in: "from 1920 until his resignation", raw: "1920", from: "1920", to: "1920"},
		// decades and centuries
		{in: "in the 1920s", raw: "1920s", from: "1920", to: "1929"},
		{in: "les années 1920", lang: "fr", raw: "les années 1920", from: "1920", to: "1929"},
		{in: "в 1920-е годы", lang: "ru", raw: "1920-е годы", from: "1920", to: "1929"},
		{in: "die 1920er Jahre", lang: "de", raw: "1920er Jahre", from: "1920", to: "1929"},
		{in: "in the twenties", raw: "the twenties", from: "1920", to: "1929"},
		{in: "the 20th century", raw: "20th century", from: "1900", to: "1999"},
		{in: "au XIXe siècle", lang: "fr", raw: "XIXe siècle", from: "1800", to: "1899"},
		// fuzzy dates
		{in: "late May 1945", raw: "late May 1945", from: "1945-05", to: "1945-05", approx: true},
		{in: "the early 1930s", raw: "the early 1930s", from: "1930", to: "1933", approx: true},
		{in: "mid-1920s", raw: "mid-1920s", from: "1924", to: "1926", approx: true},
		{in: "in spring 1939", raw: "spring 1939", from: "1939-03", to: "1939-05", approx: true},
		{in: "the autumn of 1919.", raw: "the autumn of 1919", from: "1919-09", to: "1919-11", approx: true},
		{in: "the winter of 1948", raw: "the winter of 1948", from: "1948-12", to: "1949-02", approx: true},
		{in: "circa 1920", raw: "circa 1920", from: "1920", to: "1920", approx: true},
		{in: "c. 1920", raw: "c. 1920", from: "1920", to: "1920", approx: true},
		{in: "mort à Buenos Aires vers 1930.", lang: "fr", raw: "vers 1930", from: "1930", to: "1930", approx: true},
		{in: "около 1930 г.", lang: "ru", raw: "около 1930 г.", from: "1930", to: "1930", approx: true},
		{in: "vint à Velgrad fin mai 1922, pour", lang: "fr", raw: "fin mai 1922", from: "1922-05", to: "1922-05", approx: true},
		{in: "Au début d'avril 1922, j'étais", lang: "fr", raw: "Au début d'avril 1922", from: "1922-04", to: "1922-04", approx: true},
		{in: "C'est au début de 1923 que", lang: "fr", raw: "au début de 1923", from: "1923-01", to: "1923-03", approx: true},
		{in: "public early in 1923 the", raw: "early in 1923", from: "1923-01", to: "1923-03", approx: true},
		{in: "at the end of 1920.", raw: "the end of 1920", from: "1920-11", to: "1920-12", approx: true},
		{in: "à la fin de l'hiver 1920-1921, par", lang: "fr", raw: "la fin de l'hiver 1920-1921", from: "1921-02", to: "1921-03", approx: true},
		{in: "au printemps de 1921", lang: "fr", raw: "au printemps de 1921", from: "1921-03", to: "1921-05", approx: true},
		{in: "весной 1921 года", lang: "ru", raw: "весной 1921 года", from: "1921-03", to: "1921-05", approx: true},
		{in: "в начале 1923 года", lang: "ru", raw: "начале 1923 года", from: "1923-01", to: "1923-03", approx: true},
		{in: "Anfang 1923", lang: "de", raw: "Anfang 1923", from: "1923-01", to: "1923-03", approx: true},
		// relative dates, resolved against the document's date
		{in: "sat yesterday for seven hours", doc: "1923-05-12", raw: "yesterday", from: "1923-05-11", to: "1923-05-11"},
		{in: "On Thursday evening, as", doc: "1923-05-12", raw: "Thursday evening", from: "1923-05-10", to: "1923-05-10"},
		{in: "will sit again on Friday next, when", doc: "1923-05-12", raw: "Friday next", from: "1923-05-18", to: "1923-05-18"},
		{in: "the cutting on October 19 last cost", doc: "1923-05-12", raw: "October 19 last", from: "1922-10-19", to: "1922-10-19"},
		{in: "in February of this year.", doc: "1923-05-11", raw: "February of this year", from: "1923-02", to: "1923-02"},
		{in: "in Paris in April of last year, at", doc: "1923-05-12", raw: "April of last year", from: "1922-04", to: "1922-04"},
		{in: "open by the first of April, is", doc: "1923-05-12", raw: "the first of April", from: "1923-04-01", to: "1923-04-01"},
		{in: "began on the 3rd of February, when", doc: "1923-05-12", raw: "the 3rd of February", from: "1923-02-03", to: "1923-02-03"},
		{in: "two years ago", doc: "2013-03-22", raw: "two years ago", from: "2011", to: "2011"},
		{in: "last summer", doc: "2013-03-22", raw: "last summer", from: "2012-06", to: "2012-08", approx: true},
		{in: "in October", doc: "2013-03-22", raw: "October", from: "2012-10", to: "2012-10"},
		{in: "On the evening of September 28th and 29th a", doc: "1939-10-01", raw: "September 28th and 29th", from: "1939-09-28", to: "1939-09-29"},
		{in: "by the end of the year", doc: "1944-11-19", raw: "the end of the year", from: "1944-11", to: "1944-12", approx: true},
		{in: "tomorrow", doc: "1944-11-19", raw: "tomorrow", from: "1944-11-20", to: "1944-11-20"},
		{in: "la veille", lang: "fr", doc: "1922-10-19", raw: "la veille", from: "1922-10-18", to: "1922-10-18"},
		// Old Style / New Style, BCE
		{in: "on 25 October / 7 November 1917", raw: "25 October / 7 November 1917", from: "1917-11-07", to: "1917-11-07"},
		{in: "12/25 April 1918", raw: "12/25 April 1918", from: "1918-04-25", to: "1918-04-25"},
		{in: "25 October 1917 (O.S.)", raw: "25 October 1917 (O.S.)", from: "1917-11-07", to: "1917-11-07"},
		{in: "in 44 BC Caesar", raw: "44 BC", from: "-0043", to: "-0043"},
		{in: "vers 500 av. J.-C.", lang: "fr", raw: "vers 500 av. J.-C.", from: "-0499", to: "-0499", approx: true},
		{in: "в 862 году", lang: "ru", raw: "862 году", from: "0862", to: "0862"},
		{in: "AD 1066", raw: "AD 1066", from: "1066", to: "1066"},
	} {
		doc, _ := ParsePoint(tc.doc)
		ms := Find(tc.in, tc.lang, doc)
		if len(ms) != 1 {
			var got []string
			for _, m := range ms {
				got = append(got, m.Text)
			}
			t.Errorf("%q: found %d dates %q, want 1", tc.in, len(ms), got)
			continue
		}
		m := ms[0]
		if m.Text != tc.raw || m.From.String() != tc.from || m.To.String() != tc.to || m.Approx != tc.approx {
			t.Errorf("%q: got %q %s..%s approx=%v, want %q %s..%s approx=%v",
				tc.in, m.Text, m.From, m.To, m.Approx, tc.raw, tc.from, tc.to, tc.approx)
		}
		if tc.in[m.Start:m.End] != m.Text {
			t.Errorf("%q: span [%d,%d) is %q, not the text %q", tc.in, m.Start, m.End, tc.in[m.Start:m.End], m.Text)
		}
	}
}

func TestNotDates(t *testing.T) {
	for _, in := range []string{
		"page 1921", "p. 1921", "pp. 1920-1921", "col. 1184", "No. 1412", "Vol. IX, No. 1412",
		"1,200 men", "1,800 workmen", "1500 men", "1920 francs", "1920%", "$1920", "£1921",
		"FO 371/9312, ff. 67-84", "f. 1402, op. 2, d. 57, l. 31-48", "65 AQ E 412",
		"https://www.lesnianrailways.org/sources/kessler-1921.html", "www.example.org/1923/05/12/x",
		"at 10.15 a.m.", "at 5.05 p.m.", "1920.5 km", "art.7", "vol.2",
		"Jan Volkar", "you may be right", "they march on", "an august body", "the afternoon", "le soir",
		"j'ai été", "A ÉTÉ FAIT", "summer camp", "the February Revolution", "Chapter 5",
		"sept ans", "a number of deputies", "12345", "0000", "", "   ", "–", "the", "1st",
		"the same day", "ce jour-là", "this morning", "to fall in line", "destined to fall during the war",
		"the preceding years", "the previous months", "he wrote to April Smith", "May I ask", "June Carter sang", "in his twenties",
	} {
		if ms := Find(in, "", Point{}); len(ms) != 0 {
			t.Errorf("%q: found %q, want no date", in, ms[0].Text)
		}
	}
}

func TestNarrativeAnchor(t *testing.T) {
	text := "Le 19 octobre 1922, la paroi glissa. Volkar vint le lendemain. Deux jours plus tard il repartit."
	ms := Find(text, "fr", Point{Y: 1954, P: Year})
	want := []struct{ raw, from, anchor string }{
		{"Le 19 octobre 1922", "1922-10-19", ""},
		{"le lendemain", "1922-10-20", "1922-10-19"},
		{"Deux jours plus tard", "1922-10-22", "1922-10-20"},
	}
	if len(ms) != len(want) {
		t.Fatalf("found %d dates, want %d: %+v", len(ms), len(want), ms)
	}
	for i, w := range want {
		m := ms[i]
		if m.Text != w.raw || m.From.String() != w.from || (w.anchor != "" && m.Anchor.String() != w.anchor) {
			t.Errorf("%d: got %q %s anchor %s, want %q %s anchor %s", i, m.Text, m.From, m.Anchor, w.raw, w.from, w.anchor)
		}
	}
}

func TestUnresolved(t *testing.T) {
	ms := Find("The next day he left.", "en", Point{})
	if len(ms) != 1 || !ms[0].Unresolved || !ms[0].Relative {
		t.Fatalf("got %+v, want one unresolved relative date", ms)
	}
	f := finding(ms[0])
	if f.Attrs["from"] != nil || f.Attrs["unresolved"] != true {
		t.Errorf("attrs %v: want from nil and unresolved", f.Attrs)
	}
}

// TestExtract runs the extractor on a document with a note, a footnote
// marker and a running head: the running head is skipped, the note's
// dates do not move the narrative's anchor.
func TestExtract(t *testing.T) {
	text := "On 11 May 1923 the Committee sat.[1]\n\nIron and Influence 1921\n\n[1] Brisk (London, 2016), p. 3.\n\nThe press reprinted it the next day."
	p := func(sub, kind string) extract.Para {
		i := strings.Index(text, sub)
		return extract.Para{Span: quellen.Span{Start: i, End: i + len(sub)}, Kind: kind, Lang: "en"}
	}
	d := &extract.Doc{Text: text, Paras: []extract.Para{
		p("On 11 May 1923 the Committee sat.[1]", "paragraph"),
		p("Iron and Influence 1921", "running_head"),
		p("[1] Brisk (London, 2016), p. 3.", "note"),
		p("The press reprinted it the next day.", "paragraph"),
	}}
	fs := Extract(d)
	var got []string
	for _, f := range fs {
		if f.Kind != quellen.KindDate || text[f.Clean.Start:f.Clean.End] != f.Text {
			t.Errorf("bad finding %+v", f)
		}
		got = append(got, f.Text+"="+f.Attrs.String("from"))
	}
	want := "11 May 1923=1923-05-11 2016=2016 the next day=1923-05-12"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLongLine reads a passage far longer than one piece.
func TestLongLine(t *testing.T) {
	text := "On 19 November 1944 " + strings.Repeat("word ", 40000) + "and in 1945."
	ms := Find(text, "en", Point{})
	if len(ms) != 2 || ms[0].From.String() != "1944-11-19" || ms[1].Text != "1945" {
		t.Errorf("got %+v", ms)
	}
}

func TestParsePoint(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"1923", "1923", true}, {"1923-05", "1923-05", true}, {"1923-05-12", "1923-05-12", true},
		{"2021-12/2022-01", "2021-12", true}, {"-0043", "-0043", true}, {"1923-13", "", false},
		{"1923-02-30", "", false}, {"", "", false}, {"x", "", false}, {"1923-05-12T10:00:00Z", "1923-05-12", true},
	} {
		p, ok := ParsePoint(tc.in)
		if ok != tc.ok || ok && p.String() != tc.want {
			t.Errorf("ParsePoint(%q) = %s, %v; want %s, %v", tc.in, p, ok, tc.want, tc.ok)
		}
	}
}

func TestJulian(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1917-10-25", "1917-11-07"}, {"1700-02-18", "1700-02-28"}, {"1700-03-01", "1700-03-12"}, {"1582-10-05", "1582-10-15"},
	} {
		p, _ := ParsePoint(tc.in)
		if got := julianToGregorian(p).String(); got != tc.want {
			t.Errorf("julian %s = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"from 5 to 11 April 1922", "la fin de l'hiver 1920-1921", "19 ноября 1944 г.", "25 October / 7 November 1917",
		"the next day", "1937-38", "Friday next", "1,200", "p. 1921", "XIXe siècle", "44 BC", "mid-1920s", "12/25 April 1918",
		"\xff\xfe1921", "1921\u0301", "February 15–20, 1941",
	} {
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		for _, m := range Find(s, lang, Point{Y: 1923, M: 5, D: 12, P: Day}) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %d..%d in %q", m.Start, m.End, s)
			}
			if !m.Unresolved && (m.From.IsZero() || m.To.Before(m.From)) {
				t.Fatalf("bad value %s..%s for %q", m.From, m.To, m.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Text) {
				t.Fatalf("span cuts a rune: %q", m.Text)
			}
		}
	})
}

// BenchmarkFind measures the date finder on the dev corpus's plain-text
// documents; it reports MB/s.
func BenchmarkFind(b *testing.B) {
	text := devCorpus(b)
	b.SetBytes(int64(len(text)))
	f := &Finder{Doc: Point{Y: 1923, P: Year}}
	for b.Loop() {
		f.Reset()
		f.Scan(text, 0, len(text), Options{Lang: "en"}, func(Match) {})
	}
}

// devCorpus reads the dev corpus's plain-text documents into one text.
func devCorpus(tb testing.TB) string {
	dir := testutil.Shared(tb, "dev")
	var sb strings.Builder
	for _, n := range []string{"d1.txt", "d2.txt", "d3.txt", "d5.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			tb.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}

// TestExtractNoteAnchor: a relative date in a note reads the narrative's
// date just before the note's marker, not the last date of the text.
func TestExtractNoteAnchor(t *testing.T) {
	text := "On 10 May 1923 a telegram came.1 On 2 June 1923 he resigned.\n\n1. It was printed the next day."
	para := func(sub, kind string) extract.Para {
		i := strings.Index(text, sub)
		return extract.Para{Span: quellen.Span{Start: i, End: i + len(sub)}, Kind: kind, Lang: "en"}
	}
	mk := strings.Index(text, "came.1") + 5
	note := strings.Index(text, "It was")
	d := &extract.Doc{
		Text: text,
		Paras: []extract.Para{
			para("On 10 May 1923 a telegram came.1 On 2 June 1923 he resigned.", "paragraph"),
			para("1. It was printed the next day.", "note"),
		},
		Findings: []quellen.Finding{
			{Kind: quellen.KindNoteMarker, Clean: quellen.Span{Start: mk, End: mk + 1}, Attrs: quellen.Attrs{"number": "1", "note_line": 3}},
			{Kind: quellen.KindNote, Clean: quellen.Span{Start: note, End: len(text)}, Attrs: quellen.Attrs{"number": "1"}},
		},
		RawLine: func(off int) int { return strings.Count(text[:off], "\n") + 1 },
	}
	var got []string
	for _, f := range Extract(d) {
		got = append(got, f.Text+"="+f.Attrs.String("from"))
	}
	if want := "10 May 1923=1923-05-10 2 June 1923=1923-06-02 the next day=1923-05-11"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLexiconFilter holds mayKnow to what it promises: every word of the
// lexicon may be known, and lookup is the lexicon's own answer.
func TestLexiconFilter(t *testing.T) {
	for w, e := range lexicon {
		if !mayKnow(w) || lookup(w) != e {
			t.Errorf("lookup(%q) = %v, want %v", w, lookup(w), e)
		}
	}
	no := 0
	for _, w := range strings.Fields("the a of and to in was his that it with he as for had which by on not be at from this were but they all an quite remarkable yesterday") {
		if lookup(w) != lexicon[w] {
			t.Errorf("lookup(%q) = %v, want %v", w, lookup(w), lexicon[w])
		}
		if !mayKnow(w) {
			no++
		}
	}
	if no == 0 {
		t.Error("mayKnow rules out no common word")
	}
}

func FuzzLexiconLookup(f *testing.F) {
	f.Add("may")
	f.Add("quinze")
	f.Fuzz(func(t *testing.T, w string) {
		if lookup(w) != lexicon[w] {
			t.Errorf("lookup(%q) = %v, want %v", w, lookup(w), lexicon[w])
		}
	})
}

func checkIndexPrefix(t *testing.T, s string) {
	t.Helper()
	for _, pre := range urlPrefixes {
		if got, want := indexPrefix(s, pre), strings.Index(s, pre); got != want {
			t.Fatalf("indexPrefix(%q, %q) = %d, want %d", s, pre, got, want)
		}
	}
}

func TestIndexPrefix(t *testing.T) {
	for _, s := range []string{"", ":", "http:", "http://", "x https://a", "a: b: ftp://c doi:10.1/2", "see www.x.org or doi:",
		"htt://http://", "::https://", "doi:doi:", "http:/http://"} {
		checkIndexPrefix(t, s)
	}
}

func FuzzIndexPrefix(f *testing.F) {
	f.Add("at http://example.org: see doi:10.1000/1")
	f.Fuzz(func(t *testing.T, s string) { checkIndexPrefix(t, s) })
}
