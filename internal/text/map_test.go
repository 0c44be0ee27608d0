package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// edit applies a list of (start, end, repl) edits, sorted and disjoint.
func edit(in string, edits [][3]any) (string, *Map) {
	b := NewBuilder(in)
	for _, e := range edits {
		b.CopyTo(e[0].(int))
		b.Replace(e[0].(int), e[1].(int), e[2].(string))
	}
	return b.Finish()
}

func TestBuilderMap(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		edits  [][3]any
		want   string
		out    [2]int // an output span
		wantIn [2]int // the input span it maps to
	}{
		{"identity", "hello world", nil, "hello world", [2]int{6, 11}, [2]int{6, 11}},
		{"ligature", "di\ufffdculty", [][3]any{{2, 5, "ffi"}}, "difficulty", [2]int{0, 10}, [2]int{0, 10}},
		{"inside replacement start", "di\ufffdculty", [][3]any{{2, 5, "ffi"}}, "difficulty", [2]int{3, 4}, [2]int{2, 5}},
		{"hyphen join", "con-\n\ncession", [][3]any{{3, 6, ""}}, "concession", [2]int{0, 10}, [2]int{0, 13}},
		{"word after deletion", "a\n\nb c", [][3]any{{1, 3, " "}}, "a b c", [2]int{4, 5}, [2]int{5, 6}},
		{"entity", "Delorme&amp;#8217;s x", [][3]any{{7, 18, "\u2019"}}, "Delorme\u2019s x", [2]int{0, 12}, [2]int{0, 20}},
		{"empty input", "", nil, "", [2]int{0, 0}, [2]int{0, 0}},
		{"delete all", "abc", [][3]any{{0, 3, ""}}, "", [2]int{0, 0}, [2]int{0, 0}},
		{"insert at start", "abc", [][3]any{{0, 0, ">>"}}, ">>abc", [2]int{2, 5}, [2]int{0, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := edit(tt.in, tt.edits)
			if got != tt.want {
				t.Fatalf("output %q, want %q", got, tt.want)
			}
			s, e := m.InSpan(tt.out[0], tt.out[1])
			if s != tt.wantIn[0] || e != tt.wantIn[1] {
				t.Errorf("InSpan(%v) = [%d,%d), want %v", tt.out, s, e, tt.wantIn)
			}
			if m.OutLen() != len(got) || m.InLen() != len(tt.in) {
				t.Errorf("lengths %d/%d, want %d/%d", m.OutLen(), m.InLen(), len(got), len(tt.in))
			}
		})
	}
}

func TestOutSpan(t *testing.T) {
	in := "the di\ufffdculty of con-\n\ncession"
	b := NewBuilder(in)
	b.CopyTo(6)
	b.Replace(6, 9, "ffi")
	b.CopyTo(21)
	b.Replace(21, 24, "")
	out, m := b.Finish()
	if out != "the difficulty of concession" {
		t.Fatalf("out %q", out)
	}
	// "con-\n\ncession" in the input is [18, len).
	s, e := m.OutSpan(18, len(in))
	if out[s:e] != "concession" {
		t.Errorf("OutSpan gave %q", out[s:e])
	}
	s, e = m.OutSpan(0, 3)
	if out[s:e] != "the" {
		t.Errorf("OutSpan gave %q", out[s:e])
	}
}

// randomEdits makes a random forward edit script over in.
func randomEdits(r *rand.Rand, in string) [][3]any {
	var es [][3]any
	pos := 0
	for pos < len(in) {
		pos += r.IntN(4)
		if pos > len(in) {
			break
		}
		end := min(len(in), pos+r.IntN(3))
		es = append(es, [3]any{pos, end, strings.Repeat("X", r.IntN(3))})
		pos = end + 1
	}
	return es
}

// TestComposeProperty checks that composing two maps keeps every copied
// byte pointing at the same byte of the original input.
func TestComposeProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		in := strings.Repeat("abcdefghij", 5)[:1+r.IntN(40)]
		mid, m1 := edit(in, randomEdits(r, in))
		out, m2 := edit(mid, randomEdits(r, mid))
		m := m1.Then(m2)
		if m.OutLen() != len(out) || m.InLen() != len(in) {
			t.Fatalf("lengths %d/%d want %d/%d", m.OutLen(), m.InLen(), len(out), len(in))
		}
		checkMap(t, in, out, m)
	}
}

