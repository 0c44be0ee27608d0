package refs

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/notes"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/testutil"
	"github.com/quellen/quellen/internal/text"
)

// plainDoc makes the extractors' view of a plain text file without the
// repair stages: paragraphs between blank lines, raw lines of the text.
func plainDoc(name, s string) *extract.Doc {
	d := &extract.Doc{Name: name, Format: "text", Text: s}
	for _, b := range read.Paragraphs(s) {
		d.Paras = append(d.Paras, extract.Para{Span: b.Span, Kind: "paragraph"})
	}
	d.RawLine = text.NewLines(s).Line
	return d
}

func runAll(d *extract.Doc) []quellen.Finding {
	for _, x := range append(notes.Extractors(), Extractors()...) {
		d.Findings = append(d.Findings, x.Extract(d)...)
	}
	return d.Findings
}

// TestDevWrite writes the findings of the plain dev documents in the
// contract's form to $DEVOUT, for the scorer.
func TestDevWrite(t *testing.T) {
	out := os.Getenv("DEVOUT")
	if out == "" {
		t.Skip("DEVOUT not set")
	}
	dir := testutil.Shared(t, "dev")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, name := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		d, in, ls := fullDoc(t, filepath.Join(dir, name))
		for _, x := range runAll(d) {
			rec := map[string]any{}
			for k, v := range x.Attrs {
				rec[k] = v
			}
			x.Clean.Start, x.Clean.End = in(x.Clean.Start), in(x.Clean.End)
			l, e := ls.Range(x.Clean.Start, x.Clean.End)
			rec["doc"], rec["kind"], rec["line"], rec["end_line"] = name, x.Kind, l, e
			rec["start"], rec["end"], rec["text"] = x.Clean.Start, x.Clean.End, x.Text
			enc.Encode(rec)
		}
	}
}

// fullDoc runs the reader and the repair stages as the pipeline does, for
// the documents that need them (d3, d4). Offsets of the records it writes
// are raw offsets.
func fullDoc(t *testing.T, path string) (*extract.Doc, func(int) int, *text.Lines) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := read.Read(path, data, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lex := repair.NewLexicon()
	lex.Learn(res.Text)
	rp := repair.Run(res.Text, repair.Options{Format: res.Format, Lexicon: lex})
	cm := res.Map.Then(rp.Map)
	ls := text.NewLines(res.Source)
	d := &extract.Doc{Name: filepath.Base(path), Format: res.Format, Text: rp.Text, Meta: res.Meta}
	d.RawLine = func(off int) int { return ls.Line(cm.In(off)) }
	for _, b := range res.Blocks {
		s, e := rp.Map.OutSpan(b.Span.Start, b.Span.End)
		b.Span = quellen.Span{Start: s, End: e}
		d.Blocks = append(d.Blocks, b)
	}
	d.Blocks = append(d.Blocks, rp.Blocks...)
	sort.SliceStable(d.Blocks, func(i, j int) bool { return d.Blocks[i].Span.Start < d.Blocks[j].Span.Start })
	paras := false
	for _, b := range d.Blocks {
		switch b.Kind {
		case "paragraph", "heading", "blockquote", "list_item", "note", "running_head":
			if b.Span.Len() > 0 {
				d.Paras = append(d.Paras, extract.Para{Span: b.Span, Kind: b.Kind})
				paras = paras || b.Kind == "paragraph"
			}
		}
	}
	if !paras {
		d.Paras = nil
		for _, b := range read.Paragraphs(d.Text) {
			d.Paras = append(d.Paras, extract.Para{Span: b.Span, Kind: "paragraph"})
		}
		for _, b := range d.Blocks {
			if b.Kind == "note" || b.Kind == "running_head" {
				for i := range d.Paras {
					if b.Span.Contains(d.Paras[i].Span) {
						d.Paras[i].Kind = b.Kind
					}
				}
			}
		}
	}
	sort.SliceStable(d.Paras, func(i, j int) bool { return d.Paras[i].Span.Start < d.Paras[j].Span.Start })
	return d, cm.In, ls
}

// TestDevReferences checks the references of the five dev documents, read
// and repaired as the pipeline does, against the complete gold: every gold
// reference found on its lines with its type, year and archive, and no
// reference the gold does not have.
func TestDevReferences(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	var gold []map[string]any
	data, err := os.ReadFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		var g map[string]any
		if json.Unmarshal([]byte(l), &g) == nil && g["kind"] == "reference" {
			gold = append(gold, g)
		}
	}
	found := 0
	for _, name := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		d, in, ls := fullDoc(t, filepath.Join(dir, name))
		var got []quellen.Finding
		for _, f := range runAll(d) {
			if f.Kind == quellen.KindReference {
				got = append(got, f)
			}
		}
		used := map[int]bool{}
		want := 0
		for _, g := range gold {
			if g["doc"] != name {
				continue
			}
			want++
			gl, ge := int(g["line"].(float64)), int(g["end_line"].(float64))
			hit := -1
			for i, f := range got {
				l, e := ls.Range(in(f.Clean.Start), in(f.Clean.End))
				if !used[i] && l <= ge+1 && gl <= e+1 && strings.Contains(norm(g["text"].(string)), firstWords(f.Text, 3)) {
					hit = i
					break
				}
			}
			if hit < 0 {
				t.Errorf("%s:%d: reference %q not found", name, gl, g["text"])
				continue
			}
			used[hit] = true
			found++
			a := got[hit].Attrs
			if a["type"] != g["type"] || fmt.Sprint(a["year"]) != fmt.Sprint(orNil(g["year"])) {
				t.Errorf("%s:%d: type %v year %v, want %v %v", name, gl, a["type"], a["year"], g["type"], g["year"])
			}
			if ga, ok := g["archive"].(map[string]any); ok {
				fa, _ := a["archive"].(map[string]any)
				for k, v := range ga {
					if fmt.Sprint(orNil(fa[k])) != fmt.Sprint(orNil(v)) {
						t.Errorf("%s:%d: archive %s = %v, want %v", name, gl, k, fa[k], v)
					}
				}
			}
		}
		if len(got) != want {
			t.Errorf("%s: %d references found, gold has %d", name, len(got), want)
		}
	}
	if found < len(gold) {
		t.Errorf("found %d of %d gold references", found, len(gold))
	}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func orNil(v any) any {
	if v == nil {
		return "<nil>"
	}
	return v
}
