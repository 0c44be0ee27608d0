package notes

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// extractBodies is the notes.bodies extractor: one note finding per note.
func extractBodies(d *extract.Doc) []quellen.Finding {
	notes, names := FindNotes(d)
	var out []quellen.Finding
	for _, n := range notes {
		a := quellen.Attrs{"number": n.Number, "series": nil, "style": n.Style, "series_index": n.Series}
		if len(names) > 1 {
			a["series"] = names[n.Series]
		}
		if n.ID != "" {
			a["id"] = n.ID
		}
		out = append(out, quellen.Finding{Kind: quellen.KindNote, Clean: n.Span, Text: n.Text, Attrs: a})
	}
	return out
}

// line is one line of the text with what it looks like.
type line struct {
	start, end int // without the newline
	text       string
	blank      bool
	label      Label
	labelled   bool
	heading    bool // a notes heading
}

func splitLines(s string) []line {
	ls := make([]line, 0, strings.Count(s, "\n")+1)
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		t := strings.TrimRight(s[start:end], "\r")
		l := line{start: start, end: start + len(t), text: t, blank: strings.TrimSpace(t) == ""}
		if !l.blank {
			l.label, l.labelled = ParseLabel(t)
			l.heading = IsNotesHeading(t)
		}
		ls = append(ls, l)
		if end >= len(s) {
			break
		}
		start = end + 1
	}
	return ls
}

// FindNotes returns the notes of a document in text order, and the names of
// their series ("main", "postscript", ...), indexed by Note.Series.
func FindNotes(d *extract.Doc) ([]Note, []string) {
	var notes []Note
	var names []string
	covered := func(off int) bool { return false }

	// The reader's and the repair's note blocks.
	var blocks []Note
	prev := 0
	for _, b := range d.Blocks {
		if b.Kind != "note" {
			continue
		}
		s, e := max(0, b.Span.Start), min(len(d.Text), b.Span.End)
		if s >= e {
			continue
		}
		raw := d.Text[s:e]
		n := Note{Span: quellen.Span{Start: s, End: e}, ID: b.Attrs.String("id")}
		body := raw
		if l, ok := ParseLabel(raw); ok {
			n.Number, n.Style, body = l.Number, l.Style, raw[l.Len:]
		}
		if v := b.Attrs.String("number"); v != "" {
			n.Number = number(v)
		} else if v, ok := b.Attrs["number"].(int); ok {
			n.Number = strconv.Itoa(v)
		}
		if n.Number == "" {
			n.Number = number(strings.TrimLeft(n.ID, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-:"))
		}
		if n.Number == "" {
			continue
		}
		if n.Style == "" {
			n.Style = styleRef
		}
		n.Text = cleanBody(body)
		if v, err := strconv.Atoi(n.Number); err == nil {
			if v <= prev && len(blocks) > 0 {
				names = append(names, "")
			}
			prev = v
		}
		if len(names) == 0 {
			names = append(names, "")
		}
		n.Series = len(names) - 1
		blocks = append(blocks, n)
	}
	if len(blocks) > 0 {
		notes = append(notes, blocks...)
		covered = func(off int) bool {
			i := sort.Search(len(blocks), func(i int) bool { return blocks[i].Span.End > off })
			return i < len(blocks) && blocks[i].Span.Start <= off
		}
		sort.Slice(blocks, func(i, j int) bool { return blocks[i].Span.Start < blocks[j].Span.Start })
	}

	ls := splitLines(d.Text)
	// Footnotes left at the foot of their pages, when no reader or repair
	// stage found any note.
	if len(blocks) == 0 {
		if foot := pageFootnotes(d.Text, ls); len(foot) > 0 {
			names = append(names, "")
			for i := range foot {
				foot[i].Series = len(names) - 1
			}
			notes = append(notes, foot...)
			covered = func(off int) bool {
				i := sort.Search(len(foot), func(i int) bool { return foot[i].Span.End > off })
				return i < len(foot) && foot[i].Span.Start <= off
			}
		}
	}

	// Notes in the text: runs of labelled lines after a notes heading, or
	// at the end of the document.
	type run struct {
		notes   []Note
		heading string
		zone    bool
		last    int // line index of the last note's end
	}
	var runs []run
	var cur *run
	zone, zoneName := false, ""
	flush := func() {
		if cur != nil && len(cur.notes) > 0 {
			runs = append(runs, *cur)
		}
		cur = nil
	}
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l.blank || covered(l.start) {
			continue
		}
		if l.heading {
			flush()
			zone, zoneName = true, seriesName(l.text)
			continue
		}
		if zone && !l.labelled && isHeading(ls, i) {
			// Another heading: a chapter's notes go on under it; anything
			// else ends the notes.
			flush()
			if !nextLabelled(ls, i) {
				zone = false
			}
			continue
		}
		if !l.labelled || (l.label.Style == styleBare && !zone) {
			continue
		}
		v, _ := strconv.Atoi(l.label.Number)
		if cur != nil {
			pv, _ := strconv.Atoi(cur.notes[len(cur.notes)-1].Number)
			same := family(cur.notes[0].Style) == family(l.label.Style)
			seq := v > pv && v <= pv+3 || l.label.Style == styleSymbol
			if !same || !seq {
				flush()
			}
		}
		if cur == nil {
			if !zone && v != 1 && l.label.Style != styleSymbol {
				continue
			}
			cur = &run{heading: zoneName, zone: zone}
		}
		// The note runs to the end of its paragraph, or to the next label.
		j := i
		for j+1 < len(ls) {
			nl := ls[j+1]
			if nl.blank || nl.heading || covered(nl.start) {
				break
			}
			if nl.labelled && (nl.label.Style != styleBare || zone) {
				break
			}
			j++
		}
		s := l.start + len(l.text) - len(strings.TrimLeft(l.text, " \t"))
		e := ls[j].end
		for e > s && (d.Text[e-1] == ' ' || d.Text[e-1] == '\t' || d.Text[e-1] == '\r') {
			e--
		}
		body := d.Text[l.start:e][l.label.Len:]
		cur.notes = append(cur.notes, Note{Span: quellen.Span{Start: s, End: e}, Number: l.label.Number,
			Text: cleanBody(body), Style: l.label.Style})
		cur.last = j
		i = j
	}
	flush()

	for _, r := range runs {
		if !r.zone && !acceptRun(ls, r.notes, r.last) {
			continue
		}
		names = append(names, r.heading)
		for _, n := range r.notes {
			n.Series = len(names) - 1
			notes = append(notes, n)
		}
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Span.Start < notes[j].Span.Start })
	for i := range names {
		if names[i] == "" {
			if i == 0 {
				names[i] = "main"
			} else {
				names[i] = strconv.Itoa(i + 1)
			}
		}
	}
	return notes, names
}

