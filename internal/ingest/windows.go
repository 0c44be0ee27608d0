package ingest

import (
	"context"
	"sync"
	"time"
)

// ClaimWindow is how many keys one Claim or Pending of a Windows names.
var ClaimWindow = 256

// Windows walks a job's keys a window of ClaimWindow keys at a time for a
// Queue's Claim and Pending, so that a claim costs the queue the same on a
// corpus of a million items as on one of ten: naming every key in every
// claim made a 20,000-file shared ingest quadratic (each claim sent 1.4 MB
// of keys, and the database scanned the rows already done). The keys must
// be sorted in the queue's order (for PostgreSQL, its collation), so that
// a window is a range of its index. It is safe for the goroutines of one
// worker.
type Windows struct {
	q    Queue
	job  string
	mu   sync.Mutex
	keys []string
	pos  int
}

// NewWindows walks sorted keys of job in q.
func NewWindows(q Queue, job string, sorted []string) *Windows {
	return &Windows{q: q, job: job, keys: sorted}
}

// Claim claims up to n items for worker from the window it stands at,
// moving on while a window has none free; past the last it starts again
// from the first and returns none, for the caller to see whether any are
// Pending (held by others, whose leases may run out).
func (w *Windows) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.pos < len(w.keys) {
		win := w.keys[w.pos:min(w.pos+ClaimWindow, len(w.keys))]
		got, err := w.q.Claim(ctx, w.job, worker, win, n, lease)
		if err != nil || len(got) > 0 {
			return got, err
		}
		w.pos += len(win)
	}
	w.pos = 0
	return nil, nil
}

// Pending counts the items to do or held, window by window, stopping at
// the first window that has any.
func (w *Windows) Pending(ctx context.Context) (int, error) {
	for pos := 0; pos < len(w.keys); pos += ClaimWindow {
		n, err := w.q.Pending(ctx, w.job, w.keys[pos:min(pos+ClaimWindow, len(w.keys))])
		if err != nil || n > 0 {
			return n, err
		}
	}
	return 0, nil
}
