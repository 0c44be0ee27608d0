package entities

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quellen/quellen/internal/translit"
)

// Memos shared by the documents of a process: the transliteration keys of
// the words (names recur from one document to the next, and a key costs
// six readings into Cyrillic). Bounded: past the bound, words are keyed
// afresh each time. (A sync.Map is slow to fill: it copies itself as it grows.)
type memo[V any] struct {
	shards [16]struct {
		sync.RWMutex
		m map[string]V
	}
	n atomic.Int64
}

const memoBound = 1 << 16

func (c *memo[V]) get(k string, make func(string) V) V {
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h = (h ^ uint32(k[i])) * 16777619
	}
	s := &c.shards[h%uint32(len(c.shards))]
	s.RLock()
	v, ok := s.m[k]
	s.RUnlock()
	if ok {
		return v
	}
	v = make(k)
	if c.n.Load() < memoBound {
		s.Lock()
		if s.m == nil {
			s.m = map[string]V{}
		}
		if _, ok := s.m[k]; !ok {
			s.m[strings.Clone(k)] = v
			c.n.Add(1)
		}
		s.Unlock()
	}
	return v
}

// keysMemo holds the hashes of each word's transliteration keys
// (translit.Keys): two names are renderings of one when they meet.
var keysMemo memo[[]uint64]

func makeKeyHashes(w string) []uint64 {
	ks := translit.Keys(w)
	hs := make([]uint64, len(ks))
	for i, s := range ks {
		h := uint64(14695981039346656037)
		for j := 0; j < len(s); j++ {
			h = (h ^ uint64(s[j])) * 1099511628211
		}
		hs[i] = h
	}
	return hs
}

// keyHashes is the hashes of translit.Keys(w), through the memo. The slice
// is shared: callers only read it.
func keyHashes(w string) []uint64 { return keysMemo.get(w, makeKeyHashes) }

// same is translit.Same through the memo of keys.
func same(a, b string) bool {
	if ascii(a) && ascii(b) {
		if strings.EqualFold(a, b) {
			return true
		}
	} else if translit.Fold(a) == translit.Fold(b) {
		return true
	}
	kb := keyHashes(b)
	for _, x := range keyHashes(a) {
		for _, y := range kb {
			if x == y {
				return true
			}
		}
	}
	return false
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordMap maps the words of one document to small values: an
// open-addressing table whose keys are the words as the text holds them
// (never copied), kept for the next document. Lookups that miss stop at an
// empty slot; a slot's fingerprint (never 0) is checked before its key.
type wordMap[V any] struct {
	fps  []uint16
	keys []string
	vals []V
	n    int
}

// reset empties m, keeping its storage.
func (m *wordMap[V]) reset() {
	if len(m.fps) > 1<<18 {
		*m = wordMap[V]{} // (a document's worth too large to keep)
		return
	}
	if m.n > 0 {
		clear(m.fps)
		clear(m.keys) // (the last document's words and values, let go)
		clear(m.vals)
	}
	m.n = 0
}

func (m *wordMap[V]) slot(k string) (i uint32, found bool) {
	i, found, _ = m.slotFP(k)
	return i, found
}

// slotFP is slot, with k's fingerprint.
func (m *wordMap[V]) slotFP(k string) (i uint32, found bool, fp uint16) {
	h := strHash(k)
	fp = uint16(h>>16) | 1
	mask := uint32(len(m.fps) - 1)
	for i = h & mask; ; i = (i + 1) & mask {
		switch m.fps[i] {
		case 0:
			return i, false, fp
		case fp:
			if m.keys[i] == k {
				return i, true, fp
			}
		}
	}
}

// get returns the value of k (the zero value when absent).
func (m *wordMap[V]) get(k string) V {
	var zero V
	if m.n == 0 {
		return zero
	}
	if i, ok := m.slot(k); ok {
		return m.vals[i]
	}
	return zero
}

// at returns the value of k to be set, adding k when absent.
func (m *wordMap[V]) at(k string) *V {
	if 2*(m.n+1) > len(m.fps) {
		m.grow()
	}
	i, ok, fp := m.slotFP(k)
	if !ok {
		var zero V
		m.fps[i], m.keys[i], m.vals[i] = fp, k, zero
		m.n++
	}
	return &m.vals[i]
}

// atKept is at for a map kept from one document to the next: a key
// added is copied. It returns the key as the map holds it.
func (m *wordMap[V]) atKept(k string) (*V, string) {
	if 2*(m.n+1) > len(m.fps) {
		m.grow()
	}
	i, ok, fp := m.slotFP(k)
	if !ok {
		var zero V
		m.fps[i], m.keys[i], m.vals[i] = fp, strings.Clone(k), zero
		m.n++
	}
	return &m.vals[i], m.keys[i]
}

func (m *wordMap[V]) grow() {
	old := *m
	n := max(256, 2*len(old.fps))
	m.fps, m.keys, m.vals, m.n = make([]uint16, n), make([]string, n), make([]V, n), 0
	for i, fp := range old.fps {
		if fp != 0 {
			j, _ := m.slot(old.keys[i])
			m.fps[j], m.keys[j], m.vals[j] = fp, old.keys[i], old.vals[i]
			m.n++
		}
	}
}

// each calls f with every key and value.
func (m *wordMap[V]) each(f func(string, V)) {
	for i, fp := range m.fps {
		if fp != 0 {
			f(m.keys[i], m.vals[i])
		}
	}
}
