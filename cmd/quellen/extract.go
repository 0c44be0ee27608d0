package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
)

// ExtractCmd runs the pipeline on files and prints the findings.
type ExtractCmd struct {
	JSONL     bool     `name:"jsonl" help:"Print findings as JSON Lines in the extraction contract (the default, and the only format for now)." default:"true"`
	Kinds     []string `name:"kind" short:"k" help:"Only these kinds (repeat or comma-separate): metadata, quote, note_marker, note, reference, date, entity, number, stance, repair, layout."`
	PDFToText bool     `name:"pdftotext" help:"Read PDF with poppler's pdftotext when it is installed."`
	Files     []string `arg:"" name:"file" help:"Files to analyse." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *ExtractCmd) Help() string {
	return `Findings are printed sorted by document and byte offset, one JSON object a
line, in the form of the extraction contract (doc, kind, line, end_line,
start, end, text, and each kind's own fields). Ligatures are restored with a
lexicon learnt from all the files given, so give a whole corpus at once.

Examples:
  quellen extract --jsonl d1.txt d2.txt > found.jsonl
  quellen extract -k quote,note_marker chapter.pdf`
}

// Run implements the command.
func (c *ExtractCmd) Run(g *Globals) error {
	var kinds []quellen.Kind
	for _, k := range c.Kinds {
		for _, p := range strings.Split(k, ",") {
			if p = strings.TrimSpace(p); p != "" {
				kinds = append(kinds, quellen.Kind(p))
			}
		}
	}
	if os.Getenv("GOGC") == "" {
		// Extraction keeps little but the files' bytes: a heap let grow
		// fivefold (tuneGC) costs more in first-touched pages than its
		// fewer collections save. Threefold: a tenth less CPU on a
		// generated corpus.
		debug.SetGCPercent(200)
	}
	opts := pipeline.Options{Kinds: kinds}
	opts.Read.PDFToText = c.PDFToText
	// Each file is read twice, once to learn the corpus's words and once
	// to be analysed, and held only meanwhile: the page cache makes the
	// second read cheap, and a corpus larger than memory can be extracted.
	lex, err := corpus.LearnFiles(c.Files, opts)
	if err != nil {
		return err
	}
	opts.Lexicon = lex
	out := export.NewJSONL(g.stdout)
	var failed []error
	for r := range corpus.RunFiles(c.Files, opts) {
		a, err := r.Analysis, r.Err
		if err != nil {
			failed = append(failed, err)
			report(g.stderr, err)
			continue
		}
		for _, p := range a.Doc.Problems {
			g.log.Warn(p.Message, "code", p.Code)
		}
		if err := out.Write(a.Doc.Name, a.Doc.Findings); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d files could not be read", len(failed), len(c.Files))
	}
	return nil
}
