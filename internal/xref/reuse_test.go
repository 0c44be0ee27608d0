package xref

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want []OpKind
	}{
		{"a b c", "a b c", []OpKind{Equal}},
		{"a b c d", "a b d", []OpKind{Equal, Delete, Equal}},
		{"a b d", "a b c d", []OpKind{Equal, Insert, Equal}},
		{"paid in nothing at all", "paid nothing at all", []OpKind{Equal, Delete, Equal}},
		{"the clay at dubrava was", "the dubrava clay was", []OpKind{Equal, Insert, Equal, Delete, Equal}},
		{"he quickly left the room then", "he left the room quickly then", []OpKind{Equal, Move, Equal, Move, Equal}},
		{"paid in nothing", "paid for everything", []OpKind{Equal, Substitute}},
		{"", "a", []OpKind{Insert}},
		{"a", "", []OpKind{Delete}},
		{"", "", nil},
	}
	for _, tt := range tests {
		ops := Diff(strings.Fields(tt.a), strings.Fields(tt.b))
		var kinds []OpKind
		for _, op := range ops {
			kinds = append(kinds, op.Kind)
		}
		if !slices.Equal(kinds, tt.want) {
			t.Errorf("Diff(%q, %q) = %v, want %v", tt.a, tt.b, ops, tt.want)
		}
		// The diff rebuilds both sides.
		var ra, rb []string
		for _, op := range ops {
			ra, rb = append(ra, op.A...), append(rb, op.B...)
		}
		if strings.Join(ra, " ") != tt.a || strings.Join(rb, " ") != tt.b {
			t.Errorf("Diff(%q, %q) rebuilds %q / %q", tt.a, tt.b, ra, rb)
		}
	}
}

func TestReuse(t *testing.T) {
	src := "Long before the affair began, the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment in a wet spring, and nobody read it. Much later the weather changed."
	tests := []struct {
		name     string
		other    string
		want     int
		fidelity string
	}{
		{"verbatim", "As one witness put it: the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment. That was all.", 1, "exact"},
		{"ellipsis", "He wrote that the clay at the river crossing … would not hold a heavy embankment in a wet spring, and nobody read it.", 1, "altered"},
		{"accents and case", "THE ENGINEER WRÓTE IN HIS NOTEBOOK THAT THE CLAY AT THE RIVER CROSSING would not hold", 1, "exact"},
		{"too short", "the engineer wrote in his notebook", 0, ""},
		{"unrelated", "A completely different text about the harvest of apples in the valley, with no words in common at length.", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Reuse([]Text{{0, src}, {1, tt.other}}, Options{})
			if len(ms) != tt.want {
				t.Fatalf("got %d matches, want %d: %+v", len(ms), tt.want, ms)
			}
			if tt.want == 0 {
				return
			}
			m := ms[0]
			if m.Matched < 8 || m.AEnd <= m.AStart || m.BEnd <= m.BStart {
				t.Errorf("bad match %+v", m)
			}
			a, b := src[m.AStart:m.AEnd], tt.other[m.BStart:m.BEnd]
			if !strings.Contains(strings.ToLower(a), "clay") || !strings.Contains(strings.ToLower(b), "clay") {
				t.Errorf("match %q / %q misses the shared passage", a, b)
			}
			if f := Fidelity(m.Diff, b); f != tt.fidelity && tt.name != "ellipsis" {
				t.Errorf("fidelity %s, want %s (diff %v)", f, tt.fidelity, m.Diff)
			}
		})
	}
}

func TestTokenizeFolds(t *testing.T) {
	toks := tokenize("Société — l’Humanité, workers' 1921")
	var ws []string
	for _, tk := range toks {
		ws = append(ws, tk.word)
	}
	want := []string{"societe", "l'humanite", "workers", "1921"}
	if !slices.Equal(ws, want) {
		t.Errorf("tokens %q, want %q", ws, want)
	}
	s := "Société — l’Humanité"
	if got := s[toks[1].start:toks[1].end]; got != "l’Humanité" {
		t.Errorf("span of token 1 = %q", got)
	}
}

func FuzzReuse(f *testing.F) {
	f.Add("the clay at the river crossing would not hold a heavy embankment", "so: the clay at the river crossing would not hold a heavy embankment …")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, m := range Reuse([]Text{{0, a}, {1, b}}, Options{MinWords: 3}) {
			if m.AStart < 0 || m.AEnd > len(a) || m.BStart < 0 || m.BEnd > len(b) || m.AStart > m.AEnd || m.BStart > m.BEnd {
				t.Fatalf("span out of range: %+v", m)
			}
		}
	})
}

func BenchmarkReuse(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		sb.WriteString("word")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString(" other text ")
	}
	x := sb.String()
	y := "prefix " + x[len(x)/3:len(x)/2] + " suffix"
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Reuse([]Text{{0, x}, {1, y}}, Options{})
	}
}

