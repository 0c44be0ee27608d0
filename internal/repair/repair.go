// Package repair undoes the damage that extraction did to a text: ligatures
// lost as U+FFFD, line-broken paragraphs, hyphenation at line ends, running
// page heads and footers, ": : :" ellipses, HTML residue. Each stage is one
// file; Run applies them in order and composes their offset maps, so every
// repaired span still leads back to the bytes it was made from.
//
// The order of the stages matters: HTML residue first (it works on words as
// written), and characters damaged as such (ligature characters, UTF-8 read
// as Windows-1252, soft hyphens); then the page furniture (running heads, page numbers and
// footnotes are moved after the body, so that a paragraph interrupted by a
// page break flows again); then the paragraphs of line-broken text are
// rejoined; then words hyphenated at line ends are joined (the paragraph
// stage leaves those line ends to it); then U+FFFD is read, on whole words;
// and last a line break inside ": : :" is joined.
package repair

import (
	"slices"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/text"
)

// Fix is one repair: a damaged word (Kind "repair") or a layout change
// (Kind "layout": paragraphs joined, a running head dropped, an ellipsis
// read). In is its span in Run's input, Out its span in the repaired text.
//
// What says which: repair fixes (one per damaged word) are "entity" (an
// HTML reference left as text), "encoding" (UTF-8 read as Windows-1252),
// "ligature", "hyphenation", or two of them joined by "+" when one word
// had both; layout fixes are "punctuation" (a U+FFFD read as a quotation
// mark, dash or bullet: a mark, not a word), "tag", "soft_hyphen",
// "footnote", "running_head", "paragraph", "ellipsis".
type Fix struct {
	Kind  string // repair or layout
	What  string
	In    quellen.Span // in the input text
	Out   quellen.Span // in the repaired text
	Clean string       // the repaired word (repair fixes)
}

// The kinds of a Fix.
const (
	KindRepair = "repair"
	KindLayout = "layout"
)

// Result is a repaired text.
type Result struct {
	Text  string    // the repaired text
	Map   *text.Map // Text back to the input
	Fixes []Fix     // sorted by In.Start
	// Blocks is the page structure the repair found, in Text offsets:
	// "note" (a footnote moved from a page foot to after the body; Attrs
	// "number"), "running_head" (a page head or foot kept after the body,
	// Attrs "page"), "page" (a page of the body); and, where the paragraphs
	// were rebuilt (Relaid), "paragraph" and "heading" for each of the body.
	Blocks []read.Block
	// Relaid says the paragraphs of a line-broken text were rebuilt: the
	// reader's paragraph blocks (its lines) no longer hold, the
	// "paragraph" and "heading" blocks above replace them.
	Relaid bool
}

// Options tune a run.
type Options struct {
	Format  string   // the reader's format: text, html, pdf, ...
	Lexicon *Lexicon // words known to the corpus; nil for the built-in list alone
}

// state is what a stage sees besides its input text.
type state struct {
	format string
	lex    *Lexicon
	// blocks found by earlier stages, in the stage's input offsets: text a
	// stage must leave as it is (notes and heads already moved and joined).
	blocks []read.Block
}

// paged reports whether the input's format may carry page furniture and
// line-broken paragraphs: plain text and PDF (and an unnamed format), not
// the structured formats whose readers give their own paragraphs.
func (st *state) paged() bool {
	switch st.format {
	case "", "text", "pdf":
		return true
	}
	return false
}

// bodyEnd is where the text moved after the body begins (len(s) when
// nothing was moved).
func (st *state) bodyEnd(n int) int {
	end := n
	for _, b := range st.blocks {
		if b.Kind == "note" || b.Kind == "running_head" {
			end = min(end, b.Span.Start)
		}
	}
	return end
}

// stageResult is what one stage made of its input. Fix spans are in the
// stage's own input (In) and output (Out); blocks in its output. A nil map
// means the stage changed nothing.
type stageResult struct {
	text   string
	m      *text.Map
	fixes  []Fix
	blocks []read.Block
}

type stage struct {
	name string
	run  func(in string, st *state) stageResult
}

// stages in the order Run applies them (see the package comment).
var stages = []stage{
	{"residue", residueStage},
	{"forms", formsStage},
	{"pages", pagesStage},
	{"paragraphs", paragraphStage},
	{"hyphenation", hyphenStage},
	{"ligatures", ligatureStage},
	{"ellipsis", ellipsisStage},
}

// Run repairs in.
func Run(in string, opts Options) *Result {
	lex := opts.Lexicon
	if lex == nil {
		lex = NewLexicon()
	}
	st := &state{format: opts.Format, lex: lex}
	cur := in
	total := text.Identity(len(in))
	var fixes []Fix
	var blocks []read.Block
	for _, sg := range stages {
		st.blocks = blocks
		r := sg.run(cur, st)
		if r.m == nil {
			continue
		}
		for i := range fixes {
			fixes[i].Out = outSpan(r.m, fixes[i].Out)
		}
		for i := range blocks {
			blocks[i].Span = outSpan(r.m, blocks[i].Span)
		}
		for _, f := range r.fixes {
			s, e := total.InSpan(f.In.Start, f.In.End)
			f.In = quellen.Span{Start: s, End: e}
			fixes = append(fixes, f)
		}
		blocks = append(blocks, r.blocks...)
		total = total.Then(r.m)
		cur = r.text
	}
	fixes = mergeRepairs(fixes, cur)
	relaid := false
	for _, b := range blocks {
		relaid = relaid || b.Kind == "paragraph"
	}
	slices.SortStableFunc(blocks, func(a, b read.Block) int { return a.Span.Start - b.Span.Start })
	return &Result{Text: cur, Map: total, Fixes: fixes, Blocks: blocks, Relaid: relaid}
}

func outSpan(m *text.Map, sp quellen.Span) quellen.Span {
	s, e := m.OutSpan(sp.Start, sp.End)
	return quellen.Span{Start: s, End: e}
}

// mergeRepairs makes one repair of the repairs of one word, those whose
// repaired spans overlap (a ligature in a word split at a line end is
// found by two stages), sets every repair's
// Clean to the repaired word as it reads in the final text, and sorts the
// fixes by their input start.
func mergeRepairs(fixes []Fix, final string) []Fix {
	slices.SortStableFunc(fixes, func(a, b Fix) int {
		if a.In.Start != b.In.Start {
			return a.In.Start - b.In.Start
		}
		return a.In.End - b.In.End
	})
	out := fixes[:0]
	last := -1 // index in out of the last repair fix
	for _, f := range fixes {
		if f.Kind == KindRepair && last >= 0 {
			p := &out[last]
			if f.Out.Start < p.Out.End && p.Out.Start < f.Out.End {
				p.In.End = max(p.In.End, f.In.End)
				p.Out.Start = min(p.Out.Start, f.Out.Start)
				p.Out.End = max(p.Out.End, f.Out.End)
				if p.What != f.What {
					p.What += "+" + f.What
				}
				continue
			}
		}
		out = append(out, f)
		if f.Kind == KindRepair {
			last = len(out) - 1
		}
	}
	for i := range out {
		if out[i].Kind == KindRepair && out[i].Out.End <= len(final) && out[i].Out.Start <= out[i].Out.End {
			out[i].Clean = final[out[i].Out.Start:out[i].Out.End]
		}
	}
	return out
}
