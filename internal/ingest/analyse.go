package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
)

// AnalyseOptions tune an Analyse.
type AnalyseOptions struct {
	// All re-analyses the latest version of every document, not only the
	// versions stored without their analysis (after an upgrade of quellen
	// whose extractors find more).
	All bool
	// Docs limits the work to the documents of these names; nil: all.
	Docs []string
	// Workers analyse versions in parallel; 0 means runtime.NumCPU().
	Workers int
	// Pipeline options; its Lexicon is replaced by the one learnt from the
	// stored documents. NoExtractors is ignored.
	Pipeline pipeline.Options
	// Log and Progress as in Options (phases "reading" and "analysing").
	Log      *slog.Logger
	Progress func(phase string, done, total int)
}

// AnalyseResult tells what an Analyse did.
type AnalyseResult struct {
	Versions int     // versions to analyse
	Analysed int     // versions given their layers
	Bytes    int64   // raw bytes of the versions analysed
	Failed   []error // one per version that could not be analysed, naming it
}

// RawReader is a store that reads a version's path, raw bytes and
// addressable text (Document.Source) alone, without its findings: what
// Analyse needs of each.
type RawReader interface {
	Raw(ctx context.Context, id int64) (path string, raw []byte, source string, err error)
}

// readRaw reads the path, raw bytes and source of a stored version, by
// the store's RawReader when it has one.
func readRaw(ctx context.Context, store quellen.Store, v *quellen.Document) (path string, raw []byte, source string, err error) {
	if r, ok := store.(RawReader); ok {
		path, raw, source, err = r.Raw(ctx, v.ID)
	} else {
		var d *quellen.Document
		if d, err = store.Document(ctx, v.ID); err == nil {
			path, raw, source = d.Path, d.Raw, d.Source
		}
	}
	if err != nil {
		return "", nil, "", fmt.Errorf("%s: %w", v.Name, err)
	}
	return path, raw, source, nil
}

// ReanalysePreparer is a store whose Reanalyse has a part that needs no
// database, done on the analysis workers (as Preparer for Put).
type ReanalysePreparer interface {
	PrepareReanalyse(d *quellen.Document) (put func(context.Context) error, err error)
}

