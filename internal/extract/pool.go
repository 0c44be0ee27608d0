package extract

import "sync"

// SlicePool keeps the buffers of finished documents for the next one: an
// extractor whose scratch slice grows to thousands of entries (a token for
// every few bytes of a chunk) takes it from here and gives it back when
// the document is done, rather than allocating and zeroing a fresh one for
// every document. The zero value is ready to use; it is safe for
// concurrent use.
type SlicePool[T any] struct{ p sync.Pool }

// Get returns an empty slice, with the capacity of one given back earlier
// when there is one.
func (p *SlicePool[T]) Get() []T {
	if b, ok := p.p.Get().(*[]T); ok {
		return (*b)[:0]
	}
	return nil
}

// Put gives s back for another document; the caller must not use it
// again.
func (p *SlicePool[T]) Put(s []T) {
	if cap(s) > 0 {
		s = s[:0]
		p.p.Put(&s)
	}
}
