// Package audit writes the per-document report of cross-examination: for
// each quotation, figure and date of a document, the evidence it cites
// (marker → note → reference → archive), what the rest of the corpus
// corroborates or contradicts, how faithful each quotation is to its
// source, and the claims that stand on no cited evidence. It is a first
// draft of a critique, for any document.
package audit

import (
	"cmp"
	"slices"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/xref"
)

// Evidence is what a claim cites: a note and the references in it.
type Evidence struct {
	Note       string           `json:"note"`
	NoteText   string           `json:"note_text,omitempty"`
	References []map[string]any `json:"references,omitempty"`
}

// Match is a passage of another document linked to a claim.
type Match struct {
	Kind     string          `json:"kind"` // reuse, translation, same_event, conflict
	Relation string          `json:"relation"`
	Passage  quellen.Passage `json:"passage"`
	Fidelity string          `json:"fidelity,omitempty"`
	Differs  string          `json:"differs,omitempty"`
	Diff     any             `json:"diff,omitempty"`
	Event    string          `json:"event,omitempty"`
}

// Claim is a quotation, a sentence with a figure or a date, or a verdict,
// with what stands behind it.
type Claim struct {
	Kind     string          `json:"kind"` // quote, figure, date, verdict
	Passage  quellen.Passage `json:"passage"`
	Speaker  string          `json:"speaker,omitempty"`
	Verdict  string          `json:"verdict,omitempty"`
	Target   string          `json:"target,omitempty"`
	Evidence []Evidence      `json:"evidence,omitempty"`
	Matches  []Match         `json:"matches,omitempty"`
}

// Supported reports whether the claim cites a source: a note that holds a
// reference. A note without one ("In English in the original") is
// commentary, not evidence.
func (c Claim) Supported() bool {
	for _, e := range c.Evidence {
		if len(e.References) > 0 {
			return true
		}
	}
	return false
}

// Report is the audit of one document.
type Report struct {
	Doc         string           `json:"doc"`
	Meta        quellen.Metadata `json:"meta"`
	Quotes      []Claim          `json:"quotes"`
	Figures     []Claim          `json:"figures"`
	Verdicts    []Claim          `json:"verdicts"`
	Contradicts []Claim          `json:"contradicted"`
	Unsupported []Claim          `json:"unsupported"`
	Counts      map[string]int   `json:"counts"`
}

// Audit reports on docs[target], against the links found in the corpus.
func Audit(docs []xref.Doc, meta quellen.Metadata, target int, links []quellen.Link) *Report {
	d := docs[target]
	r := &Report{Doc: d.Name, Meta: meta, Counts: map[string]int{}}
	notes := d.Of(quellen.KindNote)
	refs := d.Of(quellen.KindReference)
	markers := d.Of(quellen.KindNoteMarker)

	evidenceFor := func(start, end int) []Evidence {
		var ev []Evidence
		for _, m := range markers {
			// A marker inside the claim or within a few bytes after it.
			if m.Clean.Start < start || m.Clean.Start > end+4 {
				continue
			}
			num := m.Attrs.String("number")
			e := Evidence{Note: num}
			for _, n := range notes {
				if n.Attrs.String("number") == num && noteMatches(m, n) {
					e.NoteText = n.Text
					for _, ref := range refs {
						if n.Clean.Contains(ref.Clean) {
							e.References = append(e.References, refFields(ref))
						}
					}
					break
				}
			}
			ev = append(ev, e)
		}
		return ev
	}
	matchesFor := func(start, end int) []Match {
		var ms []Match
		for _, l := range links {
			var mine, other quellen.Passage
			switch {
			case l.A.Doc == d.Name:
				mine, other = l.A, l.B
			case l.B.Doc == d.Name:
				mine, other = l.B, l.A
			default:
				continue
			}
			p := d.Passage(start, end)
			if mine.Raw.Start >= p.Raw.End || p.Raw.Start >= mine.Raw.End {
				continue
			}
			if l.Kind == "same_event" && l.Score < minEventScore {
				continue // too weak a likeness to stand as corroboration
			}
			m := Match{Kind: l.Kind, Relation: l.Relation, Passage: other, Event: l.Event}
			if f, ok := l.Attrs["fidelity"].(string); ok && l.B.Doc == d.Name {
				m.Fidelity = f
				m.Diff = l.Attrs["diff"]
			}
			if s, ok := l.Attrs["differs"].(string); ok {
				m.Differs = s
			}
			ms = append(ms, m)
		}
		return ms
	}

	for _, q := range d.Of(quellen.KindQuote) {
		c := Claim{Kind: "quote", Passage: d.Passage(q.Clean.Start, q.Clean.End), Speaker: q.Attrs.String("speaker")}
		c.Evidence = evidenceFor(q.Clean.Start, q.Clean.End)
		c.Matches = matchesFor(q.Clean.Start, q.Clean.End)
		r.Quotes = append(r.Quotes, c)
	}
	for _, s := range d.Of(quellen.KindStance) {
		c := Claim{Kind: "verdict", Passage: d.Passage(s.Clean.Start, s.Clean.End), Verdict: s.Attrs.String("verdict"), Target: s.Attrs.String("target")}
		c.Evidence = evidenceFor(s.Clean.Start, s.Clean.End)
		r.Verdicts = append(r.Verdicts, c)
	}
	// Sentences that state a figure or a date are claims.
	for _, s := range claimSentences(d) {
		c := Claim{Kind: s.kind, Passage: d.Passage(s.start, s.end)}
		c.Evidence = evidenceFor(s.start, s.end)
		c.Matches = matchesFor(s.start, s.end)
		r.Figures = append(r.Figures, c)
	}
	for _, group := range [][]Claim{r.Quotes, r.Figures, r.Verdicts} {
		for _, c := range group {
			if !c.Supported() && !(c.Kind == "quote" && hasSource(c)) {
				r.Unsupported = append(r.Unsupported, c)
			}
			for _, m := range c.Matches {
				if m.Relation == "disagree" {
					r.Contradicts = append(r.Contradicts, c)
					break
				}
			}
		}
	}
	r.Counts["quotes"] = len(r.Quotes)
	r.Counts["figures"] = len(r.Figures)
	r.Counts["verdicts"] = len(r.Verdicts)
	r.Counts["unsupported"] = len(r.Unsupported)
	r.Counts["contradicted"] = len(r.Contradicts)
	return r
}

