package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/quellen/quellen"
)

// memQueue is a Queue in memory, with the semantics of the work table.
type memQueue struct {
	mu     sync.Mutex
	items  map[string]*memItem
	claims map[string]int // key → times claimed
	// most keys one Claim or Pending was given
	maxKeys int
}

type memItem struct {
	state, worker string
	heartbeat     time.Time
}

func newMemQueue() *memQueue {
	return &memQueue{items: map[string]*memItem{}, claims: map[string]int{}}
}

func (q *memQueue) Enqueue(ctx context.Context, job string, items []Item) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, it := range items {
		if _, ok := q.items[it.Key]; !ok {
			q.items[it.Key] = &memItem{state: "todo"}
		}
	}
	return nil
}

func (q *memQueue) Claim(ctx context.Context, job, worker string, keys []string, n int, lease time.Duration) ([]string, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.maxKeys = max(q.maxKeys, len(keys))
	var out []string
	for _, k := range keys {
		it := q.items[k]
		if len(out) == n || it == nil {
			continue
		}
		if it.state == "todo" || it.state == "running" && time.Since(it.heartbeat) > lease {
			it.state, it.worker, it.heartbeat = "running", worker, time.Now()
			q.claims[k]++
			out = append(out, k)
		}
	}
	return out, nil
}

func (q *memQueue) Renew(ctx context.Context, job, worker string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, it := range q.items {
		if it.worker == worker && it.state == "running" {
			it.heartbeat = time.Now()
		}
	}
	return nil
}

func (q *memQueue) Finish(ctx context.Context, job, key, worker, failure string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if it := q.items[key]; it != nil && it.worker == worker {
		it.state = "done"
		if failure != "" {
			it.state = "failed"
		}
	}
	return nil
}

func (q *memQueue) Release(ctx context.Context, job, worker string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, it := range q.items {
		if it.worker == worker && it.state == "running" {
			it.state, it.worker = "todo", ""
		}
	}
	return nil
}

func (q *memQueue) Pending(ctx context.Context, job string, keys []string) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.maxKeys = max(q.maxKeys, len(keys))
	n := 0
	for _, k := range keys {
		if it := q.items[k]; it != nil && (it.state == "todo" || it.state == "running") {
			n++
		}
	}
	return n, nil
}

// runWorkers runs n ingests of paths at once, sharing q, and returns
// their results.
func runWorkers(t *testing.T, s quellen.Store, q Queue, paths []string, n int, lease time.Duration) []*Result {
	t.Helper()
	var wg sync.WaitGroup
	results := make([]*Result, n)
	errs := make([]error, n)
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = Run(t.Context(), s, paths, Options{Workers: 1, Queue: q, Worker: fmt.Sprint("w", i), Lease: lease})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return results
}

func corpus(t *testing.T, n int) []string {
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("d%02d.txt", i)] = fmt.Sprintf("Document %d, written on %d May 1887 by the harbour master of Saltmere.\n", i, i%28+1)
	}
	paths, err := Expand([]string{tree(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

func TestWorkersShareTheQueue(t *testing.T) {
	paths := corpus(t, 24)
	s := openStore(t)
	q := newMemQueue()
	results := runWorkers(t, s, q, paths, 3, time.Minute)
	added := 0
	for i, r := range results {
		added += r.Added
		if r.Added+r.Others+r.Skipped != len(paths) {
			t.Errorf("worker %d: added %d, others %d, skipped %d of %d", i, r.Added, r.Others, r.Skipped, len(paths))
		}
	}
	if added != len(paths) {
		t.Errorf("the workers added %d documents of %d files", added, len(paths))
	}
	for k, n := range q.claims {
		if n != 1 {
			t.Errorf("%s claimed %d times", k[:8], n)
		}
	}
	docs, err := s.Documents(t.Context(), quellen.DocFilter{})
	if err != nil || len(docs) != len(paths) {
		t.Errorf("%d documents, %v", len(docs), err)
	}
}

func TestAnExpiredLeaseIsTakenOver(t *testing.T) {
	paths := corpus(t, 4)
	s := openStore(t)
	q := newMemQueue()
	// A dead worker holds two files: enqueued and claimed, never renewed.
	files := make([]file, len(paths))
	var keys []string
	for i, p := range paths {
		data, _ := readFile(p)
		sum := sha256.Sum256(data)
		files[i] = file{path: p, sha: hex.EncodeToString(sum[:])}
		keys = append(keys, files[i].sha)
	}
	q.Enqueue(t.Context(), Job, []Item{{Key: keys[0]}, {Key: keys[1]}})
	if got, _ := q.Claim(t.Context(), Job, "dead", keys[:2], 2, time.Hour); len(got) != 2 {
		t.Fatalf("claimed %v", got)
	}
	start := time.Now()
	res, err := Run(t.Context(), s, paths, Options{Workers: 1, Queue: q, Worker: "live", Lease: 600 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 4 || res.Others != 0 {
		t.Errorf("added %d, others %d", res.Added, res.Others)
	}
	if d := time.Since(start); d < 600*time.Millisecond {
		t.Errorf("the dead worker's files were taken after %v, before its lease ran out", d)
	}
	for _, k := range keys[:2] {
		if q.claims[k] != 2 || q.items[k].worker != "live" || q.items[k].state != "done" {
			t.Errorf("%s: claimed %d times, %+v", k[:8], q.claims[k], q.items[k])
		}
	}
	if !slices.ContainsFunc(keys[2:], func(k string) bool { return q.claims[k] == 1 }) {
		t.Error("the free files were not claimed once")
	}
}

// TestClaimsWalkTheKeysAWindowAtATime: no claim names more than a window
// of keys, yet three workers still ingest every file once, and a dead
// worker's files in the first window are taken over after the last.
func TestClaimsWalkTheKeysAWindowAtATime(t *testing.T) {
	defer func(w int) { ClaimWindow = w }(ClaimWindow)
	ClaimWindow = 3
	paths := corpus(t, 20)
	s := openStore(t)
	q := newMemQueue()
	keys := make([]string, len(paths))
	for i, p := range paths {
		data, _ := readFile(p)
		sum := sha256.Sum256(data)
		keys[i] = hex.EncodeToString(sum[:])
	}
	q.Enqueue(t.Context(), Job, []Item{{Key: keys[1]}})
	if got, _ := q.Claim(t.Context(), Job, "dead", keys[1:2], 1, time.Hour); len(got) != 1 {
		t.Fatalf("claimed %v", got)
	}
	q.maxKeys = 0
	added := 0
	for _, r := range runWorkers(t, s, q, paths, 3, 400*time.Millisecond) {
		added += r.Added
	}
	if added != len(paths) {
		t.Errorf("the workers added %d documents of %d files", added, len(paths))
	}
	if q.maxKeys > ClaimWindow {
		t.Errorf("a claim named %d keys, more than the window of %d", q.maxKeys, ClaimWindow)
	}
	for i, k := range keys {
		want := 1
		if i == 1 {
			want = 2 // the dead worker's, then a live one's
		}
		if q.claims[k] != want || q.items[k].state != "done" {
			t.Errorf("file %d: claimed %d times, %+v", i, q.claims[k], q.items[k])
		}
	}
}
