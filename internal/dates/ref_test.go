package dates

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

func init() {
	refPieces = append(refPieces, "(Ст.", "СТ.", "Ст. ст.", "(НОВЫЙ", "н. ст.", "(н. ст.)", "по старому стилю", "ПО СТАРОМУ СТИЛЮ", "(OLD STYLE)", "Old Style", "(os)", "(A.S.)", "A. St.", "(NEW STYLE)")
}

// refPieces are what the random texts of the property tests are made of:
// numbers, month and weekday names in several languages and cases,
// elisions, hyphenated words, style and era marks, letters outside ASCII
// and odd spaces.
var refPieces = []string{
	"1", "12", "1920", "1920s", "1920's", "1920’s", "1920er", "1920-е", "1920-х", "1-го", "2-е", "1st", "3rd", "1er", "2e", "21ème",
	"65AQ", "1921a", "May", "MAY", "may", "Mai", "mai", "June", "Jan.", "Sept.", "sept", "Monday", "lundi", "Montag", "мая", "Мая",
	"января", "Январь", "the", "The", "THE", "of", "in", "In", "on", "from", "to", "and", "between", "early", "late", "mid", "Mid",
	"circa", "c.", "vers", "около", "spring", "Summer", "l", "L", "d", "qu", "jusqu", "aujourd", "hui", "Aujourd", "twenty",
	"first", "twenty-first", "Twenty-First", "avant-hier", "après-midi", "Après-Demain", "week", "weeks", "day", "days", "later",
	"ago", "next", "last", "this", "year", "years", "century", "siècle", "XIX", "XIXe", "XXth", "IV", "It", "I", "Vx", "BC", "B.C.",
	"AD", "A.D.", "CE", "av.", "J.-C.", "до", "н.", "э.", "(O.S.)", "O.S.", "(Old Style)", "(N.S.)", "N.S.", "(ст.", "ст.)", "ст.",
	"n.s.", "a.", "st.", "old", "style", "будет", "will", "be", "recalled", "p.", "No.", "page", "$", "£", "%", "-", "–", "—", "/",
	".", ",", ";", ":", "(", ")", "'", "’", "ʼ", "\"", "http://x.org/1920", "www.y.com", "doi:10.1/2", "a@b.c", "Été", "été", "ÉTÉ",
	"İstanbul", "Ǆ", "K", "der", "am", "Jahr", "Jahre", "années", "les", "годы", "год", "г.", "yesterday", "Tomorrow", "veille",
	"lendemain", "morning", "soir", "²", "٣", "x",
}

var refSeps = []string{" ", " ", " ", "", "", "\n", "\u00a0", "  ", "\t", "\u2009", "\u0085", "\r\n"}

func randText(r *rand.Rand, n int) string {
	return testutil.RandomText(r, n, refPieces, refSeps)
}

// sameAsRef checks the scanner's tokens of text against the reference
// scanner's, and the dates found with each, in each language.
func sameAsRef(t *testing.T, text string) {
	t.Helper()
	var sc scanner
	var ref refScanner
	got := sc.scan(text, 0, len(text))
	want := ref.scan(text, 0, len(text))
	if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%q: token %d is %+v, want %+v", text, i, got[i], want[i])
			}
		}
		t.Fatalf("%q: %d tokens, want %d", text, len(got), len(want))
	}
	for _, lang := range []string{"en", "fr", "de", "ru", ""} {
		g := Find(text, lang, Point{Y: 1920, M: 5, D: 3, P: Day})
		w := refFind(text, lang, Point{Y: 1920, M: 5, D: 3, P: Day})
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%q (%s): found %+v, want %+v", text, lang, g, w)
		}
	}
}

// refFind is Find with the reference scanner: each chunk's tokens made
// by it and handed to the same parser.
func refFind(text, lang string, doc Point) []Match {
	f := &Finder{Doc: doc}
	f.Reset()
	var out []Match
	var sc refScanner
	emit := func(m Match) { out = append(out, m) }
	o := Options{Lang: lang}
	// Scan's cutting of a long passage, with the reference scanner
	for a, b := 0, len(text); a < b; {
		e := b
		if e-a > 1<<15 {
			e = a + 1<<15
			for e > a+1<<14 && text[e] != ' ' && text[e] != '\n' {
				e--
			}
		}
		f.parseChunk(text, a, e, sc.scan(text, a, e), o, emit)
		a = e
	}
	return out
}

// refStyleMark is styleMark as it was, without its look at the first byte.
func (p *parser) refStyleMark(i int) (int, bool, bool) {
	t := p.tk(i)
	if t.k == 0 {
		return i, false, false
	}
	low := strings.ToLower(p.text[t.s:min(len(p.text), t.s+40)])
	for _, m := range styleMarks {
		if strings.HasPrefix(low, m.s) {
			end := t.s + len(m.s)
			j := i
			for j < len(p.t) && p.t[j].s < end {
				j++
			}
			return j, m.jul, true
		}
	}
	return i, false, false
}