// TestPartitionsAgree checks that hashing in many partitions (a small
// memory budget) finds what one partition finds.
func TestPartitionsAgree(t *testing.T) {
	a := "Long before the affair began, the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment in a wet spring, and nobody read it."
	b := "As one witness put it: the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment. That was all."
	c := "Nobody read it: the clay at the river crossing would not hold a heavy embankment in a wet spring, wrote the engineer."
	texts := []Text{{0, a}, {1, b}, {2, c}}
	one := Reuse(texts, Options{})
	many := Reuse(texts, Options{MemoryBudget: 64})
	if len(one) == 0 || len(one) != len(many) {
		t.Fatalf("one partition: %d matches, many: %d", len(one), len(many))
	}
	for i := range one {
		if one[i].AStart != many[i].AStart || one[i].BEnd != many[i].BEnd || one[i].Matched != many[i].Matched {
			t.Errorf("match %d differs: %+v vs %+v", i, one[i], many[i])
		}
	}
}

// TestSpilledPartitionsAgree: postings spilled to partition files, in one
// pass or in several (more partitions than one pass writes), seed the
// same matches as one partition in memory.
func TestSpilledPartitionsAgree(t *testing.T) {
	base := "the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment in a wet spring and nobody read it"
	var texts []Text
	for i := range 12 {
		// documents 2k and 2k+1 share a passage of their own
		var shared []string
		for _, w := range strings.Fields(base) {
			shared = append(shared, fmt.Sprintf("%s%c", w, 'a'+i/2))
		}
		texts = append(texts, Text{i, fmt.Sprintf("Document %d opens with words of its own, %d of them. ", i, i*7) + strings.Join(shared, " ") + fmt.Sprintf(" It ends on note %d.", i)})
	}
	one := Reuse(texts, Options{})
	if len(one) == 0 {
		t.Fatal("no matches in one partition")
	}
	for _, budget := range []int64{2048, 16} { // 4 partitions; 480, more than one pass writes
		many := Reuse(texts, Options{MemoryBudget: budget})
		if !reflect.DeepEqual(one, many) {
			t.Errorf("budget %d: %d matches, want the %d of one partition", budget, len(many), len(one))
		}
	}
}

// TestMinScoreDropsAsFound checks that Options.MinScore keeps exactly the
// matches a caller filtering afterwards would keep, in one partition and
// spilled.
func TestMinScoreDropsAsFound(t *testing.T) {
	base := strings.Fields("the engineer wrote in his notebook that the clay at the river crossing would not hold a heavy embankment in a wet spring and nobody read it until the bridge fell")
	var texts []Text
	for i := range 8 {
		// odd documents copy the passage of the even one before them; from
		// document 4 on they pad each five words with eight of their own
		// (a match of theirs with an unpadded copy scores 0.38)
		var ws []string
		for j, w := range base {
			ws = append(ws, w)
			if i >= 4 && i%2 == 1 && j%5 == 4 {
				for k := range 8 {
					ws = append(ws, fmt.Sprintf("pad%d%c", k, 'a'+j))
				}
			}
		}
		texts = append(texts, Text{i, fmt.Sprintf("Document %d of its own words. ", i/2) + strings.Join(ws, " ") + fmt.Sprintf(" Note %d.", i)})
	}
	for _, budget := range []int64{0, 512} {
		all := Reuse(texts, Options{MemoryBudget: budget, MaxDocFreq: 8})
		var want []Match
		for _, m := range all {
			if m.Score() >= 0.5 {
				want = append(want, m)
			}
		}
		if len(want) == 0 || len(want) == len(all) {
			t.Fatalf("budget %d: %d of %d matches score 0.5: the corpus does not test the filter", budget, len(want), len(all))
		}
		got := Reuse(texts, Options{MemoryBudget: budget, MaxDocFreq: 8, MinScore: 0.5})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("budget %d: MinScore kept %d matches, filtering afterwards %d", budget, len(got), len(want))
		}
	}
}

// TestMatchesHoldNoText checks that a match's diff words are copies, not
// substrings of the texts: a corpus's matches kept to the end would
// otherwise keep every text they touch in memory.
func TestMatchesHoldNoText(t *testing.T) {
	passage := "the engineer wrote in his notebook that the clay at the river crossing would not hold"
	texts := []Text{{0, "First document. " + passage + " and more."}, {1, "Second: " + passage + "."}}
	ms := Reuse(texts, Options{})
	if len(ms) == 0 {
		t.Fatal("no match")
	}
	inside := func(w string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(w)))
		for _, tx := range texts {
			s := uintptr(unsafe.Pointer(unsafe.StringData(tx.Text)))
			if p >= s && p < s+uintptr(len(tx.Text)) {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		for _, op := range m.Diff {
			for _, w := range append(slices.Clone(op.A), op.B...) {
				if w != "" && inside(w) {
					t.Fatalf("diff word %q points into a text", w)
				}
			}
		}
	}
}
