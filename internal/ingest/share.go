package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"time"
)

// Job is the name of ingest's work in a Queue.
const Job = "ingest"

// DefaultLease is how long a claimed file stays a worker's without its
// renewing the claim.
const DefaultLease = 2 * time.Minute

// Item is one unit of shared work: a file, by the hex SHA-256 of its bytes
// (the same file has the same key on every machine), and where it was seen.
type Item struct {
	Key  string
	Path string
}

// Queue shares work among processes, on one machine or many: each item is
// claimed by one worker at a time, under a lease its worker renews while
// it works; a worker that stops (killed, cut off) stops renewing, and
// once its lease has run out its items are claimed again by another.
// internal/postgres implements it with a work table and SELECT … FOR
// UPDATE SKIP LOCKED. The job names the kind of work ("ingest"; xref
// could share its pairs of documents the same way).
type Queue interface {
	// Enqueue adds items to the job, leaving those already there as they are.
	Enqueue(ctx context.Context, job string, items []Item) error
	// Claim leases to worker up to n items among keys that are to do or
	// whose lease ran out, and returns their keys.
	Claim(ctx context.Context, job, worker string, keys []string, n int, lease time.Duration) ([]string, error)
	// Renew extends every lease the worker holds.
	Renew(ctx context.Context, job, worker string) error
	// Finish marks an item done, or failed when failure is not empty.
	Finish(ctx context.Context, job, key, worker, failure string) error
	// Release gives back the items the worker still holds.
	Release(ctx context.Context, job, worker string) error
	// Pending counts the items among keys that are to do or held.
	Pending(ctx context.Context, job string, keys []string) (int, error)
}

// WorkerID names this process among the workers: host, pid and a random
// part (pids repeat across machines and restarts).
func WorkerID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}

// sharer feeds the analysis workers with the files this process claims.
type sharer struct {
	q      Queue
	worker string
	lease  time.Duration
	keys   []string       // the keys of the files to do, sorted (a window of them is a range)
	index  map[string]int // key → index of the first path with those bytes
}

func newSharer(q Queue, opts Options, files []file, todo []int) *sharer {
	s := &sharer{q: q, worker: opts.Worker, lease: opts.Lease, index: map[string]int{}}
	if s.worker == "" {
		s.worker = WorkerID()
	}
	if s.lease <= 0 {
		s.lease = DefaultLease
	}
	for _, i := range todo {
		k := files[i].sha
		if _, ok := s.index[k]; !ok {
			s.index[k] = i
			s.keys = append(s.keys, k)
		}
	}
	slices.Sort(s.keys)
	return s
}

func (s *sharer) enqueue(ctx context.Context, files []file) error {
	items := make([]Item, len(s.keys))
	for j, k := range s.keys {
		items[j] = Item{Key: k, Path: files[s.index[k]].path}
	}
	return s.q.Enqueue(ctx, Job, items)
}

// renew renews the leases every third of a lease until ctx ends.
func (s *sharer) renew(ctx context.Context) {
	t := time.NewTicker(s.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A failed renewal is retried at the next tick; a lease lost
			// meanwhile only means another worker may redo the file, and
			// Put stores its bytes once.
			_ = s.q.Renew(ctx, Job, s.worker)
		}
	}
}

// feed claims files one at a time as the workers take them and sends their
// indexes on jobs, from windows of the keys (Windows); when nothing is
// left to claim but others still hold files, it waits for them to finish
// or for their leases to run out. stored reports whether a claimed file's
// bytes are stored already (a worker died between its Put and its
// Finish): such a file is finished at once and counted in skipped.
func (s *sharer) feed(ctx context.Context, jobs chan<- int, stored func(key string) bool, skipped *int) error {
	poll := min(s.lease/4, time.Second)
	win := NewWindows(s.q, Job, s.keys)
	for {
		claimed, err := win.Claim(ctx, s.worker, 1, s.lease)
		if err != nil {
			return err
		}
		if len(claimed) == 0 {
			n, err := win.Pending(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(poll):
			}
			continue
		}
		for _, k := range claimed {
			if stored(k) {
				*skipped++
				if err := s.q.Finish(ctx, Job, k, s.worker, ""); err != nil {
					return err
				}
				continue
			}
			select {
			case jobs <- s.index[k]:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
}
