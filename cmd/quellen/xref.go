package main

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/xref"
)

// XrefCmd cross-examines files and prints the links between them.
type XrefCmd struct {
	JSONL    bool     `name:"jsonl" default:"true" help:"Print links as JSON Lines in the contract's xref form (the default)."`
	MinWords int      `name:"min-words" default:"8" help:"Shortest shared passage reported, in words."`
	Files    []string `arg:"" name:"file" help:"Files to compare (two or more)." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *XrefCmd) Help() string {
	return `Each link is one JSON object a line: kind, a and b (doc, line, end_line,
start, end, text: raw byte offsets as in the extraction contract), relation
(agree, disagree, related), score, event. The kinds:

  reuse        a passage shared by two documents, exact or edited, with the
               word-level diff of b against its source a (the earlier
               document when both are dated) and a fidelity verdict: exact,
               abridged (words left out behind an ellipsis),
               abridged_unmarked, altered
  translation  a quotation and its rendering in another language
  same_event   two passages about one event (shared names, dates, event words)
  conflict     two passages about one event that disagree on a date or a
               figure; "differs" says what

Examples:
  quellen xref --jsonl d1.txt d2.txt d3.txt > links.jsonl
  quellen xref --min-words 12 corpus/*.txt`
}

// Run implements the command.
func (c *XrefCmd) Run(g *Globals) error {
	as, err := analyseFiles(g, c.Files, pipeline.Options{})
	_, links := crossExamine(as, c.MinWords)
	out := export.NewJSONL(g.stdout)
	for _, l := range links {
		if werr := out.WriteRecord(linkRecord(l)); werr != nil {
			return werr
		}
	}
	if ferr := out.Flush(); ferr != nil {
		return ferr
	}
	return err
}

func linkRecord(l quellen.Link) map[string]any {
	side := func(p quellen.Passage) map[string]any {
		return map[string]any{"doc": p.Doc, "line": p.Line, "end_line": p.EndLine, "start": p.Raw.Start, "end": p.Raw.End, "text": p.Text}
	}
	r := map[string]any{"kind": l.Kind, "a": side(l.A), "b": side(l.B), "relation": l.Relation, "score": l.Score}
	if l.Event != "" {
		r["event"] = l.Event
	}
	for k, v := range l.Attrs {
		r[k] = v
	}
	return r
}

// xrefDoc shows an analysed document to cross-examination.
func xrefDoc(a *pipeline.Analysis) xref.Doc {
	d := xref.Doc{Name: a.Doc.Name, Date: a.Doc.Meta.Date, Clean: a.Doc.Clean, Passage: a.Passage, Findings: a.Doc.Findings}
	if a.Extract != nil {
		for _, p := range a.Extract.Paras {
			d.Paras = append(d.Paras, p.Span)
		}
		d.Lang = a.Extract.LangAt
	}
	return d
}
