package storetest

import (
	"context"
	"testing"

	"github.com/quellen/quellen"
)

// LinkAdder is a store that stores links in batches (both stores are).
type LinkAdder interface {
	AddLinks(ctx context.Context, links []*quellen.Link) (added int, err error)
}

// addLinks checks AddLinks: a batch stores each link once (a repeat in the
// batch or one stored before is passed over and given the stored link's
// id), and a batch that fails stores none of its links.
func addLinks(t *testing.T, s quellen.Store) {
	la, ok := s.(LinkAdder)
	if !ok {
		t.Skipf("%T stores no links in batches", s)
	}
	ctx := t.Context()
	for _, name := range []string{"a.txt", "b.txt"} {
		if _, err := s.Put(ctx, Doc(name, "The clay at the crossing would not hold. "+name)); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := s.Documents(ctx, quellen.DocFilter{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	link := func(start int) *quellen.Link {
		return &quellen.Link{Kind: "reuse", Relation: "agree", Score: 0.9, Attrs: quellen.Attrs{"matched_words": 8},
			A: quellen.Passage{DocID: docs[0].ID, Raw: quellen.Span{Start: start, End: start + 8}, Line: 1, EndLine: 1, Text: "the clay"},
			B: quellen.Passage{DocID: docs[1].ID, Raw: quellen.Span{Start: start, End: start + 8}, Line: 1, EndLine: 1, Text: "the clay"}}
	}
	one, two, again := link(0), link(4), link(0)
	added, err := la.AddLinks(ctx, []*quellen.Link{one, two, again})
	if err != nil || added != 2 {
		t.Fatalf("AddLinks of two links and a repeat: added %d, %v; want 2", added, err)
	}
	if one.ID == 0 || two.ID == 0 || one.ID == two.ID || again.ID != one.ID {
		t.Errorf("ids %d, %d and the repeat's %d", one.ID, two.ID, again.ID)
	}
	stored, three := link(0), link(9)
	if added, err := la.AddLinks(ctx, []*quellen.Link{stored, three}); err != nil || added != 1 || stored.ID != one.ID {
		t.Errorf("AddLinks of a stored link and a new one: added %d (want 1), id %d (want %d), %v", added, stored.ID, one.ID, err)
	}
	// a link to a version that is not there fails the batch
	four, bad := link(13), link(20)
	bad.B.DocID = docs[1].ID + 1000
	if added, err := la.AddLinks(ctx, []*quellen.Link{four, bad}); err == nil || added != 0 || four.ID != 0 {
		t.Errorf("AddLinks with a link to no version: added %d, id %d, err %v; want an error and nothing stored", added, four.ID, err)
	}
	if added, err := la.AddLinks(ctx, []*quellen.Link{four}); err != nil || added != 1 {
		t.Errorf("AddLinks after the failed batch: added %d, %v; want 1 (the batch stored nothing)", added, err)
	}
	if added, err := la.AddLinks(ctx, nil); err != nil || added != 0 {
		t.Errorf("AddLinks of none: %d, %v", added, err)
	}
}
