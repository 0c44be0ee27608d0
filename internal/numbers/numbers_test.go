package numbers

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/testutil"
)

func find(s, lang string) []Quantity {
	var f Finder
	var out []Quantity
	f.Find(s, 0, len(s), Options{Lang: lang}, func(q Quantity) { out = append(out, q) })
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		in, lang string
		raw      string
		value    float64
		max      float64
		unit     string
		about    string
	}{
		{in: "around 20,000,000 dead", raw: "around 20,000,000 dead", value: 20e6, unit: "people", about: "around"},
		{in: "Poland killed approximately 60,000 Russian POWs.", raw: "approximately 60,000 Russian POWs", value: 60000, unit: "POWs", about: "approximately"},
		{in: "and called up 330,000 reservists.", raw: "330,000 reservists", value: 330000, unit: "reservists"},
		{in: "39 per cent of the members", raw: "39 per cent", value: 39, unit: "percent"},
		{in: "39% of them", raw: "39%", value: 39, unit: "percent"},
		{in: "a line of 300 km", raw: "300 km", value: 300, unit: "km"},
		{in: "some 300km away", raw: "some 300km", value: 300, unit: "km", about: "some"},
		{in: "a republic of two million people", raw: "two million people", value: 2e6, unit: "people"},
		{in: "a loss of 6o million francs", raw: "6o million francs", value: 60e6, unit: "francs"},
		{in: "10 to 12 million people", raw: "10 to 12 million people", value: 10e6, max: 12e6, unit: "people"},
		{in: "a line of 10–12 km", raw: "10–12 km", value: 10, max: 12, unit: "km"},
		{in: "около 20 тысяч солдат", lang: "ru", raw: "около 20 тысяч солдат", value: 20000, unit: "soldiers", about: "около"},
		{in: "5 млн человек", lang: "ru", raw: "5 млн человек", value: 5e6, unit: "people"},
		{in: "deux millions de francs", lang: "fr", raw: "deux millions de francs", value: 2e6, unit: "francs"},
		{in: "some 600 documents including accounts", raw: "some 600 documents", value: 600, unit: "documents", about: "some"},
		{in: "a 2009 analysis", raw: "", unit: ""},
		{in: "9.4 trillion euros", raw: "9.4 trillion euros", value: 9.4e12, unit: "euros"},
		{in: "between 12 and 18 months", raw: "between 12 and 18 months", value: 12, max: 18, unit: "months"},
		{in: "two or three years", raw: "two or three years", value: 2, max: 3, unit: "years"},
		{in: "for nearly seven hours in", raw: "nearly seven hours", value: 7, unit: "hours", about: "nearly"},
		{in: "over 1,000 men", raw: "over 1,000 men", value: 1000, unit: "people", about: "over"},
		{in: "environ 300 mètres", lang: "fr", raw: "environ 300 mètres", value: 300, unit: "metres", about: "environ"},
		{in: "около 300 человек", lang: "ru", raw: "около 300 человек", value: 300, unit: "people", about: "около"},
		{in: "the survey, in four bound volumes with the plans", raw: "four bound volumes", value: 4, unit: "volumes"},
		{in: "jusqu'à dix-huit cents hommes sur la ligne", lang: "fr", raw: "jusqu'à dix-huit cents hommes", value: 1800, unit: "people", about: "jusqu'à"},
		{in: "um elf vom Hundert unter", lang: "de", raw: "elf vom Hundert", value: 11, unit: "percent"},
		{in: "A quarter of a million francs was", raw: "A quarter of a million francs", value: 250000, unit: "francs"},
		{in: "les corps de quarante et un ouvriers.", lang: "fr", raw: "quarante et un ouvriers", value: 41, unit: "people"},
		{in: "Quarante mille m³ de glaise", lang: "fr", raw: "Quarante mille m³", value: 40000, unit: "m3"},
		{in: "some 900,000 m3 of earth", raw: "some 900,000 m3", value: 900000, unit: "m3", about: "some"},
		{in: "lives of twenty-three workmen", raw: "twenty-three workmen", value: 23, unit: "people"},
		{in: "quatre-vingt-dix jours", lang: "fr", raw: "quatre-vingt-dix jours", value: 90, unit: "days"},
		{in: "two hundred and fifty men", raw: "two hundred and fifty men", value: 250, unit: "people"},
		{in: "einundzwanzig Tage", lang: "de", raw: "einundzwanzig Tage", value: 21, unit: "days"},
		{in: "пять лет", lang: "ru", raw: "пять лет", value: 5, unit: "years"},
		{in: "an angle of not more than thirty degrees and", raw: "not more than thirty degrees", value: 30, unit: "degrees", about: "not more than"},
		{in: "1 800 hommes", lang: "fr", raw: "1 800 hommes", value: 1800, unit: "people"},
		{in: "3,5 km", lang: "fr", raw: "3,5 km", value: 3.5, unit: "km"},
		{in: "3.5 km", lang: "en", raw: "3.5 km", value: 3.5, unit: "km"},
		{in: "to collect $410,000 in benefits", raw: "$410,000", value: 410000, unit: "dollars"},
		{in: "£20 million pounds", raw: "£20 million pounds", value: 20e6, unit: "pounds"},
		{in: "at 410,000 in benefits", raw: "410,000", value: 410000, unit: ""},
		{in: "dans les trois pays concernés et", lang: "fr", raw: "trois pays", value: 3, unit: "pays"},
		{in: "Two serious offers reached the Ministry", raw: "Two serious offers", value: 2, unit: "offers"},
		{in: "a debate that filled two full sittings and", raw: "two full sittings", value: 2, unit: "sittings"},
		{in: "le chiffre de vingt-trois morts. Le chiffre de quarante et un est", lang: "fr", raw: "vingt-trois morts", value: 23, unit: "people"},
	} {
		qs := find(tc.in, tc.lang)
		if tc.unit == "" {
			if len(qs) != 0 {
				t.Errorf("%q: found %+v, want none (no unit)", tc.in, qs)
			}
			continue
		}
		if len(qs) == 0 {
			t.Errorf("%q: found nothing, want %q", tc.in, tc.raw)
			continue
		}
		q := qs[0]
		if q.Text != tc.raw || q.Value != tc.value || q.Max != tc.max || q.Unit != tc.unit || q.About != tc.about {
			t.Errorf("%q: got %q %v..%v %q about %q, want %q %v..%v %q about %q",
				tc.in, q.Text, q.Value, q.Max, q.Unit, q.About, tc.raw, tc.value, tc.max, tc.unit, tc.about)
		}
		if tc.in[q.Start:q.End] != q.Text {
			t.Errorf("%q: span %q is not the text %q", tc.in, tc.in[q.Start:q.End], q.Text)
		}
	}
}

