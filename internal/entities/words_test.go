package entities

import (
	"reflect"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// The numbered words (words.go), the model's vectors looked up once per
// word (run.posterior) and the names' information kept from one document
// to the next (run.info) are held to what they replace: maps of strings
// made per document, nb.posterior, and a nameInfo made afresh.

func paraDoc(text string) *extract.Doc {
	d := &extract.Doc{Text: text, Meta: quellen.Metadata{Language: "en"}}
	off := 0
	for _, p := range strings.SplitAfter(text, "\n\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: off, End: off + len(p)}, Kind: "paragraph", Lang: "en"})
		off += len(p)
	}
	return d
}

// wfRef is what filter made of the words before they were numbered: the
// words written in lower case, and the uses of each word, by their strings.
func wfRef(x *run) (lower map[string]bool, wf map[string]uint8) {
	lower, wf = map[string]bool{}, map[string]uint8{}
	for _, ts := range x.paras {
		for _, t := range ts {
			if t.word && !t.cap && !t.digit {
				lower[t.f] = true
			}
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if !m.sent && !m.allCaps && !m.inTitle {
			for _, f := range m.fw {
				wf[f] |= wMid
			}
			if len(m.fw) == 1 && x.inProse(m) {
				wf[m.fw[0]] |= wProse
			}
		}
		if len(m.fw) > 1 {
			for _, f := range m.fw {
				wf[f] |= wMulti
			}
		}
		if !m.allCaps && len(m.words) > 0 {
			wf[m.fw[len(m.fw)-1]] |= wName
			if len(m.fw) > 1 {
				wf[m.joined()] |= wName
			}
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if len(m.words) > 1 && (m.titled || hasInitial(m.words) || x.g.Given(m.words[0])) || m.titled {
			wf[m.fw[len(m.fw)-1]] |= wSur
		}
	}
	return lower, wf
}

// checkWords compares, on text, the numbered words with the maps of strings
// and run.posterior with nb.posterior.
func checkWords(t *testing.T, x *run, text string) {
	t.Helper()
	x.stages(paraDoc(text), Default())
	lower, wf := wfRef(x)
	for _, ts := range x.paras {
		for i := range ts {
			tk := &ts[i]
			if tk.word && x.low(tk) != lower[tk.f] {
				t.Fatalf("%q: low(%q) = %v, want %v", text, tk.f, x.low(tk), lower[tk.f])
			}
			if tk.lists() != lx(tk.f) {
				t.Fatalf("%q: the lists of %q are %b, want %b", text, tk.f, tk.lists(), lx(tk.f))
			}
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if len(m.fi) != len(m.fw) {
			t.Fatalf("%q: %d numbers for %d words", text, len(m.fi), len(m.fw))
		}
		for k, f := range m.fw {
			if got := x.lex.facts[m.fi[k]].key; got != f {
				t.Fatalf("%q: word %d of %q is numbered as %q", text, k, m.words, got)
			}
			if x.lowID(m.fi[k]) != lower[f] || x.wfGet(m.fi[k]) != wf[f] {
				t.Fatalf("%q: %q: lower %v uses %b, want %v %b", text, f, x.lowID(m.fi[k]), x.wfGet(m.fi[k]), lower[f], wf[f])
			}
			if m.fc[k] != lx(f) {
				t.Fatalf("%q: the lists of %q are %b, want %b", text, f, m.fc[k], lx(f))
			}
		}
		if len(m.fw) > 0 && x.wfGet(x.joinedID(m)) != wf[m.joined()] {
			t.Fatalf("%q: %q: uses %b, want %b", text, m.joined(), x.wfGet(x.joinedID(m)), wf[m.joined()])
		}
		got, gotOK := x.posterior(m.nbf)
		want, wantOK := nb.posterior(m.nbf)
		if got != want || gotOK != wantOK {
			t.Fatalf("%q: posterior of %q is %v %v, want %v %v", text, m.words, got, gotOK, want, wantOK)
		}
	}
	n := 0
	for w, b := range wf {
		if x.wfStr(w) != b {
			t.Fatalf("%q: uses of %q are %b, want %b", text, w, x.wfStr(w), b)
		}
		if b != 0 {
			n++
		}
	}
	if len(x.wfIDs) != n {
		t.Fatalf("%q: %d words used, want %d", text, len(x.wfIDs), n)
	}
}

// checkInfos compares the nameInfo of each mention of text, kept from the
// documents x read before, with one made afresh.
func checkInfos(t *testing.T, x *run, text string) {
	t.Helper()
	x.stages(paraDoc(text), Default())
	for i := range x.ms {
		m := &x.ms[i]
		if m.ni == nil || m.forced != nil || int(m.ni.words) != len(m.words) {
			continue // (the document's own: the text first cut otherwise)
		}
		fresh := &nameInfo{words: m.ni.words}
		x.makeInfo(m, fresh, m.text(x.d.Text))
		kept := *m.ni
		// The parts made on demand, on both.
		for _, ni := range []*nameInfo{fresh, &kept} {
			if len(m.words) == 1 {
				ni.isDictWord(m)
				ni.hasEnding(m)
			}
			ni.dictWords(x, m)
			ni.learnt(x, m)
		}
		kept.attrs, kept.attrsCanon, kept.attrsTyp = nil, "", ""
		if (fresh.gaz == nil) != (kept.gaz == nil) || fresh.gaz != nil && *fresh.gaz != *kept.gaz {
			t.Fatalf("%q: %q: gazetteer entry %v, want %v", text, m.words, kept.gaz, fresh.gaz)
		}
		fresh.gaz, kept.gaz = nil, nil
		if !reflect.DeepEqual(*fresh, kept) {
			t.Fatalf("%q: the kept information of %q is\n%+v, want\n%+v", text, m.text(x.d.Text), kept, *fresh)
		}
	}
}

var wordsTexts = []string{
	"Mr. Smith met Stalin in Moscow. Stalin said to Mr. Smith that Moscow was cold.\n\nGeneral Lee, Lee and Smith; the Ministry of Communications.",
	"Mr. N. A. Sveshnikov of the Société franco-lesnienne (SFL) met Сталин in Paris-Berlin. Sveshnikov wrote.",
	"« AUCUN À M. VOLKAR »\n\nVolkar and volkar; P.-É. Garnier, l'hôtel d’Orsay de la Diète",
	"Linneus, Mo., Catawba, O., D. C. and Washington, D. C.; d. c. was written so.",
	"The French army, Monroe, Wayne and Barry County. Velgrad-Marienhaven and velgrad. Secretary. Resolved, That",
	"Brisk writes that the book by Brisk is long. NEW-YORK, Kirov's” St Louis, St. Petersburg; St",
}

func TestWordsMatchReference(t *testing.T) {
	x := &run{}
	texts := append(append([]string(nil), wordsTexts...), devTexts(t)...)
	for _, text := range texts {
		checkWords(t, x, text)
	}
	// The names' information, kept from one document to the next: read
	// every text once, then again.
	x = &run{}
	for _, text := range append(texts, texts...) {
		checkInfos(t, x, text)
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordsTexts {
		f.Add(s)
	}
	x := &run{}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, x, s)
		checkInfos(t, x, s)
	})
}

func TestStrHash(t *testing.T) {
	// Short words, their lengths and their last bytes all count.
	seen := map[uint32]string{}
	for _, w := range []string{"", "a", "b", "ab", "ba", "a\x00", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "bcdefghi"} {
		h := strHash(w)
		if o, ok := seen[h]; ok {
			t.Errorf("strHash(%q) = strHash(%q)", w, o)
		}
		seen[h] = w
	}
}
