package repair

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// goldRepair is a repair record of the dev gold.
type goldRepair struct {
	Doc   string `json:"doc"`
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Raw   string `json:"raw"`
	Clean string `json:"clean"`
}

func readGold(t *testing.T, path string) map[string][]goldRepair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]goldRepair{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var g goldRepair
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if g.Kind == "repair" {
			out[g.Doc] = append(out[g.Doc], g)
		}
	}
	return out
}

// repairDoc reads and repairs one file as the pipeline does, and returns
// its repair fixes with raw spans.
func repairDoc(t *testing.T, path string, lex *Lexicon) (*read.Result, *Result, []goldRepair) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := read.Read(path, data, read.Options{})
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	if lex == nil {
		lex = NewLexicon()
		lex.Learn(res.Text)
	}
	r := Run(res.Text, Options{Format: res.Format, Lexicon: lex})
	var found []goldRepair
	for _, f := range r.Fixes {
		if f.Kind != KindRepair {
			continue
		}
		s, e := res.Map.InSpan(f.In.Start, f.In.End)
		found = append(found, goldRepair{Doc: filepath.Base(path), Kind: f.Kind, Start: s, End: e, Raw: res.Source[s:e], Clean: f.Clean})
	}
	return res, r, found
}

// TestDevGold scores the repair fixes on the dev corpus against its
// complete gold: exact raw spans, and the clean word.
func TestDevGold(t *testing.T) {
	dev := testutil.Shared(t, "dev")
	gold := readGold(t, filepath.Join(dev, "gold.jsonl"))
	for _, doc := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		t.Run(doc, func(t *testing.T) {
			_, _, found := repairDoc(t, filepath.Join(dev, doc), nil)
			want := gold[doc]
			byStart := map[int]goldRepair{}
			for _, g := range want {
				byStart[g.Start] = g
			}
			match, cleanOK := 0, 0
			for _, f := range found {
				g, ok := byStart[f.Start]
				if !ok || g.End != f.End {
					t.Logf("extra: %q -> %q", f.Raw, f.Clean)
					continue
				}
				match++
				if g.Clean == f.Clean {
					cleanOK++
				} else {
					t.Logf("clean: %q -> %q, want %q", f.Raw, f.Clean, g.Clean)
				}
				delete(byStart, f.Start)
			}
			for _, g := range byStart {
				t.Logf("missed: %q -> %q", g.Raw, g.Clean)
			}
			if len(want) == 0 {
				if len(found) > 0 {
					t.Errorf("%d repairs on a clean document", len(found))
				}
				return
			}
			recall := float64(match) / float64(len(want))
			precision := float64(match) / float64(max(1, len(found)))
			accuracy := float64(cleanOK) / float64(max(1, match))
			t.Logf("%s: recall %.3f precision %.3f clean %.3f (%d gold, %d found)", doc, recall, precision, accuracy, len(want), len(found))
			if recall < 0.98 || precision < 0.98 || accuracy < 0.98 {
				t.Errorf("recall %.3f precision %.3f clean %.3f, want >= 0.98", recall, precision, accuracy)
			}
		})
	}
}

// TestCleanDocsUntouched: documents with no damage pass through as they
// are, with no fix at all.
func TestCleanDocsUntouched(t *testing.T) {
	dev := testutil.Shared(t, "dev")
	for _, doc := range []string{"d1.txt", "d2.txt", "d5.txt"} {
		res, r, _ := repairDoc(t, filepath.Join(dev, doc), nil)
		if r.Text != res.Text || len(r.Fixes) > 0 || len(r.Blocks) > 0 {
			t.Errorf("%s: %d fixes, %d blocks, text changed %v", doc, len(r.Fixes), len(r.Blocks), r.Text != res.Text)
		}
	}
}

// TestCorpusLigatures: the PDF-extracted book chapter of the corpus has no
// U+FFFD left, and its paragraphs are back.
func TestCorpusLigatures(t *testing.T) {
	path := filepath.Join(testutil.Shared(t, "corpus"), "001_5284c8c0767489ec.txt")
	res, r, _ := repairDoc(t, path, nil)
	if n := strings.Count(r.Text, "\uFFFD"); n > 0 {
		t.Errorf("%d U+FFFD left", n)
	}
	in, out := len(read.Paragraphs(res.Text)), len(read.Paragraphs(r.Text))
	t.Logf("%d blank-line paragraphs before, %d after", in, out)
	if out*3 > in {
		t.Errorf("paragraphs not rejoined: %d before, %d after", in, out)
	}
	// Paragraphs are long again: most hold several sentences' worth.
	long := 0
	for _, p := range read.Paragraphs(r.Text) {
		if p.Span.Len() > 200 {
			long++
		}
	}
	if long*2 < out {
		t.Errorf("only %d of %d paragraphs are longer than 200 bytes", long, out)
	}
	checkMap(t, res.Text, r)
}

var wordRE = regexp.MustCompile(`\S+`)

