package postgres

// ~fragments are found with ILIKE (case-insensitive substrings). Each
// version keeps a Bloom filter of the trigrams of its passages' text
// (version_grams), with case folded as ILIKE folds it, so that a
// fragment's trigrams rule out every version whose filter lacks one, in
// SQL (get_bit), before ILIKE reads the passages of the others. The filter
// costs the writer one row per version, where a pg_trgm GIN index over
// every passage cost it a third of an ingest's time.
//
// Case is folded rune by rune to the least rune of its Unicode case
// orbit (unicode.SimpleFold), which is coarser than any lower(): two
// strings that ILIKE finds equal fold alike, so a filter never rules out
// a version that holds the fragment (it may fail to rule one out: about
// 1% per trigram).

import (
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/searchkey"
)

const (
	gramProbes  = 6  // bits set per trigram
	gramBitsPer = 10 // bits per distinct trigram: about 1% false positives each
)

// foldTableSize covers Latin, Greek, Cyrillic and general punctuation.
const foldTableSize = 0x3000

var foldTable = sync.OnceValue(func() []rune {
	t := make([]rune, foldTableSize)
	for r := range rune(foldTableSize) {
		t[r] = foldSlow(r)
	}
	return t
})

// foldSlow is the least rune of r's case orbit.
func foldSlow(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A' // the least of {A, a}
		}
		return r
	case r < foldTableSize:
		return foldTable()[r]
	}
	return foldSlow(r)
}

// addText adds the trigrams of text, folded rune by rune.
func addText(s *searchkey.GramSet, text string) {
	a, b := rune(-1), rune(-1)
	for _, r := range text {
		r = foldRune(r)
		if a >= 0 {
			s.Add(searchkey.GramHash(a, b, r))
		}
		a, b = b, r
	}
}

// probeBits are the two 32-bit halves of a trigram's hash: its bits in a
// filter of m bits are (h1 + i·h2) mod m for i below gramProbes, which
// SQL computes in bigint without overflow.
func probeBits(h uint64) (h1, h2 int64) {
	return int64(h & 0xffffffff), int64(h>>32 | 1)
}

// gramFilter is the filter of the trigrams of texts.
func gramFilter(texts []string) []byte {
	var set searchkey.GramSet
	for _, t := range texts {
		addText(&set, t)
	}
	hs := set.Hashes()
	bits := make([]byte, (len(hs)*gramBitsPer+7)/8)
	m := int64(len(bits)) * 8
	for _, h := range hs {
		h1, h2 := probeBits(h)
		for i := range int64(gramProbes) {
			bit := (h1 + i*h2) % m
			bits[bit/8] |= 1 << (bit % 8)
		}
	}
	return bits
}

// gramProbe returns the halves of the trigram hashes of the fragments
// (probeBits), or nothing when they have no trigram.
func gramProbe(frags []string) (h1s, h2s []int64) {
	var set searchkey.GramSet
	for _, f := range frags {
		addText(&set, f)
	}
	for _, h := range set.Hashes() {
		h1, h2 := probeBits(h)
		h1s, h2s = append(h1s, h1), append(h2s, h2)
	}
	return h1s, h2s
}

// gramsMayHold reports whether a filter may hold every probed trigram, as
// the SQL of Search does (for tests).
func gramsMayHold(bits []byte, h1s, h2s []int64) bool {
	m := int64(len(bits)) * 8
	for j := range h1s {
		if m == 0 {
			return false
		}
		for i := range int64(gramProbes) {
			bit := (h1s[j] + i*h2s[j]) % m
			if bits[bit/8]&(1<<(bit%8)) == 0 {
				return false
			}
		}
	}
	return true
}

// gramsSQL is the condition on a filter (g.filter) that it may hold every
// trigram of a probe ($h1, $h2 bigint[]).
func gramsSQL(h1, h2 string) string {
	return `length(g.filter) > 0 AND NOT EXISTS (SELECT 1 FROM unnest(` + h1 + `::bigint[], ` + h2 + `::bigint[]) AS p(h1, h2),
		generate_series(0, ` + strconv.Itoa(gramProbes-1) + `) AS i
		WHERE get_bit(g.filter, ((p.h1 + i * p.h2) % (8 * length(g.filter)::bigint))::int) = 0)`
}
