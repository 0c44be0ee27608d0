package entities

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

func doc(text, lang string) *extract.Doc {
	d := &extract.Doc{Name: "t.txt", Text: text, Meta: quellen.Metadata{Language: lang}}
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: start, End: start + len(p)}, Kind: "paragraph", Lang: lang})
		start += len(p) + 2
	}
	return d
}

type want struct{ raw, typ, canon string }

func TestExtract(t *testing.T) {
	tests := []struct {
		name, text, lang string
		want             []want // in text order; canon "" = not checked
		not              []string
	}{
		{"titles are left out, Sir kept", "Mr. Volkar met Sir Arthur Penrose. Later Volkar wrote to Penrose.", "en",
			[]want{{"Volkar", "person", "Volkar"}, {"Sir Arthur Penrose", "person", "Arthur Penrose"}, {"Volkar", "person", ""}, {"Penrose", "person", "Arthur Penrose"}}, nil},
		{"one canonical name across mentions", "Com. Thorez spoke. Maurice Thorez was cheered, and Thorez bowed.", "en",
			[]want{{"Thorez", "person", "Maurice Thorez"}, {"Maurice Thorez", "person", "Maurice Thorez"}, {"Thorez", "person", "Maurice Thorez"}}, nil},
		{"initials and particles", "N. A. Sveshnikov met General de Gaulle and Joachim von Ribbentrop in Paris.", "en",
			[]want{{"N. A. Sveshnikov", "person", "Sveshnikov"}, {"de Gaulle", "person", ""}, {"Joachim von Ribbentrop", "person", "Joachim von Ribbentrop"}, {"Paris", "place", "Paris"}}, nil},
		{"scripts and renderings of one name", "I. V. Stalin spoke. Сталин was silent. Later Stalin left.", "en",
			[]want{{"I. V. Stalin", "person", "Stalin"}, {"Сталин", "person", "Stalin"}, {"Stalin", "person", "Stalin"}}, nil},
		{"French rendering of a Russian name", "L'ingénieur russe Svechnikov avait fait le relevé. Je revis Svechnikov à Paris.", "fr",
			[]want{{"Svechnikov", "person", "Sveshnikov"}, {"Svechnikov", "person", "Sveshnikov"}, {"Paris", "place", "Paris"}}, nil},
		{"organisations, short forms, abbreviations", "The Select Committee of the State Diet met in the Lesnian State Historical Archive (LGIA). The Committee read LGIA files, and the Diet waited.", "en",
			[]want{{"Select Committee of the State Diet", "org", "Select Committee of the State Diet"}, {"Lesnian State Historical Archive", "org", ""}, {"LGIA", "org", "Lesnian State Historical Archive"},
				{"Committee", "org", "Select Committee of the State Diet"}, {"LGIA", "org", "Lesnian State Historical Archive"}, {"Diet", "org", ""}}, nil},
		{"accent-less variant takes the accented name", "The Société franco-lesnienne des chemins de fer was founded. Later the Societe failed.", "en",
			[]want{{"Société franco-lesnienne des chemins de fer", "org", "Société franco-lesnienne des chemins de fer"}, {"Societe", "org", "Société franco-lesnienne des chemins de fer"}}, nil},
		{"no nationalities, roles or generic bodies", "The Lesnian Government and the French Minister asked the Chairman. The Cabinet agreed.", "en",
			nil, []string{"Lesnian", "Government", "French", "Minister", "Chairman", "Cabinet"}},
		{"newspapers consumed, not places", "The article in The Velgrad Herald of 3 May was read in Velgrad.", "en",
			[]want{{"Velgrad Herald", "publication", ""}, {"Velgrad", "place", "Velgrad"}}, nil},
		{"a father and his son stay apart", "Jan Volkar was a minister. His son Piotr Volkar was a lawyer. Jan Volkar died in 1940.", "en",
			[]want{{"Jan Volkar", "person", "Jan Volkar"}, {"Piotr Volkar", "person", "Piotr Volkar"}, {"Jan Volkar", "person", "Jan Volkar"}}, nil},
		{"a telegram in capitals", "M. Delorme wrote. « AUCUN VERSEMENT N'A ÉTÉ FAIT À M. VOLKAR PAR LA SOCIÉTÉ STOP DELORME »", "fr",
			[]want{{"Delorme", "person", "Delorme"}, {"VOLKAR", "person", ""}, {"DELORME", "person", "Delorme"}}, []string{"AUCUN", "STOP", "VERSEMENT"}},
		{"hyphenated pair of places", "The Velgrad-Marienhaven railway ran to Velgrad and to Marienhaven.", "en",
			[]want{{"Velgrad", "place", ""}, {"Marienhaven", "place", ""}, {"Velgrad", "place", ""}, {"Marienhaven", "place", ""}}, nil},
		{"French lower-case heads", "Il descendit à l'hôtel Terminus, près de la gare Saint-Lazare, et parla à la commission d'enquête de la Diète.", "fr",
			[]want{{"hôtel Terminus", "place", ""}, {"gare Saint-Lazare", "place", ""}, {"commission d'enquête de la Diète", "org", ""}}, nil},
		{"sentence starts are not names", "However the plan failed. Small states make good laboratories.", "en", nil, []string{"However", "Small"}},
		{"a weekday is no part of a name", "The funeral was held in Pullman Monday afternoon.", "en",
			[]want{{"Pullman", "place", "Pullman"}}, []string{"Pullman Monday", "Monday"}},
		{"a state after a town and a comma", "John Speaker, of Catawba, O., had sores. Mr. Smith of Linneus, Mo., came. He went to Jackson, Miss. Brown came.", "en",
			[]want{{"Catawba", "place", ""}, {"O.", "place", "Ohio"}, {"Smith", "person", ""}, {"Linneus", "place", ""}, {"Mo", "place", "Missouri"}, {"Brown", "person", ""}},
			[]string{"Miss", "Miss."}},
		{"St. and San begin places, not persons", "Bryan's St. Louis audience left. He sailed from St Louis to San Francisco.", "en",
			[]want{{"St. Louis", "place", ""}, {"St Louis", "place", ""}, {"San Francisco", "place", ""}}, []string{". Louis", "Louis"}},
		{"a title and an initial", "Capt. J. had captain Bounds aboard. N. E. winds blew.", "en",
			[]want{{"J.", "person", ""}, {"Bounds", "person", ""}}, []string{"N. E."}},
		{"a people's army in lower case, not its government", "The French army was approaching. The Lesnian government fell.", "en",
			[]want{{"French army", "org", ""}}, []string{"Lesnian government", "Lesnian"}},
		{"a town's newspaper", "The Richmond Whig says so, and the Weld County Republican agrees.", "en",
			[]want{{"Richmond Whig", "publication", ""}, {"Weld County Republican", "publication", ""}}, []string{"Richmond"}},
		{"hyphened places of old newspapers", "FROM SPAIN. NEW-YORK, March 30. The ship sailed from Rhode-Island.", "en",
			[]want{{"SPAIN", "place", "Spain"}, {"NEW-YORK", "place", "New York"}, {"Rhode-Island", "place", "Rhode Island"}}, nil},
		{"capitalised common words", "The Gentlemen of the Bar met in the Kingdom to hear the Specimen Cases.", "en",
			nil, []string{"Gentlemen", "Kingdom", "Specimen Cases"}},
		{"a surname that is a common word, named after by in prose", "The book by Brisk is long. Brisk goes further.", "en",
			[]want{{"Brisk", "person", ""}, {"Brisk", "person", ""}}, nil},
		{"the items of a list are alike", "The lake counties, Wayne, Huron, Arenac, and Barry County, have limestone.", "en",
			[]want{{"Wayne", "place", ""}, {"Huron", "place", ""}, {"Arenac", "place", ""}, {"Barry County", "place", ""}}, nil},
		{"a title ending a sentence takes no name", "Thanks went to the Chairman and Secretary. Resolved, That the thanks be given.", "en",
			nil, []string{"Resolved", "Secretary"}},
		{"empty", "", "en", nil, nil},
		{"damaged", "\xff\xfe Mr. \x00 ]]] [[[ « » “ ” — \n\n\n Mr. Mr. Mr.", "en", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(tt.text, tt.lang)
			got := Extract(d, NewGazetteer())
			for _, f := range got {
				if d.Text[f.Clean.Start:f.Clean.End] != f.Text || f.Attrs.String("raw") != f.Text {
					t.Errorf("finding %q does not match its span %v", f.Text, f.Clean)
				}
				for _, n := range tt.not {
					if f.Text == n {
						t.Errorf("%q should not be an entity", n)
					}
				}
			}
			k := 0
			for _, w := range tt.want {
				found := false
				for ; k < len(got); k++ {
					f := got[k]
					if f.Text == w.raw {
						found = true
						if f.Attrs.String("type") != w.typ {
							t.Errorf("%q: type %q, want %q", w.raw, f.Attrs.String("type"), w.typ)
						}
						if w.canon != "" && f.Attrs.String("canonical") != w.canon {
							t.Errorf("%q: canonical %q, want %q", w.raw, f.Attrs.String("canonical"), w.canon)
						}
						k++
						break
					}
				}
				if !found {
					var all []string
					for _, f := range got {
						all = append(all, f.Text+"/"+f.Attrs.String("type"))
					}
					t.Errorf("missing %q in %q", w.raw, all)
					return
				}
			}
		})
	}
}

