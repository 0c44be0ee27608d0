package xref

import (
	"cmp"
	"slices"
	"sort"

	"github.com/quellen/quellen"
)

// Reuse detection one pair at a time, for work shared among processes
// (internal/postgres, `quellen xref --stored`): a database keeps each
// text's fingerprints (Prepared.Fingerprints), finds the pairs of
// documents that share enough rare ones (those in at most MaxDocFreq
// documents) and which ones they share, and a worker aligns each pair with
// ReuseShared. Given a pair's shared rare shingles, ReuseShared finds for
// the pair exactly what ReuseCorpus finds for it among the whole corpus.

// WithDefaults returns the options with every unset field at its default.
func (o Options) WithDefaults() Options {
	o.defaults()
	return o
}

// MinSeeds is the fewest seeds (pairs of equal rare shingles, one in each
// document) that a pair of documents needs to hold a shared passage of
// MinWords words; pairs with fewer are passed over, as ReuseCorpus does.
func MinSeeds(opts Options) int {
	opts.defaults()
	return opts.MinWords - opts.N + 1
}

// Prepared is a text split into words and shingled, ready for ReusePair.
type Prepared struct {
	toks []token
	// The shingles (hash and the word each starts at) in order of hash,
	// then position, so that two texts' shared shingles are found by
	// merging.
	byHash []hashPos
	// The distinct hashes, increasing, and how often each occurs.
	distinct []uint64
	counts   []int32
}

type hashPos struct {
	h   uint64
	pos int32
}

// Prepare splits text into words as reuse detection does and hashes its
// shingles of opts.N words (opts.Prefix letters of each word when set).
func Prepare(text string, opts Options) *Prepared {
	opts.defaults()
	p := &Prepared{toks: tokenizeWith(text, opts.Prefix)}
	if n := len(p.toks) - opts.N + 1; n > 0 {
		p.byHash = make([]hashPos, n)
		for i := range n {
			p.byHash[i] = hashPos{shingle(p.toks, i, opts.N), int32(i)}
		}
	}
	slices.SortFunc(p.byHash, func(x, y hashPos) int { return cmp.Or(cmp.Compare(x.h, y.h), cmp.Compare(x.pos, y.pos)) })
	n := 0
	for i := range p.byHash {
		if i == 0 || p.byHash[i].h != p.byHash[i-1].h {
			n++
		}
	}
	p.distinct, p.counts = make([]uint64, 0, n), make([]int32, 0, n)
	for i := 0; i < len(p.byHash); {
		j := i + 1
		for j < len(p.byHash) && p.byHash[j].h == p.byHash[i].h {
			j++
		}
		p.distinct = append(p.distinct, p.byHash[i].h)
		p.counts = append(p.counts, int32(j-i))
		i = j
	}
	return p
}

// NumWords is the number of words of the text.
func (p *Prepared) NumWords() int { return len(p.toks) }

// Words returns the byte span of each word of the text, in order. A
// Match's spans start at the start of a word and end at the end of one.
func (p *Prepared) Words() []quellen.Span {
	out := make([]quellen.Span, len(p.toks))
	for i, t := range p.toks {
		out[i] = quellen.Span{Start: t.start, End: t.end}
	}
	return out
}

// WordStarting returns the index of the word that starts at byte off.
func (p *Prepared) WordStarting(off int) (int, bool) {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].start >= off })
	return i, i < len(p.toks) && p.toks[i].start == off
}

// WordEnding returns the index of the word that ends at byte off.
func (p *Prepared) WordEnding(off int) (int, bool) {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].end >= off })
	return i, i < len(p.toks) && p.toks[i].end == off
}

// Size estimates the bytes p holds, for caches.
func (p *Prepared) Size() int64 {
	return tokenBytes(p.toks) + int64(len(p.byHash))*16 + int64(len(p.distinct))*12
}

// Fingerprints returns the distinct shingle hashes of the text in
// increasing order and how many times each occurs in it (not to be
// modified).
func (p *Prepared) Fingerprints() (hashes []uint64, counts []int32) {
	return p.distinct, p.counts
}

// occurrences returns the shingles of hash h, in order of position.
func (p *Prepared) occurrences(h uint64) []hashPos {
	i := sort.Search(len(p.byHash), func(i int) bool { return p.byHash[i].h >= h })
	j := i
	for j < len(p.byHash) && p.byHash[j].h == h {
		j++
	}
	return p.byHash[i:j]
}

// Shared returns the distinct shingle hashes that a and b both have, in
// increasing order.
func Shared(a, b *Prepared) []uint64 {
	var out []uint64
	for i, j := 0, 0; i < len(a.distinct) && j < len(b.distinct); {
		switch c := cmp.Compare(a.distinct[i], b.distinct[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a.distinct[i])
			i++
			j++
		}
	}
	return out
}

// ReusePair finds the passages a and b share, as ReuseCorpus finds them
// for this pair, the shingles that common reports (found in more than
// MaxDocFreq documents of the corpus) left out; common may be nil (none
// is). Match.A is 0 (a), Match.B is 1 (b).
func ReusePair(a, b *Prepared, common func(h uint64) bool, opts Options) []Match {
	shared := Shared(a, b)
	if common != nil {
		shared = slices.DeleteFunc(shared, common)
	}
	return ReuseShared(a, b, shared, opts)
}

// ReuseShared finds the passages a and b share given the shingle hashes
// to seed them with (those they share that are rare in the corpus, as a
// database finds them): every occurrence in a of one of them paired with
// every occurrence in b is a seed; a pair with fewer than MinSeeds seeds
// has none; the seeds are chained, and each chain of MinWords words
// aligned and diffed, as ReuseCorpus does. Match.A is 0 (a), Match.B is 1
// (b).
func ReuseShared(a, b *Prepared, shared []uint64, opts Options) []Match {
	opts.defaults()
	hs := slices.Clone(shared)
	slices.Sort(hs)
	hs = slices.Compact(hs)
	var seeds []seed
	for _, h := range hs {
		ob := b.occurrences(h)
		if len(ob) == 0 {
			continue
		}
		for _, p := range a.occurrences(h) {
			for _, q := range ob {
				seeds = append(seeds, seed{int(p.pos), int(q.pos)})
			}
		}
	}
	if len(seeds) < opts.MinWords-opts.N+1 {
		return nil
	}
	var out []Match
	for _, r := range chains(seeds, opts) {
		if r.i1-r.i0 < opts.MinWords || r.j1-r.j0 < opts.MinWords {
			continue
		}
		for _, m := range align(a.toks, b.toks, r, opts) {
			if m.Score() < opts.MinScore {
				continue
			}
			m.A, m.B = 0, 1
			out = append(out, m)
		}
	}
	return out
}
