package main

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
)

// TimelineCmd prints the corpus's dated events as TimelineJS JSON.
type TimelineCmd struct {
	Files []string `arg:"" name:"file" help:"The documents." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *TimelineCmd) Help() string {
	return `Every date found in the documents, with the sentence it stands in and its
source (document and line), sorted by date, as TimelineJS JSON
({"events": [...]}), ready for TimelineJS or any other timeline.

Example:
  quellen timeline corpus/* > timeline.json`
}

// Run implements the command.
func (c *TimelineCmd) Run(g *Globals) error {
	as, err := analyseFiles(g, c.Files, pipeline.Options{})
	var docs []export.TimelineDoc
	for _, a := range as {
		clean := a.Doc.Clean
		var dates []quellen.Finding
		for _, f := range a.Doc.Findings {
			if f.Kind == quellen.KindDate {
				dates = append(dates, f)
			}
		}
		docs = append(docs, export.TimelineDoc{Name: a.Doc.Name, Title: a.Doc.Meta.Title, Findings: dates,
			Context: func(f quellen.Finding) string { return export.SentenceOf(clean, f.Clean) }})
	}
	if e := export.Timeline(g.stdout, docs); e != nil {
		return e
	}
	return err
}
