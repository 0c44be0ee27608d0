package text

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameMap checks that got answers every query as want does.
func sameMap(t *testing.T, got, want *Map) {
	t.Helper()
	if !slices.Equal(got.Pieces(), want.Pieces()) || got.OutLen() != want.OutLen() || got.InLen() != want.InLen() {
		t.Fatalf("pieces %v (%d/%d), want %v (%d/%d)", got.Pieces(), got.OutLen(), got.InLen(), want.Pieces(), want.OutLen(), want.InLen())
	}
	for o := -1; o <= want.OutLen()+1; o++ {
		if got.In(o) != want.In(o) || got.InEnd(o) != want.InEnd(o) {
			t.Fatalf("In/InEnd(%d) = %d/%d, want %d/%d", o, got.In(o), got.InEnd(o), want.In(o), want.InEnd(o))
		}
	}
	for i := -1; i <= want.InLen()+1; i++ {
		if got.Out(i) != want.Out(i) || got.OutEnd(i) != want.OutEnd(i) {
			t.Fatalf("Out/OutEnd(%d) = %d/%d, want %d/%d", i, got.Out(i), got.OutEnd(i), want.Out(i), want.OutEnd(i))
		}
	}
}

func roundTrip(t *testing.T, m *Map) *Map {
	t.Helper()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Map
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatalf("%v (form %x)", err, b)
	}
	return &got
}

func TestMapBinaryRoundTrip(t *testing.T) {
	// a move (input going backwards), an insertion, a deletion, an empty map
	_, _, moved := movedNote()
	// a word rejoined across a running head, the head placed after it: the
	// replacement's input holds the head's
	in := "con-\nHEAD\ntinued"
	b := NewBuilder(in)
	b.Replace(0, len(in), "continued")
	b.Insert("\n")
	b.Append(5, 9)
	out, across := b.Finish()
	if out != "continued\nHEAD" {
		t.Fatalf("out %q", out)
	}
	for _, m := range []*Map{moved, across, Identity(0), Identity(7), new(Map)} {
		sameMap(t, roundTrip(t, m), m)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		in := strings.Repeat("abcdefghij", 5)[:1+r.IntN(40)]
		mid, m1 := edit(in, randomEdits(r, in))
		_, m2 := edit(mid, randomEdits(r, mid))
		m := m1.Then(m2)
		sameMap(t, roundTrip(t, m), m)
	}
}

func TestMapBinaryRejectsDamage(t *testing.T) {
	_, m := edit("a fine difficulty here", [][3]any{{2, 6, "fi"}, {7, 10, ""}})
	good, _ := m.MarshalBinary()
	// every truncation fails; every one-byte change fails or gives a map
	// whose queries stay inside its texts
	for n := range len(good) {
		var got Map
		if err := got.UnmarshalBinary(good[:n]); err == nil {
			t.Errorf("truncated to %d bytes: accepted", n)
		}
	}
	for i := range good {
		for _, c := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			bad := slices.Clone(good)
			bad[i] = c
			var got Map
			if got.UnmarshalBinary(bad) == nil {
				checkBounds(t, &got)
			}
		}
	}
	var got Map
	if err := got.UnmarshalBinary(append(slices.Clone(good), 0)); err == nil {
		t.Error("trailing byte accepted")
	}
	lines, _ := NewLines("a\nb").MarshalBinary()
	if err := got.UnmarshalBinary(lines); err == nil {
		t.Error("a line index read as a map")
	}
	// a piece reaching past the input
	bad := []byte{mapMagic, 4, 2, 1, 4<<1 | 1, 0}
	if err := got.UnmarshalBinary(bad); err == nil {
		t.Error("copy of 4 bytes from a 2-byte input accepted")
	}
	// pieces short of the output
	bad = []byte{mapMagic, 4, 4, 1, 2<<1 | 1, 0}
	if err := got.UnmarshalBinary(bad); err == nil {
		t.Error("pieces covering 2 of 4 output bytes accepted")
	}
}

// checkBounds fails when a query of m leaves its texts. (A span may map
// to an input span ending before it starts: a span across moved text.)
func checkBounds(t *testing.T, m *Map) {
	t.Helper()
	for o := 0; o <= m.OutLen(); o++ {
		if s, e := m.InSpan(o, m.OutLen()); s < 0 || e > m.InLen() || s > m.InLen() || e < 0 {
			t.Fatalf("InSpan(%d, %d) = %d, %d outside [0, %d]", o, m.OutLen(), s, e, m.InLen())
		}
	}
	for i := 0; i <= m.InLen(); i++ {
		if o := m.Out(i); o < 0 || o > m.OutLen() {
			t.Fatalf("Out(%d) = %d outside [0, %d]", i, o, m.OutLen())
		}
	}
}

func TestLinesBinary(t *testing.T) {
	for _, s := range []string{"", "one line", "a\nb\n", "\n\n\n", "x\r\ny\nzz"} {
		want := NewLines(s)
		b, _ := want.MarshalBinary()
		var got Lines
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if !slices.Equal(got.starts, want.starts) || got.n != want.n {
			t.Errorf("%q: %v/%d, want %v/%d", s, got.starts, got.n, want.starts, want.n)
		}
		for off := -1; off <= len(s)+1; off++ {
			if got.Line(off) != want.Line(off) {
				t.Errorf("%q: Line(%d) = %d, want %d", s, off, got.Line(off), want.Line(off))
			}
		}
	}
	var l Lines
	for name, bad := range map[string][]byte{
		"empty":           nil,
		"a map":           {mapMagic, 0, 0, 0},
		"no lines":        {linesMagic, 3, 0},
		"first start 1":   {linesMagic, 3, 1, 1},
		"starts repeated": {linesMagic, 3, 2, 0, 0},
		"past the end":    {linesMagic, 3, 2, 0, 4},
		"truncated":       {linesMagic, 3, 3, 0, 1},
		"trailing":        {linesMagic, 3, 1, 0, 9},
	} {
		if err := l.UnmarshalBinary(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzMapBinary(f *testing.F) {
	_, m := edit("a fine difficulty here", [][3]any{{2, 6, "fi"}, {7, 10, ""}})
	b, _ := m.MarshalBinary()
	f.Add(b)
	b, _ = Identity(5).MarshalBinary()
	f.Add(b)
	f.Add([]byte{mapMagic, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var got Map
		if got.UnmarshalBinary(data) != nil {
			return
		}
		if got.OutLen() > 1<<12 || got.InLen() > 1<<12 {
			return // queries over huge texts take too long to check
		}
		checkBounds(t, &got)
		sameMap(t, roundTrip(t, &got), &got)
	})
}

func FuzzLinesBinary(f *testing.F) {
	b, _ := NewLines("a\nb\n\nc").MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var got Lines
		if got.UnmarshalBinary(data) != nil {
			return
		}
		for i := 1; i < len(got.starts); i++ {
			if got.starts[i] <= got.starts[i-1] || got.starts[i] > got.n {
				t.Fatalf("starts %v of a %d-byte text", got.starts, got.n)
			}
		}
		again, _ := got.MarshalBinary()
		var back Lines
		if err := back.UnmarshalBinary(again); err != nil || !slices.Equal(back.starts, got.starts) {
			t.Fatalf("round trip: %v %v", back.starts, err)
		}
	})
}
