package xref

import (
	"cmp"
	"slices"
	"strings"
)

// Options tune reuse detection.
type Options struct {
	N        int // words per shingle (default 4)
	MinWords int // shortest passage reported, in matched words (default 8)
	MaxGap   int // most words skipped between two matching runs (default 24)
	// MaxDocFreq drops shingles found in more documents than this (common
	// phrases, formulae); 0 means 6. It is a constant, not a share of the
	// corpus, so that the seeds grow with the corpus, not with its square.
	MaxDocFreq int
	// Prefix, when set, compares words by their first Prefix letters only:
	// a crude stemmer for inflected languages (Latin ponat/ponam), for
	// short quotations.
	Prefix int
	// MemoryBudget bounds the bytes of shingle postings held at once, and
	// (a quarter of it) the tokens of documents kept for alignment
	// (default 128 MiB); larger corpora are hashed in several passes.
	MemoryBudget int64
	// MinScore drops matches scoring less (Match.Score) as they are
	// found, so that a large corpus's chance alignments are never held;
	// 0 keeps every match of MinWords words.
	MinScore float64
}

func (o *Options) defaults() {
	if o.N == 0 {
		o.N = 4
	}
	if o.MinWords == 0 {
		o.MinWords = 8
	}
	if o.MaxGap == 0 {
		o.MaxGap = 24
	}
	if o.MaxDocFreq == 0 {
		o.MaxDocFreq = 6
	}
	if o.MemoryBudget == 0 {
		o.MemoryBudget = 128 << 20
	}
}

// Text is one document's clean text as reuse detection sees it.
type Text struct {
	Doc  int    // index of the document
	Text string // the clean text
}

// Match is a passage shared by two documents: spans in their clean texts.
type Match struct {
	A, B           int // document indices, A < B
	AStart, AEnd   int // byte span in A's text
	BStart, BEnd   int // byte span in B's text
	Matched        int // words aligned as equal
	AWords, BWords int // words in each span
	Diff           []Op
}

// Score is the share of the longer side's words that the other side has.
func (m Match) Score() float64 {
	return float64(m.Matched) / float64(max(m.AWords, m.BWords, 1))
}

type seed struct{ i, j int }

// Reuse finds the passages shared by any two of texts, held in memory.
func Reuse(texts []Text, opts Options) []Match {
	ms, _ := ReuseCorpus(memCorpus(texts), opts)
	for i := range ms {
		ms[i].A, ms[i].B = texts[ms[i].A].Doc, texts[ms[i].B].Doc
	}
	return ms
}

// Corpus gives reuse detection its texts one at a time, so that a corpus
// larger than memory can be compared: texts are read once per hash
// partition and again for the alignment of each pair that shares
// passages.
type Corpus interface {
	Len() int
	Text(i int) (string, error)
}

type memCorpus []Text

func (m memCorpus) Len() int                   { return len(m) }
func (m memCorpus) Text(i int) (string, error) { return m[i].Text, nil }

// hashPosting is one shingle occurrence during a partition pass.
type hashPosting struct {
	h        uint64
	doc, pos int32
}

