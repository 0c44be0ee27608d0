package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/searchkey"
)

var (
	_ ingest.Preparer  = (*Store)(nil)
	_ ingest.RawReader = (*Store)(nil)
)

// Prepared is a document made ready to be stored: everything Put works
// out without the database (the JSON of its metadata and attributes, the
// rows of its findings, its passages with their search vectors, the
// fragment filter of the version), so that the analysis workers of an
// ingest do it in parallel and the single writer only writes. Prepare
// makes one; PutPrepared stores it. An unanalysed document
// (quellen.Document.Unanalysed) has neither passages nor filter.
type Prepared struct {
	d        *quellen.Document
	meta     string
	source   []byte  // the addressable text, or nil (NULL) when it is Raw
	clean    []byte  // the repaired text, or nil when it is Source
	findings [][]any // the COPY rows of the findings, id and version_id left to fill
	passages passageRows
	grams    []byte // the fragment filter (grams.go), nil when unanalysed
}

// passageRows are the columns of a version's passages, as unnest reads them.
type passageRows struct {
	finding                   []int // index of the finding, or -1
	fids                      []*int64
	kinds, langs, cfgs, texts []string
	starts, ends, rawStarts   []int32
	rawEnds, lines            []int32
	keys, speakers, entities  []pgtype.TSVector
	dates                     []*string
}

// Prepare does the work of storing d that needs no database. It may run on
// any goroutine, many at once; it fills d.SHA256 when empty and the status
// of findings that have none, and changes nothing else. Corrections are
// applied by PutPrepared, which prepares again the rare document that has
// some.
func Prepare(d *quellen.Document) (*Prepared, error) {
	if d.SHA256 == "" {
		sum := sha256.Sum256(d.Raw)
		d.SHA256 = hex.EncodeToString(sum[:])
	}
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return nil, fmt.Errorf("%s: metadata: %w", d.Name, err)
	}
	p := &Prepared{d: d, meta: string(meta)}
	if d.Source != string(d.Raw) {
		p.source = []byte(d.Source)
	}
	if d.Clean != d.Source {
		p.clean = []byte(d.Clean)
	}
	if err := p.prepareFindings(); err != nil {
		return nil, err
	}
	return p, nil
}

// prepareFindings makes the rows of the findings, the passages and the
// fragment filter; the rows of the findings only when the document is
// unanalysed (what makes a store-only ingest fast).
func (p *Prepared) prepareFindings() error {
	d := p.d
	p.findings = make([][]any, len(d.Findings))
	for i := range d.Findings {
		f := &d.Findings[i]
		if f.Status == "" {
			f.Status = quellen.StatusAutomatic
		}
		attrs, err := marshalAttrs(f.Attrs)
		if err != nil {
			return fmt.Errorf("%s: finding %d (%s): %w", d.Name, i, f.Kind, err)
		}
		var a any
		if attrs != nil {
			a = string(attrs)
		}
		text, textBytes := textColumns(f.Text)
		p.findings[i] = []any{nil, nil, i, string(f.Kind), f.Clean.Start, f.Clean.End, f.Raw.Start, f.Raw.End,
			f.Line, f.EndLine, text, textBytes, a, f.Extractor, string(f.Status)}
	}
	p.passages, p.grams = passageRows{}, nil
	if d.Unanalysed {
		return nil
	}
	var r passageRows
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, ps := range searchkey.Passages(d) {
		r.finding = append(r.finding, ps.Finding)
		r.kinds = append(r.kinds, ps.Kind)
		r.starts = append(r.starts, int32(ps.Span.Start))
		r.ends = append(r.ends, int32(ps.Span.End))
		r.rawStarts = append(r.rawStarts, int32(ps.Raw.Start))
		r.rawEnds = append(r.rawEnds, int32(ps.Raw.End))
		r.lines = append(r.lines, int32(ps.Line))
		r.langs = append(r.langs, ps.Lang)
		r.cfgs = append(r.cfgs, Config(ps.Lang))
		r.texts = append(r.texts, pgText(ps.Text))
		r.keys = append(r.keys, keyVector(ps.Keys, true))
		r.speakers = append(r.speakers, keyVector(ps.Speakers, false))
		r.entities = append(r.entities, keyVector(ps.Entities, false))
		r.dates = append(r.dates, str(ps.Dates))
	}
	r.fids = make([]*int64, len(r.finding))
	p.passages = r
	p.grams = gramFilter(r.texts)
	return nil
}

// tsvector limits (PostgreSQL's tsvector.h).
const (
	maxLexeme    = 2047  // bytes of a lexeme (MAXSTRLEN): words as long or longer are left out, as to_tsvector does
	maxPosition  = 16383 // positions beyond are this one (MAXENTRYPOS - 1)
	maxPositions = 255   // positions kept per lexeme, as to_tsvector keeps them (MAXNUMPOS - 1)
)

// keyVector is to_tsvector('simple', keys) of space-separated keys (letters
// and digits, as searchkey makes them), worked out here: each key a lexeme
// at its 1-based position. An empty keys is an empty vector, or NULL when
// empty is false.
func keyVector(keys string, empty bool) pgtype.TSVector {
	if keys == "" {
		return pgtype.TSVector{Valid: empty}
	}
	// Two passes: number the lexemes and count their positions, then lay
	// the positions out in one block.
	index := map[string]int32{}
	var (
		words []string
		count []int32
		ids   []int32 // per word kept, its lexeme's number
	)
	for k := range strings.FieldsSeq(keys) {
		if len(k) >= maxLexeme {
			ids = append(ids, -1)
			continue
		}
		id, ok := index[k]
		if !ok {
			id = int32(len(words))
			index[k] = id
			words = append(words, k)
			count = append(count, 0)
		}
		count[id]++
		ids = append(ids, id)
	}
	start := make([]int32, len(words)+1)
	for i, c := range count {
		start[i+1] = start[i] + min(c, maxPositions)
	}
	block := make([]pgtype.TSVectorPosition, start[len(words)])
	fill := slices.Clone(start[:len(words)])
	for n, id := range ids {
		if id < 0 {
			continue
		}
		at := uint16(min(n+1, maxPosition))
		f := fill[id]
		if f == start[id+1] || f > start[id] && block[f-1].Position == at {
			continue // enough positions, or the last position again
		}
		block[f] = pgtype.TSVectorPosition{Position: at}
		fill[id]++
	}
	order := make([]int32, len(words))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(words[a], words[b]) })
	v := pgtype.TSVector{Valid: true, Lexemes: make([]pgtype.TSVectorLexeme, len(words))}
	for i, id := range order {
		v.Lexemes[i] = pgtype.TSVectorLexeme{Word: words[id], Positions: block[start[id]:fill[id]:fill[id]]}
	}
	return v
}

// Prepare is the package's Prepare, as a method: what an ingest's workers
// call (ingest.Preparer). The function it returns stores the document as
// Put does, committing without waiting for the server to flush it
// (synchronous_commit off, see docs/scaling.md).
func (s *Store) Prepare(d *quellen.Document) (put func(context.Context) (created bool, err error), err error) {
	if err := s.canPut(d); err != nil {
		return nil, err
	}
	p, err := Prepare(d)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (bool, error) { return s.putPrepared(ctx, p, false) }, nil
}

// PutPrepared stores a prepared document as Put does, in one transaction.
func (s *Store) PutPrepared(ctx context.Context, p *Prepared) (bool, error) {
	return s.putPrepared(ctx, p, true)
}