func TestUserGazetteer(t *testing.T) {
	g := NewGazetteer()
	if err := g.ReadTSV(strings.NewReader("# mine\nZorbania\tplace\tRepublic of Zorbania\nKrok\tgiven\n\nbroken line without tabs\n")); err != nil {
		t.Fatal(err)
	}
	got := Extract(doc("He sailed to Zorbania with Krok Mavel.", "en"), g)
	var saw []string
	for _, f := range got {
		saw = append(saw, f.Text+"|"+f.Attrs.String("type")+"|"+f.Attrs.String("canonical"))
	}
	want := []string{"Zorbania|place|Republic of Zorbania", "Krok Mavel|person|Krok Mavel"}
	if strings.Join(saw, ";") != strings.Join(want, ";") {
		t.Errorf("got %q, want %q", saw, want)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"Mr. N. A. Sveshnikov of the Société franco-lesnienne (SFL) met Сталин in Paris-Berlin.",
		"« AUCUN À M. VOLKAR »", "P.-É. Garnier", "l'hôtel d’Orsay de la Diète", "A. B. C. D.", "\xff\xfe", "St. Petersburg; St",
		"Linneus, Mo., Catawba, O., D. C.", "Capt. J. and Mrs. O.", "NEW-YORK, Kirov's” St Louis",
		"The French army, Monroe, Wayne and Barry County", "Secretary. Resolved, That", "ÀÉ’s ’’ \u2014\u00ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := doc(s, "en")
		for _, x := range Extract(d, nil) {
			if x.Clean.Start < 0 || x.Clean.End > len(s) || x.Clean.Start >= x.Clean.End {
				t.Fatalf("bad span %v in %q", x.Clean, s)
			}
			if s[x.Clean.Start:x.Clean.End] != x.Text {
				t.Fatalf("text %q is not its span", x.Text)
			}
			if utf8.ValidString(s) && x.Attrs.String("canonical") == "" {
				t.Fatalf("no canonical for %q", x.Text)
			}
		}
	})
}

