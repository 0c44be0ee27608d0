package extract

import "testing"

func TestSlicePoolGivesBackEmptyBuffers(t *testing.T) {
	var p SlicePool[int]
	if s := p.Get(); s != nil {
		t.Fatalf("a new pool gave %v", s)
	}
	p.Put(nil) // nothing to keep
	s := append(p.Get(), 1, 2, 3)
	p.Put(s)
	// sync.Pool may drop what it holds; when it gives it back, it is empty
	// with its capacity
	if got := p.Get(); got != nil && (len(got) != 0 || cap(got) < 3) {
		t.Errorf("got len %d cap %d, want an empty buffer of capacity 3 or more", len(got), cap(got))
	}
}
