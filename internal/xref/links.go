package xref

import (
	"cmp"
	"slices"
	"strings"

	"github.com/quellen/quellen"
)

// Doc is an analysed document as cross-examination sees it.
type Doc struct {
	Name  string
	Date  string // ISO, partial allowed; "" when unknown
	Clean string // the repaired text
	// Passage maps a span of Clean to a passage with raw offsets and lines
	// (pipeline.Analysis.Passage).
	Passage func(start, end int) quellen.Passage
	// Findings are the document's findings, sorted by clean offset.
	Findings []quellen.Finding
	// Paras are the paragraphs of Clean.
	Paras []quellen.Span
	// Lang gives the language of the text at a clean offset (may be nil).
	Lang func(off int) string
}

// Of returns the document's findings of one kind, sorted by clean offset.
func (d Doc) Of(k quellen.Kind) []quellen.Finding {
	var out []quellen.Finding
	for _, f := range d.Findings {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(x, y quellen.Finding) int { return cmp.Compare(x.Clean.Start, y.Clean.Start) })
	return out
}

// Links finds the reuse links among analysed documents. Each side of a
// link carries raw byte offsets and lines, mapped from the clean text
// through the document's offset map; side A is the earlier document by
// date where both are dated (the source), else the first given.
func Links(docs []Doc, opts Options) []quellen.Link {
	texts := make([]Text, len(docs))
	for i, d := range docs {
		texts[i] = Text{Doc: i, Text: d.Clean}
	}
	var out []quellen.Link
	for _, m := range Reuse(texts, opts) {
		a, b := docs[m.A], docs[m.B]
		if !quotable(m, a, b) {
			continue
		}
		pa := a.Passage(m.AStart, m.AEnd)
		pb := b.Passage(m.BStart, m.BEnd)
		diff := m.Diff
		if later(a.Date, b.Date) {
			pa, pb = pb, pa
			diff = invert(diff)
		}
		out = append(out, quellen.Link{
			Kind: "reuse", A: pa, B: pb, Relation: "agree", Score: round3(m.Score()),
			Attrs: quellen.Attrs{"fidelity": Fidelity(diff, pb.Text), "diff": diff, "matched_words": m.Matched},
		})
	}
	return out
}

// quotable tells a passage one document took from another from text that
// any two documents share as a matter of course: a match that is mostly
// gaps, the same reference cited in two notes, the same name or title
// written out in full.
func quotable(m Match, a, b Doc) bool {
	if m.Score() < 0.5 {
		return false
	}
	apparatus := []quellen.Kind{quellen.KindNote, quellen.KindReference, quellen.KindMetadata}
	if covered(a, m.AStart, m.AEnd, apparatus...) >= 0.5 && covered(b, m.BStart, m.BEnd, apparatus...) >= 0.5 {
		return false
	}
	names := []quellen.Kind{quellen.KindEntity}
	return covered(a, m.AStart, m.AEnd, names...) < 0.6 && covered(b, m.BStart, m.BEnd, names...) < 0.6
}

// covered is the share of [start, end) that findings of the kinds cover.
func covered(d Doc, start, end int, kinds ...quellen.Kind) float64 {
	if end <= start {
		return 0
	}
	n, pos := 0, start
	var fs []quellen.Finding
	for _, k := range kinds {
		fs = append(fs, d.Of(k)...)
	}
	slices.SortFunc(fs, func(x, y quellen.Finding) int { return cmp.Compare(x.Clean.Start, y.Clean.Start) })
	for _, f := range fs {
		s, e := max(f.Clean.Start, pos), min(f.Clean.End, end)
		if e > s {
			n += e - s
			pos = e
		}
	}
	return float64(n) / float64(end-start)
}

// later reports whether ISO date x is after y (both known).
func later(x, y string) bool {
	if x == "" || y == "" {
		return false
	}
	x, _, _ = strings.Cut(x, "/")
	y, _, _ = strings.Cut(y, "/")
	n := min(len(x), len(y))
	return x[:n] > y[:n]
}

func invert(ops []Op) []Op {
	out := make([]Op, len(ops))
	for i, op := range ops {
		op.A, op.B = op.B, op.A
		switch op.Kind {
		case Insert:
			op.Kind = Delete
		case Delete:
			op.Kind = Insert
		}
		out[i] = op
	}
	return out
}

// Fidelity says how the later passage (B) renders the source (A): exact,
// abridged (words left out, an ellipsis marking it or not), or altered
// (words changed or added).
func Fidelity(ops []Op, later string) string {
	deleted, changed := false, false
	for _, op := range ops {
		switch op.Kind {
		case Delete:
			deleted = true
		case Insert, Substitute, Move:
			changed = true
		}
	}
	switch {
	case changed:
		return "altered"
	case deleted:
		if strings.Contains(later, "…") || strings.Contains(later, "...") || strings.Contains(later, ": : :") || strings.Contains(later, "[…]") {
			return "abridged"
		}
		return "abridged_unmarked"
	}
	return "exact"
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
