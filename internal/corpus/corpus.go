// Package corpus analyses a set of files as one corpus (the ligature
// lexicon learnt from all of them first, then the single-document pipeline
// on each) and cross-examines the analysed documents. The command line and
// the measuring tests share it.
package corpus

import (
	"fmt"
	"os"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/xref"
)

// Read reads files and learns the corpus lexicon from all of them.
func Read(files []string, opts pipeline.Options) ([][]byte, *repair.Lexicon, error) {
	datas := make([][]byte, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		datas[i] = b
	}
	return datas, learn(files, datas, opts), nil
}

// learn builds the corpus's lexicon from texts held in memory.
func learn(names []string, datas [][]byte, opts pipeline.Options) *repair.Lexicon {
	lex, _ := learnFrom(names, func(i int) ([]byte, error) { return datas[i], nil }, opts)
	return lex
}

// LearnFiles learns the corpus lexicon from files, each read on a worker
// and let go once learnt, so that a corpus larger than memory can be
// learnt. The error is the first file (in the order given) that could not
// be read; the lexicon then holds the others.
func LearnFiles(files []string, opts pipeline.Options) (*repair.Lexicon, error) {
	return learnFrom(files, func(i int) ([]byte, error) { return os.ReadFile(files[i]) }, opts)
}

// learnFrom builds the corpus's lexicon, getting and learning the texts on
// every core (a lexicon is counts: the order does not matter; it keeps no
// part of a text). The error is the first text's, in order, that could not
// be got.
func learnFrom(names []string, data func(int) ([]byte, error), opts pipeline.Options) (*repair.Lexicon, error) {
	lex := repair.NewLexicon()
	var first error
	for err := range Ordered(len(names), func(i int) error {
		b, err := data(i)
		if err != nil {
			return err
		}
		if txt, err := read.TextView(names[i], b, opts.Read); err == nil {
			lex.Learn(txt)
		}
		return nil
	}) {
		if first == nil {
			first = err
		}
	}
	return lex, first
}

// AnalyseData runs the pipeline over documents given as bytes (a stored
// corpus), as one corpus: names are their paths or names.
func AnalyseData(names []string, datas [][]byte, opts pipeline.Options) ([]*pipeline.Analysis, error) {
	opts.Lexicon = learn(names, datas, opts)
	var out []*pipeline.Analysis
	for r := range Run(names, datas, opts) {
		if r.Err != nil {
			continue // stored documents were read once; a failure now is left out
		}
		out = append(out, r.Analysis)
	}
	return out, nil
}

// Analyse runs the pipeline over files as one corpus. A file that cannot
// be read is passed to failed (which may be nil) and left out; the error
// then says how many were.
func Analyse(files []string, opts pipeline.Options, failed func(error)) ([]*pipeline.Analysis, error) {
	datas, lex, err := Read(files, opts)
	if err != nil {
		return nil, err
	}
	opts.Lexicon = lex
	var out []*pipeline.Analysis
	n := 0
	for r := range Run(files, datas, opts) {
		if r.Err != nil {
			if failed != nil {
				failed(r.Err)
			}
			n++
			continue
		}
		out = append(out, r.Analysis)
	}
	if n > 0 {
		return out, fmt.Errorf("%d of %d files could not be read", n, len(files))
	}
	return out, nil
}

// Doc shows an analysed document to cross-examination.
func Doc(a *pipeline.Analysis) xref.Doc {
	d := xref.Doc{Name: a.Doc.Name, Date: a.Doc.Meta.Date, Clean: a.Doc.Clean, Passage: a.Passage, Findings: a.Doc.Findings}
	if a.Extract != nil {
		for _, p := range a.Extract.Paras {
			d.Paras = append(d.Paras, p.Span)
		}
		d.Lang = a.Extract.LangAt
	}
	return d
}

// Links finds every link among analysed documents: reuse, translations,
// passages about one event and conflicts, a claim judged false in one
// document and stated in another among them.
func Links(as []*pipeline.Analysis, opts xref.Options) ([]xref.Doc, []quellen.Link) {
	docs := make([]xref.Doc, len(as))
	for i, a := range as {
		docs[i] = Doc(a)
	}
	links := xref.Links(docs, opts)
	links = append(links, xref.Translations(docs, xref.TranslationOptions{})...)
	links = append(links, xref.Events(docs, xref.EventOptions{})...)
	links = append(links, xref.Verdicts(docs, links)...)
	return docs, links
}

// LinkRecord returns a link in the contract's xref form.
func LinkRecord(l quellen.Link) map[string]any {
	side := func(p quellen.Passage) map[string]any {
		return map[string]any{"doc": p.Doc, "line": p.Line, "end_line": p.EndLine, "start": p.Raw.Start, "end": p.Raw.End, "text": p.Text}
	}
	r := map[string]any{"kind": l.Kind, "a": side(l.A), "b": side(l.B), "relation": l.Relation, "score": l.Score}
	if l.Event != "" {
		r["event"] = l.Event
	}
	for k, v := range l.Attrs {
		r[k] = v
	}
	return r
}
