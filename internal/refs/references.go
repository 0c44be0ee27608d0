package refs

import (
	"regexp"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/notes"
)

// found is a reference with its place, before and after resolution.
type found struct {
	span quellen.Span
	text string
	ref  Ref
	from int // raw line of the antecedent, 0 when none
	note bool
}

// extractRefs is the refs extractor.
func extractRefs(d *extract.Doc) []quellen.Finding {
	var fs []found
	add := func(base int, body string, note bool) {
		for _, p := range Split(body) {
			fs = append(fs, found{span: quellen.Span{Start: base + p.Start, End: base + p.End}, text: p.Text, ref: Parse(p.Text), note: note})
		}
	}
	// Header and citation blocks.
	for _, b := range citationBlocks(d) {
		n := len(fs)
		body := d.Text[b.Start:b.End]
		add(b.Start, body, false)
		if len(fs) == n && (reYear.MatchString(body) || reURL.MatchString(body)) {
			// A labelled citation needs no other evidence.
			t := strings.TrimRight(body, " \t\r;,")
			fs = append(fs, found{span: quellen.Span{Start: b.Start + len(body) - len(strings.TrimLeft(body, " \t")), End: b.Start + len(t)},
				text: norm(t), ref: Parse(t)})
		}
	}
	for _, b := range headerRefs(d) {
		fs = append(fs, found{span: b, text: norm(d.Text[b.Start:b.End]), ref: Parse(d.Text[b.Start:b.End])})
	}
	// Bibliography entries: one a paragraph (or a line) after the heading.
	noteSpans := d.Of(quellen.KindNote)
	inNote := func(sp quellen.Span) bool {
		for _, n := range noteSpans {
			if n.Clean.Overlaps(sp) {
				return true
			}
		}
		return false
	}
	for _, b := range bibliography(d) {
		if inNote(b) {
			continue // a numbered list read as notes already
		}
		t := d.Text[b.Start:b.End]
		if l, ok := notes.ParseLabel(t); ok && l.Style != "bare" {
			b.Start += l.Len
			t = t[l.Len:]
		}
		if reYear.MatchString(t) || reURL.MatchString(t) || evidence(t) {
			fs = append(fs, found{span: b, text: norm(t), ref: Parse(t)})
		}
	}
	// Notes.
	for _, n := range d.Of(quellen.KindNote) {
		s, e := max(0, n.Clean.Start), min(len(d.Text), n.Clean.End)
		if s >= e {
			continue
		}
		body := d.Text[s:e]
		if l, ok := notes.ParseLabel(body); ok {
			s += l.Len
			body = body[l.Len:]
		}
		add(s, strings.TrimRight(body, "↩↑ \n\t"), true)
	}
	sortFound(fs)
	expanded := map[string]string{}
	for i := range fs {
		a := fs[i].ref.Author
		if _, ok := expanded[a]; !ok {
			expanded[a] = expandInitials(d.Text, a)
		}
		fs[i].ref.Author = expanded[a]
	}
	resolve(d, fs)

	var out []quellen.Finding
	for _, f := range fs {
		a := attrs(f.ref)
		if f.from > 0 {
			a["resolved_from_line"] = f.from
		}
		out = append(out, quellen.Finding{Kind: quellen.KindReference, Clean: f.span, Text: f.text, Attrs: a})
	}
	return out
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func attrs(r Ref) quellen.Attrs {
	v := func(s string) any {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
		return s
	}
	a := quellen.Attrs{"type": v(r.Type), "author": v(r.Author), "title": v(r.Title), "container": v(r.Container),
		"publisher": v(r.Publisher), "place": v(r.Place), "year": v(r.Year), "volume": v(r.Volume), "issue": v(r.Issue),
		"pages": v(r.Pages), "url": v(r.URL), "archive": nil}
	if r.Archive != nil {
		a["archive"] = r.Archive.Attr()
	}
	return a
}

var reCitationHead = regexp.MustCompile(`(?i)^\s*(?:citation|source|sources|reference|cited from|quelle|источник)\s*:\s*`)

// citationBlocks are the texts of "Citation:" and "Source:" lines: the rest
// of the line, or the paragraph after a line that is only the label.
// citationHead is reCitationHead.FindStringIndex(line), answered at once
// for a line without a colon.
func citationHead(line string) []int {
	if strings.IndexByte(line, ':') < 0 {
		return nil
	}
	return reCitationHead.FindStringIndex(line)
}

func citationBlocks(d *extract.Doc) []quellen.Span {
	var out []quellen.Span
	skip := func(off int) bool {
		i := d.ParaAt(off)
		return i >= 0 && (d.Paras[i].Kind == "note" || d.Paras[i].Kind == "running_head")
	}
	t := d.Text
	for start := 0; start < len(t); {
		end := strings.IndexByte(t[start:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += start
		}
		line := t[start:end]
		// (the label ends with a colon: a line without one is not tried)
		if m := citationHead(line); m != nil && !skip(start) {
			if rest := strings.TrimSpace(line[m[1]:]); rest != "" {
				out = append(out, quellen.Span{Start: start + m[1], End: end})
			} else if i := d.ParaAt(start); i >= 0 && i+1 < len(d.Paras) {
				out = append(out, d.Paras[i+1].Span)
			} else if i < 0 {
				// No paragraph holds the label: the next one after it.
				for _, p := range d.Paras {
					if p.Span.Start >= end {
						out = append(out, p.Span)
						break
					}
				}
			}
		}
		start = end + 1
	}
	return out
}

var reBibHeading = regexp.MustCompile(`(?i)^\s*(?:select\s+)?(?:bibliography|bibliographie|bibliografía|bibliografia|references|works cited|literature cited|sources(?: and (?:literature|bibliography))?|literatur(?:verzeichnis)?|библиография|литература|список литературы|источники)\s*:?\s*$`)

// bibliography returns the entries of the bibliography sections: after a
// heading such as "Bibliography" or "References", every paragraph up to the
// next heading, a paragraph of several entries split at its lines.
func bibliography(d *extract.Doc) []quellen.Span {
	var out []quellen.Span
	in := false
	for _, p := range d.Paras {
		t := d.Text[p.Span.Start:p.Span.End]
		if p.Kind == "note" || p.Kind == "running_head" {
			continue
		}
		if reBibHeading.MatchString(t) {
			in = true
			continue
		}
		if !in {
			continue
		}
		if p.Kind == "heading" || notes.IsNotesHeading(t) || len(t) < 60 && !strings.ContainsAny(t, ".,:;") {
			in = false
			continue
		}
		for start := 0; start < len(t); {
			end := strings.IndexByte(t[start:], '\n')
			if end < 0 {
				end = len(t)
			} else {
				end += start
			}
			// A line that starts lower-case, or an indented one, goes on
			// the entry before it.
			for end < len(t) {
				next := t[end+1:]
				if k := strings.IndexByte(next, '\n'); k >= 0 {
					next = next[:k]
				}
				if strings.TrimSpace(next) == "" || startsUpper(next) && !strings.HasPrefix(next, " ") {
					break
				}
				if k := strings.IndexByte(t[end+1:], '\n'); k >= 0 {
					end = end + 1 + k
				} else {
					end = len(t)
				}
			}
			line := strings.TrimSpace(t[start:end])
			if line != "" {
				ls := p.Span.Start + start + strings.Index(t[start:end], line)
				out = append(out, quellen.Span{Start: ls, End: ls + len(line)})
			}
			start = end + 1
		}
	}
	return out
}

// headerRefs are the paragraphs before the body that cite a work in full:
// the reviewed book and the journal of a review.
func headerRefs(d *extract.Doc) []quellen.Span {
	var out []quellen.Span
	stop := len(d.Text)
	for _, k := range []quellen.Kind{quellen.KindNoteMarker, quellen.KindNote} {
		if fs := d.Of(k); len(fs) > 0 {
			stop = min(stop, fs[0].Clean.Start)
		}
	}
	for i, p := range d.Paras {
		if i > 10 || p.Span.Len() > 300 || p.Kind == "note" || p.Span.End > stop {
			break
		}
		t := d.Text[p.Span.Start:p.Span.End]
		if reCitationHead.MatchString(t) || strings.Contains(t, "\n\n") {
			continue
		}
		strong := reImprintBare.MatchString(t) ||
			reImprintParen.MatchString(t) && reColonImprint.MatchString(t) ||
			rePageMark.MatchString(t) && reYear.MatchString(t)
		if strong {
			s, e := p.Span.Start, p.Span.End
			for e > s && strings.ContainsRune(" \n\t", rune(d.Text[e-1])) {
				e--
			}
			out = append(out, quellen.Span{Start: s, End: e})
		}
	}
	return out
}

func sortFound(fs []found) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].span.Start < fs[j-1].span.Start; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