func checkMap(t *testing.T, in, out string, m *Map) {
	t.Helper()
	prevOut, prevIn := 0, 0
	for _, p := range m.Pieces() {
		if p.OutStart != prevOut {
			t.Fatalf("gap in output coverage at %d (piece %+v)", prevOut, p)
		}
		if p.InStart < prevIn {
			t.Fatalf("input goes backwards at piece %+v (forward edits only)", p)
		}
		if p.Copy && out[p.OutStart:p.OutEnd] != in[p.InStart:p.InEnd] {
			t.Fatalf("copy piece %+v: %q != %q", p, out[p.OutStart:p.OutEnd], in[p.InStart:p.InEnd])
		}
		prevOut, prevIn = p.OutEnd, p.InEnd
	}
	if prevOut != len(out) {
		t.Fatalf("output covered to %d of %d", prevOut, len(out))
	}
	for i := range len(out) {
		if j := m.In(i); j < 0 || j > len(in) {
			t.Fatalf("In(%d) = %d out of range", i, j)
		}
	}
	for i := 0; i <= len(in); i++ {
		if j := m.Out(i); j < 0 || j > len(out) {
			t.Fatalf("Out(%d) = %d out of range", i, j)
		}
	}
}

func FuzzBuilder(f *testing.F) {
	f.Add("di\ufffdculty con-\n\ncession", uint64(7))
	f.Fuzz(func(t *testing.T, in string, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 3))
		mid, m1 := edit(in, randomEdits(r, in))
		checkMap(t, in, mid, m1)
		out, m2 := edit(mid, randomEdits(r, mid))
		checkMap(t, in, out, m1.Then(m2))
	})
}

func TestLines(t *testing.T) {
	l := NewLines("a\nbc\n\nd")
	for off, want := range []int{1, 1, 2, 2, 2, 3, 4} {
		if got := l.Line(off); got != want {
			t.Errorf("Line(%d) = %d, want %d", off, got, want)
		}
	}
	if s, e := l.Range(2, 5); s != 2 || e != 2 {
		t.Errorf("Range(2,5) = %d,%d", s, e)
	}
	if l.Start(3) != 5 || l.Count() != 4 {
		t.Errorf("Start(3)=%d Count=%d", l.Start(3), l.Count())
	}
}

// movedNote is a map that moves text: a footnote in the middle of a
// paragraph placed after the body.
func movedNote() (in, out string, m *Map) {
	in = "East\n1 A note.\nPrussia is here."
	b := NewBuilder(in)
	b.CopyTo(4)
	b.Replace(4, 5, " ")
	b.Skip(15)
	b.CopyTo(len(in))
	b.Insert("\n\n")
	b.Append(5, 14)
	out, m = b.Finish()
	return in, out, m
}

func TestMove(t *testing.T) {
	in, out, m := movedNote()
	if out != "East Prussia is here.\n\n1 A note." {
		t.Fatalf("out %q", out)
	}
	s, e := m.InSpan(0, 12)
	if in[s:e] != "East\n1 A note.\nPrussia" {
		t.Errorf("East Prussia maps to %q", in[s:e])
	}
	s, e = m.InSpan(23, len(out))
	if in[s:e] != "1 A note." {
		t.Errorf("note maps to %q", in[s:e])
	}
	if o := m.Out(7); out[o:o+6] != "A note" {
		t.Errorf("Out(7) = %d (%q)", o, out[o:])
	}
	// Composition keeps the move.
	out2, m2 := edit(out, [][3]any{{0, 4, "EAST"}})
	mm := m.Then(m2)
	s, e = mm.InSpan(23, len(out2))
	if in[s:e] != "1 A note." {
		t.Errorf("composed note maps to %q", in[s:e])
	}
}

func BenchmarkBuilder(b *testing.B) {
	in := strings.Repeat("some text with a di\ufffdculty in it\n\n", 1000)
	for b.Loop() {
		bl := NewBuilder(in)
		for i := 0; i < len(in); i += 37 {
			bl.CopyTo(i)
			bl.Replace(i, i+1, "y")
		}
		bl.Finish()
	}
}
