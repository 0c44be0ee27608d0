package xref

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// TestPlantedReuse makes a small corpus with planted reuse
// (../shared/bench/gencorpus.py) and checks that reuse detection on the
// raw files finds the planted passages of 12 words or more.
func TestPlantedReuse(t *testing.T) {
	gen := filepath.Join(testutil.Shared(t, "bench"), "gencorpus.py")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is needed to generate the corpus")
	}
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), "python3", gen, "--out", dir, "--mb", "3", "--seed", "1",
		"--source", testutil.Shared(t, "corpus"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "d*.txt"))
	texts := make([]Text, len(names))
	index := map[string]int{}
	for i, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = Text{Doc: i, Text: string(b)}
		index[filepath.Base(n)] = i
	}
	ms := Reuse(texts, Options{})

	f, err := os.Open(filepath.Join(dir, "reuse-gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type side struct {
		Doc        string
		Start, End int
	}
	var gold []struct {
		A, B  side
		Words int
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g struct {
			A, B  side
			Words int
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if g.Words >= 12 {
			gold = append(gold, g)
		}
	}
	found := 0
	for _, g := range gold {
		a, b := index[g.A.Doc], index[g.B.Doc]
		for _, m := range ms {
			x, y := m.AStart, m.AEnd
			u, v := m.BStart, m.BEnd
			if m.A != a {
				x, y, u, v = u, v, x, y
			}
			if (m.A == a && m.B == b || m.A == b && m.B == a) && x < g.A.End && g.A.Start < y && u < g.B.End && g.B.Start < v {
				found++
				break
			}
		}
	}
	recall := float64(found) / float64(len(gold))
	t.Logf("planted reuse of 12+ words: %d of %d found (recall %.3f); %d matches reported", found, len(gold), recall, len(ms))
	if recall < 0.95 {
		t.Errorf("recall %.3f is below 0.95", recall)
	}
}
