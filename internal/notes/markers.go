package notes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Marker is an accepted note marker and the note it points to (-1: none).
type Marker struct {
	Candidate
	Note int
}

// extractMarkers is the notes.markers extractor: the markers, linked to
// the notes found before, and the orphans on both sides as problems.
func extractMarkers(d *extract.Doc) []quellen.Finding {
	notes := readNotes(d)
	ms := FindMarkers(d, notes)
	var out []quellen.Finding
	linked := make([]bool, len(notes))
	for _, m := range ms {
		a := quellen.Attrs{"number": m.Number, "note_line": nil, "style": m.Style}
		if m.Note >= 0 {
			linked[m.Note] = true
			if d.RawLine != nil {
				a["note_line"] = d.RawLine(notes[m.Note].Span.Start)
			}
		}
		out = append(out, quellen.Finding{Kind: quellen.KindNoteMarker, Clean: m.Span, Text: d.Text[m.Span.Start:m.Span.End], Attrs: a})
		if m.Note < 0 {
			out = append(out, quellen.Finding{Kind: quellen.KindProblem, Clean: m.Span, Text: d.Text[m.Span.Start:m.Span.End],
				Attrs: quellen.Attrs{"code": "note.orphan_marker", "number": m.Number, "severity": "warning",
					"message": fmt.Sprintf("note marker %s has no note", m.Number)}})
		}
	}
	for i, n := range notes {
		if !linked[i] {
			out = append(out, quellen.Finding{Kind: quellen.KindProblem, Clean: n.Span, Text: n.Text,
				Attrs: quellen.Attrs{"code": "note.orphan_note", "number": n.Number, "severity": "warning",
					"message": fmt.Sprintf("note %s has no marker", n.Number)}})
		}
	}
	return out
}

// markerFamily groups marker styles that share one numbering.
func markerFamily(style string) string {
	switch style {
	case styleBracket, styleParen, styleSymbol:
		return style
	}
	return "num"
}

// noteFamily is the marker family a note's label style goes with.
func noteFamily(style string) string {
	switch style {
	case styleBracket, styleParen, styleSymbol:
		return style
	}
	return "num"
}

// FindMarkers returns the note markers of the body of d, in text order,
// each linked to one of notes (the notes of d, in text order) or to none.
func FindMarkers(d *extract.Doc, notes []Note) []Marker {
	cands := candidates(d, notes)
	byNum := map[string][]int{}
	for i, n := range notes {
		byNum[n.Number] = append(byNum[n.Number], i)
	}
	has := func(num string) bool { return len(byNum[num]) > 0 }
	hasFam := func(num, fam string) bool {
		for _, i := range byNum[num] {
			if noteFamily(notes[i].Style) == fam {
				return true
			}
		}
		return false
	}
	parenNotes := false
	for _, n := range notes {
		parenNotes = parenNotes || n.Style == styleParen
	}
	vals := make([]int, len(cands))
	for i, c := range cands {
		v, err := strconv.Atoi(c.Number)
		if err != nil {
			v = -1
		}
		vals[i] = v
	}
	last := map[string]int{}
	seg := map[string]int{}
	// confirmed: a later candidate of the family carries on from v before
	// the number due after prev turns up.
	confirmed := func(i int, fam string, v, prev int) bool {
		seen := 0
		for j := i + 1; j < len(cands) && seen < 8; j++ {
			if markerFamily(cands[j].Style) != fam {
				continue
			}
			seen++
			switch vals[j] {
			case v + 1:
				return true
			case prev + 1:
				if v != 1 {
					return false
				}
			}
		}
		return false
	}
	var out []Marker
	for i, c := range cands {
		fam := markerFamily(c.Style)
		v := vals[i]
		prev := last[fam]
		next := v == prev+1
		ahead := v > prev && v <= prev+3 && has(c.Number)
		restart := v == 1 && prev >= 1 && (len(byNum["1"]) > seg[fam]+1 || len(notes) == 0 && confirmed(i, fam, v, prev))
		jump := v > prev+1 && v <= prev+20 && (len(notes) == 0 || has(c.Number)) && confirmed(i, fam, v, prev)
		ok := false
		switch c.Strength {
		case Strong:
			ok = c.Style != styleSuper || next || ahead || restart || jump || has(c.Number)
		case Paren:
			ok = parenNotes && hasFam(c.Number, styleParen) || !parenNotes && (next || restart) && has(c.Number)
		case Glued:
			ok = next || restart || ahead || jump || len(notes) == 0 && v > prev && v <= prev+2
		case Decimal:
			ok = next && c.Sentence && (has(c.Number) || len(notes) == 0)
		case Letter:
			ok = next && (has(c.Number) || len(notes) == 0 && confirmed(i, fam, v, prev))
		case Symbol:
			ok = has(c.Number)
		}
		if !ok {
			continue
		}
		if v >= 0 {
			if v <= prev && v == 1 {
				seg[fam]++
			}
			last[fam] = v
		}
		n := link(notes, byNum[c.Number], fam, seg[fam])
		if c.Target != "" {
			for i, x := range notes {
				if x.ID == c.Target {
					n = i
					break
				}
			}
		}
		out = append(out, Marker{Candidate: c, Note: n})
	}
	return out
}

