package repair

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// stageByName returns the stage of that name.
func stageByName(t testing.TB, name string) stage {
	for _, s := range stages {
		if s.name == name {
			return s
		}
	}
	t.Fatalf("no stage %q", name)
	return stage{}
}

// runStage runs one stage alone on in, as Run would (a lexicon learnt from
// in), and returns its result with the map checked.
func runStage(t testing.TB, sg stage, in string) stageResult {
	t.Helper()
	lex := NewLexicon()
	lex.Learn(in)
	r := sg.run(in, &state{format: "text", lex: lex})
	if r.m != nil {
		checkStageMap(t, in, r)
	}
	return r
}

// checkStageMap asserts a stage result's invariants: the map's lengths,
// its pieces covering the output in order, copy pieces byte-equal, and the
// fixes and blocks inside the texts.
func checkStageMap(t testing.TB, in string, r stageResult) {
	t.Helper()
	m := r.m
	if m.OutLen() != len(r.text) || m.InLen() != len(in) {
		t.Fatalf("map lengths %d/%d, want %d/%d", m.OutLen(), m.InLen(), len(r.text), len(in))
	}
	pos := 0
	for _, p := range m.Pieces() {
		if p.OutStart != pos || p.OutEnd < p.OutStart || p.InStart < 0 || p.InEnd < p.InStart || p.InEnd > len(in) {
			t.Fatalf("bad piece %+v at %d", p, pos)
		}
		if p.Copy && r.text[p.OutStart:p.OutEnd] != in[p.InStart:p.InEnd] {
			t.Fatalf("copy piece %+v differs", p)
		}
		pos = p.OutEnd
	}
	if pos != len(r.text) {
		t.Fatalf("pieces cover %d of %d bytes", pos, len(r.text))
	}
	for _, f := range r.fixes {
		if f.In.Start < 0 || f.In.End > len(in) || f.In.Start > f.In.End || f.Out.Start < 0 || f.Out.End > len(r.text) || f.Out.Start > f.Out.End {
			t.Fatalf("fix out of range: %+v", f)
		}
	}
	for _, b := range r.blocks {
		if b.Span.Start < 0 || b.Span.End > len(r.text) || b.Span.Start > b.Span.End {
			t.Fatalf("block out of range: %+v", b)
		}
	}
}

// describe renders a stage's result for a golden file.
func describe(in string, r stageResult) string {
	var sb strings.Builder
	out := in
	if r.m != nil {
		out = r.text
	}
	sb.WriteString("-- text --\n")
	sb.WriteString(out)
	if !strings.HasSuffix(out, "\n") {
		sb.WriteString("\n")
	}
	sb.WriteString("-- fixes --\n")
	for _, f := range r.fixes {
		fmt.Fprintf(&sb, "%s %s %q -> %q\n", f.Kind, f.What, in[f.In.Start:f.In.End], out[f.Out.Start:f.Out.End])
	}
	sb.WriteString("-- blocks --\n")
	for _, b := range r.blocks {
		fmt.Fprintf(&sb, "%s %v %q\n", b.Kind, b.Attrs, out[b.Span.Start:b.Span.End])
	}
	return sb.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// TestStagesGolden runs each stage alone on the inputs in
// testdata/<stage>/*.txt and compares with the .golden files; then runs
// it again on its output, which must change nothing and report nothing.
func TestStagesGolden(t *testing.T) {
	for _, sg := range stages {
		inputs, _ := filepath.Glob(filepath.Join("testdata", sg.name, "*.txt"))
		if len(inputs) == 0 {
			t.Errorf("no golden inputs for stage %s", sg.name)
		}
		for _, p := range inputs {
			t.Run(sg.name+"/"+filepath.Base(p), func(t *testing.T) {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				in := string(data)
				r := runStage(t, sg, in)
				golden(t, strings.TrimSuffix(p, ".txt")+".golden", describe(in, r))
				if r.m == nil {
					return
				}
				again := runStage(t, sg, r.text)
				if again.m != nil || len(again.fixes) > 0 {
					t.Errorf("not idempotent: a second run changed it:\n%s", describe(r.text, again))
				}
			})
		}
	}
}

// TestRunGolden runs the whole repair on testdata/run/*.txt, checks the
// map, compares with the golden files and checks that a second run
// changes nothing.
func TestRunGolden(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "run", "*.txt"))
	for _, p := range inputs {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, _ := os.ReadFile(p)
			in := string(data)
			lex := NewLexicon()
			lex.Learn(in)
			r := Run(in, Options{Format: "text", Lexicon: lex})
			checkMap(t, in, r)
			var sb strings.Builder
			sb.WriteString(describe(in, stageResult{text: r.Text, m: r.Map, fixes: r.Fixes, blocks: r.Blocks}))
			golden(t, strings.TrimSuffix(p, ".txt")+".golden", sb.String())
			checkIdempotent(t, r.Text)
		})
	}
}

