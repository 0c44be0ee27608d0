package main

import (
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
)

// GraphCmd prints the network of who quotes and judges whom as GraphML.
type GraphCmd struct {
	Files []string `arg:"" name:"file" help:"The documents." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *GraphCmd) Help() string {
	return `A node for each person, body and place the documents name (by canonical
name) and for each author; an edge from an author to everyone the document
quotes, and from a judge to the target of each verdict, labelled with the
verdict. GraphML, for Gephi or any graph tool.

Example:
  quellen graph corpus/* > network.graphml`
}

// Run implements the command.
func (c *GraphCmd) Run(g *Globals) error {
	as, err := analyseFiles(g, c.Files, pipeline.Options{})
	var docs []export.GraphDoc
	for _, a := range as {
		docs = append(docs, export.GraphDoc{Name: a.Doc.Name, Author: a.Doc.Meta.Author, Findings: a.Doc.Findings})
	}
	if e := export.GraphML(g.stdout, docs); e != nil {
		return e
	}
	return err
}