// isHeading: a short line standing alone between blank lines, with no
// closing punctuation.
func isHeading(ls []line, i int) bool {
	t := strings.TrimSpace(ls[i].text)
	if t == "" || len(t) > 60 || strings.ContainsAny(t[len(t)-1:], ".,;:!?)") || !startsUpperRune(t) {
		return false
	}
	return (i == 0 || ls[i-1].blank) && (i+1 >= len(ls) || ls[i+1].blank)
}

// nextLabelled: the next line with text after i opens note 1 (a chapter's
// notes).
func nextLabelled(ls []line, i int) bool {
	for _, l := range ls[i+1:] {
		if !l.blank {
			return l.labelled && l.label.Number == "1"
		}
	}
	return false
}

func startsUpperRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// pageFootnotes finds footnotes at the foot of their pages in a text no
// stage has restructured: lines "N Text" before any notes heading whose
// number N is the next in the sequence and whose marker N stands in the
// text before them, after the marker of the note before.
func pageFootnotes(s string, ls []line) []Note {
	pos := map[string][]int{}
	for _, c := range Scan(s, 0, len(s)) {
		if c.Strength != Symbol && c.Strength != Paren {
			pos[c.Number] = append(pos[c.Number], c.Span.Start)
		}
	}
	var out []Note
	last, markerAt := 0, -1
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l.heading {
			break
		}
		if !l.labelled || l.label.Style != styleBare {
			continue
		}
		v, _ := strconv.Atoi(l.label.Number)
		if v != last+1 && v != 1 {
			continue
		}
		at := -1
		for _, p := range pos[l.label.Number] {
			if p > markerAt && p < l.start {
				at = p
				break
			}
		}
		if at < 0 {
			continue
		}
		j := i
		for j+1 < len(ls) && !ls[j+1].blank && !ls[j+1].labelled && !ls[j+1].heading {
			j++
		}
		st := l.start + len(l.text) - len(strings.TrimLeft(l.text, " \t"))
		e := ls[j].end
		for e > st && (s[e-1] == ' ' || s[e-1] == '\t' || s[e-1] == '\r') {
			e--
		}
		out = append(out, Note{Span: quellen.Span{Start: st, End: e}, Number: l.label.Number,
			Text: cleanBody(s[l.start:e][l.label.Len:]), Style: styleBare})
		last, markerAt = v, at
		i = j
	}
	return out
}

// acceptRun decides on a run of labelled lines outside a notes section:
// notes when they close the document, or when three or more bracketed
// labels follow each other. A lone note closing the document is one only
// when it is bracketed ("[1] ...").
func acceptRun(ls []line, ns []Note, last int) bool {
	if len(ns) >= 3 && family(ns[0].Style) == styleBracket {
		return true
	}
	if len(ns) == 1 && !lonelyNote(ns[0]) {
		return false
	}
	rest := 0
	for _, l := range ls[last+1:] {
		if l.blank {
			continue
		}
		if len(l.text) > 200 {
			return false
		}
		rest += len(l.text)
		if rest >= 600 {
			return false // no need to read the rest of the document
		}
	}
	return rest < 600
}

// lonelyNote: a single note closing the document is one when it is
// bracketed ("[1] ..."); a bare or dotted line there may as well be a
// list's last item.
func lonelyNote(n Note) bool {
	return family(n.Style) == styleBracket
}

// family groups label styles that belong to one numbering.
func family(style string) string {
	if style == styleDot || style == styleBare {
		return styleDot
	}
	return style
}

// cleanBody is a note's text without its label: spaces joined, a back link
// (↩) dropped.
func cleanBody(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for {
		t := strings.TrimSpace(strings.TrimRight(s, "↩↑^⤴ \u00a0"))
		if t == s {
			return s
		}
		s = t
	}
}
