package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/xref"
)

// TraceCmd finds where a quotation appears across a corpus.
type TraceCmd struct {
	JSON   bool     `name:"json" help:"Print the occurrences as JSON."`
	Text   string   `arg:"" name:"text" help:"The quotation to trace."`
	Corpus []string `arg:"" name:"file" help:"The documents to search." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *TraceCmd) Help() string {
	return `Lists every passage of the corpus that renders the quotation, exactly or
edited, oldest first: its document, line, date, fidelity to the words you
gave (exact, abridged, altered, translation) and the word diff. The earliest
dated occurrence is marked. Matching folds case and accents.

Examples:
  quellen trace "a ledger, not a rumour" corpus/*
  quellen trace --json "I was thanked in a letter" minutes.txt press/*.html`
}

// Run implements the command.
func (c *TraceCmd) Run(g *Globals) error {
	as, err := analyseFiles(g, c.Corpus, pipeline.Options{})
	docs := make([]xref.Doc, len(as))
	for i, a := range as {
		docs[i] = corpus.Doc(a)
	}
	occ := xref.Trace(c.Text, docs)
	if c.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if e := enc.Encode(occ); e != nil {
			return e
		}
		return err
	}
	if len(occ) == 0 {
		fmt.Fprintln(g.stdout, "not found in the corpus")
	}
	for _, o := range occ {
		mark := " "
		if o.Earliest {
			mark = "*"
		}
		date := o.Date
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(g.stdout, "%s %s:%d (%s) %s, score %.2f\n    %s\n", mark, o.Passage.Doc, o.Passage.Line, date, o.Fidelity, o.Score, strings.ReplaceAll(o.Passage.Text, "\n", " "))
		for _, op := range o.Diff {
			if op.Kind != xref.Equal {
				fmt.Fprintf(g.stdout, "    %s: %q → %q\n", op.Kind, strings.Join(op.A, " "), strings.Join(op.B, " "))
			}
		}
	}
	return err
}
