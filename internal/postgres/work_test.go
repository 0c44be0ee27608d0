package postgres

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/postgres/pgtest"
)

// TestWindowsClaimEachItemOnce: two workers walking windows of two
// keys (keys whose order in a locale's collation need not be Go's byte
// order: "12:5" and "1:5") claim every item once, a held item whose lease
// ran out is claimed again after the last window, and pending counts what
// is left.
func TestWindowsClaimEachItemOnce(t *testing.T) {
	defer func(w int) { ingest.ClaimWindow = w }(ingest.ClaimWindow)
	ingest.ClaimWindow = 2
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	job := fmt.Sprintf("test-windows-%d", time.Now().UnixNano())
	var keys []string
	for _, id := range []int{1, 12, 123, 2, 20, 3, 31, 4, 9, 10, 11} {
		keys = append(keys, fmt.Sprintf("%d:5:3", id))
	}
	items := make([]ingest.Item, len(keys))
	for i, k := range keys {
		items[i] = ingest.Item{Key: k}
	}
	if err := s.Enqueue(ctx, job, items); err != nil {
		t.Fatal(err)
	}
	// A dead worker holds one item under a short lease.
	dead, err := s.Claim(ctx, job, "dead", keys[3:4], 1, time.Hour)
	if err != nil || len(dead) != 1 {
		t.Fatalf("dead claimed %v, %v", dead, err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE work SET heartbeat = now() - interval '1 hour' WHERE job = $1 AND key = $2`, job, dead[0]); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	claims := map[string]int{}
	var wg sync.WaitGroup
	for w := range 2 {
		kw, err := s.windows(ctx, job, keys)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			worker := fmt.Sprint("w", w)
			for {
				got, err := kw.Claim(ctx, worker, 1, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					n, err := kw.Pending(ctx)
					if err != nil || n == 0 {
						return
					}
					time.Sleep(10 * time.Millisecond)
					continue
				}
				mu.Lock()
				for _, k := range got {
					claims[k]++
				}
				mu.Unlock()
				for _, k := range got {
					if err := s.Finish(ctx, job, k, worker, ""); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	for _, k := range keys {
		if claims[k] != 1 {
			t.Errorf("%s claimed %d times", k, claims[k])
		}
	}
	if len(claims) != len(keys) {
		t.Errorf("claimed %v", slices.Sorted(func(yield func(string) bool) {
			for k := range claims {
				if !yield(k) {
					return
				}
			}
		}))
	}
	kw, _ := s.windows(ctx, job, keys)
	if n, err := kw.Pending(ctx); n != 0 || err != nil {
		t.Errorf("pending %d, %v", n, err)
	}
}
