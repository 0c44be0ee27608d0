package pipeline

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/quellen/quellen"
)

// sortFindingsRef is SortFindings as it was: a stable sort of the findings
// themselves.
func sortFindingsRef(fs []quellen.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Raw.Start != b.Raw.Start {
			return a.Raw.Start < b.Raw.Start
		}
		if a.Raw.End != b.Raw.End {
			return a.Raw.End < b.Raw.End
		}
		return strings.Compare(string(a.Kind), string(b.Kind)) < 0
	})
}

// TestSortFindingsIsStable compares SortFindings with a stable sort on
// findings with many ties (few offsets, few kinds), already sorted ones,
// reversed ones and the empty and one-element lists. Each finding's Line
// holds its input position, so that the order of ties is checked too.
func TestSortFindingsIsStable(t *testing.T) {
	kinds := []quellen.Kind{"quote", "entity", "date", "note_marker"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 400 {
		n := rng.IntN(60)
		if round < 2 {
			n = round // empty, one
		}
		fs := make([]quellen.Finding, n)
		span := 1 + rng.IntN(8)
		for i := range fs {
			s := rng.IntN(span)
			fs[i] = quellen.Finding{Kind: kinds[rng.IntN(len(kinds))], Raw: quellen.Span{Start: s, End: s + rng.IntN(3)}, Line: i}
		}
		switch round % 4 {
		case 1:
			sortFindingsRef(fs) // already in order
		case 2:
			sortFindingsRef(fs)
			slices.Reverse(fs)
		}
		want := slices.Clone(fs)
		sortFindingsRef(want)
		got := slices.Clone(fs)
		SortFindings(got)
		if !slices.EqualFunc(got, want, func(a, b quellen.Finding) bool {
			return a.Raw == b.Raw && a.Kind == b.Kind && a.Line == b.Line
		}) {
			t.Fatalf("round %d: SortFindings differs from a stable sort\n got %v\nwant %v", round, got, want)
		}
	}
}
