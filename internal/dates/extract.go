package dates

import (
	"sort"

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
	defer f.sc.release()
	f.Reset()
	markers := map[int]bool{}
	for _, m := range d.Of(quellen.KindNoteMarker) {
		markers[m.Clean.Start] = true
	}
	notes := d.Of(quellen.KindNote) // in text order
	// noteAt returns the first note overlapping span sp, or -1.
	noteAt := func(sp quellen.Span) int {
		k := sort.Search(len(notes), func(i int) bool { return notes[i].Clean.End > sp.Start })
		for ; k < len(notes) && notes[k].Clean.Start < sp.End; k++ {
			if notes[k].Clean.Overlaps(sp) {
				return k
			}
		}
		return -1
	}
	// a note's relative dates read the narrative where its marker stands
	markerAt := map[int]int{} // raw line of a note -> offset of its marker
	for _, m := range d.Of(quellen.KindNoteMarker) {
		if l, ok := intAttr(m.Attrs["note_line"]); ok {
			if _, seen := markerAt[l]; !seen {
				markerAt[l] = m.Clean.Start
			}
		}
	}
	type dated struct {
		start    int
		from, to Point
	}
	var main []dated
	var out []quellen.Finding
	inNote := false
	emit := func(m Match) {
		out = append(out, finding(m))
		if !inNote && !m.Unresolved {
			main = append(main, dated{m.Start, m.From, m.To})
		}
	}
	paras := d.Runs()
	if len(d.Paras) == 0 && d.Text != "" {
		paras = []extract.Para{{Span: quellen.Span{Start: 0, End: len(d.Text)}, Kind: "paragraph"}}
	}
	for _, p := range paras {
		if p.Kind == "running_head" || p.Span.Start < 0 || p.Span.End > len(d.Text) || p.Span.Start >= p.Span.End {
			continue
		}
		nk := noteAt(p.Span)
		note := p.Kind == "note" || nk >= 0
		lang := p.Lang
		if lang == "" {
			lang = d.Meta.Language
		}
		o := Options{Lang: lang, Note: note, Markers: markers}
		if nk >= 0 && d.RawLine != nil {
			if mk, ok := markerAt[d.RawLine(notes[nk].Clean.Start)]; ok {
				k := sort.Search(len(main), func(i int) bool { return main[i].start >= mk }) - 1
				if k >= 0 {
					o.From, o.To = main[k].from, main[k].to
				}
			}
		}
		inNote = note
		f.Scan(d.Text, p.Span.Start, p.Span.End, o, emit)
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

func intAttr(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), true
	}
	return 0, false
}
