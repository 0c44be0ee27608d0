package sqlite

// ~fragments: a substring of a passage, found without regard to case or
// accents. Each version keeps a Bloom filter of the trigrams of its
// passages' folded text (version_grams); a fragment's trigrams rule out
// every version whose filter lacks one of them, and the passages of the
// others are read and folded to see whether they hold the fragment
// (quellen_contains). The filter costs the writer one row per document,
// where an FTS5 trigram table cost it a third of the database and most of
// an ingest's time; a search reads the filters of every version, about an
// eighth of the corpus's size.
//
// Text is folded rune by rune (fold: lower case, accents removed, as
// searchkey.Fold), so that the folding of a passage inside a paragraph is
// a piece of the paragraph's folding, and a finding whose text is a piece
// of a paragraph adds no trigram of its own.

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ncruces/go-sqlite3"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
	"golang.org/x/text/unicode/norm"
)

// foldTableSize covers Latin, Greek, Cyrillic and general punctuation.
const foldTableSize = 0x3000

// foldTable holds the folding of the runes below foldTableSize.
var foldTable = sync.OnceValue(func() []string {
	t := make([]string, foldTableSize)
	for r := range rune(foldTableSize) {
		t[r] = foldSlow(r)
	}
	return t
})

// foldSlow folds one rune: its canonical decomposition without marks, in
// lower case.
func foldSlow(r rune) string {
	if r < utf8.RuneSelf {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// foldRune returns the folding of r.
func foldRune(r rune) string {
	if r >= 0 && r < foldTableSize {
		return foldTable()[r]
	}
	return foldSlow(r)
}

// appendFold appends the folding of text to dst.
func appendFold(dst, text []byte) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		dst = append(dst, foldRune(r)...)
		i += n
	}
	return dst
}

// foldText is the folding of s, as a string.
func foldText(s string) string { return string(appendFold(nil, []byte(s))) }

// addText adds the trigrams of text, folded rune by rune.
func addText(s *searchkey.GramSet, text string) {
	var a, b rune = -1, -1
	add := func(r rune) {
		if a >= 0 {
			s.Add(searchkey.GramHash(a, b, r))
		}
		a, b = b, r
	}
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			add(r)
		default:
			for _, f := range foldRune(r) {
				add(f)
			}
		}
	}
}

// The filter: a byte of format, a byte of probes, then the bits.
const (
	gramFormat  = 1
	gramProbes  = 6  // bits set per trigram
	gramBitsPer = 10 // bits per distinct trigram: about 1% false positives each
)

// gramFilter builds the fragment filter of a document's passages. A
// finding's passage that is the clean text under its span, inside a
// paragraph, adds nothing: its trigrams are the paragraph's.
func gramFilter(clean string, rows []searchkey.Passage) []byte {
	var paras []quellen.Span
	for _, r := range rows {
		if r.Finding < 0 {
			paras = append(paras, r.Span)
		}
	}
	slices.SortFunc(paras, func(a, b quellen.Span) int { return a.Start - b.Start })
	inParagraph := func(sp quellen.Span) bool {
		i := sort.Search(len(paras), func(i int) bool { return paras[i].Start > sp.Start })
		return i > 0 && paras[i-1].End >= sp.End
	}
	boundary := func(off int) bool { return off == len(clean) || utf8.RuneStart(clean[off]) }
	var set searchkey.GramSet
	for _, r := range rows {
		if r.Finding >= 0 && r.Span.Start >= 0 && r.Span.End <= len(clean) && r.Span.Start <= r.Span.End &&
			boundary(r.Span.Start) && boundary(r.Span.End) && clean[r.Span.Start:r.Span.End] == r.Text && inParagraph(r.Span) {
			continue
		}
		addText(&set, r.Text)
	}
	return newGramFilter(set.Hashes())
}

// newGramFilter makes the filter of distinct trigram hashes.
func newGramFilter(hs []uint64) []byte {
	n := (len(hs)*gramBitsPer + 7) / 8
	f := make([]byte, 2+n)
	f[0], f[1] = gramFormat, gramProbes
	bits := f[2:]
	m := uint64(len(bits)) * 8
	for _, h := range hs {
		h1, h2 := h&0xffffffff, h>>32|1
		for i := range uint64(gramProbes) {
			bit := (h1 + i*h2) % m
			bits[bit/8] |= 1 << (bit % 8)
		}
	}
	return f
}

// gramProbe encodes the trigram hashes of a fragment as the second
// argument of quellen_grams; nil when the fragment has no trigram.
func gramProbe(frag string) []byte {
	var set searchkey.GramSet
	addText(&set, frag)
	if set.Len() == 0 {
		return nil
	}
	b := make([]byte, 0, 8*set.Len())
	for _, h := range set.Hashes() {
		if h == 0 {
			continue
		}
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	return b
}

// gramsMayHold reports whether a filter may hold every trigram of a
// probe: false only when one is surely absent. A missing filter (NULL) or
// one of an unknown format may hold anything.
func gramsMayHold(filter, probe []byte) bool {
	if len(filter) < 2 || filter[0] != gramFormat {
		return true
	}
	k, bits := uint64(filter[1]), filter[2:]
	m := uint64(len(bits)) * 8
	for ; len(probe) >= 8; probe = probe[8:] {
		if m == 0 {
			return false // no trigram at all
		}
		h := binary.LittleEndian.Uint64(probe)
		h1, h2 := h&0xffffffff, h>>32|1
		for i := range k {
			bit := (h1 + i*h2) % m
			if bits[bit/8]&(1<<(bit%8)) == 0 {
				return false
			}
		}
	}
	return true
}

// registerFunctions adds FTS5 and the functions of fragment search to a
// connection. They are only called by queries, never by the schema, so
// that any SQLite can still read a quellen database.
func registerFunctions(c *sqlite3.Conn) error {
	if err := fts5Register(c); err != nil {
		return err
	}
	const flags = sqlite3.DETERMINISTIC | sqlite3.INNOCUOUS
	// quellen_contains(text, fragment): whether text holds the fragment,
	// both folded. One connection runs one statement at a time, so the
	// buffers are its own.
	var text, frag []byte
	err := c.CreateFunction("quellen_contains", 2, flags, func(ctx sqlite3.Context, arg ...sqlite3.Value) {
		text = appendFold(text[:0], arg[0].RawText())
		frag = appendFold(frag[:0], arg[1].RawText())
		ctx.ResultBool(bytes.Contains(text, frag))
	})
	if err != nil {
		return err
	}
	// quellen_grams(filter, probe): whether a version's filter may hold
	// every trigram of a fragment.
	return c.CreateFunction("quellen_grams", 2, flags, func(ctx sqlite3.Context, arg ...sqlite3.Value) {
		ctx.ResultBool(gramsMayHold(arg[0].RawBlob(), arg[1].RawBlob()))
	})
}
