package repair

import (
	"strings"
	"testing"
)

func TestKeepHyphen(t *testing.T) {
	lex := NewLexicon()
	lex.Learn("the Société franco-lesnienne des chemins de fer; the well-known case of Velgrad")
	for _, tc := range []struct {
		first, second string
		keep          bool
	}{
		{"con", "cession", false},           // the joined word is known
		{"franco", "lesnienne", true},       // the corpus writes it hyphenated
		{"Vel", "grad", false},              // the corpus writes it joined
		{"well", "known", true},             // hyphenated in the corpus
		{"anti", "fascist", true},           // both parts words, the whole not
		{"Franco", "Prussian", true},        // a capital after the hyphen
		{"1933", "1934", true},              // digits
		{"\uFFFD", "nanced", false},         // a lost ligature: "financed"
		{"o\uFFFD", "cials", false},         // "officials"
		{"So", "ciété", false},              // unknown: joined
		{"anti-fas", "cist", false},         // a compound split again
		{"Khrus", "hchev", false},           // a name: joined
		{"speed", "reducers", true},         // "reducers" from "reduce"
		{"in", "nocent", false},             // "innocent"
		{"counter", "revolutionary", false}, // the list writes it joined
	} {
		if got := keepHyphen(tc.first, tc.second, lex); got != tc.keep {
			t.Errorf("keepHyphen(%q, %q) = %v, want %v", tc.first, tc.second, got, tc.keep)
		}
	}
}

func TestReadLigatures(t *testing.T) {
	lex := NewLexicon()
	lex.Learn("The Flottila sailed. The zorbffel was seen.")
	for _, tc := range []struct{ in, want string }{
		{"o\uFFFDce", "office"},
		{"\uFFFDrst", "first"},
		{"a\uFFFDair", "affair"},
		{"\uFFFDag", "flag"},
		{"tra\uFFFDc", "traffic"}, // English before the French "trafic"
		{"In\uFFFDuence", "Influence"},
		{"O\uFFFDCE", "OFFICE"},
		{"su\uFFFDer", "suffer"},     // the word before an inflection ("sufi"+"er")
		{"\uFFFDed", "fled"},         // not "fie"+"d"
		{"zorb\uFFFDel", "zorbffel"}, // the corpus's word
		{"di\uFFFDcul\uFFFDes", "difficulfies"},
		{"re\uFFFDexions", "reflexions"}, // unknown: the commonest between the same letters
		{"o\uFFFD-shore", "off-shore"},
	} {
		if got := lex.readLigatures(tc.in, false); got != tc.want {
			t.Errorf("readLigatures(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHeadParts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		num  int
		rest string
		ok   bool
	}{
		{"160 Another view of Stalin", 160, "Another view of Stalin", true},
		{"Iron and Influence 113", 113, "Iron and Influence", true},
		{"112", 112, "", true},
		{"1923", 1923, "", true},
		{"12345", 0, "", false},
		{"Chapter", 0, "", false},
		{"no number here", 0, "", false},
		{"art.7", 0, "", false},
		{"", 0, "", false},
		{strings.Repeat("x", 100) + " 5", 0, "", false},
	} {
		n, rest, ok := headParts(tc.in)
		if n != tc.num || rest != tc.rest || ok != tc.ok {
			t.Errorf("headParts(%q) = %d, %q, %v; want %d, %q, %v", tc.in, n, rest, ok, tc.num, tc.rest, tc.ok)
		}
	}
}

func TestNoteStartAndMarker(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"1 Statuts de la Société", 1},
		{"12 Penrose to Curzon, 16 May 1923", 12},
		{"11 On the fate of the letter", 11},
		{"3 men went to the town", -1}, // lower case: body text
		{"1923. It shows", -1},
		{"233-51, at p. 242.", -1},
		{"1234 Long number", -1},
		{"5 `This railway'", 5},
	} {
		if got := noteStart(tc.in); got != tc.want {
			t.Errorf("noteStart(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		text string
		n    int
		want bool
	}{
		{"no other purpose.1 Within", 1, true},
		{"of Mr. Kamen's account.'10", 10, true},
		{"58 votes to 47.4 The line", 4, true},
		{"in 1921 the", 1, false},
		{"page 4 of", 4, false},
		{"[4] here", 4, false},
		{"account.'10", 1, false},
	} {
		if got := hasMarker(tc.text, tc.n); got != tc.want {
			t.Errorf("hasMarker(%q, %d) = %v, want %v", tc.text, tc.n, got, tc.want)
		}
	}
}

func TestCharRef(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"&#8217;s", 7},
		{"&#x2019;", 8},
		{"&eacute;t", 8},
		{"&amp;#8217;s", 11},
		{"&amp; x", 5},
		{"&bogus;", 0},
		{"&#;", 0},
		{"& alone", 0},
		{"&amp", 0},
		{"&#99999999;", 0}, // too long
		{"&ampxyz;", 0},
	} {
		if got := charRef(tc.in, 0); got != tc.want {
			t.Errorf("charRef(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestDashAndMarks(t *testing.T) {
	for _, tc := range []struct {
		before, after rune
		want          bool
	}{
		{'7', '1', true},
		{'v', 'K', true},
		{'O', 'C', false}, // a word in capitals
		{'o', 'c', false},
		{'y', '1', true},
	} {
		if got := dashBetween(tc.before, tc.after); got != tc.want {
			t.Errorf("dashBetween(%q, %q) = %v", tc.before, tc.after, got)
		}
	}
	for _, tc := range []struct{ s, want string }{
		{"nature \uFFFD The", "—"},
		{"\uFFFD a bullet", "•"},
		{"again.\uFFFD But", "”"},
		{"said \uFFFD(and", "“"},
	} {
		p := strings.Index(tc.s, "\uFFFD")
		if got := loneMark(tc.s, p); got != tc.want {
			t.Errorf("loneMark(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestMeasureLayout(t *testing.T) {
	wrapped := strings.Repeat("the line goes on and on, as lines of a book do, to the right margin and\n\nbeyond it into the next one, where it goes on again until the margin and\n\n", 5)
	paras := strings.Repeat("A paragraph on one line. It ends with a full stop and is long enough.\n\nAnother paragraph, shorter.\n\n", 5)
	for _, tc := range []struct {
		name string
		in   string
		want bool
	}{
		{"wrapped", wrapped, true},
		{"paragraph lines", paras, false},
		{"single-spaced", strings.ReplaceAll(wrapped, "\n\n", "\n"), false},
		{"tiny", "a\n\nb\n\n", false},
		{"empty", "", false},
	} {
		if got := measureLayout(tc.in, splitLines(tc.in)).lineBroken; got != tc.want {
			t.Errorf("%s: lineBroken %v, want %v", tc.name, got, tc.want)
		}
	}
}