// TestGeneratedCorpus repairs the damaged files of a corpus made by
// bench/gencorpus.py and compares them word for word with their undamaged
// text: of the words the damage changed, at least 98% must come back.
func TestGeneratedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	bench := testutil.Shared(t, "bench")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	mb, seed := "2", "1" // QUELLEN_GENCORPUS="MB SEED" for another corpus
	if v := strings.Fields(os.Getenv("QUELLEN_GENCORPUS")); len(v) == 2 {
		mb, seed = v[0], v[1]
	}
	cmd := exec.CommandContext(t.Context(), "python3", filepath.Join(bench, "gencorpus.py"), "--out", dir, "--mb", mb, "--seed", seed)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "clean", "*.txt"))
	if len(names) == 0 {
		t.Fatal("no damaged files")
	}
	all, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	lex := NewLexicon()
	for _, p := range all {
		data, _ := os.ReadFile(p)
		lex.Learn(string(data))
	}
	damaged, repaired := 0, 0
	for _, cleanPath := range names {
		name := filepath.Base(cleanPath)
		cleanData, _ := os.ReadFile(cleanPath)
		rawData, _ := os.ReadFile(filepath.Join(dir, name))
		res, err := read.Read(name, rawData, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := Run(res.Text, Options{Format: res.Format, Lexicon: lex})
		checkMap(t, res.Text, r)
		if cleanPath == names[0] {
			checkIdempotent(t, r.Text)
		}
		cleanWords := wordRE.FindAllString(string(cleanData), -1)
		// The words the damage changed: those not aligned with an equal
		// word of the damaged text.
		hit := alignedEqual(cleanWords, wordRE.FindAllString(res.Text, -1))
		fixed := alignedEqual(cleanWords, wordRE.FindAllString(r.Text, -1))
		for i := range cleanWords {
			if hit[i] {
				continue
			}
			damaged++
			if fixed[i] {
				repaired++
			} else if testing.Verbose() && damaged-repaired < 30 {
				t.Logf("%s: word %d %q not repaired", name, i, cleanWords[i])
			}
		}
	}
	rate := float64(repaired) / float64(max(1, damaged))
	t.Logf("%d damaged files: %d of %d damaged words repaired (%.4f)", len(names), repaired, damaged, rate)
	if rate < 0.98 {
		t.Errorf("repaired %.4f of the damaged words, want >= 0.98", rate)
	}
}

// alignedEqual aligns two word sequences and reports, for each word of a,
// whether it is matched with an equal word of b.
func alignedEqual(a, b []string) []bool {
	ids := map[string]rune{}
	enc := func(ws []string) []rune {
		rs := make([]rune, len(ws))
		for i, w := range ws {
			id, ok := ids[w]
			if !ok {
				id = rune(len(ids) + 1)
				if id >= 0xD800 {
					id += 0x800 // skip the surrogates
				}
				ids[w] = id
			}
			rs[i] = id
		}
		return rs
	}
	ra, rb := enc(a), enc(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(ra, rb, false)
	out := make([]bool, len(a))
	i := 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := range n {
				out[i+k] = true
			}
			i += n
		case diffmatchpatch.DiffDelete:
			i += n
		}
	}
	return out
}

// checkMap asserts the invariants of a result's map: its lengths, and copy
// pieces equal byte for byte.
func checkMap(t testing.TB, in string, r *Result) {
	t.Helper()
	if r.Map.OutLen() != len(r.Text) || r.Map.InLen() != len(in) {
		t.Fatalf("map lengths %d/%d, want %d/%d", r.Map.OutLen(), r.Map.InLen(), len(r.Text), len(in))
	}
	pos := 0
	for _, p := range r.Map.Pieces() {
		if p.OutStart != pos || p.OutEnd < p.OutStart || p.InEnd < p.InStart || p.InEnd > len(in) || p.OutEnd > len(r.Text) {
			t.Fatalf("bad piece %+v at %d", p, pos)
		}
		if p.Copy && r.Text[p.OutStart:p.OutEnd] != in[p.InStart:p.InEnd] {
			t.Fatalf("copy piece %+v differs: %q vs %q", p, r.Text[p.OutStart:p.OutEnd], in[p.InStart:p.InEnd])
		}
		pos = p.OutEnd
	}
	if pos != len(r.Text) {
		t.Fatalf("pieces cover %d of %d bytes", pos, len(r.Text))
	}
	for _, f := range r.Fixes {
		if f.In.Start < 0 || f.In.End > len(in) || f.In.Start > f.In.End || f.Out.Start < 0 || f.Out.End > len(r.Text) || f.Out.Start > f.Out.End {
			t.Fatalf("fix out of range: %+v", f)
		}
	}
	if !slices.IsSortedFunc(r.Fixes, func(a, b Fix) int { return a.In.Start - b.In.Start }) {
		t.Fatal("fixes not sorted by input start")
	}
}

// TestCleanHTMLUntouched: a normal HTML page, as the HTML reader gives
// it, passes through with no fix.
func TestCleanHTMLUntouched(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>A report</title></head><body>
<h1>The sitting of 11 May</h1>
<p>The Committee heard the minister, who said &ldquo;I have never received a single franc&rdquo; &mdash; and the Soci&eacute;t&eacute;&rsquo;s director did not come.</p>
<blockquote><p>A ledger, not a rumour.</p></blockquote>
<p>Prices rose by 5&nbsp;% in the first half of the year; the staff of the office were paid off.<sup><a href="#n1">1</a></sup></p>
<div class="footnotes"><p id="n1">1. Editor&rsquo;s note: see the minutes.</p></div>
</body></html>`
	res, err := read.Read("page.html", []byte(page), read.Options{})
	if err != nil {
		t.Skipf("no HTML reader: %v", err)
	}
	r := Run(res.Text, Options{Format: res.Format})
	if r.Text != res.Text || len(r.Fixes) > 0 || len(r.Blocks) > 0 {
		t.Errorf("clean HTML changed: %d fixes %+v", len(r.Fixes), r.Fixes)
	}
}
