package entities_test

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/stance"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/translit"
)

// devDocs runs this package's extractor on the development corpus, read
// here with a crude reader (HTML tags stripped, entities decoded, an offset
// map kept) so that the test does not depend on the other layers.
func devDocs(t testing.TB) map[string][]quellen.Finding {
	dir := testutil.Shared(t, "dev")
	out := map[string][]quellen.Finding{}
	for _, name := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = crudeRead(name, string(data))
	}
	return out
}

var tagRe = regexp.MustCompile(`(?s)<[^>]*>|&[#a-zA-Z0-9]+;`)

func crudeRead(name, raw string) []quellen.Finding {
	var b strings.Builder
	var offs []int
	body := strings.Index(raw, "<body")
	if body < 0 || !strings.HasSuffix(name, ".html") {
		body = 0
	}
	last := 0
	emit := func(s string, at int) {
		for i := 0; i < len(s); i++ {
			offs = append(offs, at)
		}
		b.WriteString(s)
	}
	locs := tagRe.FindAllStringIndex(raw, -1)
	if !strings.HasSuffix(name, ".html") {
		locs = nil
	}
	for _, loc := range locs {
		if loc[0] < body {
			continue
		}
		if last < body {
			last = body
		}
		for i := last; i < loc[0]; i++ {
			offs = append(offs, i)
			b.WriteByte(raw[i])
		}
		tag := raw[loc[0]:loc[1]]
		if strings.HasPrefix(tag, "&") {
			emit(html.UnescapeString(tag), loc[0])
		} else if regexp.MustCompile(`^</?(p|h\d|blockquote|div|li|title)`).MatchString(tag) {
			emit("\n\n", loc[0])
		}
		last = loc[1]
	}
	for i := max(last, body); i < len(raw); i++ {
		offs = append(offs, i)
		b.WriteByte(raw[i])
	}
	offs = append(offs, len(raw))
	text := b.String()
	d := &extract.Doc{Name: name, Format: "html", Text: text, Meta: quellen.Metadata{Language: "en"}}
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) != "" {
			d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: start, End: start + len(p)}, Kind: "paragraph", Lang: "en"})
		}
		start += len(p) + 2
	}
	line := func(off int) int { return strings.Count(raw[:off], "\n") + 1 }
	d.RawLine = func(off int) int { return line(offs[off]) }
	var fs []quellen.Finding
	lang := "en"
	if name == "d5.txt" {
		lang = "fr"
	}
	d.Meta.Language = lang
	for i := range d.Paras {
		d.Paras[i].Lang = lang
	}
	for _, x := range Extractors() {
		got := x.Extract(d)
		for i := range got {
			f := &got[i]
			f.Extractor = x.Name()
			f.Raw = quellen.Span{Start: offs[f.Clean.Start], End: offs[max(f.Clean.End-1, f.Clean.Start)] + 1}
			f.Line, f.EndLine = line(f.Raw.Start), line(max(f.Raw.End-1, f.Raw.Start))
		}
		d.Findings = append(d.Findings, got...)
		fs = append(fs, got...)
	}
	return fs
}

