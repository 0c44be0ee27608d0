package entities_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/translit"
)

// TestLearnLexicon rebuilds data/learnt.tsv from the HIPE-2022 development
// files (never the test files): for each word, how often it is written in
// lower case, and how often, capitalised, it is outside any name or inside
// a person, place, organisation, product or time mention. Run with
// QUELLEN_LEARN=1.
func TestLearnLexicon(t *testing.T) {
	if os.Getenv("QUELLEN_LEARN") == "" {
		t.Skip("set QUELLEN_LEARN=1 to rebuild data/learnt.tsv")
	}
	root := filepath.Join(testutil.Shared(t, "external"), "hipe2022")
	files := []string{
		"hipe2020/HIPE-2022-v2.1-hipe2020-dev-en.tsv",
		"hipe2020/HIPE-2022-v2.1-hipe2020-dev-fr.tsv",
		"newseye/HIPE-2022-v2.1-newseye-dev-fr.tsv",
	}
	cols := []string{"lower", "O", "pers", "loc", "org", "prod", "time"}
	idx := map[string]int{}
	for i, c := range cols {
		idx[c] = i
	}
	counts := map[string][]int{}
	for _, f := range files {
		for _, h := range readHIPE(t, filepath.Join(root, f)) {
			for _, tk := range h.toks {
				r, _ := utf8.DecodeRuneInString(tk.text)
				if !unicode.IsLetter(r) || utf8.RuneCountInString(tk.text) < 2 {
					continue
				}
				w := translit.Fold(tk.text)
				c := counts[w]
				if c == nil {
					c = make([]int, len(cols))
					counts[w] = c
				}
				switch {
				case !unicode.IsUpper(r):
					c[0]++
				case tk.tag == "O" || len(tk.tag) < 3:
					c[1]++
				default:
					if k, ok := idx[tk.tag[2:]]; ok {
						c[k]++
					}
				}
			}
		}
	}
	var words []string
	for w, c := range counts {
		capd := 0
		for _, n := range c[1:] {
			capd += n
		}
		if capd >= 2 || (c[0] >= 3 && capd >= 1) {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var b strings.Builder
	b.WriteString("# Learnt from the HIPE-2022 development files (hipe2020 en/fr, newseye fr): word, then counts: " + strings.Join(cols, " ") + "\n")
	for _, w := range words {
		b.WriteString(w)
		for _, n := range counts[w] {
			fmt.Fprintf(&b, "\t%d", n)
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join("data", "learnt.tsv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words", len(words))

	// The naive Bayes model: features of capitalised tokens per class.
	classes := map[string]int{"O": 0, "pers": 1, "loc": 2, "org": 3, "prod": 4}
	feats := map[string][]int{}
	prior := make([]int, 5)
	for _, f := range files {
		for _, h := range readHIPE(t, filepath.Join(root, f)) {
			for i, tk := range h.toks {
				r, _ := utf8.DecodeRuneInString(tk.text)
				if !unicode.IsUpper(r) {
					continue
				}
				c := 0
				if len(tk.tag) > 2 {
					k, ok := classes[tk.tag[2:]]
					if !ok {
						continue
					}
					c = k
				}
				prev, next := "", ""
				if i > 0 {
					prev = h.toks[i-1].text
				}
				if i+1 < len(h.toks) {
					next = h.toks[i+1].text
				}
				sent := i == 0 || strings.ContainsAny(prev, ".!?")
				prior[c]++
				for _, ft := range entities.NBFeatures(tk.text, prev, next, sent) {
					if feats[ft] == nil {
						feats[ft] = make([]int, 5)
					}
					feats[ft][c]++
				}
			}
		}
	}
	var nbw strings.Builder
	nbw.WriteString("# Naive Bayes counts of capitalised tokens learnt from the HIPE-2022 development files: feature, then O pers loc org prod\n")
	fmt.Fprintf(&nbw, "_prior\t%d\t%d\t%d\t%d\t%d\n", prior[0], prior[1], prior[2], prior[3], prior[4])
	var keys []string
	for k, c := range feats {
		n := 0
		for _, x := range c {
			n += x
		}
		if n >= 2 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := feats[k]
		fmt.Fprintf(&nbw, "%s\t%d\t%d\t%d\t%d\t%d\n", k, c[0], c[1], c[2], c[3], c[4])
	}
	if err := os.WriteFile(filepath.Join("data", "nb.tsv"), []byte(nbw.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d features", len(keys))
}