// TestConcurrent runs the extractor on several documents at once, as the
// pipeline does: each gets what it gets alone (the runs' storage and the
// memos are shared).
func TestConcurrent(t *testing.T) {
	texts := []string{
		"Mr. Volkar met Sir Arthur Penrose in Paris. Later Volkar wrote to Penrose.",
		"Сталин spoke. I. V. Stalin was silent. The Richmond Whig says so.",
		"L'ingénieur russe Svechnikov avait fait le relevé à l'hôtel Terminus.",
		"John Speaker, of Catawba, O., had sores. The French army came to St. Louis.",
	}
	show := func(fs []quellen.Finding) string {
		var b strings.Builder
		for _, f := range fs {
			fmt.Fprintf(&b, "%d-%d %s %s %s;", f.Clean.Start, f.Clean.End, f.Text, f.Attrs.String("type"), f.Attrs.String("canonical"))
		}
		return b.String()
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = show(Extract(doc(strings.Repeat(s+"\n\n", 20), "en"), nil))
	}
	errs := make(chan string, 64)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				if got := show(Extract(doc(strings.Repeat(texts[i]+"\n\n", 20), "en"), nil)); got != want[i] {
					errs <- fmt.Sprintf("text %d: %s, want %s", i, got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// BenchmarkExtract runs the extractor over 256 KB and 1 MB of running
// text: the time per byte stays the same (the extractor is linear).
func BenchmarkExtract(b *testing.B) {
	for _, size := range []int{256 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) { benchExtract(b, size) })
	}
}

func benchExtract(b *testing.B, size int) {
	para := "Mr. Volkar says that he met Henri Delorme of the Société franco-lesnienne des chemins de fer at the Hôtel Terminus in Paris on 8 April 1922. " +
		"The Committee asks whether the Ministry of Communications was told; Com. Halvar observes that N. A. Sveshnikov had warned the Minister about the clay at Dubrava. " +
		"Brisk writes that the survey played no part whatever, which is simply untrue, and the Diet in Velgrad knew it.\n\n"
	text := strings.Repeat(para, size/len(para))
	d := doc(text, "en")
	g := Default()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Extract(d, g)
	}
}
