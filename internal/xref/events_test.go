package xref

import (
	"strings"
	"testing"

	"github.com/quellen/quellen"
)

// doc builds a Doc from text whose findings are marked inline:
// {e:Name}, {d:FROM/TO:words}, {n:VALUE/UNIT:words}, {q:LANG:words}.
func doc(name, marked string) Doc {
	var b strings.Builder
	var fs []quellen.Finding
	for {
		i := strings.Index(marked, "{")
		if i < 0 {
			b.WriteString(marked)
			break
		}
		b.WriteString(marked[:i])
		j := strings.Index(marked[i:], "}") + i
		parts := strings.SplitN(marked[i+1:j], ":", 3)
		start := b.Len()
		f := quellen.Finding{}
		switch parts[0] {
		case "e":
			b.WriteString(parts[1])
			f = quellen.Finding{Kind: quellen.KindEntity, Text: parts[1], Attrs: quellen.Attrs{"canonical": parts[1]}}
		case "d":
			b.WriteString(parts[2])
			ft := strings.Split(parts[1], "/")
			f = quellen.Finding{Kind: quellen.KindDate, Text: parts[2], Attrs: quellen.Attrs{"from": ft[0], "to": ft[len(ft)-1]}}
		case "n":
			b.WriteString(parts[2])
			vu := strings.Split(parts[1], "/")
			var v float64
			for _, c := range vu[0] {
				v = v*10 + float64(c-'0')
			}
			f = quellen.Finding{Kind: quellen.KindNumber, Text: parts[2], Attrs: quellen.Attrs{"value": v, "unit": vu[1]}}
		case "q":
			b.WriteString(parts[2])
			f = quellen.Finding{Kind: quellen.KindQuote, Text: parts[2], Attrs: quellen.Attrs{"lang": parts[1]}}
		}
		f.Clean = quellen.Span{Start: start, End: b.Len()}
		fs = append(fs, f)
		marked = marked[j+1:]
	}
	text := b.String()
	return Doc{Name: name, Clean: text, Findings: fs,
		Passage: func(s, e int) quellen.Passage { return quellen.Passage{Doc: name, Text: text[s:e]} }}
}

func TestEvents(t *testing.T) {
	a := doc("a", "Nothing happened in spring. The Assembly ratified the treaty of {e:Harwick} on {d:1871-05-02:2 May 1871} by {n:61/votes:61 votes} to {n:44/votes:44}. Later {e:Olsen} resigned on {d:1872-01-09:9 January 1872}.\n\nThe weather was fine.")
	b := doc("b", "Some words first. On {d:1871-05-02:2 May 1871} the Assembly approved the treaty of {e:Harwick} by {n:58/votes:58 votes} to {n:47/votes:47}.\n\n{e:Olsen} resigned on {d:1872-01-09:9 January 1872}, a short letter.")
	links := Events([]Doc{a, b}, EventOptions{})
	var conflict, agree *quellen.Link
	for i, l := range links {
		switch {
		case l.Kind == "conflict":
			conflict = &links[i]
		case l.Kind == "same_event" && l.Relation == "agree":
			agree = &links[i]
		}
	}
	if conflict == nil || !strings.Contains(conflict.A.Text, "61") || !strings.Contains(conflict.B.Text, "58") {
		t.Fatalf("no vote conflict among %+v", links)
	}
	if conflict.Relation != "disagree" {
		t.Errorf("conflict relation %q", conflict.Relation)
	}
	if agree == nil || !strings.Contains(agree.A.Text, "resigned") || !strings.Contains(agree.B.Text, "resigned") {
		t.Fatalf("no agreeing resignation among %+v", links)
	}
	for _, l := range links {
		if strings.Contains(l.A.Text, "weather") || strings.Contains(l.B.Text, "Some words") {
			t.Errorf("unrelated sentence linked: %+v", l)
		}
	}
}

func TestDateConflict(t *testing.T) {
	a := doc("a", "The deed was signed on {d:1921-03-14:14 March 1921} in the office of {e:Volkar}.")
	b := doc("b", "La concession fut signée le {d:1921-03-03:3 mars 1921}, dans le bureau de {e:Volkar}.")
	links := Events([]Doc{a, b}, EventOptions{})
	if len(links) != 1 || links[0].Kind != "conflict" {
		t.Fatalf("got %+v, want one date conflict", links)
	}
}