// ReuseCorpus finds the passages shared by any two texts of c, in bounded
// memory: shingle hashes are gathered in partitions of at most
// Options.MemoryBudget bytes (one pass over the texts each), sorted, and
// only the rare ones shared by two documents become seeds; each document
// pair with seeds is then aligned, reading its two texts again.
func ReuseCorpus(c Corpus, opts Options) ([]Match, error) {
	n := c.Len()
	opts.defaults()
	// Size the partitions from the corpus's length.
	var total int64
	for i := range n {
		t, err := c.Text(i)
		if err != nil {
			return nil, err
		}
		total += int64(len(t))
	}
	const bytesPerPosting = 16
	estimated := total / 5 // about one word per five bytes
	parts := int(max(1, (estimated*bytesPerPosting+opts.MemoryBudget-1)/opts.MemoryBudget))

	// Sized once for a partition, so that appending never doubles it.
	buf := make([]hashPosting, 0, estimated/int64(parts)+estimated/int64(parts)/8+1024)
	// seeds turns a partition's postings into the seeds of document pairs
	// (the runs of one hash in two documents and no more than MaxDocFreq),
	// given to add.
	seeds := func(buf []hashPosting, add func(a, b int32, s seed)) {
		slices.SortFunc(buf, func(x, y hashPosting) int {
			return cmp.Or(cmp.Compare(x.h, y.h), cmp.Compare(x.doc, y.doc), cmp.Compare(x.pos, y.pos))
		})
		for i := 0; i < len(buf); {
			j := i + 1
			for j < len(buf) && buf[j].h == buf[i].h {
				j++
			}
			run := buf[i:j]
			i = j
			if len(run) < 2 || run[0].doc == run[len(run)-1].doc {
				continue
			}
			if df := runDocFreq(run); df > opts.MaxDocFreq {
				continue
			}
			for x := range run {
				for y := x + 1; y < len(run); y++ {
					if run[x].doc != run[y].doc {
						add(run[x].doc, run[y].doc, seed{int(run[x].pos), int(run[y].pos)})
					}
				}
			}
		}
	}
	// each posts every shingle of every text to post, in text order
	each := func(post func(hashPosting)) error {
		for d := range n {
			t, err := c.Text(d)
			if err != nil {
				return err
			}
			toks := tokenizeWith(t, opts.Prefix)
			for i := 0; i+opts.N <= len(toks); i++ {
				post(hashPosting{shingle(toks, i, opts.N), int32(d), int32(i)})
			}
		}
		return nil
	}
	al := &aligner{opts: opts, cache: newTokenCache(c, opts.MemoryBudget/4)}
	al.cache.prefix = opts.Prefix
	if parts == 1 {
		pairs := map[[2]int32][]seed{}
		if err := each(func(p hashPosting) { buf = append(buf, p) }); err != nil {
			return nil, err
		}
		seeds(buf, func(a, b int32, s seed) { k := [2]int32{a, b}; pairs[k] = append(pairs[k], s) })
		buf = nil
		keys := make([][2]int32, 0, len(pairs))
		for k := range pairs {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, cmpPair)
		for _, k := range keys {
			if err := al.pair(k, pairs[k]); err != nil {
				return nil, err
			}
			delete(pairs, k)
		}
		return al.out, nil
	}
	// More postings than the budget holds: one pass over the texts writes
	// each posting to its hash partition's file, and each file read back,
	// sorted and seeded in turn writes its seeds to the file of their
	// document pair's partition; each of those is then read back, its
	// seeds gathered by pair, and the pairs aligned. Memory holds one
	// partition at a time. (Hashing the texts again for every partition,
	// with every pair's seeds in memory, made a 1 GB corpus at --memory 512
	// take 25 passes and 6 GB, and the collector thrash.)
	pairSpill, err := newSpill(0, min(parts, maxSpillFiles))
	if err != nil {
		return nil, err
	}
	defer pairSpill.close()
	pairParts := len(pairSpill.files)
	var rec [16]byte
	addSeed := func(a, b int32, s seed) {
		putPairSeed(&rec, pairSeed{a, b, s})
		pairSpill.add(int(pairHash(a, b)%uint64(pairParts)), &rec)
	}
	for lo := 0; lo < parts; lo += maxSpillFiles {
		hi := min(lo+maxSpillFiles, parts)
		sp, err := newSpill(lo, hi-lo)
		if err != nil {
			return nil, err
		}
		var prec [16]byte
		err = each(func(p hashPosting) {
			putPosting(&prec, p)
			sp.add(int(p.h%uint64(parts)), &prec)
		})
		for part := lo; part < hi && err == nil; part++ {
			buf = buf[:0]
			if err = sp.read(part, func(r *[16]byte) { buf = append(buf, getPosting(r)) }); err == nil {
				seeds(buf, addSeed)
			}
		}
		sp.close()
		if err != nil {
			return nil, err
		}
	}
	buf = nil
	if pairSpill.err != nil {
		return nil, pairSpill.err
	}
	var ps []pairSeed
	for part := range pairParts {
		ps = ps[:0]
		if err := pairSpill.read(part, func(r *[16]byte) { ps = append(ps, getPairSeed(r)) }); err != nil {
			return nil, err
		}
		slices.SortFunc(ps, func(x, y pairSeed) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
		var group []seed
		for i := 0; i < len(ps); {
			j := i
			group = group[:0]
			for j < len(ps) && ps[j].a == ps[i].a && ps[j].b == ps[i].b {
				group = append(group, ps[j].s)
				j++
			}
			if err := al.pair([2]int32{ps[i].a, ps[i].b}, group); err != nil {
				return nil, err
			}
			i = j
		}
	}
	// in the order of the pairs, as one partition in memory gives them
	// (a pair's matches in the order found)
	slices.SortStableFunc(al.out, func(x, y Match) int {
		return cmpPair([2]int32{int32(x.A), int32(x.B)}, [2]int32{int32(y.A), int32(y.B)})
	})
	return al.out, nil
}

func cmpPair(x, y [2]int32) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) }

