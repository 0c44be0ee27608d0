package lang

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"os"
)

func TestScratchHIPE(t *testing.T) {
	if os.Getenv("SCR") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("/work/shared/external/hipe2022/*/*-dev-*.tsv")
	counts := map[string]int{}
	for _, p := range files {
		for _, d := range readHIPE(t, p) {
			if g := Detect(strings.Join(d.sentences, " ")); g != d.lang {
				t.Logf("DOC %s want %s got %s: %.200q", filepath.Base(p), d.lang, g, strings.Join(d.sentences, " "))
			}
			for _, s := range d.sentences {
				if len(strings.Fields(s)) < 5 {
					continue
				}
				if g := Detect(s); g != d.lang && g != "" {
					counts[fmt.Sprintf("%s->%s %s", d.lang, g, filepath.Base(filepath.Dir(p)))]++
					if os.Getenv("SCR") == "2" {
						t.Logf("%s->%s %.150q", d.lang, g, s)
					}
				}
			}
		}
	}
	t.Log(counts)
}
