package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/testutil"
)

// TestRatchet scores the development corpus and fails when a figure in
// docs/accuracy.md is no longer reached.
func TestRatchet(t *testing.T) {
	dev := testutil.Shared(t, "dev")
	score := filepath.Join(testutil.Shared(t, "eval"), "score.py")
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to run the shared scorer")
		}
		t.Skip("python3 is not installed; the shared scorer needs it")
	}
	f, err := os.Open(filepath.Join(testutil.Root(), "docs", "accuracy.md"))
	if err != nil {
		t.Fatal(err)
	}
	figures, err := ParseFigures(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(figures) == 0 {
		t.Fatal("docs/accuracy.md records no ratchet figures")
	}

	found := filepath.Join(t.TempDir(), "found.jsonl")
	writeFindings(t, dev, found)
	out, err := exec.CommandContext(t.Context(), "python3", score, "--gold", filepath.Join(dev, "gold.jsonl"), "--found", found, "--json").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var report map[string]any
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("score.py output: %v", err)
	}
	for _, fig := range figures {
		got, ok := Lookup(report, fig.Path)
		if !ok {
			t.Errorf("%s: not in the scorer's report", fig.Path)
			continue
		}
		const eps = 1e-9
		switch {
		case fig.LowerIsBetter() && got > fig.Value+eps:
			t.Errorf("%s rose to %.4f, above the recorded %.4f", fig.Path, got, fig.Value)
		case !fig.LowerIsBetter() && got < fig.Value-eps:
			t.Errorf("%s dropped to %.4f, below the recorded %.4f", fig.Path, got, fig.Value)
		case !fig.LowerIsBetter() && got > fig.Value+0.005:
			t.Logf("%s is now %.4f (recorded %.4f): raise it in docs/accuracy.md", fig.Path, got, fig.Value)
		}
	}
}

// writeFindings runs the pipeline on every document of dir, as
// `quellen extract --jsonl` does, into path.
func writeFindings(t *testing.T, dir, path string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "d*"))
	lex := repair.NewLexicon()
	datas := map[string][]byte{}
	for _, n := range names {
		if strings.HasSuffix(n, ".jsonl") || strings.HasSuffix(n, ".md") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		datas[n] = b
		if txt, err := pipeline.ReadText(n, b, pipeline.Options{}); err == nil {
			lex.Learn(txt)
		}
	}
	var buf bytes.Buffer
	enc := export.NewJSONL(&buf)
	for _, n := range names {
		b, ok := datas[n]
		if !ok {
			continue
		}
		a, err := pipeline.Run(n, b, pipeline.Options{Lexicon: lex})
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if err := enc.Write(a.Doc.Name, a.Doc.Findings); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestParseFigures(t *testing.T) {
	md := "intro\n<!-- ratchet:begin -->\n| kind | measure | path | value |\n|---|---|---|---|\n| quote | recall | `quote.recall` | 0.95 |\n| quote | scare FP | scare_quote.false_positive_rate | 0.1 |\n<!-- ratchet:end -->\n| x | y | z.w | 0.5 |\n"
	figs, err := ParseFigures(strings.NewReader(md))
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 || figs[0].Path != "quote.recall" || figs[0].Value != 0.95 || !figs[1].LowerIsBetter() {
		t.Fatalf("got %+v", figs)
	}
	if _, err := ParseFigures(strings.NewReader("ratchet:begin\n| a | b | c.d | 1.5 |\n")); err == nil {
		t.Error("a figure above 1 was accepted")
	}
	r := map[string]any{"quote": map[string]any{"recall": 0.5, "fields": map[string]any{"speaker": 0.25}}}
	if v, ok := Lookup(r, "quote.fields.speaker"); !ok || v != 0.25 {
		t.Errorf("Lookup = %v %v", v, ok)
	}
	if _, ok := Lookup(r, "quote.nothing"); ok {
		t.Error("Lookup found a missing path")
	}
}
