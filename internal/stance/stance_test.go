package stance

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/extract"
)

func doc(text, lang, author string) *extract.Doc {
	d := &extract.Doc{Name: "t.txt", Text: text, Meta: quellen.Metadata{Language: lang, Author: author}}
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: start, End: start + len(p)}, Kind: "paragraph", Lang: lang})
		start += len(p) + 2
	}
	d.Findings = entities.Extract(d, entities.NewGazetteer())
	return d
}

func TestExtract(t *testing.T) {
	type v struct{ verdict, target, judge, cue string }
	tests := []struct {
		name, text, lang, author string
		want                     []v
	}{
		{"false after a claim", "Brisk writes that the survey played no part in the plans. This is simply untrue.", "en", "Peter Haldane",
			[]v{{"false", "Brisk", "Peter Haldane", "is simply untrue"}}},
		{"no source, pronoun target", "The book by Brisk is long. Brisk goes further. He asserts that Orlic knew of the meeting. He offers no source.", "en", "Peter Haldane",
			[]v{{"unsupported", "Brisk", "Peter Haldane", "offers no source"}}},
		{"agreement", "The book by Brisk has figures. Brisk gives the same figure, and here the author is correct.", "en", "Peter Haldane",
			[]v{{"true", "Brisk", "Peter Haldane", "is correct"}}},
		{"misleading", "Brisk says that the concession went through almost without debate. That is misleading: the debate was long.", "en", "Peter Haldane",
			[]v{{"misleading", "Brisk", "Peter Haldane", "misleading"}}},
		{"two verdicts in one sentence", "The book by Brisk has figures. Brisk gives the figure, and here the author is correct; later attempts to reduce it rest on a misreading of the columns.", "en", "P. Haldane",
			[]v{{"true", "Brisk", "P. Haldane", "is correct"}, {"false", "", "P. Haldane", "rest on a misreading"}}},
		{"nobody's claim", "Nor is there any reason to think that the Government took an interest.", "en", "Helena Marsh",
			[]v{{"unsupported", "", "Helena Marsh", "Nor is there any reason"}}},
		{"French", "Mlle Vesk écrit que le ministre avait reçu une enveloppe. Cette histoire est une pure invention.", "fr", "Paul Garnier",
			[]v{{"false", "Vesk", "Paul Garnier", "pure invention"}}},
		{"French unsupported", "Je ne le crois pas, mais je n'en ai pas la preuve.", "fr", "Paul Garnier",
			[]v{{"unsupported", "", "Paul Garnier", "pas la preuve"}}},
		{"Russian", "Иванов пишет, что план был украден. Это ложь.", "ru", "Пётр Смирнов",
			[]v{{"false", "", "Пётр Смирнов", "Это ложь"}}},
		{"minutes: the witness judges", "Mr. Volkar says that the article said he took money in a hotel, which is false.", "en", "",
			[]v{{"false", "", "Volkar", "which is false"}}},
		{"a false statement is no verdict", "A false statement before the Committee is punishable. The false teeth were lost.", "en", "X", nil},
		{"empty", "", "en", "X", nil},
		{"damaged", "\xff\xfe. . . ; ; : This is false", "en", "", []v{{"false", "", "", "is false"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(tt.text, tt.lang, tt.author)
			got := Extract(d)
			if len(got) != len(tt.want) {
				var all []string
				for _, f := range got {
					all = append(all, f.Text)
				}
				t.Fatalf("got %d verdicts %q, want %d", len(got), all, len(tt.want))
			}
			for i, w := range tt.want {
				f := got[i]
				if f.Attrs.String("verdict") != w.verdict {
					t.Errorf("%d: verdict %q, want %q", i, f.Attrs.String("verdict"), w.verdict)
				}
				if tg := f.Attrs.String("target"); !strings.HasSuffix(tg, w.target) || (w.target == "" && tg != "") {
					t.Errorf("%d: target %q, want %q", i, tg, w.target)
				}
				if j := f.Attrs.String("judge"); !strings.HasSuffix(j, w.judge) || (w.judge == "" && j != "") {
					t.Errorf("%d: judge %q, want %q", i, j, w.judge)
				}
				if !strings.Contains(f.Attrs.String("cue"), w.cue) {
					t.Errorf("%d: cue %q, want it to hold %q", i, f.Attrs.String("cue"), w.cue)
				}
				if d.Text[f.Clean.Start:f.Clean.End] == "" || !strings.Contains(strings.Join(strings.Fields(d.Text[f.Clean.Start:f.Clean.End]), " "), f.Attrs.String("cue")) {
					t.Errorf("%d: the record %q does not hold its cue", i, f.Text)
				}
			}
		})
	}
}

func TestJudgeFromSource(t *testing.T) {
	d := doc("The Minister says he knew nothing. That is hard to believe.", "en", "")
	d.Meta.Source = "The Velgrad Herald, Vol. IX, No. 1412"
	got := Extract(d)
	if len(got) != 1 || got[0].Attrs.String("judge") != "The Velgrad Herald" || got[0].Attrs.String("verdict") != "disputed" {
		t.Fatalf("got %+v", got)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"Brisk writes X. This is false.", "« c'est faux » ; sans preuve", "Это ложь. неверно", "\xff.;:", "He is right; she is wrong: no evidence."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := doc(s, "en", "A. Author")
		for _, x := range Extract(d) {
			if x.Clean.Start < 0 || x.Clean.End > len(s) || x.Clean.Start > x.Clean.End {
				t.Fatalf("bad span %v", x.Clean)
			}
			switch x.Attrs.String("verdict") {
			case "false", "unsupported", "true", "misleading", "disputed":
			default:
				t.Fatalf("bad verdict %q", x.Attrs["verdict"])
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	para := "The line from Velgrad to Marienhaven was built between 1921 and 1924 by a French company. " +
		"Its engineers used a survey made before the war, and the Diet ratified the concession after two sittings. " +
		"Brisk writes that the survey played no part whatever in the plans. This is simply untrue. " +
		"The collapse of the cutting at Dubrava killed forty-one men in October 1922, and the works stopped for a winter. " +
		"The minister resigned in June 1923, and the line opened to traffic in October 1924.\n\n"
	text := strings.Repeat(para, (256<<10)/len(para))
	d := doc(text, "en", "Peter Haldane")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Extract(d)
	}
}

func TestPresentTriggers(t *testing.T) {
	for i := range cues {
		if len(cueTriggers[i]) == 0 {
			t.Errorf("cue %d (%v) has no trigger word in some alternative: it would be tried on every sentence", i, cues[i].re)
		}
	}
	// present marks a trigger only at the start of a word; mayHold never
	// rules out a cue whose expression matches the sentence.
	startsWord := func(s, tr string) bool {
		for off := 0; ; {
			k := strings.Index(s[off:], tr)
			if k < 0 {
				return false
			}
			p := off + k
			r, _ := utf8.DecodeLastRuneInString(s[:p])
			if p == 0 || !unicode.IsLetter(r) {
				return true
			}
			off = p + 1
		}
	}
	for _, s := range []string{
		"this is simply untrue.", "he offers no source.", "here the author is correct.", "c'est inexact.", "это неверно.", "nothing here",
		"the earlier allies believed his brother's resources", "правительство не право", "it is uncorroborated by anyone.",
		"neither of these accounts is credible.", "that is too easy, and the evidence points the other way.",
		"il ne dit pas autre chose; c'est faux.", "ничем не подтверждено.", "(the claim) was asserted\nrather than shown",
	} {
		has := present(s)
		for i, tr := range triggers {
			if has.has(i) != startsWord(s, tr) {
				t.Errorf("present(%q)[%q] = %v", s, tr, has.has(i))
			}
		}
		for i, c := range cues {
			if c.re.MatchString(s) && !mayHold(&has, i) {
				t.Errorf("mayHold(%q, %d) = false, but %v matches", s, i, c.re)
			}
			if c.re.MatchString(s) && !mayMatch(s, i) {
				t.Errorf("mayMatch(%q, %d) = false, but %v matches", s, i, c.re)
			}
		}
	}
}
