package postgres

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/xref"
)

// The jobs of shared reuse detection in the work table.
const (
	// JobFingerprint fingerprints one version for one shingle scheme:
	// key "VERSION:NGRAM:STEM".
	JobFingerprint = "xref-fp"
	// JobPairs finds what some parts of the fingerprints (by the top bits
	// of the hash) give the pairs of one run: key "RUN:LO-HI", the parts
	// from LO to HI (excluded).
	JobPairs = "xref-pairs"
	// JobBlocks gathers the parts into the candidate pairs of one run and
	// their blocks: key the run.
	JobBlocks = "xref-blocks"
	// Parts is the number of parts of a version's fingerprints: a
	// fingerprint's part is the top four bits of its hash.
	Parts = 16
	// PartFingerprints is about how many fingerprints one item of
	// JobPairs groups: a run has one item for each of them, up to Parts.
	PartFingerprints = 2_000_000
	// JobAlignPrefix, followed by the run, is the job of aligning the
	// run's candidate pairs: key the number of a block of pairs
	// (xref_pairs).
	JobAlignPrefix = "xref:"
	// DefaultBlock is the number of candidate pairs claimed at once.
	DefaultBlock = 64
)

// XrefOptions tune Xref.
type XrefOptions struct {
	// Reuse are the options of reuse detection (zero fields: defaults).
	Reuse xref.Options
	// Pipeline are the reader's options, used to repair a version again
	// (with the corpus's lexicon) when it is first fingerprinted.
	Pipeline pipeline.Options
	// Workers are the pairs (and versions) worked on at once in this
	// process; 0: 4.
	Workers int
	// Worker names this process in the work table; "": ingest.WorkerID().
	Worker string
	// Lease is how long a claim stays this worker's without a renewal;
	// 0: ingest.DefaultLease.
	Lease time.Duration
	// Block is the number of candidate pairs in one item of work (set by
	// the worker that makes the run's pairs); 0: DefaultBlock.
	Block int
	// Cache is how many bytes of versions the aligner keeps decoded for
	// the next pairs; 0: DefaultXrefCache.
	Cache int64
	// Log receives what is done, at debug level; nil discards.
	Log *slog.Logger
}

// DefaultXrefCache is the aligner's cache of decoded versions when
// XrefOptions.Cache is 0.
const DefaultXrefCache = 256 << 20

// XrefResult tells what Xref did.
type XrefResult struct {
	Run      string // the run: a digest of the versions compared and the options
	Versions int    // versions compared (the latest of each document)
	Pairs    int    // candidate pairs of the run
	Blocks   int    // the blocks they were claimed in
	Failed   int    // versions and pairs that failed (their errors are in the work table)

	// What this worker did.
	Fingerprinted int // versions fingerprinted
	Repaired      int // of those, versions whose repair now differs from the stored clean text
	Aligned       int // pairs aligned (in blocks claimed by this worker)
	Added         int // links added

	// Where the time went (wall clock, waiting for the others included):
	// fingerprints (with the lexicon), candidate pairs, alignment.
	FingerprintTime, PairsTime, AlignTime time.Duration

	// Links are every reuse link among the versions compared, in order of
	// their documents' names and offsets.
	Links []quellen.Link
}

