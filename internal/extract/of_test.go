package extract

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/quellen/quellen"
)

// ofRef is Of as it was before it returned runs of d.Findings: always a
// sorted copy.
func ofRef(d *Doc, k quellen.Kind) []quellen.Finding {
	var out []quellen.Finding
	for _, f := range d.Findings {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b quellen.Finding) int { return cmp.Compare(a.Clean.Start, b.Clean.Start) })
	return out
}

// randomFindings makes layers of findings as the pipeline gathers them
// (a kind's findings together, in order), and, sometimes, kinds
// interleaved or out of order.
func randomFindings(r *rand.Rand) []quellen.Finding {
	kinds := []quellen.Kind{quellen.KindNote, quellen.KindNoteMarker, quellen.KindEntity, quellen.KindQuote, quellen.KindDate}
	var fs []quellen.Finding
	for range r.IntN(5) {
		k := kinds[r.IntN(len(kinds))]
		at := 0
		for range r.IntN(6) {
			at += r.IntN(4)
			if r.IntN(8) == 0 {
				at = r.IntN(20) // out of order
			}
			kk := k
			if r.IntN(10) == 0 {
				kk = kinds[r.IntN(len(kinds))] // another kind in the layer
			}
			fs = append(fs, quellen.Finding{Kind: kk, Clean: quellen.Span{Start: at, End: at + 1}, Text: string(rune('a' + len(fs)%26))})
		}
	}
	return fs
}

func TestOfMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	kinds := []quellen.Kind{quellen.KindNote, quellen.KindNoteMarker, quellen.KindEntity, quellen.KindQuote, quellen.KindDate, quellen.KindStance}
	for n := range 20000 {
		d := &Doc{Findings: randomFindings(r)}
		before := slices.Clone(d.Findings)
		for _, k := range kinds {
			got, want := d.Of(k), ofRef(d, k)
			if len(got) == 0 && len(want) == 0 {
				if got != nil {
					t.Fatalf("case %d kind %s: empty but not nil", n, k)
				}
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d kind %s:\n got %v\nwant %v\n(findings %v)", n, k, got, want, d.Findings)
			}
			// Appending to the result never writes into d.Findings.
			_ = append(got, quellen.Finding{Kind: "x"})
			if !reflect.DeepEqual(d.Findings, before) {
				t.Fatalf("case %d kind %s: appending to Of's result changed the findings", n, k)
			}
		}
	}
}

func TestOfIsARunWhenLayered(t *testing.T) {
	d := &Doc{Findings: []quellen.Finding{
		{Kind: quellen.KindNote, Clean: quellen.Span{Start: 5}},
		{Kind: quellen.KindEntity, Clean: quellen.Span{Start: 1}},
		{Kind: quellen.KindEntity, Clean: quellen.Span{Start: 3}},
		{Kind: quellen.KindQuote, Clean: quellen.Span{Start: 0}},
	}}
	got := d.Of(quellen.KindEntity)
	if len(got) != 2 || &got[0] != &d.Findings[1] || cap(got) != 2 {
		t.Fatalf("a layer's findings were copied or left uncapped: %v (cap %d)", got, cap(got))
	}
	d.Findings = append(d.Findings, quellen.Finding{Kind: quellen.KindEntity, Clean: quellen.Span{Start: 2}})
	got = d.Of(quellen.KindEntity)
	if len(got) != 3 || got[1].Clean.Start != 2 || &got[0] == &d.Findings[1] {
		t.Fatalf("scattered findings: %v", got)
	}
}
