package notes

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
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
	ls := text.NewLines(s)
	d.RawLine = ls.Line
	return d
}

// repairedDoc reads and repairs a file as the pipeline does (reader
// blocks, repair blocks, paragraphs), for d3 (page-foot notes moved by the
// repair) and d4 (HTML note elements).
func repairedDoc(t *testing.T, path string) *extract.Doc {
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
	d := &extract.Doc{Name: filepath.Base(path), Format: res.Format, Text: rp.Text}
	d.RawLine = func(off int) int { return ls.Line(cm.In(off)) }
	for _, b := range res.Blocks {
		s, e := rp.Map.OutSpan(b.Span.Start, b.Span.End)
		b.Span = quellen.Span{Start: s, End: e}
		d.Blocks = append(d.Blocks, b)
	}
	d.Blocks = append(d.Blocks, rp.Blocks...)
	sort.SliceStable(d.Blocks, func(i, j int) bool { return d.Blocks[i].Span.Start < d.Blocks[j].Span.Start })
	structured := false
	for _, b := range d.Blocks {
		switch b.Kind {
		case "paragraph", "heading", "blockquote", "list_item":
			structured = true
			d.Paras = append(d.Paras, extract.Para{Span: b.Span, Kind: b.Kind})
		}
	}
	if !structured {
		for _, b := range read.Paragraphs(d.Text) {
			d.Paras = append(d.Paras, extract.Para{Span: b.Span, Kind: "paragraph"})
		}
	}
	for _, b := range d.Blocks {
		if b.Kind == "note" || b.Kind == "running_head" {
			for i := range d.Paras {
				if b.Span.Overlaps(d.Paras[i].Span) {
					d.Paras[i].Kind = b.Kind
				}
			}
		}
	}
	return d
}

func run(d *extract.Doc) []quellen.Finding {
	for _, x := range Extractors() {
		d.Findings = append(d.Findings, x.Extract(d)...)
	}
	return d.Findings
}

type goldRec struct {
	Doc      string `json:"doc"`
	Kind     string `json:"kind"`
	Line     int    `json:"line"`
	Number   string `json:"number"`
	NoteLine *int   `json:"note_line"`
}

func readGold(t *testing.T, dir string) []goldRec {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldRec
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g goldRec
		if json.Unmarshal(sc.Bytes(), &g) == nil {
			out = append(out, g)
		}
	}
	return out
}

// TestDevDocuments checks markers and notes of the five dev documents,
// read and repaired as the pipeline does, against the complete gold: every gold marker found
// with its number and note line, no false marker, every note found.
func TestDevDocuments(t *testing.T) {
	dir := testutil.Shared(t, "dev")
	gold := readGold(t, dir)
	for _, name := range []string{"d1.txt", "d2.txt", "d3.txt", "d4.html", "d5.txt"} {
		d := repairedDoc(t, filepath.Join(dir, name))
		fs := run(d)
		type key struct {
			line int
			num  string
		}
		found := map[key]quellen.Finding{}
		notes := map[key]bool{}
		for _, f := range fs {
			switch f.Kind {
			case quellen.KindNoteMarker:
				found[key{d.RawLine(f.Clean.Start), f.Attrs.String("number")}] = f
			case quellen.KindNote:
				notes[key{d.RawLine(f.Clean.Start), f.Attrs.String("number")}] = true
			}
		}
		var want, hit, nl, wantNotes, hitNotes int
		for _, g := range gold {
			if g.Doc != name {
				continue
			}
			switch g.Kind {
			case "note_marker":
				want++
				f, ok := found[key{g.Line, g.Number}]
				if !ok {
					t.Errorf("%s: marker %s on line %d not found", name, g.Number, g.Line)
					continue
				}
				hit++
				delete(found, key{g.Line, g.Number})
				if v, _ := f.Attrs["note_line"].(int); g.NoteLine != nil && v == *g.NoteLine {
					nl++
				} else {
					t.Errorf("%s: marker %s line %d: note_line %v, want %v", name, g.Number, g.Line, f.Attrs["note_line"], *g.NoteLine)
				}
			case "note":
				wantNotes++
				if notes[key{g.Line, g.Number}] {
					hitNotes++
				} else {
					t.Errorf("%s: note %s on line %d not found", name, g.Number, g.Line)
				}
			}
		}
		for k := range found {
			t.Errorf("%s: false marker %s on line %d", name, k.num, k.line)
		}
		if len(notes) != wantNotes {
			t.Errorf("%s: %d notes found, gold has %d", name, len(notes), wantNotes)
		}
		t.Logf("%s: markers %d/%d, note_line %d, notes %d/%d", name, hit, want, nl, hitNotes, wantNotes)
	}
}
