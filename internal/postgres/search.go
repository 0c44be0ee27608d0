package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
)

// DefaultLimit is the page size of a search that names none; MaxLimit the
// largest page served (as internal/sqlite).
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// Search finds the passages of the latest version of each document that
// match q, best first, as internal/sqlite does: words, phrases and prefixes
// on the passages' search keys (GIN over a tsvector), ~fragments as
// substrings (ILIKE, on the versions whose trigram filter may hold them: grams.go), filters on speakers, entities, kinds,
// languages, authors, names and dates. Every value reaches SQL as a
// parameter; tsqueries are built from quoted keys only.
func (s *Store) Search(ctx context.Context, q quellen.SearchQuery) (*quellen.SearchResult, error) {
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	q.Limit = min(q.Limit, MaxLimit)
	q.Offset = max(q.Offset, 0)
	res := &quellen.SearchResult{Query: q, Hits: []quellen.Hit{}}

	langs := searchkey.SearchLangs
	if q.Lang != "" {
		langs = []string{baseLang(q.Lang)}
	}
	m := searchkey.NewMatcher()
	var (
		match []string // ANDed tsqueries on keys
		where = []string{`v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`}
		args  []any
		frags []string // the fragments every passage must hold
	)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for _, t := range q.Terms {
		if t.Fragment {
			if strings.TrimSpace(t.Text) == "" {
				continue
			}
			c := `p.text ILIKE ` + arg("%"+likeEscape(t.Text)+"%")
			if t.Not {
				c = "NOT " + c
			} else {
				m.AddFragment(t.Text)
				frags = append(frags, t.Text)
			}
			where = append(where, c)
			continue
		}
		e := termExpr(t, langs, m)
		switch {
		case e == "":
		case t.Not:
			where = append(where, `NOT p.keys @@ `+arg(e)+`::tsquery`)
		default:
			match = append(match, e)
		}
	}
	if q.Speaker != "" {
		e := nameQuery(q.Speaker)
		if e == "" {
			return res, nil
		}
		where = append(where, `p.kind = 'quote'`, `p.speakers @@ `+arg(e)+`::tsquery`)
	}
	if q.Entity != "" {
		e := nameQuery(q.Entity)
		if e == "" {
			return res, nil
		}
		where = append(where, `p.entities @@ `+arg(e)+`::tsquery`)
	}
	if len(q.Kinds) > 0 {
		kinds := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			kinds[i] = string(k)
		}
		where = append(where, `p.kind = ANY(`+arg(kinds)+`::text[])`)
	}
	if q.Lang != "" {
		l := baseLang(q.Lang)
		where = append(where, `(p.lang = `+arg(l)+` OR p.lang LIKE `+arg(likeEscape(l)+"-%")+`)`)
	}
	lo, hi := searchkey.DateRange(q)
	var docIDs searchkey.DocSet
	if filter := searchkey.NewDocFilter(q); filter.Needed() {
		var err error
		if docIDs, err = s.searchDocs(ctx, filter); err != nil {
			return nil, err
		}
	}
	if q.Author != "" || q.Doc != "" {
		where = append(where, `v.id = ANY(`+arg(docIDs.IDs())+`::bigint[])`)
	}
	if lo != "" || hi != "" {
		where = append(where, `(v.id = ANY(`+arg(docIDs.Dated())+`::bigint[]) OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.dates) j
			WHERE (j->>0) <= `+arg(hi)+` COLLATE "C" AND (j->>1) >= `+arg(lo)+` COLLATE "C"))`)
	}
	if h1, h2 := gramProbe(frags); len(h1) > 0 {
		// Only the versions whose trigram filter may hold the fragments,
		// or that have none (stored before schema 3).
		ids, err := s.gramVersions(ctx, h1, h2)
		if err != nil {
			return nil, err
		}
		where = append(where, `v.id = ANY(`+arg(ids)+`::bigint[])`)
	}
	score := `0::real`
	if len(match) > 0 {
		e := arg(strings.Join(match, " & ")) + `::tsquery`
		where = append(where, `p.keys @@ `+e)
		score = `ts_rank(p.keys, ` + e + `)`
	}
	from := `FROM passages p JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
		WHERE ` + strings.Join(where, ` AND `)
	if err := s.pool.QueryRow(ctx, `SELECT count(*) `+from, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if res.Total == 0 || q.Offset >= res.Total {
		return res, nil
	}
	rows, err := s.pool.Query(ctx, fmt.Sprintf(`SELECT v.id, d.name, v.title, p.kind, coalesce(p.finding_id, 0),
		p.clean_start, p.clean_end, p.raw_start, p.raw_end, p.line, p.lang, p.text, %s AS score %s
		ORDER BY score DESC, p.id LIMIT %d OFFSET %d`, score, from, q.Limit, q.Offset), args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h     quellen.Hit
			kind  string
			text  string
			score float32
		)
		if err := rows.Scan(&h.DocID, &h.Doc, &h.Title, &kind, &h.FindingID, &h.Clean.Start, &h.Clean.End,
			&h.Raw.Start, &h.Raw.End, &h.Line, &h.Lang, &text, &score); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if kind != "paragraph" {
			h.Kind = quellen.Kind(kind)
		}
		h.Score = float64(score)
		h.Snippet, h.Highlights = searchkey.Snippet(text, h.Lang, m)
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}

// gramVersions returns the latest versions whose fragment filter may hold
// every trigram of the probe, or that have no filter (stored before
// schema 3) but were analysed (an unanalysed version has no passages).
func (s *Store) gramVersions(ctx context.Context, h1, h2 []int64) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT v.id FROM versions v LEFT JOIN version_grams g ON g.version_id = v.id
		WHERE v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)
			AND ((g.filter IS NULL AND `+s.analysed()+`) OR `+gramsSQL("$1", "$2")+`)`, h1, h2)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if ids == nil {
		ids = []int64{} // an empty list restricts to nothing
	}
	return ids, nil
}

// searchDocs applies the document filters (searchkey.DocFilter) to the
// latest versions, as internal/sqlite does.
func (s *Store) searchDocs(ctx context.Context, filter searchkey.DocFilter) (searchkey.DocSet, error) {
	var out searchkey.DocSet
	rows, err := s.pool.Query(ctx, `SELECT v.id, d.name, v.meta FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`)
	if err != nil {
		return out, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   int64
			name string
			meta []byte
			md   quellen.Metadata
		)
		if err := rows.Scan(&id, &name, &meta); err != nil {
			return out, fmt.Errorf("search: %w", err)
		}
		_ = json.Unmarshal(meta, &md)
		out.Add(filter, id, name, md)
	}
	return out, rows.Err()
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