// TestStyleMarkSameAsRef holds styleMark to the reference at every token
// of random texts.
func TestStyleMarkSameAsRef(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for k := 0; k < 3000; k++ {
		text := randText(r, 1+r.Intn(20))
		var sc scanner
		p := &parser{text: text, t: sc.scan(text, 0, len(text))}
		for i := -1; i <= len(p.t); i++ {
			j, jul, ok := p.styleMark(i)
			rj, rjul, rok := p.refStyleMark(i)
			if j != rj || jul != rjul || ok != rok {
				t.Fatalf("%q at %d: styleMark %d %v %v, want %d %v %v", text, i, j, jul, ok, rj, rjul, rok)
			}
		}
	}
}

// TestScannerSameAsRef holds the scanner and the finder to the reference
// on random texts and on the files of $QUELLEN_BENCH when set.
func TestScannerSameAsRef(t *testing.T) {
	testutil.SameOnTexts(t, randText, func(text string) { sameAsRef(t, text) })
}

func FuzzScannerSameAsRef(f *testing.F) {
	f.Add("in early May 1920 (O.S.), the 1920s and 21st of June")
	f.Add("aujourd’hui, l’an 1921, avant-hier, XIXe siècle, 300 BC")
	f.Add("Été 1944 — 19.11.1944 http://x.org/1920 будет 5 мая")
	f.Fuzz(func(t *testing.T, s string) { sameAsRef(t, s) })
}

// TestPointStringSameAsFmt holds Point.String to its formatting by fmt.
func TestPointStringSameAsFmt(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	vals := []int{0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 123456, -1, -9, -10, -999, -1000, -9999, -10000, -123456}
	pick := func() int {
		if r.Intn(2) == 0 {
			return vals[r.Intn(len(vals))]
		}
		return r.Intn(40000) - 20000
	}
	for k := 0; k < 100000; k++ {
		p := Point{Y: pick(), M: pick(), D: pick(), P: Precision(r.Intn(5))}
		if k%2 == 0 {
			p.M, p.D = r.Intn(14), r.Intn(33)
		}
		want := p.slowString()
		if p.P == None {
			want = ""
		}
		if got := p.String(); got != want {
			t.Fatalf("%+v: String %q, want %q", p, got, want)
		}
	}
}

// TestLowerKeepsWords holds the scanner's lower-casing to strings.ToLower
// and the words it made to their values after many more are made.
func TestLowerKeepsWords(t *testing.T) {
	var sc scanner
	words := []string{"Twenty", "MAY", "Mai", "The", "Zzyzx", "Été", "ÉTÉ", strings.Repeat("X", 5000), "MonDay", "Qwerty"}
	var made []string
	for round := 0; round < 3000; round++ {
		for _, w := range words {
			got, lx := sc.lower(w)
			if want := strings.ToLower(w); got != want || lx != refLookup(want) {
				t.Fatalf("lower(%q) = %q %p, want %q %p", w, got, lx, want, refLookup(want))
			}
			made = append(made, got)
		}
	}
	for i, m := range made {
		if want := strings.ToLower(words[i%len(words)]); m != want {
			t.Fatalf("word %d became %q, want %q", i, m, want)
		}
	}
}

// refFindURLs is findURLs as it was, each prefix looked for everywhere.
func refFindURLs(text string, a, b int, out []span) []span {
	s := text[a:b]
	for _, pre := range urlPrefixes {
		off := 0
		for {
			k := strings.Index(s[off:], pre)
			if k < 0 {
				break
			}
			st := off + k
			en := st
			for en < len(s) && s[en] != ' ' && s[en] != '\n' && s[en] != '\t' && s[en] != '<' && s[en] != '"' && s[en] != ')' && s[en] != ']' {
				en++
			}
			out = append(out, span{a + st, a + en})
			off = en
			if off >= len(s) {
				break
			}
		}
	}
	return out
}

// TestFindURLsSameAsRef holds findURLs to the reference on random texts.
func TestFindURLsSameAsRef(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	bits := []string{"http://", "https://", "ftp://", "doi:", "www.", "://", ":", "http:", "x", " ", "\n", ")", "a.b", "ht", "tp://"}
	for k := 0; k < 20000; k++ {
		var sb strings.Builder
		for n := r.Intn(12); n >= 0; n-- {
			sb.WriteString(bits[r.Intn(len(bits))])
		}
		s := sb.String()
		a := r.Intn(len(s) + 1)
		b := a + r.Intn(len(s)-a+1)
		if got, want := findURLs(s, a, b, nil), refFindURLs(s, a, b, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q [%d:%d]: %v, want %v", s, a, b, got, want)
		}
	}
}

// TestLexiconStart holds each word's start to what canStart once asked of
// its fields.
func TestLexiconStart(t *testing.T) {
	for w, l := range lexicon {
		want := l.month > 0 || l.weekday > 0 || l.season > 0 || l.qual > 0 || l.approx || l.rel > 0 || l.day > 0 || l.dir != 0 || l.unit > 0 || l.century || l.era != 0
		if l.start != want {
			t.Errorf("%q: start %v, want %v", w, l.start, want)
		}
	}
}