func TestTranslations(t *testing.T) {
	a := doc("a", `He wrote: "{q:en:No payment, direct or indirect, has ever been made to M. Kessel by the company.}" Then "{q:en:The weather in the valley was fine all summer long.}"`)
	b := doc("b", `Il télégraphia : « {q:fr:Aucun versement direct ou indirect n'a jamais été fait à M. Kessel par la compagnie.} »`)
	links := Translations([]Doc{a, b}, TranslationOptions{})
	if len(links) != 1 || !strings.Contains(links[0].A.Text, "payment") {
		t.Fatalf("got %+v, want the payment pair", links)
	}
}

func TestSentences(t *testing.T) {
	s := `Mr. N. A. Sveshnikov came. He said "no." Then he left! 1 Oct. 1924 was a date. Il dit : « non ». Fin`
	var got []string
	for _, x := range sentences(s) {
		got = append(got, s[x.start:x.end])
	}
	want := []string{`Mr. N. A. Sveshnikov came.`, `He said "no."`, `Then he left!`, `1 Oct. 1924 was a date.`, `Il dit : « non ».`, `Fin`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

func TestTrace(t *testing.T) {
	a := doc("a", "The minister said that a ledger is not a rumour and that the books would be opened to the committee.")
	a.Date = "1923-05-11"
	b := doc("b", "As the report has it, a ledger is not a rumour and the books would be opened, he said.")
	b.Date = "1923-05-12"
	c := doc("c", `Il répondit : « {q:fr:Un registre n'est pas une rumeur ; les livres seront ouverts à la commission.} »`)
	occ := Trace("a ledger is not a rumour and that the books would be opened to the committee", []Doc{a, b, c})
	if len(occ) < 2 || occ[0].Passage.Doc != "a" || !occ[0].Earliest || occ[0].Fidelity != "exact" {
		t.Fatalf("got %+v", occ)
	}
	if occ[1].Passage.Doc != "b" || occ[1].Fidelity == "exact" {
		t.Errorf("second occurrence %+v", occ[1])
	}
}

func TestEventClass(t *testing.T) {
	for w, want := range map[string]string{
		"signed": "signing", "signee": "signing", "met": "meeting", "metres": "", "war": "war", "warrant": "",
		"resigned": "resignation", "demission": "resignation", "public": "", "published": "publication", "": "",
	} {
		if got := eventClass(w); got != want {
			t.Errorf("eventClass(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestVerdictsJoinTheGraph(t *testing.T) {
	a := doc("a", "The mill employed 900 hands in 1890, as the Gazette said.")
	b := doc("b", "The Gazette claimed that the mill employed 900 hands in 1890. This is false.")
	st := strings.Index(b.Clean, "The Gazette claimed")
	b.Findings = append(b.Findings, quellen.Finding{Kind: quellen.KindStance, Clean: quellen.Span{Start: st, End: len(b.Clean)},
		Attrs: quellen.Attrs{"verdict": "false", "judge": "Ann Weller", "target": "Gazette"}})
	raw := func(d Doc) func(s, e int) quellen.Passage {
		return func(s, e int) quellen.Passage {
			return quellen.Passage{Doc: d.Name, Raw: quellen.Span{Start: s, End: e}, Text: d.Clean[s:e]}
		}
	}
	a.Passage, b.Passage = raw(a), raw(b)
	links := []quellen.Link{{Kind: "same_event", Relation: "agree", Score: 0.8, A: a.Passage(0, len(a.Clean)), B: b.Passage(0, 60)}}
	got := Verdicts([]Doc{a, b}, links)
	if len(got) != 1 || got[0].Kind != "conflict" || got[0].Relation != "disagree" || got[0].B.Doc != "a" {
		t.Fatalf("got %+v", got)
	}
	if d := got[0].Attrs["differs"].(string); !strings.Contains(d, "judged false by Ann Weller") {
		t.Errorf("differs %q", d)
	}
	// A verdict of "true" makes no conflict.
	b.Findings[len(b.Findings)-1].Attrs["verdict"] = "true"
	if got := Verdicts([]Doc{a, b}, links); len(got) != 0 {
		t.Errorf("a true verdict made %+v", got)
	}
}