// link chooses among the notes of a marker's number: those of the
// marker's family first, then the seg-th series among them.
func link(notes []Note, idx []int, fam string, seg int) int {
	if len(idx) == 0 {
		return -1
	}
	var same []int
	for _, i := range idx {
		if noteFamily(notes[i].Style) == fam {
			same = append(same, i)
		}
	}
	if len(same) == 0 {
		same = idx
	}
	var series []int
	for _, i := range same {
		if len(series) == 0 || notes[series[len(series)-1]].Series != notes[i].Series {
			series = append(series, i)
		}
	}
	return series[min(seg, len(series)-1)]
}

// candidates scans the body (paragraphs that are not notes or running
// heads, outside the notes) and the reader's note_ref blocks.
func candidates(d *extract.Doc, notes []Note) []Candidate {
	var regions []quellen.Span
	if len(d.Paras) == 0 {
		regions = []quellen.Span{{Start: 0, End: len(d.Text)}}
	}
	for _, p := range d.Paras {
		if p.Kind == "note" || p.Kind == "running_head" {
			continue
		}
		regions = append(regions, p.Span)
	}
	spans := make([]quellen.Span, 0, len(notes))
	for _, n := range notes {
		spans = append(spans, n.Span)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	inNote := func(s quellen.Span) bool {
		i := sort.Search(len(spans), func(i int) bool { return spans[i].End > s.Start })
		return i < len(spans) && spans[i].Overlaps(s)
	}

	var refs []Candidate
	for _, b := range d.Blocks {
		if b.Kind != "note_ref" {
			continue
		}
		s, e := max(0, b.Span.Start), min(len(d.Text), b.Span.End)
		if s >= e {
			continue
		}
		num := b.Attrs.String("number")
		if num == "" {
			if v, ok := b.Attrs["number"].(int); ok {
				num = strconv.Itoa(v)
			}
		}
		if num == "" {
			num = strings.Trim(d.Text[s:e], "[]() \t")
		}
		num = number(num)
		if num == "" || num == "0" {
			continue
		}
		if b.Attrs.String("target") == "" {
			if w := wordBefore(d.Text, s); units[strings.ToLower(w)] || (len(w) <= 2 && isLowerWord(w)) {
				continue // m<sup>3</sup>
			}
		}
		target := b.Attrs.String("target")
		if i := strings.LastIndexByte(target, '#'); i >= 0 {
			target = target[i+1:]
		}
		refs = append(refs, Candidate{Span: quellen.Span{Start: s, End: e}, Number: num, Style: styleRef, Strength: Strong, Target: target})
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].Span.Start < refs[j].Span.Start })
	inRef := func(s quellen.Span) bool {
		i := sort.Search(len(refs), func(i int) bool { return refs[i].Span.End > s.Start })
		return i < len(refs) && refs[i].Span.Overlaps(s)
	}

	var out []Candidate
	for _, r := range regions {
		for _, c := range Scan(d.Text, r.Start, r.End) {
			if inNote(c.Span) || inRef(c.Span) {
				continue
			}
			out = append(out, c)
		}
	}
	for _, r := range refs {
		if !inNote(r.Span) {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	// One candidate per place.
	dedup := out[:0]
	for _, c := range out {
		if n := len(dedup); n > 0 && dedup[n-1].Span.Overlaps(c.Span) {
			continue
		}
		dedup = append(dedup, c)
	}
	return dedup
}