// checkIdempotent asserts that repairing repaired text changes nothing.
func checkIdempotent(t testing.TB, repaired string) {
	t.Helper()
	lex := NewLexicon()
	lex.Learn(repaired)
	again := Run(repaired, Options{Format: "text", Lexicon: lex})
	if again.Text != repaired || len(again.Fixes) > 0 {
		n := min(5, len(again.Fixes))
		t.Errorf("a second run made %d fixes (text changed: %v), first: %+v", len(again.Fixes), again.Text != repaired, again.Fixes[:n])
	}
}

// TestRunMapsBack checks that Run's fixes lead back to the input: a
// repair's In covers the damaged word as written, its Out the word as
// repaired.
func TestRunMapsBack(t *testing.T) {
	in := "The o\uFFFDcial\n\nstory of corrup-\n\ntion and the \uFFFD-\n\nnanced line, from Velgrad to the\n\ncoast, which ran on and on and on for miles and miles and miles\n\nand ended at last at the sea, where the line stopped for good.\n\nThe next paragraph of the text begins here and it goes on.\n"
	lex := NewLexicon()
	lex.Learn(in)
	r := Run(in, Options{Format: "text", Lexicon: lex})
	checkMap(t, in, r)
	want := map[string]string{"o\uFFFDcial": "official", "corrup-\n\ntion": "corruption", "\uFFFD-\n\nnanced": "financed"}
	got := map[string]string{}
	for _, f := range r.Fixes {
		if f.Kind != KindRepair {
			continue
		}
		got[in[f.In.Start:f.In.End]] = f.Clean
		if r.Text[f.Out.Start:f.Out.End] != f.Clean {
			t.Errorf("fix %q: Out reads %q, Clean %q", in[f.In.Start:f.In.End], r.Text[f.Out.Start:f.Out.End], f.Clean)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("repairs (-want +got):\n%s", diff)
	}
}

// TestRunIdempotentDev: the repaired dev chapter and corpus chapter do not
// change when repaired again.
func TestRunIdempotentDev(t *testing.T) {
	for _, p := range []string{"dev/d3.txt", "corpus/001_5284c8c0767489ec.txt"} {
		dir, file := filepath.Split(p)
		path := filepath.Join(testutil.Shared(t, filepath.Clean(dir)), file)
		_, r, _ := repairDoc(t, path, nil)
		checkIdempotent(t, r.Text)
	}
}

func TestEmptyAndTiny(t *testing.T) {
	for _, in := range []string{"", "\n", "-", "\uFFFD", "a-\n", "&", "&amp;", "<", "1\n\n2\n\n3", ": : :", "\n\n\n\n"} {
		r := Run(in, Options{})
		checkMap(t, in, r)
	}
}

// fuzzStage checks one stage on arbitrary input: no panic, and a
// consistent map.
func fuzzStage(f *testing.F, name string) {
	for _, p := range []string{"residue/mixed.txt", "forms/words.txt", "pages/book.txt", "paragraphs/chapter.txt", "hyphenation/words.txt", "ligatures/words.txt", "ellipsis/marks.txt"} {
		if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("a-\n\nb \uFFFD\uFFFD &#99999999; </a> 1 x\n\n\n\n2 y\n\n3 z")
	f.Fuzz(func(t *testing.T, in string) {
		sg := stageByName(t, name)
		runStage(t, sg, in)
	})
}

func FuzzResidue(f *testing.F)    { fuzzStage(f, "residue") }
func FuzzForms(f *testing.F)      { fuzzStage(f, "forms") }
func FuzzPages(f *testing.F)      { fuzzStage(f, "pages") }
func FuzzParagraphs(f *testing.F) { fuzzStage(f, "paragraphs") }
func FuzzHyphen(f *testing.F)     { fuzzStage(f, "hyphenation") }
func FuzzLigatures(f *testing.F)  { fuzzStage(f, "ligatures") }
func FuzzEllipsis(f *testing.F)   { fuzzStage(f, "ellipsis") }

// FuzzRun checks the whole repair on arbitrary input.
func FuzzRun(f *testing.F) {
	// Small seeds: with the 2 KB book as a seed the fuzzing engine here
	// makes next to no progress (the book runs in the unit tests).
	for _, p := range []string{"ligatures/words.txt", "hyphenation/words.txt", "forms/words.txt"} {
		if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("The o\uFFFDce, a con-\n\ncession.\n\n12 Head\n\nmore text\n\n1 A note.\n\n13\n\n\n\n14 Head\n\nEnd.")
	builtin() // the word lists load once, not inside the first input
	ligatureContext()
	f.Fuzz(func(t *testing.T, in string) {
		lex := NewLexicon()
		lex.Learn(in)
		r := Run(in, Options{Format: "text", Lexicon: lex})
		checkMap(t, in, r)
	})
}

// BenchmarkGzip1 compresses the same text as BenchmarkRun at gzip level
// 1, the speed Run is measured against (it must reach 1/8 of it).
func BenchmarkGzip1(b *testing.B) {
	in := benchText(b)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		w, _ := gzip.NewWriterLevel(io.Discard, 1)
		io.WriteString(w, in)
		w.Close()
	}
}

// benchText is 4 MB of damaged text: the corpus chapter when the shared
// data is there, else the golden book, its "fi" lost.
func benchText(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join(testutil.Shared(b, "corpus"), "001_5284c8c0767489ec.txt"))
	if err != nil {
		b.Fatal(err)
	}
	page := string(data)
	var sb strings.Builder
	for sb.Len() < 4<<20 {
		sb.WriteString(page)
	}
	return sb.String()
}

// BenchmarkRun repairs a line-broken chapter with ligatures lost,
// hyphenation, running heads and footnotes; it reports MB/s.
func BenchmarkRun(b *testing.B) {
	in := benchText(b)
	lex := NewLexicon()
	lex.Learn(in)
	Run(in[:1000], Options{Lexicon: lex}) // load the word lists
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Run(in, Options{Format: "text", Lexicon: lex})
	}
}