// Xref finds the passages shared by the documents stored (the latest
// version of each), sharing the work with any other process running it on
// the same database at the same time, as Claim shares an ingest:
//
//  1. each version is fingerprinted once (job xref-fp): its text is
//     repaired again with the lexicon of the corpus, as `quellen xref
//     --reuse-only` repairs files, and its shingle hashes stored in
//     fingerprints, with the raw span of each word in xref_texts;
//  2. the candidate pairs are found in SQL, in parts shared among the
//     workers (job xref-pairs, one item a part of the hashes): the
//     fingerprints grouped by hash, those in more than MaxDocFreq
//     versions set aside as boilerplate, the seeds that the others give
//     each pair counted (xref_seeds); then one worker (job xref-blocks)
//     keeps the pairs with at least xref.MinSeeds seeds in all in
//     xref_pairs, with the rare hashes they share, in blocks of Block
//     pairs, one row of the work table a block;
//  3. every worker claims blocks (FOR UPDATE SKIP LOCKED, under a lease),
//     aligns each pair with xref.ReuseShared, and stores the block's links
//     (score 0.5 or more) and marks it done in one transaction.
//
// A worker that is killed stops renewing its leases and what it held is
// done again by another; links are stored once (links_once). When nothing
// is left to claim but other workers hold work, a worker waits for them
// (or for their leases to run out), so that each returns with the whole
// run done. The links found equal those of xref.ReuseCorpus over the same
// texts with the score of 0.5 that `quellen xref --reuse-only` keeps.
func (s *Store) Xref(ctx context.Context, opts XrefOptions) (*XrefResult, error) {
	if s.readOnly {
		return nil, s.errReadOnly()
	}
	w := &xrefWorker{s: s, opts: opts, reuse: opts.Reuse.WithDefaults()}
	if w.opts.Workers <= 0 {
		w.opts.Workers = 4
	}
	if w.opts.Worker == "" {
		w.opts.Worker = ingest.WorkerID()
	}
	if w.opts.Lease <= 0 {
		w.opts.Lease = ingest.DefaultLease
	}
	if w.opts.Block <= 0 {
		w.opts.Block = DefaultBlock
	}
	if w.opts.Log == nil {
		w.opts.Log = slog.New(slog.DiscardHandler)
	}
	w.poll = min(w.opts.Lease/4, 250*time.Millisecond)
	if w.opts.Cache <= 0 {
		w.opts.Cache = DefaultXrefCache
	}
	w.cache = newXrefCache(w.opts.Cache)

	docs, err := s.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return nil, err
	}
	// In order of name, byte by byte, as the files of one folder are
	// given to `quellen xref`: side A of a pair is the first.
	slices.SortFunc(docs, func(a, b *quellen.Document) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, d := range docs {
		w.ids = append(w.ids, d.ID)
		w.names = append(w.names, d.Name)
	}
	w.run = runKey(w.ids, w.reuse)
	w.job = JobAlignPrefix + w.run
	res := &XrefResult{Run: w.run, Versions: len(w.ids)}
	w.res = res
	if len(w.ids) < 2 {
		return res, nil
	}
	w.opts.Log.Debug("xref run", "run", w.run, "versions", len(w.ids), "worker", w.opts.Worker)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go w.renew(ctx)
	defer func() {
		// Give back what this worker still holds (interrupted, or the
		// database failed), so that others need not wait for the lease.
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer rcancel()
		for _, job := range []string{JobFingerprint, JobPairs, JobBlocks, w.job} {
			_ = s.Release(rctx, job, w.opts.Worker)
		}
	}()

	t0 := time.Now()
	if err := w.fingerprints(ctx); err != nil {
		return res, fmt.Errorf("fingerprints: %w", err)
	}
	t1 := time.Now()
	res.FingerprintTime = t1.Sub(t0)
	if err := w.pairs(ctx); err != nil {
		return res, fmt.Errorf("candidate pairs: %w", err)
	}
	t2 := time.Now()
	res.PairsTime = t2.Sub(t1)
	if err := w.alignAll(ctx); err != nil {
		return res, fmt.Errorf("aligning: %w", err)
	}
	res.AlignTime = time.Since(t2)
	if err := s.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE state = 'failed'), (SELECT count(*) FROM xref_pairs WHERE run = $2)
		FROM work WHERE job = $1`, w.job, w.run).Scan(&res.Blocks, &res.Failed, &res.Pairs); err != nil {
		return res, err
	}
	var fpFailed int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM work WHERE job = $1 AND key = ANY($2) AND state = 'failed'`, JobFingerprint, w.fpKeys()).Scan(&fpFailed); err != nil {
		return res, err
	}
	res.Failed += fpFailed
	res.Links, err = s.reuseLinks(ctx, w.ids)
	return res, err
}

// runKey names a run: the versions compared and every option that
// changes what is found.
func runKey(ids []int64, o xref.Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "reuse n=%d min=%d gap=%d df=%d stem=%d;", o.N, o.MinWords, o.MaxGap, o.MaxDocFreq, o.Prefix)
	for _, id := range ids {
		fmt.Fprintf(h, "%d,", id)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// xrefWorker is one process's part in a run.
type xrefWorker struct {
	s     *Store
	opts  XrefOptions
	reuse xref.Options
	poll  time.Duration
	ids   []int64  // the versions compared, in order of name
	names []string // their documents' names
	run   string
	job   string // the run's alignment job
	res   *XrefResult
	mu    sync.Mutex // guards res's counts

	lexOnce sync.Once
	lex     *repair.Lexicon
	lexErr  error

	cache *xrefCache
}

func (w *xrefWorker) renew(ctx context.Context) {
	t := time.NewTicker(w.opts.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A failed renewal is retried at the next tick; a lease lost
			// meanwhile only means that another worker may redo the item,
			// which stores what it finds once.
			for _, job := range []string{JobFingerprint, JobPairs, JobBlocks, w.job} {
				_ = w.s.Renew(ctx, job, w.opts.Worker)
			}
		}
	}
}

