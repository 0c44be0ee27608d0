package main

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/postgres"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/text"
	"github.com/quellen/quellen/internal/xref"
)

// XrefCmd cross-examines files and prints the links between them.
type XrefCmd struct {
	JSONL     bool          `name:"jsonl" default:"true" help:"Print links as JSON Lines in the contract's xref form (the default)."`
	MinWords  int           `name:"min-words" default:"8" help:"Shortest shared passage reported, in words."`
	Ngram     int           `name:"ngram" default:"4" help:"Words per fingerprint shingle (2 or 3 for short quotations)."`
	Stem      int           `name:"stem" default:"0" help:"Compare words by their first N letters (a crude stemmer for inflected languages; 0: whole words)." placeholder:"N"`
	ReuseOnly bool          `name:"reuse-only" help:"Find shared passages only: no extraction, clean texts kept on disk, for corpora of any size."`
	Memory    int64         `name:"memory" default:"512" help:"With --reuse-only or --stored: the memory to stay within, in MiB (with --reuse-only fingerprints are hashed in as many passes as it takes; otherwise a soft limit for the collector; on PostgreSQL a quarter of it caches the versions being aligned)." placeholder:"MIB"`
	Stored    bool          `name:"stored" help:"Compare the documents stored in the database (--db; the latest version of each) instead of files: shared passages only, as --reuse-only finds them, stored as links and printed. On PostgreSQL any number of processes may run it at once and share the work."`
	Workers   int           `short:"j" name:"jobs" help:"With --stored on PostgreSQL: pairs of documents aligned at once (default: one per CPU)." placeholder:"N"`
	Lease     time.Duration `name:"lease" default:"2m" help:"With --stored on PostgreSQL: how long work claimed by a worker stays its own without a renewal; a killed worker's work is taken over after this." placeholder:"DURATION"`
	Block     int           `name:"block" default:"64" help:"With --stored on PostgreSQL: candidate pairs in one claim (set by the worker that makes a run's pairs)." placeholder:"N"`
	Files     []string      `arg:"" optional:"" name:"file" help:"Files to compare (two or more); none with --stored." type:"existingfile"`
}

// Help is shown under the command's usage.
func (c *XrefCmd) Help() string {
	return `Each link is one JSON object a line: kind, a and b (doc, line, end_line,
start, end, text: raw byte offsets as in the extraction contract), relation
(agree, disagree, related), score, event. The kinds:

  reuse        a passage shared by two documents, exact or edited, with the
               word-level diff of b against its source a (the earlier
               document when both are dated) and a fidelity verdict: exact,
               abridged (words left out behind an ellipsis),
               abridged_unmarked, altered
  translation  a quotation and its rendering in another language
  same_event   two passages about one event (shared names, dates, event words)
  conflict     two passages about one event that disagree on a date or a
               figure; "differs" says what

With --stored the documents of the database are compared instead of files
(shared passages only, as with --reuse-only, and the same links): each link
is stored in the database (once) and every reuse link among the documents is
printed; a summary goes to stderr. On PostgreSQL (--db postgres://...) any
number of processes, on one machine or many, can run it at once: they share
the work through the database. Each version is fingerprinted once (its
shingle hashes stored), the candidate pairs are found in SQL, and every
worker claims blocks of pairs (--block), aligns them and stores their links
(each link once); a worker that is killed has its work taken over by the others once its lease (--lease)
runs out, and each worker returns when the whole corpus is done. Run it
after the ingest: a run compares the documents stored when it starts. On
SQLite it runs in this process.

Examples:
  quellen xref --jsonl d1.txt d2.txt d3.txt > links.jsonl
  quellen xref --min-words 12 corpus/*.txt
  quellen --db postgres://quellen@db:5432/quellen xref --stored > links.jsonl`
}

// Run implements the command.
func (c *XrefCmd) Run(g *Globals) error {
	if c.Stored {
		if len(c.Files) > 0 {
			return errors.New("--stored compares the documents in the database: give no files")
		}
		return c.stored(g)
	}
	if len(c.Files) == 0 {
		return errors.New("give the files to compare, or --stored to compare the documents in the database")
	}
	if c.ReuseOnly {
		return c.reuseOnly(g)
	}
	as, err := analyseFiles(g, c.Files, pipeline.Options{})
	_, links := corpus.Links(as, c.options())
	out := export.NewJSONL(g.stdout)
	for _, l := range links {
		if werr := out.WriteRecord(corpus.LinkRecord(l)); werr != nil {
			return werr
		}
	}
	if ferr := out.Flush(); ferr != nil {
		return ferr
	}
	return err
}

