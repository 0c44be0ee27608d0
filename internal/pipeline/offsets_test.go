package pipeline

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/text"
)

// TestRawSpansConsistent checks, for every file of the shared corpus and
// development corpus, that every finding's raw byte span lies in the raw
// file, that its lines are the lines of its first and last byte, and that
// the raw bytes hold the finding's text (allowing for what repair changed:
// lost ligatures, markup, line breaks and moved notes).
func TestRawSpansConsistent(t *testing.T) {
	for _, sub := range []string{"corpus", "dev"} {
		dir := testutil.Shared(t, sub)
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		var paths []string
		var datas [][]byte
		lex := repair.NewLexicon()
		for _, p := range files {
			if strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".md") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			paths, datas = append(paths, p), append(datas, b)
			if txt, err := ReadText(p, b, Options{}); err == nil {
				lex.Learn(txt)
			}
		}
		for i, p := range paths {
			t.Run(sub+"/"+filepath.Base(p), func(t *testing.T) {
				a, err := Run(p, datas[i], Options{Lexicon: lex})
				if err != nil {
					t.Fatal(err)
				}
				checkFindings(t, a.Doc.Source, a.Doc.Findings)
			})
		}
	}
}

func checkFindings(t *testing.T, src string, fs []quellen.Finding) {
	t.Helper()
	lines := text.NewLines(src)
	bad := 0
	for _, f := range fs {
		if f.Raw.Start < 0 || f.Raw.End > len(src) || f.Raw.End < f.Raw.Start {
			t.Errorf("%s %q: raw span %v outside the file (%d bytes)", f.Kind, f.Text, f.Raw, len(src))
			continue
		}
		l, e := lines.Range(f.Raw.Start, f.Raw.End)
		if f.Line != l || f.EndLine != e {
			t.Errorf("%s %q: lines %d-%d, but its bytes are on lines %d-%d", f.Kind, f.Text, f.Line, f.EndLine, l, e)
		}
		// Layout fixes and problems have no text of their own; metadata may
		// come from a header outside the text (an HTML <title>), its span
		// only locating the document's opening.
		if f.Kind == quellen.KindLayout || f.Kind == quellen.KindProblem || f.Kind == quellen.KindMetadata {
			continue
		}
		if s := held(src[f.Raw.Start:f.Raw.End], f.Text); s < 0.85 {
			bad++
			if bad <= 10 {
				t.Errorf("%s at line %d: raw bytes %q do not hold its text %q (%.2f)", f.Kind, f.Line, clip(src[f.Raw.Start:f.Raw.End]), clip(f.Text), s)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d findings in all whose raw bytes do not hold their text", bad)
	}
}

var tag = regexp.MustCompile(`<[^>]*>`)

// ligatures are left out of the text's letters: the raw bytes may have
// lost them as U+FFFD.
var ligatures = strings.NewReplacer("ffi", "", "ffl", "", "ff", "", "fi", "", "fl", "")

// held returns the share of the text's letters and digits that the raw
// bytes hold in order (the longest common subsequence over the text's
// length), on the first 200 of them.
func held(raw, txt string) float64 {
	r := norm(html.UnescapeString(html.UnescapeString(tag.ReplaceAllString(raw, " "))))
	x := norm(ligatures.Replace(strings.ToLower(txt)))
	if len(x) < 3 {
		return 1
	}
	x = x[:min(len(x), 200)]
	r = r[:min(len(r), 2000)]
	return float64(lcs(x, r)) / float64(len(x))
}

func norm(s string) []rune {
	var out []rune
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			out = append(out, c)
		}
	}
	return out
}

func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:60] + "…" + s[len(s)-15:]
	}
	return s
}