// TestDevDump writes the dev corpus findings as JSON Lines to
// $QUELLEN_DUMP, for scoring with eval/score.py.
func TestDevDump(t *testing.T) {
	path := os.Getenv("QUELLEN_DUMP")
	if path == "" {
		t.Skip("set QUELLEN_DUMP to a file to write the dev findings")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j := export.NewJSONL(f)
	for name, fs := range devDocs(t) {
		if err := j.Write(name, fs); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Flush(); err != nil {
		t.Fatal(err)
	}
}

// Extractors are the layers the harness runs, in pipeline order.
func Extractors() []extract.Extractor {
	return append(entities.Extractors(), stance.Extractors()...)
}

type goldRec struct {
	Doc, Kind, Raw, Text, Canonical, Type, Verdict string
	Line                                           int
	EndLine                                        int `json:"end_line"`
	Start, End                                     int
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

func nameWords(s string) []string {
	var out []string
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		out = append(out, translitFold(w))
	}
	return out
}

// nameMatch is the scorer's rule: the same last word, and one name's words
// all in the other's (Zhukov matches Georgy Zhukov).
func nameMatch(g, f string) bool {
	gw, fw := nameWords(g), nameWords(f)
	if len(gw) == 0 || len(fw) == 0 {
		return len(gw) == len(fw)
	}
	if gw[len(gw)-1] != fw[len(fw)-1] {
		return false
	}
	sub := func(a, b []string) bool {
		set := map[string]bool{}
		for _, w := range b {
			set[w] = true
		}
		for _, w := range a {
			if !set[w] {
				return false
			}
		}
		return true
	}
	return sub(gw, fw) || sub(fw, gw)
}

// TestDev measures the entity and stance layers on the development corpus
// against its gold (a found record matches a gold one when their raw spans
// overlap, for stances when their lines do), and checks the figures do not
// fall below those reached. The other layers are not run: quotations
// would name speakers, which only the target of a verdict reads.
func TestDev(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	data, err := os.ReadFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var gold []goldRec
	for _, line := range strings.Split(string(data), "\n") {
		var g goldRec
		if json.Unmarshal([]byte(line), &g) == nil && (g.Kind == "entity" || g.Kind == "stance") {
			gold = append(gold, g)
		}
	}
	found := devDocs(t)
	var n, hit, canon, typ, fpos, nf int
	var sn, shit, sverd int
	for _, doc := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		used := map[int]bool{}
		fs := found[doc]
		for _, g := range gold {
			if g.Doc != doc {
				continue
			}
			switch g.Kind {
			case "entity":
				n++
				for i, f := range fs {
					if f.Kind != quellen.KindEntity || used[i] || f.Raw.Start >= g.End || g.Start >= f.Raw.End {
						continue
					}
					used[i] = true
					hit++
					if nameMatch(g.Canonical, f.Attrs.String("canonical")) || translitFold(g.Canonical) == translitFold(f.Attrs.String("canonical")) {
						canon++
					}
					if g.Type == f.Attrs.String("type") {
						typ++
					}
					break
				}
			case "stance":
				sn++
				for i, f := range fs {
					if f.Kind != quellen.KindStance || used[i] || f.Line > g.EndLine+1 || g.Line > f.EndLine+1 {
						continue
					}
					used[i] = true
					shit++
					if f.Attrs.String("verdict") == g.Verdict {
						sverd++
					}
					break
				}
			}
		}
		for i, f := range fs {
			if f.Kind == quellen.KindEntity {
				if ty := f.Attrs.String("type"); ty == "person" || ty == "org" || ty == "place" {
					nf++
					if !used[i] {
						fpos++
					}
				}
			}
		}
	}
	recall, precision := float64(hit)/float64(n), 1-float64(fpos)/float64(max(nf, 1))
	cacc, tacc := float64(canon)/float64(max(hit, 1)), float64(typ)/float64(max(hit, 1))
	srecall, sacc := float64(shit)/float64(max(sn, 1)), float64(sverd)/float64(max(shit, 1))
	t.Logf("entities: recall %.3f precision %.3f canonical %.3f type %.3f (%d gold)", recall, precision, cacc, tacc, n)
	t.Logf("stances: recall %.3f verdict %.3f (%d gold)", srecall, sacc, sn)
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		// Floors just below the figures reached with this crude reader (recall 0.983, precision 0.988,
		// canonical 0.884, type 0.984; stances recall 0.926, verdict 1.0); scripts/devscore, with the
		// whole pipeline, gives more (0.989 / 0.995 / 0.91 / 0.984; 0.963 / 1.0).
		{"entity recall", recall, 0.98}, {"entity precision", precision, 0.985}, {"canonical accuracy", cacc, 0.88},
		{"type accuracy", tacc, 0.98}, {"stance recall", srecall, 0.92}, {"verdict accuracy", sacc, 0.99},
	} {
		if c.got < c.want {
			t.Errorf("%s %.3f below %.2f", c.what, c.got, c.want)
		}
	}
}

func translitFold(s string) string { return translit.Fold(s) }
