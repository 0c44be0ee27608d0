package searchkey

// GramHash hashes a trigram of folded runes (splitmix64's finaliser). The
// stores' fragment filters are sets of these; each store folds the runes
// its own way (as its exact fragment match does).
func GramHash(a, b, c rune) uint64 {
	x := uint64(a)<<42 ^ uint64(b)<<21 ^ uint64(c)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// GramSet is a set of trigram hashes (open addressing; 0 stands for an
// empty slot, and the hash 0 is taken as 1).
type GramSet struct {
	slots []uint64
	n     int
}

// Add puts h in the set.
func (s *GramSet) Add(h uint64) {
	if h == 0 {
		h = 1
	}
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]uint64, max(1<<10, 2*len(old)))
		s.n = 0
		for _, o := range old {
			if o != 0 {
				s.Add(o)
			}
		}
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

// Len is the number of distinct hashes in the set.
func (s *GramSet) Len() int { return s.n }

// Hashes returns the distinct hashes, in no particular order.
func (s *GramSet) Hashes() []uint64 {
	hs := make([]uint64, 0, s.n)
	for _, h := range s.slots {
		if h != 0 {
			hs = append(hs, h)
		}
	}
	return hs
}
