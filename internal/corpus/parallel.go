package corpus

import (
	"iter"
	"os"
	"runtime"
	"sync"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
)

// Result is one document's analysis, or the error that stopped it.
type Result struct {
	Index    int
	Analysis *pipeline.Analysis
	Err      error
}

// Run analyses documents given as names and bytes on every core and
// yields the results in input order, holding at most a few analyses in
// memory at once. Stopping the loop early stops the workers.
func Run(names []string, datas [][]byte, opts pipeline.Options) iter.Seq[Result] {
	return Ordered(len(names), func(i int) Result {
		a, err := pipeline.Run(names[i], datas[i], opts)
		return Result{Index: i, Analysis: a, Err: err}
	})
}

// RunFiles is Run on files read from disk, each by the worker that
// analyses it: only the few documents in flight are in memory. A file that
// cannot be read gives a *quellen.InputError naming it.
func RunFiles(files []string, opts pipeline.Options) iter.Seq[Result] {
	return Ordered(len(files), func(i int) Result {
		b, err := os.ReadFile(files[i])
		if err != nil {
			return Result{Index: i, Err: &quellen.InputError{Path: files[i], Err: err}}
		}
		a, err := pipeline.Run(files[i], b, opts)
		return Result{Index: i, Analysis: a, Err: err}
	})
}

// Ordered runs work(0..n-1) on every core and yields the results in
// order: job i starts only when fewer than twice the cores' results wait,
// so that a long input is streamed with a few results in memory at once.
// Stopping the loop early stops the workers.
func Ordered[T any](n int, work func(int) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		workers := min(runtime.GOMAXPROCS(0), n)
		if workers <= 1 {
			for i := range n {
				if !yield(work(i)) {
					return
				}
			}
			return
		}
		window := 2 * workers
		slots := make([]chan T, n)
		for i := range slots {
			slots[i] = make(chan T, 1)
		}
		jobs := make(chan int)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range jobs {
					slots[i] <- work(i)
				}
			})
		}
		// The feeder keeps at most window jobs ahead of the consumer.
		credit := make(chan struct{}, window)
		for range window {
			credit <- struct{}{}
		}
		wg.Go(func() {
			defer close(jobs)
			for i := range n {
				select {
				case <-credit:
				case <-stop:
					return
				}
				select {
				case jobs <- i:
				case <-stop:
					return
				}
			}
		})
		defer wg.Wait()
		defer close(stop)
		for i := range n {
			r := <-slots[i]
			slots[i] = nil
			credit <- struct{}{}
			if !yield(r) {
				// Drain what is running so no worker blocks on its slot.
				return
			}
		}
	}
}
