package postgres

import (
	"context"
	"sync"
	"time"

	"github.com/quellen/quellen/internal/ingest"
)

var _ ingest.Queue = (*Store)(nil)

// Enqueue adds the items to the job's work, leaving those already there
// (todo, held, done or failed) as they are.
func (s *Store) Enqueue(ctx context.Context, job string, items []ingest.Item) error {
	if s.readOnly {
		return s.errReadOnly()
	}
	keys := make([]string, len(items))
	paths := make([]string, len(items))
	for i, it := range items {
		keys[i], paths[i] = it.Key, pgText(it.Path)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO work(job, key, path) SELECT $1, k, p FROM unnest($2::text[], $3::text[]) AS x(k, p)
		ORDER BY k ON CONFLICT (job, key) DO NOTHING`, job, keys, paths)
	return err
}

// Claim leases to worker up to n items of the job among keys that are to
// do, or held by a worker whose lease ran out (it stopped renewing:
// killed, or cut off). Rows another worker is claiming at the same moment
// are skipped (FOR UPDATE SKIP LOCKED), so no item is given twice. The
// scan is bounded by the keys' least and greatest (in the database's
// collation), so that a claim from a
// window of sorted keys reads that window's rows of the primary key and
// not every row before it.
func (s *Store) Claim(ctx context.Context, job, worker string, keys []string, n int, lease time.Duration) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `UPDATE work w SET state = 'running', worker = $3, heartbeat = now(), attempts = w.attempts + 1
		FROM (SELECT job, key FROM work
			WHERE job = $1 AND key >= (SELECT min(k) FROM unnest($2::text[]) k) AND key <= (SELECT max(k) FROM unnest($2::text[]) k)
				AND key = ANY($2) AND (state = 'todo' OR (state = 'running' AND heartbeat < now() - make_interval(secs => $5)))
			ORDER BY key LIMIT $4 FOR UPDATE SKIP LOCKED) c
		WHERE w.job = c.job AND w.key = c.key RETURNING w.key`, job, keys, worker, n, lease.Seconds())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Renew extends the leases the worker holds.
func (s *Store) Renew(ctx context.Context, job, worker string) error {
	_, err := s.pool.Exec(ctx, `UPDATE work SET heartbeat = now() WHERE job = $1 AND worker = $2 AND state = 'running'`, job, worker)
	return err
}

// Finish marks an item the worker holds done, or failed with the
// failure's message.
func (s *Store) Finish(ctx context.Context, job, key, worker, failure string) error {
	state := "done"
	if failure != "" {
		state = "failed"
	}
	_, err := s.pool.Exec(ctx, `UPDATE work SET state = $4, error = $5, heartbeat = now() WHERE job = $1 AND key = $2 AND worker = $3`,
		job, key, worker, state, pgText(failure))
	return err
}

// Release gives back the items the worker still holds (an interrupted
// worker), for others to claim at once.
func (s *Store) Release(ctx context.Context, job, worker string) error {
	_, err := s.pool.Exec(ctx, `UPDATE work SET state = 'todo', worker = '', heartbeat = NULL
		WHERE job = $1 AND worker = $2 AND state = 'running'`, job, worker)
	return err
}

// Pending counts the items among keys that are not done or failed: to do,
// or held by some worker.
func (s *Store) Pending(ctx context.Context, job string, keys []string) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM work WHERE job = $1
		AND key >= (SELECT min(k) FROM unnest($2::text[]) k) AND key <= (SELECT max(k) FROM unnest($2::text[]) k)
		AND key = ANY($2) AND state IN ('todo', 'running')`, job, keys).Scan(&n)
	return n, err
}

// claimWindow is how many keys one claim names (see keyWindows).
var claimWindow = 256

// keyWindows walks a job's keys a window at a time for Claim and Pending,
// in the database's order of the keys, so that each claim reads one
// window's rows of the work table's primary key: naming every key of a
// 20,000-item job in every claim made the job quadratic. It is safe for
// the goroutines of one worker.
type keyWindows struct {
	s    *Store
	job  string
	mu   sync.Mutex
	keys []string // sorted as the database sorts them
	pos  int
}

// windows sorts keys in the database's collation (which need not be Go's
// byte order: a range of the index must hold a window's keys).
func (s *Store) windows(ctx context.Context, job string, keys []string) (*keyWindows, error) {
	kw := &keyWindows{s: s, job: job}
	if len(keys) == 0 {
		return kw, nil
	}
	if err := s.pool.QueryRow(ctx, `SELECT array_agg(k ORDER BY k) FROM unnest($1::text[]) k`, keys).Scan(&kw.keys); err != nil {
		return nil, err
	}
	return kw, nil
}

// claim claims up to n items from the window it stands at, moving on
// while a window has none free; past the last it starts again from the
// first and returns none, for the caller to see whether any are pending.
func (kw *keyWindows) claim(ctx context.Context, worker string, n int, lease time.Duration) ([]string, error) {
	kw.mu.Lock()
	defer kw.mu.Unlock()
	for kw.pos < len(kw.keys) {
		win := kw.keys[kw.pos:min(kw.pos+claimWindow, len(kw.keys))]
		got, err := kw.s.Claim(ctx, kw.job, worker, win, n, lease)
		if err != nil || len(got) > 0 {
			return got, err
		}
		kw.pos += len(win)
	}
	kw.pos = 0
	return nil, nil
}

// pending counts the items to do or held, window by window, stopping at
// the first window that has any.
func (kw *keyWindows) pending(ctx context.Context) (int, error) {
	for pos := 0; pos < len(kw.keys); pos += claimWindow {
		n, err := kw.s.Pending(ctx, kw.job, kw.keys[pos:min(pos+claimWindow, len(kw.keys))])
		if err != nil || n > 0 {
			return n, err
		}
	}
	return 0, nil
}
