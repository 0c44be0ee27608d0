package main

import (
	"fmt"
	"os"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/xref"
)

// analyseFiles runs the pipeline over files as one corpus: the lexicon
// that restores ligatures is learnt from all of them first. Files that
// cannot be read are reported on stderr and left out; the error says how
// many.
func analyseFiles(g *Globals, files []string, opts pipeline.Options) ([]*pipeline.Analysis, error) {
	datas, lex, err := readCorpus(files, opts)
	if err != nil {
		return nil, err
	}
	opts.Lexicon = lex
	var out []*pipeline.Analysis
	failed := 0
	for i, f := range files {
		a, err := pipeline.Run(f, datas[i], opts)
		if err != nil {
			report(g.stderr, err)
			failed++
			continue
		}
		for _, p := range a.Doc.Problems {
			g.log.Warn(p.Message, "code", p.Code)
		}
		out = append(out, a)
	}
	if failed > 0 {
		return out, fmt.Errorf("%d of %d files could not be read", failed, len(files))
	}
	return out, nil
}

// crossExamine finds every link among analysed documents.
func crossExamine(as []*pipeline.Analysis, minWords int) ([]xref.Doc, []quellen.Link) {
	docs := make([]xref.Doc, len(as))
	for i, a := range as {
		docs[i] = xrefDoc(a)
	}
	links := xref.Links(docs, xref.Options{MinWords: minWords})
	links = append(links, xref.Translations(docs, xref.TranslationOptions{})...)
	links = append(links, xref.Events(docs, xref.EventOptions{})...)
	return docs, links
}

// readCorpus reads files and learns the corpus lexicon from all of them.
func readCorpus(files []string, opts pipeline.Options) ([][]byte, *repair.Lexicon, error) {
	datas := make([][]byte, len(files))
	lex := repair.NewLexicon()
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		datas[i] = b
		if txt, err := pipeline.ReadText(f, b, opts); err == nil {
			lex.Learn(txt)
		}
	}
	return datas, lex, nil
}