// Analyse gives their layers to the versions stored without their analysis
// (by `ingest --store-only`), or with All to the latest version of every
// document: each is read again from its stored raw bytes and run through
// the whole pipeline with a lexicon learnt from every stored document (as
// an ingest of the same files learns it), and its layers replaced in one
// transaction per version (Store.Reanalyse). An Analyse that is killed
// loses nothing committed; the next one goes on with what is left.
func Analyse(ctx context.Context, store quellen.Store, opts AnalyseOptions) (*AnalyseResult, error) {
	log, workers, progress := defaults(opts.Log, opts.Workers, opts.Progress)
	res := &AnalyseResult{}
	start := time.Now()

	latest, err := store.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return res, err
	}
	want := map[string]bool{}
	for _, n := range opts.Docs {
		want[n] = true
	}
	chosen := func(d *quellen.Document) bool { return len(want) == 0 || want[d.Name] }
	var todo []*quellen.Document
	if opts.All {
		for _, d := range latest {
			if chosen(d) {
				todo = append(todo, d)
			}
		}
	} else {
		un, err := store.Unanalysed(ctx)
		if err != nil {
			return res, err
		}
		for _, d := range un {
			if chosen(d) {
				todo = append(todo, d)
			}
		}
	}
	for n := range want {
		if !hasName(latest, n) {
			return res, fmt.Errorf("%s: %w", n, quellen.ErrNotFound)
		}
	}
	res.Versions = len(todo)
	if len(todo) == 0 {
		return res, nil
	}

	// Pass 1: the lexicon, from the versions to analyse, read from their
	// raw bytes as the ingest that stored them read its files (with All,
	// every document's latest version: as one ingest of them all).
	learn := todo
	lex := repair.NewLexicon()
	errs := make([]error, len(learn))
	err = parallel(ctx, workers, len(learn), func(i int) {
		path, raw, _, err := readRaw(ctx, store, learn[i])
		if err != nil {
			errs[i] = err
			return
		}
		if txt, err := pipeline.ReadText(path, raw, opts.Pipeline); err == nil {
			lex.Learn(txt)
		}
	}, func(done int) { progress("reading", done, len(learn)) })
	if err != nil {
		return res, err
	}
	for _, e := range errs {
		if e != nil {
			return res, e // a store that cannot read its own documents
		}
	}
	log.Debug("lexicon learnt", "documents", len(learn), "elapsed", time.Since(start))

	// Pass 2: analyse on all workers, replace on one writer.
	popts := opts.Pipeline
	popts.Lexicon, popts.NoExtractors, popts.RepairOnly = lex, false, false
	preparer, _ := store.(ReanalysePreparer)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *quellen.Document)
	out := make(chan reanalysed, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for v := range jobs {
				r := reanalyse(ctx, store, v, popts)
				if r.err == nil {
					if preparer != nil {
						r.put, r.err = preparer.PrepareReanalyse(r.d)
					} else {
						d := r.d
						r.put = func(ctx context.Context) error { return store.Reanalyse(ctx, d) }
					}
				}
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, v := range todo {
			select {
			case jobs <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	n := 0
	progress("analysing", 0, len(todo))
	var storeErr error
	for r := range out {
		n++
		if r.err != nil {
			if ctx.Err() != nil {
				break // interrupted: not a failure of the document
			}
			res.Failed = append(res.Failed, r.err)
			progress("analysing", n, len(todo))
			continue
		}
		for _, p := range r.d.Problems {
			log.Warn(p.Message, "doc", r.d.Name, "code", p.Code)
		}
		if err := r.put(ctx); err != nil {
			if ctx.Err() != nil {
				break // interrupted: the version stays unanalysed
			}
			storeErr = fmt.Errorf("storing the analysis: %w", err) // the store names the document
			cancel()
			break
		}
		res.Analysed++
		res.Bytes += int64(r.size)
		log.Debug("analysed", "doc", r.d.Name, "version", r.d.Version, "id", r.d.ID, "findings", len(r.d.Findings))
		progress("analysing", n, len(todo))
	}
	for range out { // let the workers finish after a cancel
	}
	if storeErr != nil {
		return res, storeErr
	}
	log.Debug("analyse done", "analysed", res.Analysed, "failed", len(res.Failed), "elapsed", time.Since(start))
	return res, ctx.Err()
}

// reanalysed is a version analysed again, ready to be replaced by put, or
// the error that stopped it.
type reanalysed struct {
	d    *quellen.Document
	put  func(context.Context) error // set by the worker once d is analysed
	err  error
	size int
}

// reanalyse reads a stored version and runs the whole pipeline on its raw
// bytes; the document it returns names the stored version.
func reanalyse(ctx context.Context, store quellen.Store, v *quellen.Document, opts pipeline.Options) (r reanalysed) {
	defer func() {
		if p := recover(); p != nil {
			r = reanalysed{err: fmt.Errorf("%s: analysis failed: %v", v.Name, p)}
		}
	}()
	path, raw, source, err := readRaw(ctx, store, v)
	if err != nil {
		return reanalysed{err: err}
	}
	an, err := pipeline.Run(path, raw, opts)
	if err != nil {
		return reanalysed{err: fmt.Errorf("%s: %w", v.Name, err)}
	}
	addLanguages(an)
	d := an.Doc
	d.ID, d.Name, d.Path = v.ID, v.Name, path
	if d.SHA256 != v.SHA256 {
		return reanalysed{err: fmt.Errorf("%s: the stored raw bytes do not match their SHA-256", v.Name)}
	}
	if d.Format != v.Format || d.Source != source {
		// Another reader than the ingest's (--pdftotext given to one and
		// not the other, or a newer quellen): the raw offsets now index
		// another text, and a person's corrections, named by raw span,
		// may no longer meet their findings.
		d.Problems = append(d.Problems, quellen.Problem{Severity: "warning", Code: "analyse.source_changed", Offset: -1,
			Message: fmt.Sprintf("%s: read again, it gives another text than when stored (format %s, stored as %s): was --pdftotext the same?", v.Name, d.Format, v.Format)})
	}
	return reanalysed{d: d, size: len(raw)}
}

func hasName(ds []*quellen.Document, name string) bool {
	for _, d := range ds {
		if d.Name == name {
			return true
		}
	}
	return false
}
