package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
)

// ExportCmd analyses files as one corpus and writes what was found in one
// of the formats of the field.
type ExportCmd struct {
	Format string   `name:"format" short:"f" enum:"jsonl,csv,tei,webanno,csl,graphml,timeline" default:"jsonl" help:"Output format: jsonl, csv, tei, webanno, csl, graphml, timeline."`
	Out    string   `name:"out" short:"o" placeholder:"DIR" help:"Write into this folder (made if missing) instead of stdout: one file per document for jsonl, csv, tei and webanno, one for the corpus otherwise."`
	Stored bool     `name:"stored" help:"Export the documents stored in the database (--db), with the corrections people made in the reader, instead of analysing files."`
	Files  []string `arg:"" optional:"" name:"file" help:"The documents, analysed as one corpus." type:"existingfile"`

	corrections map[string][]quellen.Correction
}

// Help is shown under the command's usage.
func (c *ExportCmd) Help() string {
	return `Formats:
  jsonl     every finding in the extraction contract, one JSON object a line
  csv       the same as CSV (RFC 4180): one header row, a column per field
            (a reference's archive as archive_repository ... archive_list)
  tei       TEI P5 of one document: header from its metadata, people, bodies
            and places in a standOff, the repaired text with <q who>, <note>,
            <ref>, <bibl>, <date>, <persName>, <placeName>, <num>... inline
  webanno   W3C Web Annotation JSON-LD: an AnnotationCollection, one
            Annotation a finding, selectors in code points of the text
  csl       CSL-JSON of the works the references cite, Ibid. and op. cit.
            merged into one item (Zotero imports it)
  graphml   the network of who quotes and judges whom (Gephi)
  timeline  the dated events as TimelineJS JSON

TEI is one document a file: give one file, or --out DIR for several.

With --stored, the documents come from the database instead, as stored:
findings a person confirmed, corrected or rejected in the reader keep that
status (the jsonl and csv "status" column; Web Annotation's creator).

Examples:
  quellen export --format csv corpus/*.txt > findings.csv
  quellen --db corpus.db export --stored -f webanno > annotations.jsonld
  quellen export -f tei article.txt > article.tei.xml
  quellen export -f tei --out tei/ corpus/*
  quellen export -f csl corpus/* > references.json
  quellen export -f webanno --out anno/ d1.txt d2.txt`
}

// perDocument are the formats written one file a document under --out.
var perDocument = map[string]string{"jsonl": ".jsonl", "csv": ".csv", "tei": ".tei.xml", "webanno": ".jsonld"}

// corpusFile names the file a corpus format is written to under --out.
var corpusFile = map[string]string{"csl": "references.json", "graphml": "network.graphml", "timeline": "timeline.json"}

// Run implements the command.
func (c *ExportCmd) Run(g *Globals) error {
	if c.Format == "tei" && len(c.Files) > 1 && c.Out == "" {
		return fmt.Errorf("tei writes one document a file: give one file, or --out DIR to write %d files", len(c.Files))
	}
	var as []*pipeline.Analysis
	var err error
	switch {
	case c.Stored:
		as, err = c.stored(g)
		if err != nil {
			return err
		}
	case len(c.Files) == 0:
		return fmt.Errorf("give the files to export, or --stored to export the database")
	default:
		as, err = analyseFiles(g, c.Files, pipeline.Options{})
	}
	if c.Out != "" {
		if merr := os.MkdirAll(c.Out, 0o755); merr != nil {
			return merr
		}
	}
	if ext, ok := perDocument[c.Format]; ok && c.Out != "" {
		used := map[string]bool{}
		for _, a := range as {
			name := fileName(a.Doc.Name, ext, used)
			var b bytes.Buffer
			if werr := c.write(&b, []*pipeline.Analysis{a}); werr != nil {
				return fmt.Errorf("%s: %w", a.Doc.Path, werr)
			}
			if werr := os.WriteFile(filepath.Join(c.Out, name), b.Bytes(), 0o644); werr != nil {
				return werr
			}
		}
		return err
	}
	var w io.Writer = g.stdout
	var f *os.File
	if c.Out != "" {
		var cerr error
		if f, cerr = os.Create(filepath.Join(c.Out, corpusFile[c.Format])); cerr != nil {
			return cerr
		}
		w = f
	}
	werr := c.write(w, as)
	if f != nil {
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
	}
	if werr != nil {
		return werr
	}
	return err
}

// fileName is the file a document is written to: its name without its
// extension, then ext; the whole name when two documents would share one.
func fileName(doc, ext string, used map[string]bool) string {
	name := strings.TrimSuffix(doc, filepath.Ext(doc)) + ext
	if used[name] || name == ext {
		name = doc + ext
	}
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d%s", doc, n, ext)
	}
	used[name] = true
	return name
}

// write writes the analysed documents in c's format.
func (c *ExportCmd) write(w io.Writer, as []*pipeline.Analysis) error {
	switch c.Format {
	case "jsonl":
		j := export.NewJSONL(w)
		for _, a := range as {
			if err := j.Write(a.Doc.Name, a.Doc.Findings); err != nil {
				return err
			}
		}
		return j.Flush()
	case "csv":
		cw := export.NewCSV(w, nil)
		for _, a := range as {
			if err := cw.Write(a.Doc.Name, a.Doc.Findings); err != nil {
				return err
			}
		}
		return cw.Flush()
	case "tei":
		for _, a := range as {
			var opts export.TEIOptions
			if a.Extract != nil {
				for _, p := range a.Extract.Paras {
					opts.Paras = append(opts.Paras, p.Span)
				}
			}
			if err := export.TEI(w, a.Doc, opts); err != nil {
				return err
			}
		}
		return nil
	case "webanno":
		var docs []export.WebAnnoDoc
		for _, a := range as {
			docs = append(docs, export.WebAnnoDoc{Name: a.Doc.Name, URL: a.Doc.Meta.URL, Clean: a.Doc.Clean, Findings: a.Doc.Findings, Corrections: c.corrections[a.Doc.Name]})
		}
		return export.WebAnnotation(w, docs)
	case "csl":
		var docs []export.CSLDoc
		for _, a := range as {
			docs = append(docs, export.CSLDoc{Name: a.Doc.Name, Findings: a.Doc.Findings})
		}
		return export.CSL(w, docs)
	case "graphml":
		var docs []export.GraphDoc
		for _, a := range as {
			docs = append(docs, export.GraphDoc{Name: a.Doc.Name, Author: a.Doc.Meta.Author, Findings: a.Doc.Findings})
		}
		return export.GraphML(w, docs)
	case "timeline":
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
		return export.Timeline(w, docs)
	}
	return fmt.Errorf("unknown format %q", c.Format)
}

// stored loads the latest version of every stored document, with its
// findings as corrected, and the corrections themselves.
func (c *ExportCmd) stored(g *Globals) ([]*pipeline.Analysis, error) {
	store, err := openStore(g, true)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	docs, err := store.Documents(g.ctx, quellen.DocFilter{})
	if err != nil {
		return nil, err
	}
	warnUnanalysed(g, store, "their layers are not exported")
	c.corrections = map[string][]quellen.Correction{}
	var as []*pipeline.Analysis
	for _, d := range docs {
		full, err := store.Document(g.ctx, d.ID)
		if err != nil {
			return nil, err
		}
		cs, err := store.Corrections(g.ctx, full.Name)
		if err != nil {
			return nil, err
		}
		c.corrections[full.Name] = cs
		as = append(as, &pipeline.Analysis{Doc: full})
	}
	return as, nil
}
