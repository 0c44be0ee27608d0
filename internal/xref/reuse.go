package xref

import (
	"cmp"
	"slices"
)

// Options tune reuse detection.
type Options struct {
	N        int // words per shingle (default 4)
	MinWords int // shortest passage reported, in matched words (default 8)
	MaxGap   int // most words skipped between two matching runs (default 24)
	// MaxDocFreq drops shingles found in more documents than this (common
	// phrases); 0 means max(4, 2% of the documents).
	MaxDocFreq int
}

func (o *Options) defaults(ndocs int) {
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
		o.MaxDocFreq = max(4, ndocs/50)
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

type posting struct {
	doc, pos int32
}

type seed struct{ i, j int }

// Reuse finds the passages shared by any two of texts.
func Reuse(texts []Text, opts Options) []Match {
	opts.defaults(len(texts))
	toks := make([][]token, len(texts))
	index := map[uint64][]posting{}
	for d, t := range texts {
		toks[d] = tokenize(t.Text)
		for i := 0; i+opts.N <= len(toks[d]); i++ {
			h := shingle(toks[d], i, opts.N)
			index[h] = append(index[h], posting{int32(d), int32(i)})
		}
	}
	// Seeds per document pair, from shingles that are rare in the corpus.
	pairs := map[[2]int][]seed{}
	for _, ps := range index {
		if len(ps) < 2 {
			continue
		}
		if docFreq(ps) > opts.MaxDocFreq {
			continue
		}
		for x := 0; x < len(ps); x++ {
			for y := x + 1; y < len(ps); y++ {
				a, b := ps[x], ps[y]
				if a.doc == b.doc {
					continue
				}
				if a.doc > b.doc {
					a, b = b, a
				}
				k := [2]int{int(a.doc), int(b.doc)}
				pairs[k] = append(pairs[k], seed{int(a.pos), int(b.pos)})
			}
		}
	}
	var out []Match
	keys := make([][2]int, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	for _, k := range keys {
		ta, tb := toks[k[0]], toks[k[1]]
		for _, c := range chains(pairs[k], opts) {
			m, ok := align(ta, tb, c, opts)
			if !ok {
				continue
			}
			m.A, m.B = texts[k[0]].Doc, texts[k[1]].Doc
			m.AStart, m.AEnd = ta[c.i0].start, ta[c.i1-1].end
			m.BStart, m.BEnd = tb[c.j0].start, tb[c.j1-1].end
			out = append(out, m)
		}
	}
	return out
}

func docFreq(ps []posting) int {
	n, last := 0, int32(-1)
	for _, p := range ps { // postings are appended in document order
		if p.doc != last {
			n++
			last = p.doc
		}
	}
	return n
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

// align diffs the two sides of a region word by word and trims it to its
// first and last equal words.
func align(ta, tb []token, r region, opts Options) (Match, bool) {
	a := words(ta[r.i0:r.i1])
	b := words(tb[r.j0:r.j1])
	ops := Diff(a, b)
	matched := 0
	for _, op := range ops {
		if op.Kind == Equal {
			matched += len(op.A)
		}
	}
	if matched < opts.MinWords {
		return Match{}, false
	}
	return Match{Matched: matched, AWords: len(a), BWords: len(b), Diff: ops}, true
}

func words(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.word
	}
	return out
}
