package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/xref"
)

// TestRatchet scores the development corpus (extraction, and
// cross-examination for the figures under xref.) and fails when a figure in
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

	var files []string
	for _, n := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		files = append(files, filepath.Join(dev, n))
	}
	as, err := corpus.Analyse(files, pipeline.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var found, links bytes.Buffer
	enc := export.NewJSONL(&found)
	for _, a := range as {
		if err := enc.Write(a.Doc.Name, a.Doc.Findings); err != nil {
			t.Fatal(err)
		}
	}
	enc.Flush()
	lenc := export.NewJSONL(&links)
	_, ls := corpus.Links(as, xref.Options{})
	for _, l := range ls {
		if err := lenc.WriteRecord(corpus.LinkRecord(l)); err != nil {
			t.Fatal(err)
		}
	}
	lenc.Flush()
	extract := scoreFile(t, score, filepath.Join(dev, "gold.jsonl"), filepath.Join(tmp, "found.jsonl"), found.Bytes())
	cross := scoreFile(t, score, filepath.Join(dev, "xref-gold.jsonl"), filepath.Join(tmp, "links.jsonl"), links.Bytes(), "--xref")

	for _, fig := range figures {
		report, path := extract, fig.Path
		if p, ok := strings.CutPrefix(fig.Path, "xref."); ok {
			report, path = cross, p
		}
		got, ok := Lookup(report, path)
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

// scoreFile writes data to path and scores it with the shared scorer.
func scoreFile(t *testing.T, score, gold, path string, data []byte, flags ...string) map[string]any {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{score, "--gold", gold, "--found", path, "--json"}, flags...)
	out, err := exec.CommandContext(t.Context(), "python3", args...).Output()
	if err != nil {
		t.Fatalf("score.py %v: %v", flags, err)
	}
	var report map[string]any
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("score.py output: %v", err)
	}
	return report
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
