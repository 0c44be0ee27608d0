package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// IngestCmd reads files into the database.
type IngestCmd struct {
	Workers   int           `short:"j" name:"jobs" help:"Files analysed at once (default: one per CPU)." placeholder:"N"`
	PDFToText bool          `name:"pdftotext" help:"Read PDF with poppler's pdftotext when it is installed."`
	StoreOnly bool          `name:"store-only" help:"Store each file read, repaired and with its metadata, without running the extractors; 'quellen analyse' adds the layers and the search index later."`
	Lease     time.Duration `name:"lease" default:"2m" help:"On PostgreSQL: how long a file claimed by a worker stays its own without a renewal; a killed worker's files are taken over after this." placeholder:"DURATION"`
	Paths     []string      `arg:"" name:"path" help:"Files, folders (read recursively, dot files skipped) or glob patterns."`
}

// Help is shown under the command's usage.
func (c *IngestCmd) Help() string {
	return `Each file is read, repaired and analysed, and stored with its raw bytes,
its repaired text and every finding, one transaction per document. Files
whose bytes are already stored are skipped, so ingesting twice adds nothing
and an interrupted ingest resumes where it stopped; a changed file becomes
the next version of its document (documents are named by the file's base
name). A file that cannot be read is named on stderr and the others go on;
the exit status is then 1.

With --store-only each document is stored read, repaired and with its
metadata and paragraph languages, several times faster, but without the
extractors' layers (quotations, notes, references, dates, people, numbers,
verdicts) and without its search passages: 'quellen docs' marks it
"unanalysed", and 'quellen analyse' gives it its layers afterwards, the
findings an ingest of the same files would have, resumable in the same way.

On PostgreSQL (--db postgres://...) any number of ingests, on one machine or
many, can run at once on the same files: they share the work through the
database (each file is analysed by the one worker that claimed it), and a
worker that is killed has its files taken over by the others once its lease
(--lease) runs out. Run the same command on every machine.

Examples:
  quellen ingest corpus/
  quellen --db history.db ingest 'letters/*.xml' critique.md
  quellen -v ingest -j 4 ~/sources
  quellen ingest --store-only archive/ && quellen analyse
  quellen --db postgres://quellen@db:5432/quellen ingest /shared/corpus/`
}

// Run implements the command.
func (c *IngestCmd) Run(g *Globals) error {
	paths, err := ingest.Expand(c.Paths)
	if err != nil {
		return err
	}
	store, err := openStore(g, false)
	if err != nil {
		return err
	}
	defer store.Close()

	opts := ingest.Options{Workers: c.Workers, Log: g.log, Pipeline: pipeline.Options{}, Lease: c.Lease, StoreOnly: c.StoreOnly}
	if q, ok := store.(ingest.Queue); ok {
		opts.Queue = q // many processes may share this ingest
	}
	opts.Pipeline.Read.PDFToText = c.PDFToText
	if bar := newProgress(g.stderr); bar != nil {
		opts.Progress = bar
	}
	start := time.Now()
	res, err := ingest.Run(g.ctx, store, paths, opts)
	elapsed := time.Since(start)
	for _, e := range res.Failed {
		report(g.stderr, e)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted after storing %d documents; run the same command again to resume", res.Added)
	}
	if err != nil {
		return err
	}
	others := ""
	if res.Others > 0 {
		others = fmt.Sprintf(", %d by other workers", res.Others)
	}
	done := "analysed"
	if c.StoreOnly {
		done = "stored without analysis"
	}
	fmt.Fprintf(g.stdout, "%d files: %d added, %d already stored, %d failed%s (%.1f MB %s in %.1fs) into %s\n",
		res.Files, res.Added, res.Skipped, len(res.Failed), others, float64(res.Bytes)/1e6, done, elapsed.Seconds(), store.Path())
	if c.StoreOnly && res.Added > 0 {
		fmt.Fprintf(g.stdout, "run 'quellen analyse' to add their layers and search index\n")
	} else if res.Unanalysed > 0 {
		fmt.Fprintf(g.stdout, "%d of the files already stored were stored without their analysis: run 'quellen analyse'\n", res.Unanalysed)
	}
	if n := len(res.Failed); n > 0 {
		return fmt.Errorf("%d of %d files could not be read", n, res.Files)
	}
	return nil
}

// newProgress returns a progress callback drawing a bar on stderr, or nil
// when stderr is not a terminal.
func newProgress(stderr io.Writer) func(phase string, done, total int) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	var current string
	return func(phase string, done, total int) {
		if phase != current || bar == nil {
			if bar != nil {
				bar.Finish()
			}
			current = phase
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(stderr),
				progressbar.OptionSetDescription(phase),
				progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionThrottle(100*time.Millisecond),
			)
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}
