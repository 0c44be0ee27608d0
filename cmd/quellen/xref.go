package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/text"
	"github.com/quellen/quellen/internal/xref"
)

// XrefCmd cross-examines files and prints the links between them.
type XrefCmd struct {
	JSONL     bool     `name:"jsonl" default:"true" help:"Print links as JSON Lines in the contract's xref form (the default)."`
	MinWords  int      `name:"min-words" default:"8" help:"Shortest shared passage reported, in words."`
	Ngram     int      `name:"ngram" default:"4" help:"Words per fingerprint shingle (2 or 3 for short quotations)."`
	Stem      int      `name:"stem" default:"0" help:"Compare words by their first N letters (a crude stemmer for inflected languages; 0: whole words)." placeholder:"N"`
	ReuseOnly bool     `name:"reuse-only" help:"Find shared passages only: no extraction, clean texts kept on disk, for corpora of any size."`
	Memory    int64    `name:"memory" default:"512" help:"With --reuse-only: the memory to stay within, in MiB (fingerprints are hashed in as many passes as it takes)." placeholder:"MIB"`
	Files     []string `arg:"" name:"file" help:"Files to compare (two or more)." type:"existingfile"`
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
	if c.ReuseOnly {
		return c.reuseOnly(g)
	}
	as, err := analyseFiles(g, c.Files, pipeline.Options{})
	_, links := corpus.Links(as, c.options())
	out := export.NewJSONL(g.stdout)
	for _, l := range links {
		if werr := out.WriteRecord(corpus.LinkRecord(l)); werr != nil {
			return werr
		}
	}
	if ferr := out.Flush(); ferr != nil {
		return ferr
	}
	return err
}

func (c *XrefCmd) options() xref.Options {
	return xref.Options{N: c.Ngram, MinWords: c.MinWords, Prefix: c.Stem}
}

// reuseOnly streams the files through read and repair, keeps their clean
// texts in a spool file and only their offset maps in memory, and prints
// the shared passages.
func (c *XrefCmd) reuseOnly(g *Globals) error {
	if c.Memory > 0 {
		debug.SetMemoryLimit(c.Memory << 20)
	}
	spool, err := xref.NewSpool("")
	if err != nil {
		return err
	}
	defer spool.Close()
	type ref struct {
		name  string
		clean *text.Map
		lines *text.Lines
	}
	var refs []ref
	opts := pipeline.Options{RepairOnly: true}
	lex := repair.NewLexicon()
	// The lexicon pass reads each file once; the analysis pass again, so
	// that no more than one file is in memory at a time.
	for _, f := range c.Files {
		if b, err := os.ReadFile(f); err == nil {
			if txt, err := pipeline.ReadText(f, b, opts); err == nil {
				lex.Learn(txt)
			}
		}
	}
	opts.Lexicon = lex
	failed := 0
	for _, f := range c.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		a, err := pipeline.Run(f, b, opts)
		if err != nil {
			report(g.stderr, err)
			failed++
			continue
		}
		if _, err := spool.Add(a.Doc.Clean); err != nil {
			return err
		}
		refs = append(refs, ref{a.Doc.Name, a.CleanMap, a.Lines})
	}
	o := c.options()
	o.MemoryBudget = max(16, c.Memory/4) << 20
	ms, err := xref.ReuseCorpus(spool, o)
	if err != nil {
		return err
	}
	out := export.NewJSONL(g.stdout)
	side := func(i, s, e int) (map[string]any, error) {
		t, err := spool.Text(i)
		if err != nil {
			return nil, err
		}
		rs, re := refs[i].clean.InSpan(s, e)
		l, el := refs[i].lines.Range(rs, re)
		return map[string]any{"doc": refs[i].name, "line": l, "end_line": el, "start": rs, "end": re, "text": t[s:e]}, nil
	}
	for _, m := range ms {
		if m.Score() < 0.5 {
			continue
		}
		a, err := side(m.A, m.AStart, m.AEnd)
		if err != nil {
			return err
		}
		b, err := side(m.B, m.BStart, m.BEnd)
		if err != nil {
			return err
		}
		if err := out.WriteRecord(map[string]any{"kind": "reuse", "a": a, "b": b, "relation": "agree", "score": m.Score(),
			"diff": m.Diff, "fidelity": xref.Fidelity(m.Diff, b["text"].(string)), "matched_words": m.Matched}); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read", failed, len(c.Files))
	}
	return nil
}
