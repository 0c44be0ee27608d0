package quotes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// TestLitBankDiag writes, with LITBANK_DIAG=file, one line per matched
// gold quotation: excerpt, verdict, gold speaker, found speaker, the stage
// that gave it, cue kind, cue, text and what follows.
func TestLitBankDiag(t *testing.T) {
	_, anns, out := litbankDiagFiles(t, "LITBANK_DIAG")
	// the stage that first gave each quotation (by start) its last speaker
	var stageOf map[int]string
	var last map[int]string
	var kind map[int]byte
	traceHook = func(q *qdoc, stage string) {
		for _, c := range q.cands {
			if c.depth > 0 || c.scare {
				continue
			}
			if last[c.s] != c.speaker {
				last[c.s] = c.speaker
				stageOf[c.s] = stage
			}
			kind[c.s] = c.cueKind
		}
	}
	defer func() { traceHook = nil }()
	for _, ann := range anns {
		stageOf, last, kind = map[int]string{}, map[int]string{}, map[int]byte{}
		text, gold := litbankDoc(t, strings.TrimSuffix(ann, ".ann")+".txt", ann)
		found := litbankExtract(text)
		used := make([]bool, len(found))
		for _, g := range gold {
			best, bestOv := -1, 0
			for j, f := range found {
				if used[j] {
					continue
				}
				ov := min(g.e, f.e) - max(g.s, f.s)
				if ov > bestOv {
					best, bestOv = j, ov
				}
			}
			if best < 0 || 2*bestOv < max(g.e-g.s, found[best].e-found[best].s) {
				continue
			}
			used[best] = true
			f := found[best]
			v := "OK"
			if !nameMatch(g.speaker, f.speaker) {
				if f.speaker == "" {
					v = "NONE"
				} else {
					v = "WRONG"
				}
			}
			q := text[g.s:g.e]
			if len(q) > 60 {
				q = q[:60]
			}
			after := text[g.e:min(len(text), g.e+50)]
			st := stageOf[f.s]
			if f.speaker == "" {
				st = "-"
			}
			k := string(rune(kind[f.s]))
			if kind[f.s] == 0 {
				k = "0"
			}
			fmt.Fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%q\t%q\n", strings.TrimSuffix(filepath.Base(ann), "_brat.ann"), v, g.speaker, f.speaker, st, k, f.cue, q, after)
		}
	}
}

// litbankDiagFiles is a diagnostic's set-up: the file named by the
// variable env (skipping the test when it is unset), created and closed
// at the end, and LitBank's annotation files.
func litbankDiagFiles(t *testing.T, env string) (path string, anns []string, out *os.File) {
	t.Helper()
	path = os.Getenv(env)
	if path == "" {
		t.Skip(env + " not set")
	}
	dir := filepath.Join(testutil.Shared(t, "external"), "litbank-quotations", "tsv")
	anns, _ = filepath.Glob(filepath.Join(dir, "*_brat.ann"))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	return path, anns, out
}
