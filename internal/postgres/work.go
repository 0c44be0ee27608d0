package postgres

import (
	"context"
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

// windows walks keys of job a window at a time (ingest.Windows), sorted in
// the database's collation (which need not be Go's byte order: a range of
// the index must hold a window's keys).
func (s *Store) windows(ctx context.Context, job string, keys []string) (*ingest.Windows, error) {
	var sorted []string
	if len(keys) > 0 {
		if err := s.pool.QueryRow(ctx, `SELECT array_agg(k ORDER BY k) FROM unnest($1::text[]) k`, keys).Scan(&sorted); err != nil {
			return nil, err
		}
	}
	return ingest.NewWindows(s, job, sorted), nil
}
