package numbers

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// refPieces are what the random texts of the property tests are made of:
// numbers in digits and words, units, capitals, hyphens, apostrophes,
// letters outside ASCII and odd spaces.
var refPieces = []string{
	"1", "12", "1,800", "1 800", "1.800", "3.5", "3,5", "47.4", "6o", "1st", "2e", "300km", "65AQ", "1-й", "2-го", "1920",
	"one", "One", "ONE", "two", "three", "Three", "quarters", "half", "a", "A", "an", "An", "quarter", "dozen", "hundred",
	"thousand", "million", "Million", "and", "et", "un", "vingt", "quatre-vingt", "quatre-vingts", "dix-huit", "cent", "mille",
	"twenty-three", "Twenty-Three", "twenty-first", "forty-odd", "x-ray", "ein", "einundzwanzig", "zweihundert", "hundert",
	"tausend", "drei", "fünf", "Fünf", "двадцать", "Два", "тысяч", "около", "about", "nearly", "some", "over", "environ",
	"people", "men", "votes", "per", "cent", "percent", "%", "$", "£", "€", "km", "miles", "to", "or", "between", "-", "–",
	"—", "−", "’", "'", "o'clock", "O’Clock", "jusqu’à", "l'an", "p.", "No.", "page", "Chapter", "clause", "art.7", ".", ",",
	";", ":", "(", ")", "\"", "m²", "km³", "Été", "élève", "ÉCOLE", "İstanbul", "The", "the", "of", "times", "hours",
	"o", "O", "figure", "chiffre", "de", "at", "10", "12", "o’clock", "Mio", "bn", "млн", "half-a-dozen", "one-third",
}

var refSeps = []string{" ", " ", " ", "", "\n", "\u00a0", "\u202f", "\u2009", "  ", "\t", "\u0085"}

func randText(r *rand.Rand, n int) string {
	return testutil.RandomText(r, n, refPieces, refSeps)
}

// sameAsRef checks the scanner's tokens and the finder's quantities of
// text against the references, in each language and with markers.
func sameAsRef(t *testing.T, text string) {
	t.Helper()
	markers := map[int]bool{}
	for i := 0; i < len(text); i += 37 {
		markers[i] = true
	}
	for _, ms := range []map[int]bool{nil, markers} {
		for _, en := range []bool{true, false} {
			var sc scanner
			var ref refScanner
			got := sc.scan(text, 0, len(text), en, ms)
			want := ref.scan(text, 0, len(text), en, ms)
			for i := range got {
				if g := &got[i]; g.hy != (g.k == kWord && strings.Contains(g.w, "-")) {
					t.Fatalf("%q: token %d %q has hy %v", text, i, g.w, g.hy)
				} else {
					g.hy = false // the reference knows no hy
				}
			}
			if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("%q: token %d is %+v, want %+v", text, i, got[i], want[i])
					}
				}
				t.Fatalf("%q: %d tokens, want %d", text, len(got), len(want))
			}
		}
		for _, lang := range []string{"en", "fr", "de", "ru", ""} {
			o := Options{Lang: lang, Markers: ms, Skip: func(s, e int) bool { return s%97 == 3 }}
			var got, want []Quantity
			var f Finder
			f.Find(text, 0, len(text), o, func(q Quantity) { got = append(got, q) })
			refFindAll(text, 0, len(text), o, func(q Quantity) { want = append(want, q) })
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (%s): found %+v, want %+v", text, lang, got, want)
			}
		}
	}
}

// TestFinderSameAsRef holds the finder to the reference on random texts
// and on the files of $QUELLEN_BENCH when set.
func TestFinderSameAsRef(t *testing.T) {
	testutil.SameOnTexts(t, randText, func(text string) { sameAsRef(t, text) })
}

func FuzzFinderSameAsRef(f *testing.F) {
	f.Add("about 1,800 people and twenty-three men")
	f.Add("a quarter of a million, half a dozen, A Million votes")
	f.Add("O’Clock jusqu’à dix-huit cents km² — 6o million")
	f.Fuzz(func(t *testing.T, s string) { sameAsRef(t, s) })
}