func TestVotes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"ratified it by 61 votes to 44, after", "61 votes=61 44=44"},
		{"decides by two votes to one that", "two votes=2 one=1"},
		{"approved it by 58 votes to 47.", "58 votes=58 47=47"},
	} {
		var got []string
		for _, q := range find(tc.in, "en") {
			if q.Unit != "votes" {
				t.Errorf("%q: %q has unit %q", tc.in, q.Text, q.Unit)
			}
			got = append(got, q.Text+"="+strconv.FormatFloat(q.Value, 'f', -1, 64))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, strings.Join(got, " "), tc.want)
		}
	}
}

func TestNotNumbers(t *testing.T) {
	for _, in := range []string{
		"Chapter 5 The Concession", "p. 12 men", "No. 88 men", "clause 7 (2) of the deed", "Article 14(2)", "art.7 of the deed",
		"Exhibit 7 shows", "at 10.15 a.m. the", "at 5.05 p.m.", "at 10 a.m.", "un peu avant six heures du matin", "à six heures",
		"the fourth sitting", "the 4th sitting", "the first witness", "add one thing", "of one mind", "a single franc",
		"un centime", "plus d'un journaliste", "one of their leaders", "as one deputy corrected", "tous les quinze jours",
		"every two weeks", "ten times as many victims", "several dozen mine-hoists", "65 AQ E 412", "FO 371/9312, ff. 67-84",
		"1 Statuts de la Société", "2 LGIA, f. 1402", "114 Helena Marsh", "(1) the survey", "Review 41 (2017), pp. 233-51",
		"vol. 41, no. 2", "cols. 811–902", "a handful of votes", "a number of deputies", "", "  ", "-", "1,2,3", "6o", "o",
	} {
		if qs := find(in, "en"); len(qs) != 0 {
			t.Errorf("%q: found %q (%v %s), want none", in, qs[0].Text, qs[0].Value, qs[0].Unit)
		}
	}
	for _, in := range []string{"un peu avant six heures du matin", "à six heures", "tous les quinze jours", "un centime", "plus d'un journaliste"} {
		if qs := find(in, "fr"); len(qs) != 0 {
			t.Errorf("fr %q: found %q, want none", in, qs[0].Text)
		}
	}
}

