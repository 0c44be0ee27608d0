package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/postgres"
)

// AnalyseCmd gives stored documents their layers.
type AnalyseCmd struct {
	All       bool     `help:"Re-analyse the latest version of every document, not only those stored without their analysis (after upgrading quellen)."`
	Workers   int      `short:"j" name:"jobs" help:"Documents analysed at once (default: one per CPU)." placeholder:"N"`
	PDFToText bool     `name:"pdftotext" help:"Read PDF with poppler's pdftotext when it is installed (as the ingest did)."`
	Docs      []string `arg:"" optional:"" name:"doc" help:"Only these documents (names as 'quellen docs' lists them)."`
}

// Help is shown under the command's usage.
func (c *AnalyseCmd) Help() string {
	return `Runs the extractors (quotations and speakers, notes, references, dates,
people and places, numbers, verdicts) on documents already in the database
and stores their findings and search passages, one transaction per
document. Without --all it does the documents an 'ingest --store-only'
stored without their analysis and gives them the findings an ingest of
the same files would have: each is read again from its stored raw bytes,
repaired with a lexicon learnt from the documents being analysed (as an
ingest learns it from its files: the same lexicon when one store-only
ingest stored them), and analysed. An interrupted analyse resumes where it
stopped. Run one analyse at a time on a database.

With --all the latest version of every document is analysed again (after
upgrading quellen), with one lexicon learnt from them all, as one ingest
of the whole corpus would; its findings are replaced. Corrections made in
the reader are applied again to the findings they name (by kind, raw span
and text: one whose text a different repair changed is no longer met);
links from 'xref --stored' to the old findings are dropped (run it again).
A document that reads differently than when stored (--pdftotext not given
as it was to the ingest) is analysed with a warning.

Examples:
  quellen ingest --store-only archive/ && quellen analyse
  quellen analyse memoir.txt letter.md
  quellen --db history.db analyse --all`
}

// Run implements the command.
func (c *AnalyseCmd) Run(g *Globals) error {
	if !postgres.IsDSN(g.DB) {
		if _, err := os.Stat(g.DB); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no database at %s (make one with: quellen --db %s ingest --store-only FILES...)", g.DB, g.DB)
		}
	}
	store, err := openStore(g, false)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := ingest.AnalyseOptions{All: c.All, Docs: c.Docs, Workers: c.Workers, Log: g.log, Pipeline: pipeline.Options{}}
	opts.Pipeline.Read.PDFToText = c.PDFToText
	if bar := newProgress(g.stderr); bar != nil {
		opts.Progress = bar
	}
	res, err := ingest.Analyse(g.ctx, store, opts)
	for _, e := range res.Failed {
		report(g.stderr, e)
	}
	if errors.Is(err, context.Canceled) {
		if c.All {
			return fmt.Errorf("interrupted after analysing %d of %d documents (the others keep their earlier layers)", res.Analysed, res.Versions)
		}
		return fmt.Errorf("interrupted after analysing %d of %d documents; run the same command again to resume", res.Analysed, res.Versions)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "%d documents analysed (%.1f MB), %d failed, in %s\n", res.Analysed, float64(res.Bytes)/1e6, len(res.Failed), store.Path())
	if n := len(res.Failed); n > 0 {
		return fmt.Errorf("%d of %d documents could not be analysed", n, res.Versions)
	}
	return nil
}
