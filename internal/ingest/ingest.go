// Package ingest reads a corpus into a quellen.Store: it expands files,
// folders and globs, learns the corpus's lexicon from every file's text,
// then analyses the files on all cores and stores each as its own
// transaction through a single writer.
//
// Ingest is idempotent and resumable: a file whose SHA-256 is already
// stored is skipped, so a run that was killed picks up where its last
// committed document left off. A file that cannot be read is reported,
// naming it, and the others go on.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
)

// Options tune an ingest.
type Options struct {
	// Workers analyse files in parallel; 0 means runtime.NumCPU().
	Workers int
	// Pipeline options; its Lexicon is replaced by the one learnt from the
	// corpus.
	Pipeline pipeline.Options
	// StoreOnly stores each document read, repaired and with its metadata
	// and paragraph languages, but runs no extractor and builds no search
	// passages: the versions are marked unanalysed, for Analyse to finish.
	StoreOnly bool
	// Log receives what is done, at debug level, and per-file problems as
	// warnings; nil discards.
	Log *slog.Logger
	// Progress, when set, is called from one goroutine as files are
	// learnt (phase "reading") and stored (phase "analysing").
	Progress func(phase string, done, total int)

	// Queue, when set, shares the analyses with the other processes
	// ingesting into the same database (see Queue): each file is analysed
	// by the one worker that claimed it. Nil: this process does all.
	Queue Queue
	// Worker names this process in the queue; "": WorkerID().
	Worker string
	// Lease is how long a claimed file stays this worker's without a
	// renewal (renewed every third of it); 0: DefaultLease.
	Lease time.Duration
}

// Result tells what an ingest did.
type Result struct {
	Files   int      // files found
	Added   int      // versions stored
	Skipped int      // files whose bytes were already stored
	Bytes   int64    // bytes of the files analysed
	Failed  []error  // one per file that could not be read, naming it
	Names   []string // names of the documents added, in order of storage
	// Unanalysed counts the files skipped as stored whose version is
	// stored without its analysis (by a store-only ingest): Analyse adds it.
	Unanalysed int
	Others     int // files analysed by other workers sharing the queue

	// Where the time went: the first pass (reading, hashing, learning the
	// lexicon, summed over workers), the analyses (summed over workers),
	// the part of storing done by the workers (Preparer) and the writer's
	// Puts.
	LearnTime, AnalyseTime, PrepareTime, StoreTime time.Duration
}

// Preparer is a store whose Put has a part that needs no database (search
// keys, JSON): Prepare does that part on an analysis worker, and the
// function it returns stores the document as Put would, on the single
// writer, which then only writes. Prepare must be safe to call from many
// goroutines at once.
type Preparer interface {
	Prepare(d *quellen.Document) (put func(context.Context) (created bool, err error), err error)
}

// Expand turns the arguments into a sorted list of files: a file as is, a
// folder recursively (skipping dot files and dot folders), a glob pattern
// by filepath.Glob (whose * does not match a leading dot, as in a shell).
// An argument that names nothing is an error.
func Expand(args []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			if !strings.ContainsAny(arg, "*?[") {
				return nil, &quellen.InputError{Path: arg, Code: "missing", Err: errors.New("no such file or folder")}
			}
			matches, err := filepath.Glob(arg)
			if err != nil {
				return nil, &quellen.InputError{Path: arg, Code: "glob", Err: err}
			}
			if len(matches) == 0 {
				return nil, &quellen.InputError{Path: arg, Code: "missing", Err: errors.New("the pattern matches no file")}
			}
			dots := strings.HasPrefix(filepath.Base(arg), ".")
			for _, m := range matches {
				if !dots && strings.HasPrefix(filepath.Base(m), ".") {
					continue // as a shell does, * does not match a leading dot
				}
				files, err := walk(m)
				if err != nil {
					return nil, err
				}
				for _, f := range files {
					add(f)
				}
			}
			continue
		}
		if !st.IsDir() {
			add(arg)
			continue
		}
		files, err := walk(arg)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			add(f)
		}
	}
	return out, nil
}

// walk lists the regular files under root (or root itself), skipping dot
// entries below it, sorted.
func walk(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				out = append(out, p)
			}
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// file is one file of the corpus between the passes.
type file struct {
	path string
	sha  string
}

// analysed is a document ready to be stored, or the error that stopped it.
type analysed struct {
	path string
	doc  *quellen.Document
	put  func(context.Context) (bool, error) // prepared by the store; nil: Put
	err  error
	size int
	sha  string
}

// defaults fills what the options of a Run or an Analyse leave out: a
// logger that discards, one worker per CPU, no progress.
func defaults(log *slog.Logger, workers int, progress func(string, int, int)) (*slog.Logger, int, func(string, int, int)) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	return log, workers, progress
}