// TestExtract checks that dates, footnote markers and running heads are
// left out, and that a number glued to a marker keeps its own value.
func TestExtract(t *testing.T) {
	text := "In 1921 some 1,800 men worked; the Diet approved it by 58 votes to 47.4 The line ran 186 kilometres.\n\nIron and Influence 113 pages"
	mk := strings.Index(text, "47.4") + 3
	yr := strings.Index(text, "1921")
	d := &extract.Doc{
		Text: text,
		Paras: []extract.Para{
			{Span: quellen.Span{Start: 0, End: strings.Index(text, "\n\n")}, Kind: "paragraph", Lang: "en"},
			{Span: quellen.Span{Start: strings.Index(text, "Iron"), End: len(text)}, Kind: "running_head", Lang: "en"},
		},
		Findings: []quellen.Finding{
			{Kind: quellen.KindDate, Clean: quellen.Span{Start: yr, End: yr + 4}},
			{Kind: quellen.KindNoteMarker, Clean: quellen.Span{Start: mk, End: mk + 1}},
		},
	}
	var got []string
	for _, f := range Extract(d) {
		if f.Kind != quellen.KindNumber || text[f.Clean.Start:f.Clean.End] != f.Text {
			t.Errorf("bad finding %+v", f)
		}
		got = append(got, f.Text+"|"+f.Attrs.String("unit"))
	}
	want := "some 1,800 men|people 58 votes|votes 47|votes 186 kilometres|km"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLongLine reads a passage far longer than one piece without losing
// the quantities at its ends.
func TestLongLine(t *testing.T) {
	text := "some 1,800 men " + strings.Repeat("word ", 40000) + "and 300 km"
	qs := find(text, "en")
	if len(qs) != 2 || qs[0].Value != 1800 || qs[1].Value != 300 || text[qs[1].Start:qs[1].End] != "300 km" {
		t.Errorf("got %+v", qs)
	}
}

func TestGermanNumber(t *testing.T) {
	for w, v := range map[string]float64{"einundzwanzig": 21, "zweihundert": 200, "dreitausend": 3000, "zweihundertfünf": 205, "elf": 11, "hund": 0, "und": 0} {
		if got := germanNumber(w); got != v {
			t.Errorf("germanNumber(%q) = %v, want %v", w, got, v)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"around 20,000,000 dead", "dix-huit cents hommes", "6o million", "61 votes to 44", "a quarter of a million francs",
		"1 800 hommes", "3,5 km", "10.15 a.m.", "\xff1,0", "quatre-vingt-dix-neuf ans", "zweihundertfünf Tage"} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		var fd Finder
		fd.Find(s, 0, len(s), Options{Lang: lang}, func(q Quantity) {
			if q.Start < 0 || q.End > len(s) || q.Start >= q.End || s[q.Start:q.End] != q.Text {
				t.Fatalf("bad span %d..%d in %q", q.Start, q.End, s)
			}
			if q.Unit == "" || q.HasMax && q.Max <= q.Value {
				t.Fatalf("bad quantity %+v", q)
			}
			if utf8.ValidString(s) && !utf8.ValidString(q.Text) {
				t.Fatalf("span cuts a rune: %q", q.Text)
			}
		})
	})
}

// BenchmarkFind measures the number finder on the dev corpus's plain-text
// documents; it reports MB/s.
func BenchmarkFind(b *testing.B) {
	text := devCorpus(b)
	b.SetBytes(int64(len(text)))
	var f Finder
	for b.Loop() {
		f.Find(text, 0, len(text), Options{Lang: "en"}, func(Quantity) {})
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