// pairHash spreads document pairs over partitions.
func pairHash(a, b int32) uint64 {
	return (uint64(uint32(a))<<32 | uint64(uint32(b))) * 0x9e3779b97f4a7c15 >> 17
}

// aligner aligns the document pairs that have seeds enough.
type aligner struct {
	opts  Options
	cache *tokenCache
	out   []Match
}

// pair aligns the pair k with its seeds (in any order: chains sorts them).
func (al *aligner) pair(k [2]int32, seeds []seed) error {
	opts := al.opts
	// A chain of fewer seeds than MinWords-N+1 cannot hold MinWords
	// matching words: most pairs of documents share a few n-grams by
	// chance, and are passed over without reading them again.
	if len(seeds) < opts.MinWords-opts.N+1 {
		return nil
	}
	var long []region
	for _, r := range chains(seeds, opts) {
		if r.i1-r.i0 >= opts.MinWords && r.j1-r.j0 >= opts.MinWords {
			long = append(long, r)
		}
	}
	if len(long) == 0 {
		return nil
	}
	ta, err := al.cache.get(int(k[0]))
	if err != nil {
		return err
	}
	tb, err := al.cache.get(int(k[1]))
	if err != nil {
		return err
	}
	for _, r := range long {
		for _, m := range align(ta, tb, r, opts) {
			if m.Score() < opts.MinScore {
				continue
			}
			m.Diff = detach(m.Diff)
			m.A, m.B = int(k[0]), int(k[1])
			al.out = append(al.out, m)
		}
	}
	return nil
}

// detach copies a diff's words out of the texts they were cut from: a
// word is a substring of its whole document, and a corpus's matches held
// to the end would keep every text they touch in memory (at 1 GB, most
// of the corpus).
func detach(ops []Op) []Op {
	n, size := 0, 0
	for _, op := range ops {
		n += len(op.A) + len(op.B)
		for _, w := range op.A {
			size += len(w)
		}
		for _, w := range op.B {
			size += len(w)
		}
	}
	words := make([]string, 0, n)
	var buf strings.Builder
	buf.Grow(size)
	for _, op := range ops {
		for _, w := range op.A {
			buf.WriteString(w)
		}
		for _, w := range op.B {
			buf.WriteString(w)
		}
	}
	all, at := buf.String(), 0
	out := make([]Op, len(ops))
	for i, op := range ops {
		out[i] = op
		cut := func(ws []string) []string {
			from := len(words)
			for _, w := range ws {
				words = append(words, all[at:at+len(w)])
				at += len(w)
			}
			return words[from:len(words):len(words)]
		}
		if op.A != nil {
			out[i].A = cut(op.A)
		}
		if op.B != nil {
			out[i].B = cut(op.B)
		}
	}
	return out
}

func runDocFreq(run []hashPosting) int {
	n := 0
	for i := range run {
		if i == 0 || run[i].doc != run[i-1].doc {
			n++
		}
	}
	return n
}

// tokenCache keeps the tokens of the most recently aligned documents, up
// to a budget of bytes.
type tokenCache struct {
	c      Corpus
	prefix int
	budget int64
	used   int64
	toks   map[int][]token
	order  []int
}

func newTokenCache(c Corpus, budget int64) *tokenCache {
	return &tokenCache{c: c, budget: budget, toks: map[int][]token{}}
}

// tokenBytes estimates the memory a document's tokens take.
func tokenBytes(ts []token) int64 { return int64(len(ts)) * 48 }

