package dates

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{extract.Func{N: "dates", F: Extract}}
}

// Extract finds the dates of a document, paragraph by paragraph (running
// heads left out), resolving relative dates against the document's date
// and the narrative's last date. Dates in notes do not move the anchor of
// the main text.
func Extract(d *extract.Doc) []quellen.Finding {
	doc, _ := ParsePoint(d.Meta.Date)
	f := &Finder{Doc: doc}
	f.Reset()
	markers := map[int]bool{}
	for _, m := range d.Of(quellen.KindNoteMarker) {
		markers[m.Clean.Start] = true
	}
	var notes []quellen.Span
	for _, n := range d.Of(quellen.KindNote) {
		notes = append(notes, n.Clean)
	}
	var out []quellen.Finding
	emit := func(m Match) { out = append(out, finding(m)) }
	paras := runs(d)
	if len(d.Paras) == 0 && d.Text != "" {
		paras = []extract.Para{{Span: quellen.Span{Start: 0, End: len(d.Text)}, Kind: "paragraph"}}
	}
	for _, p := range paras {
		if p.Kind == "running_head" || p.Span.Start < 0 || p.Span.End > len(d.Text) || p.Span.Start >= p.Span.End {
			continue
		}
		note := p.Kind == "note"
		for _, n := range notes {
			if n.Overlaps(p.Span) {
				note = true
				break
			}
		}
		lang := p.Lang
		if lang == "" {
			lang = d.Meta.Language
		}
		f.Scan(d.Text, p.Span.Start, p.Span.End, Options{Lang: lang, Note: note, Markers: markers}, emit)
	}
	return out
}

// finding turns a match into a date finding of the contract.
func finding(m Match) quellen.Finding {
	a := quellen.Attrs{"raw": m.Text, "approx": m.Approx}
	if m.Unresolved {
		a["from"], a["to"] = nil, nil
		a["unresolved"] = true
	} else {
		a["from"], a["to"] = m.From.String(), m.To.String()
	}
	if m.Relative && !m.Anchor.IsZero() {
		a["anchor"] = m.Anchor.String()
	}
	if !m.OldFrom.IsZero() {
		a["old_style_from"], a["old_style_to"] = m.OldFrom.String(), m.OldTo.String()
		a["calendar"] = "gregorian"
	}
	if m.From.Y <= 0 && !m.Unresolved {
		a["era"] = "BCE"
	}
	return quellen.Finding{
		Kind:  quellen.KindDate,
		Clean: quellen.Span{Start: m.Start, End: m.End},
		Text:  m.Text,
		Attrs: a,
	}
}
