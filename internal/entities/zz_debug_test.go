package entities_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/testutil"
)

func TestZZErrors(t *testing.T) {
	file := os.Getenv("ZZ")
	if file == "" {
		t.Skip()
	}
	dir := filepath.Join(testutil.Shared(t, "external"), "hipe2022", "hipe2020")
	g := entities.Default()
	var b strings.Builder
	for _, h := range readHIPE(t, filepath.Join(dir, file)) {
		d := h.build()
		fs := entities.Extract(d, g)
		gold, found := h.gold(), h.found(d.Text, fs)
		txt := func(s span) string {
			var w []string
			for _, tk := range h.toks[s.first : s.last+1] {
				w = append(w, tk.text)
			}
			ctx := []string{}
			for k := max(0, s.first-3); k < min(len(h.toks), s.last+4); k++ {
				ctx = append(ctx, h.toks[k].text)
			}
			return strings.Join(w, " ") + "\t|" + strings.Join(ctx, " ")
		}
		for _, g := range gold {
			st := "FN"
			for _, f := range found {
				if f.first <= g.last && g.first <= f.last {
					if f.typ == g.typ {
						st = "OK"
						if f.first != g.first || f.last != g.last {
							st = "BND"
						}
					} else {
						st = "TYP:" + f.typ
					}
					break
				}
			}
			if st != "OK" {
				fmt.Fprintf(&b, "%s\t%s\t%s\n", st, g.typ, txt(g))
			}
		}
		for _, f := range found {
			hit := false
			for _, g := range gold {
				if f.first <= g.last && g.first <= f.last {
					hit = true
				}
			}
			if !hit {
				fmt.Fprintf(&b, "FP\t%s\t%s\n", f.typ, txt(f))
			}
		}
	}
	os.WriteFile("/tmp/zz.txt", []byte(b.String()), 0o644)
}

func TestZZGolden(t *testing.T) {
	out := os.Getenv("ZZG")
	if out == "" {
		t.Skip()
	}
	var b strings.Builder
	dd := devDocs(t)
	for _, n := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		for _, f := range dd[n] {
			fmt.Fprintf(&b, "%s %d %d %q %v\n", n, f.Clean.Start, f.Clean.End, f.Text, f.Attrs)
		}
	}
	root := filepath.Join(testutil.Shared(t, "external"), "hipe2022")
	g := entities.Default()
	for _, file := range []string{"hipe2020/HIPE-2022-v2.1-hipe2020-dev-en.tsv", "hipe2020/HIPE-2022-v2.1-hipe2020-dev-fr.tsv", "newseye/HIPE-2022-v2.1-newseye-dev-fr.tsv"} {
		for _, h := range readHIPE(t, filepath.Join(root, file)) {
			d := h.build()
			for _, f := range entities.Extract(d, g) {
				fmt.Fprintf(&b, "%s %d %d %q %v\n", h.id, f.Clean.Start, f.Clean.End, f.Text, f.Attrs)
			}
		}
	}
	os.WriteFile(out, []byte(b.String()), 0o644)
}