func (tc *tokenCache) get(i int) ([]token, error) {
	if t, ok := tc.toks[i]; ok {
		return t, nil
	}
	s, err := tc.c.Text(i)
	if err != nil {
		return nil, err
	}
	t := tokenizeWith(s, tc.prefix)
	for tc.used+tokenBytes(t) > tc.budget && len(tc.order) > 0 {
		tc.used -= tokenBytes(tc.toks[tc.order[0]])
		delete(tc.toks, tc.order[0])
		tc.order = tc.order[1:]
	}
	tc.used += tokenBytes(t)
	tc.toks[i] = t
	tc.order = append(tc.order, i)
	return t, nil
}

// region is a chained run of seeds: word ranges [i0,i1) in A and [j0,j1) in B.
type region struct{ i0, i1, j0, j1 int }

// chains groups seeds that lie along one diagonal band, in order, with
// gaps of at most MaxGap words, into regions.
func chains(seeds []seed, opts Options) []region {
	slices.SortFunc(seeds, func(x, y seed) int { return cmp.Or(cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j)) })
	var out []region
	used := make([]bool, len(seeds))
	for s := range seeds {
		if used[s] {
			continue
		}
		used[s] = true
		r := region{seeds[s].i, seeds[s].i + opts.N, seeds[s].j, seeds[s].j + opts.N}
		li, lj := seeds[s].i, seeds[s].j
		for t := s + 1; t < len(seeds) && seeds[t].i <= r.i1+opts.MaxGap; t++ {
			if used[t] {
				continue
			}
			di, dj := seeds[t].i-li, seeds[t].j-lj
			if di <= 0 || dj <= 0 || dj > di+opts.MaxGap || di > dj+opts.MaxGap || seeds[t].j > r.j1+opts.MaxGap {
				continue
			}
			used[t] = true
			li, lj = seeds[t].i, seeds[t].j
			r.i1 = max(r.i1, li+opts.N)
			r.j1 = max(r.j1, lj+opts.N)
		}
		out = append(out, r)
	}
	return out
}

// align diffs the two sides of a region word by word and cuts it where
// the two sides go different ways for long (a chain of seeds can bridge a
// heading and a paragraph that merely share a few words): at a
// substitution of many words on both sides, or many words added on the
// later side. Words left out of the source (an omission, often behind an
// ellipsis) do not cut. Each part with MinWords equal words is a match.
func align(ta, tb []token, r region, opts Options) []Match {
	a := words(ta[r.i0:r.i1])
	b := words(tb[r.j0:r.j1])
	ops := Diff(a, b)
	var out []Match
	i, j := 0, 0 // word positions in a and b
	start := 0   // first op of the current part
	si, sj := 0, 0
	flush := func(end int) {
		part := ops[start:end]
		// Trim non-equal ops at either end of the part.
		for len(part) > 0 && part[0].Kind != Equal {
			si, sj = si+len(part[0].A), sj+len(part[0].B)
			part = part[1:]
		}
		ei, ej := si, sj
		matched := 0
		last := 0
		for n, op := range part {
			ei, ej = ei+len(op.A), ej+len(op.B)
			if op.Kind == Equal {
				matched += len(op.A)
				last = n
			}
		}
		if len(part) == 0 || matched < opts.MinWords {
			return
		}
		for n := len(part) - 1; n > last; n-- {
			ei, ej = ei-len(part[n].A), ej-len(part[n].B)
		}
		part = part[:last+1]
		out = append(out, Match{
			AStart: ta[r.i0+si].start, AEnd: ta[r.i0+ei-1].end,
			BStart: tb[r.j0+sj].start, BEnd: tb[r.j0+ej-1].end,
			Matched: matched, AWords: ei - si, BWords: ej - sj, Diff: append([]Op(nil), part...),
		})
	}
	for n, op := range ops {
		cut := (op.Kind == Substitute && len(op.A) >= 5 && len(op.B) >= 5) || (op.Kind == Insert && len(op.B) >= 10)
		if cut {
			flush(n)
			start = n + 1
			si, sj = i+len(op.A), j+len(op.B)
		}
		i, j = i+len(op.A), j+len(op.B)
	}
	flush(len(ops))
	return out
}

func words(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.word
	}
	return out
}
