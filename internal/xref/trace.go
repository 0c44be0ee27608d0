package xref

import (
	"cmp"
	"slices"
	"strings"

	"github.com/quellen/quellen"
)

// Occurrence is one place where a traced quotation appears.
type Occurrence struct {
	Passage  quellen.Passage `json:"passage"`
	Date     string          `json:"date,omitempty"`
	Score    float64         `json:"score"`
	Fidelity string          `json:"fidelity"` // against the query
	Diff     []Op            `json:"diff"`
	Earliest bool            `json:"earliest,omitempty"`
}

// Trace finds where the words of query appear across docs, exact or
// edited, in the same language or rendered in another (the bilingual
// lexicon and cognates), and marks the earliest dated occurrence.
func Trace(query string, docs []Doc) []Occurrence {
	qw := tokenize(query)
	if len(qw) == 0 {
		return nil
	}
	minWords := min(8, max(3, len(qw)*2/3))
	texts := []Text{{Doc: -1, Text: query}}
	for i, d := range docs {
		texts = append(texts, Text{Doc: i, Text: d.Clean})
	}
	var out []Occurrence
	for _, m := range Reuse(texts, Options{N: 3, MinWords: minWords, MaxDocFreq: len(texts) + 1}) {
		if m.A != -1 && m.B != -1 {
			continue
		}
		doc, s, e, diff := m.B, m.BStart, m.BEnd, m.Diff
		if m.B == -1 {
			doc, s, e, diff = m.A, m.AStart, m.AEnd, invert(m.Diff)
		}
		d := docs[doc]
		p := d.Passage(s, e)
		out = append(out, Occurrence{Passage: p, Date: d.Date, Score: round3(m.Score()), Fidelity: Fidelity(diff, p.Text), Diff: diff})
	}
	// Renderings in another language: quotations whose words render the query's.
	var content []string
	for _, t := range qw {
		if !stopwords[t.word] {
			content = append(content, t.word)
		}
	}
	for i, d := range docs {
		for _, q := range d.Of(quellen.KindQuote) {
			if seenIn(out, d.Name) {
				continue
			}
			var words []string
			for _, t := range tokenize(q.Text) {
				if !stopwords[t.word] {
					words = append(words, t.word)
				}
			}
			if len(words) < 4 || len(content) < 4 {
				continue
			}
			ratio := float64(len(words)) / float64(len(content))
			if s := rendered(content, words); s >= 0.5 && ratio > 0.6 && ratio < 1.7 {
				out = append(out, Occurrence{Passage: docs[i].Passage(q.Clean.Start, q.Clean.End), Date: d.Date, Score: round3(s), Fidelity: "translation"})
			}
		}
	}
	earliest := -1
	for i, o := range out {
		if o.Date != "" && (earliest < 0 || strings.Compare(o.Date, out[earliest].Date) < 0) {
			earliest = i
		}
	}
	if earliest >= 0 {
		out[earliest].Earliest = true
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int {
		return cmp.Or(cmp.Compare(dateKey(a.Date), dateKey(b.Date)), cmp.Compare(a.Passage.Doc, b.Passage.Doc), cmp.Compare(a.Passage.Raw.Start, b.Passage.Raw.Start))
	})
	return out
}

func seenIn(os []Occurrence, doc string) bool {
	for _, o := range os {
		if o.Passage.Doc == doc {
			return true
		}
	}
	return false
}

// dateKey sorts undated occurrences last.
func dateKey(d string) string {
	if d == "" {
		return "~"
	}
	return d
}
