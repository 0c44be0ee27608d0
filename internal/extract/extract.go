// Package extract defines what every extractor sees and returns. A Doc is a
// repaired text with its paragraphs, structure and the findings of the
// extractors that ran before; an Extractor adds one layer of findings, in
// clean-text offsets. The pipeline maps them back to raw bytes.
//
// The extractors live in packages of their own, one per concern
// (internal/notes, internal/quotes, internal/dates, ...), one file per
// extractor.
package extract

import (
	"cmp"
	"slices"
	"sort"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
)

// Para is a paragraph of the clean text: a run of text between blank lines,
// or a structural block a reader found (heading, blockquote, note, ...).
type Para struct {
	Span quellen.Span
	Kind string // paragraph, heading, blockquote, list_item, note, running_head
	Lang string // ISO 639-1; "ru-Latn" for Russian in Latin transliteration; "" when unknown
}

// Doc is a document as extractors see it.
type Doc struct {
	Name   string // base name of the file (the contract's doc)
	Format string // the reader's format
	Text   string // the repaired text; every offset below is into it
	Paras  []Para
	Blocks []read.Block // the reader's structure, mapped into Text
	Meta   quellen.Metadata
	// Findings so far, in the order the extractors ran. Extractors read
	// earlier layers (quotes read entities and notes) and never modify them.
	Findings []quellen.Finding
	// RawLine gives the 1-based raw line of a Text offset, for attributes
	// that name lines (note_line, translation_of_line).
	RawLine func(off int) int
}

// An Extractor adds one layer of findings to a document. Findings carry
// Kind, Clean, Text, Attrs; the pipeline fills Raw, lines, Extractor and
// Status. A damaged document gives a best-effort result, never a panic.
type Extractor interface {
	Name() string
	Extract(d *Doc) []quellen.Finding
}

// Of returns the findings of one kind so far, in text order. The result
// is for reading: where the kind's findings stand together and in order
// in d.Findings (one extractor's layer, as the pipeline gathers them) it is
// that run of d.Findings itself, not a copy, capped so that appending to
// it copies; otherwise a sorted copy.
func (d *Doc) Of(k quellen.Kind) []quellen.Finding {
	fs := d.Findings
	i := 0
	for i < len(fs) && fs[i].Kind != k {
		i++
	}
	if i == len(fs) {
		return nil
	}
	j := i + 1
	for j < len(fs) && fs[j].Kind == k && fs[j].Clean.Start >= fs[j-1].Clean.Start {
		j++
	}
	rest := j
	for rest < len(fs) && fs[rest].Kind != k {
		rest++
	}
	if rest == len(fs) {
		return fs[i:j:j]
	}
	return d.ofCopy(k)
}

// ofCopy is Of by copying: the findings of kind k in text order.
func (d *Doc) ofCopy(k quellen.Kind) []quellen.Finding {
	n := 0
	for i := range d.Findings {
		if d.Findings[i].Kind == k {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]quellen.Finding, 0, n)
	sorted := true
	for i := range d.Findings {
		if f := &d.Findings[i]; f.Kind == k {
			if len(out) > 0 && f.Clean.Start < out[len(out)-1].Clean.Start {
				sorted = false
			}
			out = append(out, *f)
		}
	}
	if !sorted {
		slices.SortStableFunc(out, func(a, b quellen.Finding) int { return cmp.Compare(a.Clean.Start, b.Clean.Start) })
	}
	return out
}

// ParaAt returns the index of the paragraph holding offset off, or -1.
func (d *Doc) ParaAt(off int) int {
	i := sort.Search(len(d.Paras), func(i int) bool { return d.Paras[i].Span.End > off })
	if i < len(d.Paras) && d.Paras[i].Span.Start <= off {
		return i
	}
	return -1
}

// LangAt returns the language of the paragraph holding off, or the
// document's language.
func (d *Doc) LangAt(off int) string {
	if i := d.ParaAt(off); i >= 0 && d.Paras[i].Lang != "" {
		return d.Paras[i].Lang
	}
	return d.Meta.Language
}

// Func adapts a function to an Extractor.
type Func struct {
	N string
	F func(d *Doc) []quellen.Finding
}

// Name implements Extractor.
func (f Func) Name() string { return f.N }

// Extract implements Extractor.
func (f Func) Extract(d *Doc) []quellen.Finding { return f.F(d) }
