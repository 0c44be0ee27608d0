package main

import (
	"fmt"
	"path/filepath"

	"github.com/quellen/quellen/internal/audit"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/xref"
)

// AuditCmd writes the audit of one document against a corpus.
type AuditCmd struct {
	Format string   `name:"format" short:"f" enum:"md,html,json" default:"md" help:"Report format: md, html or json."`
	File   string   `arg:"" name:"doc" help:"The document to audit." type:"existingfile"`
	Corpus []string `arg:"" optional:"" name:"corpus" help:"The other documents to examine it against." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *AuditCmd) Help() string {
	return `For each quotation, each sentence that states a figure or a date, and each
verdict of the document: the evidence it cites (note marker → note →
reference → archive), the passages of the corpus that corroborate or
contradict it, the fidelity of each quotation to its source in the corpus,
and the list of claims that cite no evidence. A first draft of a critique.

Examples:
  quellen audit review.txt minutes.txt memoir.txt > audit.md
  quellen audit -f html chapter.pdf sources/* > audit.html`
}

// Run implements the command.
func (c *AuditCmd) Run(g *Globals) error {
	files := append([]string{c.File}, c.Corpus...)
	as, err := analyseFiles(g, files, pipeline.Options{})
	if err != nil {
		return err
	}
	docs, links := corpus.Links(as, xref.Options{})
	target := -1
	for i, a := range as {
		if a.Doc.Path == c.File {
			target = i
		}
	}
	if target < 0 {
		return fmt.Errorf("%s: could not be analysed", filepath.Base(c.File))
	}
	r := audit.Audit(docs, as[target].Doc.Meta, target, links)
	switch c.Format {
	case "html":
		return r.HTML(g.stdout)
	case "json":
		return r.JSON(g.stdout)
	}
	return r.Markdown(g.stdout)
}
