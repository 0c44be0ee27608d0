package entities_test

import (
	"fmt"
	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/testutil"
	"os"
	"path/filepath"
	"testing"
)

func TestZZ(t *testing.T) {
	dir := filepath.Join(testutil.Shared(t, "external"), "hipe2022", "hipe2020")
	out, _ := os.Create("/tmp/hipe_err.txt")
	defer out.Close()
	for _, h := range readHIPE(t, filepath.Join(dir, os.Getenv("ZZ"))) {
		d := h.build()
		fs := entities.Extract(d, entities.Default())
		gold, found := h.gold(), h.found(d.Text, fs)
		txt := func(s span) string { return d.Text[h.toks[s.first].s:h.toks[s.last].e] }
		for _, f := range found {
			ok := false
			for _, g := range gold {
				if g.typ == f.typ && f.first <= g.last && g.first <= f.last {
					ok = true
				}
			}
			if !ok {
				gt := "O"
				for _, g := range gold {
					if f.first <= g.last && g.first <= f.last {
						gt = g.typ
					}
				}
				fmt.Fprintf(out, "FP %s %q gold=%s\n", f.typ, txt(f), gt)
			}
		}
		for _, g := range gold {
			ok := false
			for _, f := range found {
				if g.typ == f.typ && f.first <= g.last && g.first <= f.last {
					ok = true
				}
			}
			if !ok {
				ft := "-"
				for _, f := range found {
					if f.first <= g.last && g.first <= f.last {
						ft = f.typ
					}
				}
				fmt.Fprintf(out, "FN %s %q found=%s\n", g.typ, txt(g), ft)
			}
		}
	}
}
