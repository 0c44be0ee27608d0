package quotes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLitBankConvDiag writes, with LITBANK_CONV=file, each conversation
// the model decoded: per turn the gold speaker, the voice found, and what
// the turn's cues said.
func TestLitBankConvDiag(t *testing.T) {
	p, anns, out := litbankDiagFiles(t, "LITBANK_CONV")
	stats, _ := os.Create(p + ".stats")
	defer stats.Close()
	var gold []litbankQuote
	var name string
	convHook = func(q *qdoc, conv []*turn) {
		fmt.Fprintf(out, "== %s\n", name)
		goldOf := func(c *cand) string {
			for _, x := range gold {
				if x.s < c.e && c.s < x.e {
					return x.speaker
				}
			}
			return ""
		}
		for i := 1; i < len(conv); i++ {
			a, b := conv[i-1].qs[len(conv[i-1].qs)-1], conv[i].qs[0]
			ga, gb := goldOf(conv[i-1].qs[0]), goldOf(b)
			if ga == "" || gb == "" || b.s < a.e {
				continue
			}
			gap := q.text[a.e:b.s]
			lines := strings.Split(gap, "\n")
			cls := "bare"
			switch {
			case strings.TrimSpace(gap) == "":
			case len(lines) == 2 && strings.TrimSpace(lines[0]) != "":
				cls = "tail1"
				if conv[i-1].qs[len(conv[i-1].qs)-1].cueKind == cuePost {
					cls = "cue1"
				}
				if conv[i-1].qs[len(conv[i-1].qs)-1].pro != 0 {
					cls += "pro"
				}
			case strings.TrimSpace(lines[0]) != "":
				cls = "tailN"
			default:
				cls = "narrN"
			}
			if q.lineMode() {
				cls = "L:" + cls
			}
			if conv[i].named != "" || conv[i].pro != 0 {
				cls += ":nextcued"
			} else if conv[i].subj != "" {
				cls += ":nextsubj"
			}
			fmt.Fprintf(stats, "%s\t%v\n", cls, ga == gb)
		}
		var gs []string
		for _, tr := range conv {
			gs = append(gs, goldOf(tr.qs[0]))
		}
		for i := 1; i+1 < len(gs); i++ {
			if gs[i-1] == "" || gs[i] == "" || gs[i+1] == "" || gs[i+1] == gs[i] {
				continue
			}
			if gs[i-1] == gs[i] {
				other := ""
				for j := i - 2; j >= 0; j-- {
					if gs[j] != gs[i] {
						other = gs[j]
						break
					}
				}
				fmt.Fprintf(stats, "afterhold other=%v known=%v\n", gs[i+1] == other, other != "")
			} else {
				fmt.Fprintf(stats, "afteralt back=%v\n", gs[i+1] == gs[i-1])
			}
		}
		for ti, tr := range conv {
			var nx *turn
			if ti+1 < len(conv) {
				nx = conv[ti+1]
			}
			svc := q.sameVoiceCost(tr, nx)
			c := tr.qs[0]
			g := "?"
			for _, x := range gold {
				if x.s < c.e && c.s < x.e {
					g = x.speaker
					break
				}
			}
			txt := q.text[c.s:c.e]
			if len(txt) > 50 {
				txt = txt[:50]
			}
			after := q.text[c.e:min(len(q.text), c.e+40)]
			ok := " "
			if g != "?" && !nameMatch(g, tr.spk) {
				ok = "X"
			}
			fmt.Fprintf(out, "%4.1f ", svc)
			fmt.Fprintf(out, "%s %-18.18s | %-18.18s | n=%q p=%c near=%q far=%q subj=%q addr=%q first=%v fix=%v | %q %q\n",
				ok, g, tr.spk, tr.named, max(tr.pro, '-'), tr.near, tr.far, tr.subj, tr.addr, tr.first, tr.fixed, txt, after)
		}
	}
	defer func() { convHook = nil }()
	for _, ann := range anns {
		var text string
		text, gold = litbankDoc(t, strings.TrimSuffix(ann, ".ann")+".txt", ann)
		name = strings.TrimSuffix(filepath.Base(ann), "_brat.ann")
		litbankExtract(text)
	}
}