func (w *xrefWorker) fpKeys() []string {
	keys := make([]string, len(w.ids))
	for i, id := range w.ids {
		keys[i] = fmt.Sprintf("%d:%d:%d", id, w.reuse.N, w.reuse.Prefix)
	}
	return keys
}

// dataError is an item's own failure (recorded on its row), not the
// database's (which stops the worker).
type dataError struct{ err error }

func (e dataError) Error() string { return e.err.Error() }

// share runs do on every item of job this worker can claim, on
// workers goroutines, until none is left to do or held by others.
// claim claims one item (nil when none is free); pending counts the items
// to do or held.
func (w *xrefWorker) share(ctx context.Context, job string, workers int, claim func() ([]string, error), pending func() (int, error), do func(key string) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errMu    sync.Mutex
		firstErr error
	)
	fail := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
		cancel()
	}
	for range workers {
		wg.Go(func() {
			// Waiting for others, poll often at first (the next phase
			// starts when the last item is done), then less.
			wait := 20 * time.Millisecond
			for ctx.Err() == nil {
				keys, err := claim()
				if err != nil {
					fail(err)
					return
				}
				if len(keys) == 0 {
					n, err := pending()
					if err != nil {
						fail(err)
						return
					}
					if n == 0 {
						return
					}
					select {
					case <-ctx.Done():
					case <-time.After(wait):
					}
					wait = min(2*wait, w.poll)
					continue
				}
				wait = 20 * time.Millisecond
				for _, k := range keys {
					err := do(k)
					if de, ok := errors.AsType[dataError](err); ok {
						w.opts.Log.Warn("xref item failed", "job", job, "key", k, "err", de.err)
						err = w.s.Finish(ctx, job, k, w.opts.Worker, de.Error())
					}
					if err != nil {
						fail(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// fingerprints fingerprints the versions of the run not yet fingerprinted
// for its scheme, sharing them with the other workers, and waits until
// every one is.
func (w *xrefWorker) fingerprints(ctx context.Context) error {
	keys := w.fpKeys()
	items := make([]ingest.Item, len(keys))
	for i, k := range keys {
		items[i] = ingest.Item{Key: k, Path: w.names[i]}
	}
	if err := w.s.Enqueue(ctx, JobFingerprint, items); err != nil {
		return err
	}
	kw, err := w.s.windows(ctx, JobFingerprint, keys)
	if err != nil {
		return err
	}
	return w.share(ctx, JobFingerprint, w.opts.Workers,
		func() ([]string, error) { return kw.Claim(ctx, w.opts.Worker, 1, w.opts.Lease) },
		func() (int, error) { return kw.Pending(ctx) },
		func(key string) error {
			id, err := strconv.ParseInt(key[:strings.IndexByte(key, ':')], 10, 64)
			if err != nil {
				return dataError{err}
			}
			return w.fingerprint(ctx, key, id)
		})
}

// lexicon learns the corpus's lexicon from every version of the run once,
// as ingest learns it from the files.
func (w *xrefWorker) lexicon(ctx context.Context) (*repair.Lexicon, error) {
	w.lexOnce.Do(func() {
		t0 := time.Now()
		lex := repair.NewLexicon()
		rows, err := w.s.pool.Query(ctx, `SELECT path, raw FROM versions WHERE id = ANY($1) ORDER BY id`, w.ids)
		if err != nil {
			w.lexErr = err
			return
		}
		defer rows.Close()
		for rows.Next() {
			var path string
			var raw []byte
			if err := rows.Scan(&path, &raw); err != nil {
				w.lexErr = err
				return
			}
			if txt, err := pipeline.ReadText(path, raw, w.opts.Pipeline); err == nil {
				lex.Learn(txt)
			}
		}
		if w.lexErr = rows.Err(); w.lexErr == nil {
			w.lex = lex
		}
		w.opts.Log.Debug("xref lexicon learnt", "versions", len(w.ids), "elapsed", time.Since(t0))
	})
	return w.lex, w.lexErr
}

// wordPlace is where a word of an xref text lies in the raw text: its raw
// span (through the clean text's offset map) and the lines of its first
// byte and of the byte before its end.
type wordPlace struct{ rs, re, ls, le int32 }

func encodeWords(ws []wordPlace) []byte {
	b := make([]byte, 0, len(ws)*5)
	var rs, ls int32
	for _, w := range ws {
		b = binary.AppendVarint(b, int64(w.rs-rs))
		b = binary.AppendVarint(b, int64(w.re-w.rs))
		b = binary.AppendVarint(b, int64(w.ls-ls))
		b = binary.AppendVarint(b, int64(w.le-w.ls))
		rs, ls = w.rs, w.ls
	}
	return b
}

func decodeWords(b []byte, n int) ([]wordPlace, error) {
	out := make([]wordPlace, n)
	var rs, ls int32
	for i := range out {
		var v [4]int64
		for k := range v {
			x, m := binary.Varint(b)
			if m <= 0 {
				return nil, fmt.Errorf("xref_texts: word %d of %d cut short", i, n)
			}
			v[k], b = x, b[m:]
		}
		rs += int32(v[0])
		ls += int32(v[2])
		out[i] = wordPlace{rs, rs + int32(v[1]), ls, ls + int32(v[3])}
	}
	if len(b) != 0 {
		return nil, errors.New("xref_texts: more words than counted")
	}
	return out, nil
}

// fingerprint stores the fingerprints of one version (and, the first time
// it is compared, its xref text) and marks its item done, in one
// transaction.
func (w *xrefWorker) fingerprint(ctx context.Context, key string, id int64) error {
	var text string
	var known bool
	var b []byte
	err := w.s.pool.QueryRow(ctx, `SELECT coalesce(x.clean, v.clean, v.source, v.raw) FROM xref_texts x
		JOIN versions v ON v.id = x.version_id WHERE x.version_id = $1`, id).Scan(&b)
	switch {
	case err == nil:
		known, text = true, string(b)
	case !isNoRows(err):
		return err
	}
	var override []byte
	var places []wordPlace
	if !known {
		lex, err := w.lexicon(ctx)
		if err != nil {
			return err
		}
		var path string
		var raw, stored []byte
		if err := w.s.pool.QueryRow(ctx, `SELECT path, raw, coalesce(clean, source, raw) FROM versions WHERE id = $1`, id).Scan(&path, &raw, &stored); err != nil {
			return err
		}
		popts := w.opts.Pipeline
		popts.RepairOnly, popts.Lexicon = true, lex
		a, err := repairAgain(path, raw, popts)
		if err != nil {
			return dataError{err}
		}
		text = a.Doc.Clean
		if text != string(stored) {
			override = []byte(text)
		}
		for _, sp := range xref.Prepare(text, xref.Options{}).Words() {
			rs, re := a.CleanMap.InSpan(sp.Start, sp.End)
			places = append(places, wordPlace{int32(rs), int32(re), int32(a.Lines.Line(rs)), int32(a.Lines.Line(re - 1))})
		}
	}
	p := xref.Prepare(text, w.reuse)
	hs, ns := p.Fingerprints()
	// Increasing as unsigned, so each part is a run: its bounds, 1-based
	// for SQL's array slices.
	hashes := make([]int64, len(hs))
	var parts, lo, hi []int32
	for i, h := range hs {
		hashes[i] = int64(h)
		if part := int32(h >> 60); len(parts) == 0 || parts[len(parts)-1] != part {
			parts, lo, hi = append(parts, part), append(lo, int32(i+1)), append(hi, int32(i+1))
		} else {
			hi[len(hi)-1] = int32(i + 1)
		}
	}
	tx, err := w.s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if !known {
		if _, err := tx.Exec(ctx, `INSERT INTO xref_texts(version_id, clean, nwords, words) VALUES ($1, $2, $3, $4)
			ON CONFLICT (version_id) DO NOTHING`, id, override, len(places), encodeWords(places)); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM fingerprints WHERE version_id = $1 AND ngram = $2 AND stem = $3`, id, w.reuse.N, w.reuse.Prefix); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO fingerprints(version_id, ngram, stem, part, hashes, counts)
		SELECT $1, $2, $3, x.part, ($4::bigint[])[x.lo:x.hi], ($5::integer[])[x.lo:x.hi] FROM unnest($6::integer[], $7::integer[], $8::integer[]) AS x(part, lo, hi)`,
		id, w.reuse.N, w.reuse.Prefix, hashes, ns, parts, lo, hi); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE work SET state = 'done', error = '', heartbeat = now() WHERE job = $1 AND key = $2 AND worker = $3`,
		JobFingerprint, key, w.opts.Worker); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	w.mu.Lock()
	w.res.Fingerprinted++
	if override != nil {
		w.res.Repaired++
	}
	w.mu.Unlock()
	w.opts.Log.Debug("fingerprinted", "version", id, "shingles", len(hs), "repaired_again", override != nil)
	return nil
}

// repairAgain runs read and repair on a stored version's bytes; a panic
// is the version's failure, not the worker's.
func repairAgain(path string, raw []byte, opts pipeline.Options) (a *pipeline.Analysis, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = nil, &quellen.InputError{Path: path, Code: "internal", Err: fmt.Errorf("repair failed: %v", p)}
		}
	}()
	return pipeline.Run(path, raw, opts)
}

// pairs makes the run's candidate pairs: the parts of the fingerprints
// shared among the workers (job xref-pairs), then gathered by one of them
// into blocks of pairs (job xref-blocks); each waits for the others.
func (w *xrefWorker) pairs(ctx context.Context) error {
	// As many items as there are millions of fingerprints, halved (one
	// for a small corpus: each costs a pass over the versions' rows), up
	// to Parts.
	var total int64
	if err := w.s.pool.QueryRow(ctx, `SELECT coalesce(sum(cardinality(hashes)), 0) FROM fingerprints
		WHERE version_id = ANY($1) AND ngram = $2 AND stem = $3`, w.ids, w.reuse.N, w.reuse.Prefix).Scan(&total); err != nil {
		return err
	}
	n := int(min(max((total+PartFingerprints-1)/PartFingerprints, 1), Parts))
	keys := make([]string, n)
	items := make([]ingest.Item, n)
	for j := range n {
		keys[j] = fmt.Sprintf("%s:%d-%d", w.run, j*Parts/n, (j+1)*Parts/n)
		items[j] = ingest.Item{Key: keys[j], Path: fmt.Sprintf("%d fingerprints of %d versions", total, len(w.ids))}
	}
	if err := w.s.Enqueue(ctx, JobPairs, items); err != nil {
		return err
	}
	err := w.share(ctx, JobPairs, w.opts.Workers,
		func() ([]string, error) { return w.s.Claim(ctx, JobPairs, w.opts.Worker, keys, 1, w.opts.Lease) },
		func() (int, error) { return w.s.Pending(ctx, JobPairs, keys) },
		func(key string) error {
			los, his, _ := strings.Cut(key[strings.LastIndexByte(key, ':')+1:], "-")
			lo, err1 := strconv.Atoi(los)
			hi, err2 := strconv.Atoi(his)
			if err1 != nil || err2 != nil {
				return dataError{fmt.Errorf("parts %q are not LO-HI", key)}
			}
			return w.seedParts(ctx, key, lo, hi)
		})
	if err != nil {
		return err
	}
	if err := w.done(ctx, JobPairs, keys); err != nil {
		return err
	}
	run := []string{w.run}
	if err := w.s.Enqueue(ctx, JobBlocks, []ingest.Item{{Key: w.run, Path: fmt.Sprintf("%d versions", len(w.ids))}}); err != nil {
		return err
	}
	err = w.share(ctx, JobBlocks, 1,
		func() ([]string, error) { return w.s.Claim(ctx, JobBlocks, w.opts.Worker, run, 1, w.opts.Lease) },
		func() (int, error) { return w.s.Pending(ctx, JobBlocks, run) },
		func(string) error { return w.makeBlocks(ctx) })
	if err != nil {
		return err
	}
	return w.done(ctx, JobBlocks, run)
}

// done checks that every item of the job among keys is done.
func (w *xrefWorker) done(ctx context.Context, job string, keys []string) error {
	var n int
	var failure string
	if err := w.s.pool.QueryRow(ctx, `SELECT count(*), coalesce(min(key || ': ' || state || ' ' || error), '') FROM work
		WHERE job = $1 AND key = ANY($2) AND state != 'done'`, job, keys).Scan(&n, &failure); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s: %d not done (%s)", job, n, failure)
	}
	return nil
}

// inTx runs the statements in one transaction.
func (w *xrefWorker) inTx(ctx context.Context, steps []sqlStep) error {
	tx, err := w.s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

type sqlStep struct {
	sql  string
	args []any
}

// seedParts finds what the parts [lo, hi) of the run's fingerprints give
// its pairs, in one transaction: the parts' fingerprints grouped by hash; the hashes
// of more than MaxDocFreq versions are boilerplate and set aside; every
// two versions sharing one of the others share its occurrences' product
// of seeds (xref_seeds, with the hashes).
func (w *xrefWorker) seedParts(ctx context.Context, key string, lo, hi int) error {
	t0 := time.Now()
	err := w.inTx(ctx, []sqlStep{
		{`SET LOCAL work_mem = '256MB'`, nil},
		// Every occurrence of a fingerprint of the part, by the version's
		// rank (its place in name order).
		{`CREATE TEMP TABLE xref_f ON COMMIT DROP AS
			SELECT o.r::int AS r, u.h, u.n FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, r)
			JOIN fingerprints f ON f.version_id = o.id AND f.ngram = $2 AND f.stem = $3 AND f.part >= $4 AND f.part < $5
			CROSS JOIN LATERAL unnest(f.hashes, f.counts) AS u(h, n)`, []any{w.ids, w.reuse.N, w.reuse.Prefix, lo, hi}},
		{`ANALYZE xref_f`, nil},
		// The fingerprints found in two versions or more, but not more
		// than the ceiling.
		{`CREATE TEMP TABLE xref_rare ON COMMIT DROP AS SELECT h FROM xref_f GROUP BY h HAVING count(*) BETWEEN 2 AND $1`,
			[]any{w.reuse.MaxDocFreq}},
		{`ANALYZE xref_rare`, nil},
		{`INSERT INTO xref_seeds(run, a, b, part, seeds, hashes)
			SELECT $1, a.r, b.r, $2, sum(a.n::bigint * b.n), array_agg(a.h)
			FROM xref_rare d JOIN xref_f a ON a.h = d.h JOIN xref_f b ON b.h = d.h AND b.r > a.r
			GROUP BY a.r, b.r
			ON CONFLICT DO NOTHING`, []any{w.run, lo}},
		{`UPDATE work SET state = 'done', error = '', heartbeat = now() WHERE job = $1 AND key = $2 AND worker = $3`,
			[]any{JobPairs, key, w.opts.Worker}},
	})
	w.opts.Log.Debug("fingerprints paired", "run", w.run, "parts", key, "elapsed", time.Since(t0), "err", err)
	return err
}

// makeBlocks gathers the parts' seeds into the candidate pairs, in one
// transaction: a pair with at least MinSeeds seeds in all is a candidate
// (xref_pairs, with the rare hashes it shares), in a block of Block pairs
// that is one row of the run's alignment job.
func (w *xrefWorker) makeBlocks(ctx context.Context) error {
	t0 := time.Now()
	err := w.inTx(ctx, []sqlStep{
		// In blocks of neighbours: in order of tiles of 16 by 16 versions
		// (by rank), so that a block of 64 pairs reads about 20 versions,
		// not 65.
		{`INSERT INTO xref_pairs(run, block, a, b, seeds, hashes)
			SELECT $1, (row_number() OVER (ORDER BY (x.a - 1) / 16, (x.b - 1) / 16, x.a, x.b) - 1) / $4,
				($2::bigint[])[x.a], ($2::bigint[])[x.b], x.seeds,
				(SELECT array_agg(h) FROM xref_seeds s CROSS JOIN LATERAL unnest(s.hashes) AS h WHERE s.run = $1 AND s.a = x.a AND s.b = x.b)
			FROM (SELECT a, b, sum(seeds) AS seeds FROM xref_seeds WHERE run = $1 GROUP BY a, b HAVING sum(seeds) >= $3) x
			ON CONFLICT DO NOTHING`, []any{w.run, w.ids, xref.MinSeeds(w.reuse), w.opts.Block}},
		{`INSERT INTO work(job, key, path)
			SELECT $1, p.block::text, count(*) || ' pairs, ' || min(da.name) || ' ...' FROM xref_pairs p
			JOIN versions va ON va.id = p.a JOIN documents da ON da.id = va.document_id
			WHERE p.run = $2 GROUP BY p.block ORDER BY p.block
			ON CONFLICT (job, key) DO NOTHING`, []any{w.job, w.run}},
		{`DELETE FROM xref_seeds WHERE run = $1`, []any{w.run}},
		{`UPDATE work SET state = 'done', error = '', heartbeat = now() WHERE job = $1 AND key = $2 AND worker = $3`,
			[]any{JobBlocks, w.run, w.opts.Worker}},
	})
	w.opts.Log.Debug("candidate pairs made", "run", w.run, "elapsed", time.Since(t0), "err", err)
	return err
}

// alignAll aligns the blocks of the run's pairs this worker can claim.
func (w *xrefWorker) alignAll(ctx context.Context) error {
	return w.share(ctx, w.job, w.opts.Workers,
		func() ([]string, error) { return w.s.claimAny(ctx, w.job, w.opts.Worker, 1, w.opts.Lease) },
		func() (int, error) { return w.s.pendingAny(ctx, w.job) },
		func(key string) error { return w.alignBlock(ctx, key) })
}

// claimAny leases to worker up to n items of the job that are to do, or
// else held by a worker whose lease ran out, skipping rows that others
// are claiming (FOR UPDATE SKIP LOCKED).
func (s *Store) claimAny(ctx context.Context, job, worker string, n int, lease time.Duration) ([]string, error) {
	for _, cond := range []string{`state = 'todo'`, `state = 'running' AND heartbeat < now() - make_interval(secs => $4)`} {
		args := []any{job, worker, n}
		if strings.Contains(cond, "$4") {
			args = append(args, lease.Seconds())
		}
		rows, err := s.pool.Query(ctx, `UPDATE work w SET state = 'running', worker = $2, heartbeat = now(), attempts = w.attempts + 1
			FROM (SELECT job, key FROM work WHERE job = $1 AND `+cond+` LIMIT $3 FOR UPDATE SKIP LOCKED) c
			WHERE w.job = c.job AND w.key = c.key RETURNING w.key`, args...)
		if err != nil {
			return nil, err
		}
		keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil || len(keys) > 0 {
			return keys, err
		}
	}
	return nil, nil
}

// pendingAny counts the items of the job to do or held.
func (s *Store) pendingAny(ctx context.Context, job string) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM work WHERE job = $1 AND state IN ('todo', 'running')`, job).Scan(&n)
	return n, err
}

// xrefDoc is a version as the aligner sees it.
type xrefDoc struct {
	id     int64
	name   string
	text   string
	places []wordPlace // of each word of prep
	prep   *xref.Prepared
}

func (d *xrefDoc) size() int64 { return int64(len(d.text)) + int64(len(d.places))*16 + d.prep.Size() }

// passage turns a match's span of the xref text (from the start of a word
// to the end of one) into a passage: raw span and lines through the words'
// places, as pipeline.Analysis.Passage maps it, and the text.
func (d *xrefDoc) passage(start, end int) (quellen.Passage, error) {
	ka, ok1 := d.prep.WordStarting(start)
	kb, ok2 := d.prep.WordEnding(end)
	if !ok1 || !ok2 || kb < ka {
		return quellen.Passage{}, fmt.Errorf("version %d: span %d-%d is not a run of words", d.id, start, end)
	}
	a, b := d.places[ka], d.places[kb]
	p := quellen.Passage{DocID: d.id, Doc: d.name, Raw: quellen.Span{Start: int(a.rs), End: int(b.re)},
		Line: int(a.ls), EndLine: int(b.le), Text: d.text[start:end]}
	if b.re <= a.rs {
		p.EndLine = int(a.ls)
	}
	return p, nil
}

// xrefCache keeps the versions most recently aligned, up to a budget.
type xrefCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	docs   map[int64]*xrefDoc
	order  []int64
}

func newXrefCache(budget int64) *xrefCache {
	return &xrefCache{budget: budget, docs: map[int64]*xrefDoc{}}
}

func (w *xrefWorker) doc(ctx context.Context, id int64) (*xrefDoc, error) {
	c := w.cache
	c.mu.Lock()
	d, ok := c.docs[id]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	d = &xrefDoc{id: id}
	var n int
	var text, words []byte
	err := w.s.pool.QueryRow(ctx, `SELECT d.name, coalesce(x.clean, v.clean, v.source, v.raw), x.nwords, x.words
		FROM xref_texts x JOIN versions v ON v.id = x.version_id JOIN documents d ON d.id = v.document_id
		WHERE x.version_id = $1`, id).Scan(&d.name, &text, &n, &words)
	if isNoRows(err) {
		return nil, dataError{fmt.Errorf("version %d was not fingerprinted", id)}
	}
	if err != nil {
		return nil, err
	}
	d.text = string(text)
	if d.places, err = decodeWords(words, n); err != nil {
		return nil, dataError{err}
	}
	d.prep = xref.Prepare(d.text, w.reuse)
	if d.prep.NumWords() != n {
		return nil, dataError{fmt.Errorf("version %d: %d words, %d placed", id, d.prep.NumWords(), n)}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if have, ok := c.docs[id]; ok {
		return have, nil
	}
	for c.used+d.size() > c.budget && len(c.order) > 0 {
		c.used -= c.docs[c.order[0]].size()
		delete(c.docs, c.order[0])
		c.order = c.order[1:]
	}
	c.docs[id] = d
	c.order = append(c.order, id)
	c.used += d.size()
	return d, nil
}

// alignBlock aligns the pairs of one block, stores their links and marks
// the block done, in one transaction.
func (w *xrefWorker) alignBlock(ctx context.Context, key string) error {
	t0 := time.Now()
	block, err := strconv.Atoi(key)
	if err != nil {
		return dataError{fmt.Errorf("block %q is not a number", key)}
	}
	rows, err := w.s.pool.Query(ctx, `SELECT a, b, hashes FROM xref_pairs WHERE run = $1 AND block = $2 ORDER BY a, b`, w.run, block)
	if err != nil {
		return err
	}
	pairs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct {
		A, B   int64
		Hashes []int64
	}])
	if err != nil {
		return err
	}
	var links []quellen.Link
	for _, p := range pairs {
		ls, err := w.align(ctx, p.A, p.B, p.Hashes)
		if err != nil {
			return err
		}
		links = append(links, ls...)
	}
	tx, err := w.s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	added := 0
	for i := range links {
		ok, err := addLink(ctx, tx, &links[i])
		if err != nil {
			return err
		}
		if ok {
			added++
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE work SET state = 'done', error = '', heartbeat = now() WHERE job = $1 AND key = $2 AND worker = $3`,
		w.job, key, w.opts.Worker); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	w.mu.Lock()
	w.res.Aligned += len(pairs)
	w.res.Added += added
	w.mu.Unlock()
	w.opts.Log.Debug("block aligned", "block", block, "pairs", len(pairs), "links", len(links), "added", added, "elapsed", time.Since(t0))
	return nil
}

// align finds the links of one pair, seeded by the rare fingerprints the
// two share: the passages of score 0.5 or more.
func (w *xrefWorker) align(ctx context.Context, a, b int64, hashes []int64) ([]quellen.Link, error) {
	da, err := w.doc(ctx, a)
	if err != nil {
		return nil, err
	}
	db, err := w.doc(ctx, b)
	if err != nil {
		return nil, err
	}
	shared := make([]uint64, len(hashes))
	for i, h := range hashes {
		shared[i] = uint64(h)
	}
	var links []quellen.Link
	for _, m := range xref.ReuseShared(da.prep, db.prep, shared, w.reuse) {
		if m.Score() < 0.5 {
			continue
		}
		pa, err := da.passage(m.AStart, m.AEnd)
		if err != nil {
			return nil, dataError{err}
		}
		pb, err := db.passage(m.BStart, m.BEnd)
		if err != nil {
			return nil, dataError{err}
		}
		links = append(links, quellen.Link{Kind: "reuse", A: pa, B: pb, Relation: "agree", Score: m.Score(),
			Attrs: quellen.Attrs{"diff": m.Diff, "fidelity": xref.Fidelity(m.Diff, pb.Text), "matched_words": m.Matched}})
	}
	return links, nil
}

// reuseLinks lists the reuse links between the versions, in order of the
// versions' place in ids and of the raw spans, their attributes as reuse
// detection made them (the diff as []xref.Op, matched_words an int).
func (s *Store) reuseLinks(ctx context.Context, ids []int64) ([]quellen.Link, error) {
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	all, err := s.linksWhere(ctx, `l.kind = 'reuse' AND l.a_version_id = ANY($1) AND l.b_version_id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	for i := range all {
		l := &all[i]
		if d, ok := l.Attrs["diff"]; ok {
			b, err := json.Marshal(d)
			if err != nil {
				return nil, err
			}
			var ops []xref.Op
			if json.Unmarshal(b, &ops) == nil {
				l.Attrs["diff"] = ops
			}
		}
		if n, ok := l.Attrs["matched_words"].(float64); ok {
			l.Attrs["matched_words"] = int(n)
		}
	}
	slices.SortFunc(all, func(x, y quellen.Link) int {
		return cmp.Or(cmp.Compare(rank[x.A.DocID], rank[y.A.DocID]), cmp.Compare(rank[x.B.DocID], rank[y.B.DocID]),
			cmp.Compare(x.A.Raw.Start, y.A.Raw.Start), cmp.Compare(x.A.Raw.End, y.A.Raw.End),
			cmp.Compare(x.B.Raw.Start, y.B.Raw.Start), cmp.Compare(x.B.Raw.End, y.B.Raw.End))
	})
	return all, nil
}