func (c *XrefCmd) options() xref.Options {
	return xref.Options{N: c.Ngram, MinWords: c.MinWords, Prefix: c.Stem}
}

// reuseInput is what reuse detection reads, one document at a time:
// files, or versions stored in a database.
type reuseInput struct {
	n    int
	read func(i int) (path string, data []byte, err error)
	id   func(i int) int64 // the version's id (0 for files)
}

// reuseOnly streams the files through read and repair, keeps their clean
// texts in a spool file and only their offset maps in memory, and prints
// the shared passages.
func (c *XrefCmd) reuseOnly(g *Globals) error {
	in := reuseInput{n: len(c.Files), id: func(int) int64 { return 0 }}
	in.read = func(i int) (string, []byte, error) {
		b, err := os.ReadFile(c.Files[i])
		return c.Files[i], b, err
	}
	return c.reuse(g, in, nil)
}

// reuse finds the passages the inputs share and prints each link (after
// giving it, in batches of linkBatch, to keep, when set). The clean texts
// wait in one spool file, their offset maps in another: at 1 GB the maps
// alone held half a gigabyte.
func (c *XrefCmd) reuse(g *Globals, in reuseInput, keep func(ls []*quellen.Link) error) error {
	if c.Memory > 0 {
		debug.SetMemoryLimit(c.Memory << 20)
	}
	spool, err := xref.NewSpool("")
	if err != nil {
		return err
	}
	defer spool.Close()
	maps, err := xref.NewSpool("")
	if err != nil {
		return err
	}
	defer maps.Close()
	type ref struct {
		name string
		id   int64
	}
	var refs []ref
	opts := pipeline.Options{RepairOnly: true}
	lex := repair.NewLexicon()
	// The lexicon pass reads each file once; the analysis pass again, so
	// that no more than a few files are in memory at a time; both on
	// every core, the analyses spooled in input order.
	for range corpus.Ordered(in.n, func(i int) struct{} {
		if f, b, err := in.read(i); err == nil {
			if txt, err := pipeline.ReadText(f, b, opts); err == nil {
				lex.Learn(txt)
			}
		}
		return struct{}{}
	}) {
	}
	opts.Lexicon = lex
	type analysed struct {
		i       int
		name    string
		clean   string
		maps    []byte // the clean text's offset map and the raw text's lines
		err     error  // the document's own: reported, the others go on
		readErr error  // the input's: stops the run
	}
	failed := 0
	for r := range corpus.Ordered(in.n, func(i int) analysed {
		f, b, err := in.read(i)
		if err != nil {
			return analysed{i: i, readErr: err}
		}
		a, err := pipeline.Run(f, b, opts)
		if err != nil {
			return analysed{i: i, err: err}
		}
		return analysed{i: i, name: a.Doc.Name, clean: a.Doc.Clean, maps: encodeMaps(a.CleanMap, a.Lines)}
	}) {
		switch {
		case r.readErr != nil:
			return r.readErr
		case r.err != nil:
			report(g.stderr, r.err)
			failed++
			continue
		}
		if _, err := spool.Add(r.clean); err != nil {
			return err
		}
		if _, err := maps.Add(string(r.maps)); err != nil {
			return err
		}
		refs = append(refs, ref{r.name, in.id(r.i)})
	}
	o := c.options()
	o.MemoryBudget = max(16, c.Memory/4) << 20
	o.MinScore = 0.5
	ms, err := xref.ReuseCorpus(spool, o)
	if err != nil {
		return err
	}
	out := export.NewJSONL(g.stdout)
	// The matches come by pair: each side keeps the maps it read last.
	type lastMaps struct {
		i     int
		clean *text.Map
		lines *text.Lines
	}
	lastA, lastB := &lastMaps{i: -1}, &lastMaps{i: -1}
	side := func(last *lastMaps, i, s, e int) (quellen.Passage, error) {
		t, err := spool.Text(i)
		if err != nil {
			return quellen.Passage{}, err
		}
		if last.i != i {
			b, err := maps.Text(i)
			if err != nil {
				return quellen.Passage{}, err
			}
			if last.clean, last.lines, err = decodeMaps(b); err != nil {
				return quellen.Passage{}, fmt.Errorf("%s: %w", refs[i].name, err)
			}
			last.i = i
		}
		rs, re := last.clean.InSpan(s, e)
		l, el := last.lines.Range(rs, re)
		return quellen.Passage{DocID: refs[i].id, Doc: refs[i].name, Raw: quellen.Span{Start: rs, End: re}, Line: l, EndLine: el, Text: t[s:e]}, nil
	}
	var batch []*quellen.Link
	flush := func() error {
		if keep != nil && len(batch) > 0 {
			if err := keep(batch); err != nil {
				return err
			}
		}
		for _, l := range batch {
			if err := out.WriteRecord(corpus.LinkRecord(*l)); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for k := range ms {
		m := &ms[k]
		a, err := side(lastA, m.A, m.AStart, m.AEnd)
		if err != nil {
			return err
		}
		b, err := side(lastB, m.B, m.BStart, m.BEnd)
		if err != nil {
			return err
		}
		batch = append(batch, &quellen.Link{Kind: "reuse", A: a, B: b, Relation: "agree", Score: m.Score(),
			Attrs: quellen.Attrs{"diff": m.Diff, "fidelity": xref.Fidelity(m.Diff, b.Text), "matched_words": m.Matched}})
		ms[k] = xref.Match{} // its diff is the link's now
		if len(batch) == linkBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read", failed, in.n)
	}
	return nil
}

// linkBatch is how many links are stored a transaction (one a transaction
// stored a few dozen a second on SQLite).
const linkBatch = 500

// encodeMaps is a document's clean-to-raw offset map and raw line index
// in their binary forms, the map's length first.
func encodeMaps(m *text.Map, l *text.Lines) []byte {
	mb, _ := m.AppendBinary(nil)
	b := binary.AppendUvarint(nil, uint64(len(mb)))
	b = append(b, mb...)
	b, _ = l.AppendBinary(b)
	return b
}

func decodeMaps(s string) (*text.Map, *text.Lines, error) {
	b := []byte(s)
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, errors.New("damaged offset maps in the spool")
	}
	var m text.Map
	var l text.Lines
	if err := m.UnmarshalBinary(b[k : k+int(n)]); err != nil {
		return nil, nil, err
	}
	if err := l.UnmarshalBinary(b[k+int(n):]); err != nil {
		return nil, nil, err
	}
	return &m, &l, nil
}

// stored compares the documents of the database: on PostgreSQL sharing
// the work with the other processes doing the same, on SQLite in this
// process.
func (c *XrefCmd) stored(g *Globals) error {
	store, err := openStore(g, false)
	if err != nil {
		return err
	}
	defer store.Close()
	if c.Memory > 0 {
		debug.SetMemoryLimit(c.Memory << 20) // a soft limit: the collector works harder near it
	}
	start := time.Now()
	if pg, ok := store.(*postgres.Store); ok {
		workers := c.Workers
		if workers <= 0 {
			workers = runtime.NumCPU()
		}
		// the aligner's cache a quarter of --memory, as --reuse-only's
		// hashing budget is
		res, err := pg.Xref(g.ctx, postgres.XrefOptions{Reuse: c.options(), Workers: workers, Lease: c.Lease, Block: c.Block,
			Cache: max(16, c.Memory/4) << 20, Log: g.log})
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted; run the same command again to resume")
		}
		if err != nil {
			return err
		}
		out := export.NewJSONL(g.stdout)
		for _, l := range res.Links {
			if err := out.WriteRecord(corpus.LinkRecord(l)); err != nil {
				return err
			}
		}
		if err := out.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "xref: %d documents, %d candidate pairs in %d blocks, %d reuse links; this worker fingerprinted %d, aligned %d pairs and added %d links (%.1fs: fingerprints %.1fs, pairs %.1fs, alignment %.1fs) in %s\n",
			res.Versions, res.Pairs, res.Blocks, len(res.Links), res.Fingerprinted, res.Aligned, res.Added, time.Since(start).Seconds(),
			res.FingerprintTime.Seconds(), res.PairsTime.Seconds(), res.AlignTime.Seconds(), store.Path())
		if res.Failed > 0 {
			return fmt.Errorf("%d versions or pairs failed (see the work table's error column)", res.Failed)
		}
		return nil
	}
	docs, err := store.Documents(g.ctx, quellen.DocFilter{})
	if err != nil {
		return err
	}
	slices.SortFunc(docs, func(a, b *quellen.Document) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	in := reuseInput{n: len(docs), id: func(i int) int64 { return docs[i].ID }}
	in.read = func(i int) (string, []byte, error) {
		d, err := store.Document(g.ctx, docs[i].ID)
		if err != nil {
			return "", nil, err
		}
		return d.Path, d.Raw, nil
	}
	links, added := 0, 0
	err = c.reuse(g, in, func(ls []*quellen.Link) error {
		n, err := addLinks(g.ctx, store, ls)
		links += len(ls)
		added += n
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "xref: %d documents, %d reuse links, %d added (%.1fs) in %s\n", len(docs), links, added, time.Since(start).Seconds(), store.Path())
	return nil
}