// Run ingests the files (as given by Expand) into the store.
func Run(ctx context.Context, store quellen.Store, paths []string, opts Options) (*Result, error) {
	log, workers, progress := defaults(opts.Log, opts.Workers, opts.Progress)
	res := &Result{Files: len(paths)}
	start := time.Now()

	// Pass 1: read every file, learn the corpus's words, note its hash and
	// whether it is stored already. Files are read again in pass 2, so
	// that no more than a few are held at once.
	lex := repair.NewLexicon()
	var timeMu sync.Mutex
	files := make([]file, len(paths))
	errs := make([]error, len(paths))
	stored := make([]bool, len(paths))
	err := parallel(ctx, workers, len(paths), func(i int) {
		t0 := time.Now()
		defer func() {
			timeMu.Lock()
			res.LearnTime += time.Since(t0)
			timeMu.Unlock()
		}()
		p := paths[i]
		data, err := readFile(p)
		if err != nil {
			errs[i] = err
			return
		}
		sum := sha256.Sum256(data)
		files[i] = file{path: p, sha: hex.EncodeToString(sum[:])}
		txt, err := pipeline.ReadText(p, data, opts.Pipeline)
		if err != nil {
			errs[i] = err
			return
		}
		lex.Learn(txt) // safe on many workers: it counts alone, then merges under its lock
		if name, ok, err := store.Has(ctx, files[i].sha); err != nil {
			errs[i] = fmt.Errorf("%s: %w", p, err)
		} else if ok {
			stored[i] = true
			log.Debug("already stored", "file", p, "as", name)
		}
	}, func(done int) { progress("reading", done, len(paths)) })
	if err != nil {
		return res, err
	}
	log.Debug("lexicon learnt", "files", len(paths), "elapsed", time.Since(start))

	var todo []int
	var unanalysed map[string]bool
	if slices.Contains(stored, true) && !opts.StoreOnly {
		un, err := store.Unanalysed(ctx)
		if err != nil {
			return res, err
		}
		unanalysed = map[string]bool{}
		for _, d := range un {
			unanalysed[d.SHA256] = true
		}
	}
	for i := range paths {
		switch {
		case errs[i] != nil:
			res.Failed = append(res.Failed, errs[i])
		case stored[i]:
			res.Skipped++
			if unanalysed[files[i].sha] {
				res.Unanalysed++
			}
		default:
			todo = append(todo, i)
		}
	}

	// Pass 2: analyse on all workers, store on one writer, in the order
	// the analyses finish. The channel's capacity bounds what is held.
	popts := opts.Pipeline
	popts.Lexicon = lex
	popts.NoExtractors = popts.NoExtractors || opts.StoreOnly
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var share *sharer
	if opts.Queue != nil && len(todo) > 0 {
		share = newSharer(opts.Queue, opts, files, todo)
		if err := share.enqueue(ctx, files); err != nil {
			return res, fmt.Errorf("sharing the work: %w", err)
		}
		go share.renew(ctx)
		defer func() {
			// Give back what this worker still holds (interrupted, or the
			// store failed), so that others need not wait for the lease.
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer rcancel()
			_ = share.q.Release(rctx, Job, share.worker)
		}()
	}
	jobs := make(chan int)
	out := make(chan analysed, workers)
	preparer, _ := store.(Preparer)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				t0 := time.Now()
				a := analyse(paths[i], popts)
				a.sha = files[i].sha
				if a.doc != nil && opts.StoreOnly {
					a.doc.Unanalysed = true
				}
				t1 := time.Now()
				if preparer != nil && a.err == nil {
					// A document the store cannot prepare goes to Put,
					// which says why.
					a.put, _ = preparer.Prepare(a.doc)
				}
				timeMu.Lock()
				res.AnalyseTime += t1.Sub(t0)
				res.PrepareTime += time.Since(t1)
				timeMu.Unlock()
				select {
				case out <- a:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	feedErr := make(chan error, 1)
	sharedSkips := 0
	go func() {
		defer close(jobs)
		if share != nil {
			feedErr <- share.feed(ctx, jobs, func(key string) bool {
				_, ok, err := store.Has(ctx, key)
				return err == nil && ok
			}, &sharedSkips)
			return
		}
		feedErr <- nil
		for _, i := range todo {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	finish := func(a analysed, failure string) error {
		if share == nil {
			return nil
		}
		return share.q.Finish(ctx, Job, a.sha, share.worker, failure)
	}
	go func() { wg.Wait(); close(out) }()

	done := 0
	progress("analysing", 0, len(todo))
	var storeErr error
	for a := range out {
		done++
		if a.err != nil {
			res.Failed = append(res.Failed, a.err)
			log.Debug("failed", "file", a.path, "err", a.err)
			if err := finish(a, a.err.Error()); err != nil {
				storeErr = fmt.Errorf("sharing the work: %w", err)
				cancel()
				break
			}
			progress("analysing", done, len(todo))
			continue
		}
		for _, p := range a.doc.Problems {
			log.Warn(p.Message, "file", a.path, "code", p.Code)
		}
		t0 := time.Now()
		put := a.put
		if put == nil {
			put = func(ctx context.Context) (bool, error) { return store.Put(ctx, a.doc) }
		}
		created, err := put(ctx)
		res.StoreTime += time.Since(t0)
		if err != nil {
			// A store that cannot write stops the ingest: what was
			// committed stays, the next run resumes.
			storeErr = fmt.Errorf("storing %s: %w", a.path, err)
			cancel()
			break
		}
		if err := finish(a, ""); err != nil {
			storeErr = fmt.Errorf("sharing the work: %w", err)
			cancel()
			break
		}
		res.Bytes += int64(a.size)
		if created {
			res.Added++
			res.Names = append(res.Names, a.doc.Name)
			log.Debug("stored", "file", a.path, "doc", a.doc.Name, "version", a.doc.Version, "id", a.doc.ID,
				"findings", len(a.doc.Findings))
		} else {
			res.Skipped++
			log.Debug("already stored", "file", a.path, "as", a.doc.Name)
		}
		progress("analysing", done, len(todo))
	}
	for range out { // let the workers finish after a cancel
	}
	if storeErr != nil {
		return res, storeErr
	}
	if err := <-feedErr; err != nil && ctx.Err() == nil {
		return res, fmt.Errorf("sharing the work: %w", err)
	}
	if share != nil {
		// Files of this run with the same bytes as another are skipped;
		// the rest were done by the others.
		res.Skipped += sharedSkips + len(todo) - len(share.keys)
		res.Others = len(share.keys) - done - sharedSkips
	}
	log.Debug("ingest done", "added", res.Added, "skipped", res.Skipped, "failed", len(res.Failed), "elapsed", time.Since(start),
		"learn_cpu", res.LearnTime, "analyse_cpu", res.AnalyseTime, "prepare_cpu", res.PrepareTime, "store", res.StoreTime)
	return res, ctx.Err()
}

// analyse reads a file again and runs the pipeline on it.
func analyse(path string, opts pipeline.Options) (a analysed) {
	a.path = path
	defer func() {
		if p := recover(); p != nil {
			a.doc, a.err = nil, &quellen.InputError{Path: path, Code: "internal", Err: fmt.Errorf("analysis failed: %v", p)}
		}
	}()
	data, err := readFile(path)
	if err != nil {
		a.err = err
		return a
	}
	an, err := pipeline.Run(path, data, opts)
	if err != nil {
		a.err = err
		return a
	}
	a.doc, a.size = an.Doc, len(data)
	addLanguages(an)
	return a
}

// addLanguages records the language of each paragraph as a language
// finding when the pipeline did not, so that the store can index each
// paragraph in its own language.
func addLanguages(an *pipeline.Analysis) {
	if an.Extract == nil {
		return
	}
	for _, f := range an.Doc.Findings {
		if f.Kind == quellen.KindLanguage {
			return
		}
	}
	var langs []quellen.Finding
	for _, p := range an.Extract.Paras {
		if p.Lang == "" {
			continue
		}
		rs, re := an.CleanMap.InSpan(p.Span.Start, p.Span.End)
		l, el := an.Lines.Range(rs, re)
		langs = append(langs, quellen.Finding{
			Kind: quellen.KindLanguage, Clean: p.Span, Raw: quellen.Span{Start: rs, End: re}, Line: l, EndLine: el,
			Attrs: quellen.Attrs{"lang": p.Lang, "block": p.Kind}, Extractor: "lang", Status: quellen.StatusAutomatic,
		})
	}
	if len(langs) == 0 {
		return
	}
	an.Doc.Findings = append(an.Doc.Findings, langs...)
	pipeline.SortFindings(an.Doc.Findings)
}

// readFile reads a whole file; a folder or unreadable file is an
// InputError naming it.
func readFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &quellen.InputError{Path: path, Code: "unreadable", Err: err}
	}
	return data, nil
}

// parallel runs fn(0..n-1) on workers goroutines and calls tick with the
// count done, from one goroutine.
func parallel(ctx context.Context, workers, n int, fn func(i int), tick func(done int)) error {
	idx := make(chan int)
	finished := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range idx {
				fn(i)
				finished <- struct{}{}
			}
		})
	}
	go func() {
		defer close(idx)
		for i := range n {
			select {
			case idx <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(finished) }()
	done := 0
	for range finished {
		done++
		tick(done)
	}
	return ctx.Err()
}
