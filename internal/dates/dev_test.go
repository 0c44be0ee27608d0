package dates

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// devText reads a dev document with its tags and entities blanked out
// (offsets kept), its paragraphs and its gold metadata date.
func devText(t testing.TB, dir, name string) (string, []span, string, string) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	orig := s
	if strings.HasSuffix(name, ".html") {
		blank := func(m string) string { return regexp.MustCompile(`[^\n]`).ReplaceAllString(m, " ") }
		s = regexp.MustCompile(`(?s)<head>.*?</head>`).ReplaceAllStringFunc(s, blank)
		s = regexp.MustCompile(`<[^>]*>`).ReplaceAllStringFunc(s, blank)
		s = regexp.MustCompile(`&[a-zA-Z#0-9]+;`).ReplaceAllStringFunc(s, blank)
	}
	if name == "d3.txt" {
		s = strings.ReplaceAll(s, "\n\n", " \n")
	}
	var paras []span
	st := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || strings.HasPrefix(s[i:], "\n\n") || strings.HasPrefix(s[i:], " \n \n") || strings.HasPrefix(s[i:], "</p>") {
			if i > st {
				paras = append(paras, span{st, i})
			}
			st = i + 1
		}
	}
	date := ""
	f, _ := os.Open(filepath.Join(dir, "gold.jsonl"))
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r map[string]any
		json.Unmarshal(sc.Bytes(), &r)
		if r["kind"] == "metadata" && r["doc"] == name {
			date, _ = r["date"].(string)
		}
	}
	return s, paras, date, orig
}

// TestDevGold finds the dates of the dev corpus (tags blanked, offsets
// kept, without the rest of the pipeline) and scores them against the
// complete gold as eval/score.py does: line overlap with one line of
// slack, half the gold's words shared. With DEVRUN=path it also writes
// the findings as JSON Lines for the scorer.
func TestDevGold(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	var enc *json.Encoder
	if out := os.Getenv("DEVRUN"); out != "" {
		w, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		enc = json.NewEncoder(w)
	}
	type rec struct {
		doc, raw, from, to string
		line, end          int
	}
	var found, gold []rec
	for _, name := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		s, paras, date, orig := devText(t, dir, name)
		doc, _ := ParsePoint(date)
		f := &Finder{Doc: doc}
		f.Reset()
		for _, p := range paras {
			lang := "en"
			if name == "d5.txt" {
				lang = "fr"
			}
			f.Scan(s, p.s, p.e, Options{Lang: lang}, func(m Match) {
				fi := finding(m)
				line, end := strings.Count(orig[:m.Start], "\n")+1, strings.Count(orig[:m.End-1], "\n")+1
				found = append(found, rec{name, m.Text, fi.Attrs.String("from"), fi.Attrs.String("to"), line, end})
				if enc != nil {
					r := map[string]any{"doc": name, "kind": "date", "start": m.Start, "end": m.End, "line": line, "end_line": end, "text": m.Text}
					for k, v := range fi.Attrs {
						r[k] = v
					}
					enc.Encode(r)
				}
			})
		}
	}
	fh, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Doc, Kind, Raw, From, To string
			Line                     int
			EndLine                  int `json:"end_line"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Kind == "date" {
			gold = append(gold, rec{r.Doc, r.Raw, r.From, r.To, r.Line, max(r.Line, r.EndLine)})
		}
	}
	words := func(s string) []string { return regexp.MustCompile(`\w+`).FindAllString(strings.ToLower(s), -1) }
	used := map[int]bool{}
	hits, values := 0, 0
	for _, g := range gold {
		gw := words(g.raw)
		for i, f := range found {
			if used[i] || f.doc != g.doc || f.line > g.end+1 || g.line > f.end+1 {
				continue
			}
			fw := strings.Join(words(f.raw), " ")
			n := 0
			for _, w := range gw {
				if strings.Contains(" "+fw+" ", " "+w+" ") {
					n++
				}
			}
			if 2*n < len(gw) {
				continue
			}
			used[i] = true
			hits++
			if f.from == g.from && f.to == g.to {
				values++
			} else {
				t.Logf("value %s:%d %q: found %s..%s, gold %s..%s", g.doc, g.line, g.raw, f.from, f.to, g.from, g.to)
			}
			break
		}
	}
	recall := float64(hits) / float64(len(gold))
	precision := float64(hits) / float64(max(1, len(found)))
	acc := float64(values) / float64(max(1, hits))
	t.Logf("dev dates: gold %d, found %d, matched %d: recall %.3f, precision %.3f, from/to %.3f", len(gold), len(found), hits, recall, precision, acc)
	if recall < 0.97 || precision < 0.97 || acc < 0.97 {
		t.Errorf("dev dates below the figures reached (recall 1.0, precision 1.0, from/to 0.985)")
	}
}
