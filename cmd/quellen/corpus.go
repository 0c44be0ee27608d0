package main

import (
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/pipeline"
)

// analyseFiles runs the pipeline over files as one corpus, reporting the
// files that cannot be read on stderr and any problems in -v logs.
func analyseFiles(g *Globals, files []string, opts pipeline.Options) ([]*pipeline.Analysis, error) {
	as, err := corpus.Analyse(files, opts, func(err error) { report(g.stderr, err) })
	for _, a := range as {
		for _, p := range a.Doc.Problems {
			g.log.Warn(p.Message, "code", p.Code)
		}
	}
	return as, err
}