// minEventScore is the least score of a same-event link shown as
// corroboration.
const minEventScore = 0.6

// citationLabels open the lines of a citation block, which are metadata,
// not claims.
var citationLabels = []string{"source:", "citation:", "translated:", "translated by", "original language:", "summary:", "contents:", "published:", "source :", "traduit par", "источник:"}

// noteMatches links a marker to a note through the note_line it names.
func noteMatches(m, n quellen.Finding) bool {
	nl, ok := m.Attrs["note_line"].(int)
	if !ok {
		return true
	}
	return n.Line == nl
}

// hasSource reports whether a quotation's source was found in the corpus.
func hasSource(c Claim) bool {
	for _, m := range c.Matches {
		if m.Kind == "reuse" || m.Kind == "translation" {
			return true
		}
	}
	return false
}

func refFields(f quellen.Finding) map[string]any {
	out := map[string]any{"text": f.Text}
	for k, v := range f.Attrs {
		if v != nil && v != "" {
			out[k] = v
		}
	}
	return out
}

type span struct {
	kind       string
	start, end int
}

// claimSentences returns the sentences outside notes, quotations and
// references that state a number or a date.
func claimSentences(d xref.Doc) []span {
	var out []span
	skip := append(d.Of(quellen.KindNote), d.Of(quellen.KindQuote)...)
	sents := xref.Sentences(d.Clean)
	meta := d.Of(quellen.KindMetadata)
	for _, kind := range []quellen.Kind{quellen.KindNumber, quellen.KindDate} {
		for _, f := range d.Of(kind) {
			if inside(skip, f.Clean.Start) || inside(meta, f.Clean.Start) || inCitation(d, f.Clean.Start) {
				continue
			}
			s, e := f.Clean.Start, f.Clean.End
			if i, ok := slices.BinarySearchFunc(sents, f.Clean.Start, func(x quellen.Span, off int) int {
				if x.End <= off {
					return -1
				}
				if x.Start > off {
					return 1
				}
				return 0
			}); ok {
				s, e = sents[i].Start, max(sents[i].End, e)
			}
			k := "figure"
			if kind == quellen.KindDate {
				k = "date"
			}
			out = append(out, span{k, s, e})
		}
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	// One claim per sentence: a figure wins over a date.
	var merged []span
	for _, s := range out {
		if n := len(merged); n > 0 && merged[n-1].start == s.start {
			if s.kind == "figure" {
				merged[n-1].kind = "figure"
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// inCitation reports whether off lies in a paragraph that a citation
// label opens ("Source:", "Translated:"), or in the paragraph after a
// label standing alone.
func inCitation(d xref.Doc, off int) bool {
	prev := ""
	for _, p := range d.Paras {
		text := strings.ToLower(strings.TrimSpace(d.Clean[p.Start:min(p.End, len(d.Clean))]))
		if p.Start <= off && off < p.End {
			for _, l := range citationLabels {
				if strings.HasPrefix(text, l) || strings.Contains(text, "\n"+l) || (strings.HasSuffix(prev, ":") && len(prev) < 40) {
					return true
				}
			}
			return strings.Contains(text, " source: ") || strings.Contains(text, " translated: ")
		}
		prev = text
	}
	return false
}

func inside(fs []quellen.Finding, off int) bool {
	for _, f := range fs {
		if f.Clean.Start <= off && off < f.Clean.End {
			return true
		}
	}
	return false
}