// TestRunMutations is a small deterministic fuzz of Run: the golden
// inputs with damage-like edits (U+FFFD, hyphens, line ends, references,
// tags, page numbers put in; bytes dropped or changed), every map checked.
func TestRunMutations(t *testing.T) {
	var seeds []string
	for _, p := range []string{"run/book.txt", "ligatures/words.txt", "hyphenation/words.txt", "residue/mixed.txt", "paragraphs/chapter.txt"} {
		d, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, string(d))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	edits := []string{"\uFFFD", "-", "\n", "\n\n", " ", "1", "a", "&amp;", ":", ".", "<", ">", "/a>", "12 ", "Chapter 3", "\n\n\n\n7 Head\n\n"}
	for range 500 {
		b := []byte(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(8) {
			pos := rng.IntN(len(b) + 1)
			switch rng.IntN(3) {
			case 0:
				b = append(b[:pos], append([]byte(edits[rng.IntN(len(edits))]), b[pos:]...)...)
			case 1:
				if pos < len(b) {
					b = append(b[:pos], b[pos+1:]...)
				}
			default:
				if pos < len(b) {
					b[pos] = byte(rng.IntN(256))
				}
			}
		}
		in := string(b)
		lex := NewLexicon()
		lex.Learn(in)
		checkMap(t, in, Run(in, Options{Format: "text", Lexicon: lex}))
	}
}

func checkChapterLine(t *testing.T, l string) {
	t.Helper()
	if got, want := isChapterLine(l), chapterLine.MatchString(l); got != want {
		t.Fatalf("isChapterLine(%q) = %v, want %v", l, got, want)
	}
}

func TestIsChapterLine(t *testing.T) {
	for _, l := range []string{"", "Chapter 3", "CHAPTER IV.", "ſection 2", "Глава 5", "глава десятая", "Part One", "The Chapter 3", " Chapter 3", "appendix b", "Livre II"} {
		checkChapterLine(t, l)
	}
}

func FuzzIsChapterLine(f *testing.F) {
	f.Add("Chapter 12")
	f.Add("ЧАСТЬ II")
	f.Fuzz(func(t *testing.T, l string) { checkChapterLine(t, l) })
}
