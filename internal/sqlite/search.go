package sqlite

// Search over the passages (paragraphs and the text of quotations, notes
// and references).
//
// The driver could take a Go FTS5 tokenizer (fts5.RegisterCustom), but a
// table whose tokenizer lives in Go code cannot be read, checked or even
// dropped by any other SQLite (the sqlite3 shell, a backup tool, an older
// quellen), and the tokenizer would have to be registered on every
// connection of every pool. So the folding is done in Go before Put
// writes (Prepare, which an ingest runs on its workers; the passages and
// their keys come from internal/searchkey, as PostgreSQL's): beside each
// passage its text is stored as keys, one per word,
// space-separated (passages.keys), and FTS5 indexes that column with a
// plain tokenizer that only splits at spaces. A word's key is its Snowball
// stem in the passage's language (english, french, russian; Cyrillic
// words always Russian), lower-cased, without accents, Cyrillic
// transliterated to Latin, and the spellings of the hushing sounds
// (ch, sh, sch, tch, tsch, zh, shch...) and a few other letters that
// Russian names are rendered with in English, French and German brought
// to one letter, so that Сталин, Stalin and Staline have the key stalin.
// A query is folded the same way, each word under every language (or the
// lang: filter's), the alternatives joined with OR. The original text is
// kept for snippets: matches are found again in Go, word by word, and
// given as byte spans in the snippet. ~fragments are found by folding the
// passages a filter of trigrams leaves (grams.go).

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
)

var _ quellen.Searcher = (*Store)(nil)

// DefaultLimit is the page size of a search that names none; MaxLimit the
// largest page served.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// Reindex computes the search keys of passages stored without them (by a
// quellen of schema 1) and the fragment filters of versions stored
// without one (before schema 3). Search calls it on a writable store.
func (s *Store) Reindex(ctx context.Context) error {
	if s.readOnly {
		return nil
	}
	if err := s.reindexKeys(ctx); err != nil {
		return err
	}
	return s.reindexGrams(ctx)
}

// reindexGrams makes the fragment filter of each version without one,
// from its stored passages.
func (s *Store) reindexGrams(ctx context.Context) error {
	// Every filter has its version (a foreign key): the same counts (read
	// from indexes, not the versions' rows) mean nothing to do.
	var versions, filters int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM version_grams)`).
		Scan(&versions, &filters); err != nil || versions == filters {
		return err
	}
	for {
		var (
			vid   int64
			clean string
		)
		err := s.db.QueryRowContext(ctx, `SELECT v.id, coalesce(v.clean, v.source, CAST(v.raw AS TEXT)) FROM versions v
			WHERE NOT EXISTS (SELECT 1 FROM version_grams g WHERE g.version_id = v.id) LIMIT 1`).Scan(&vid, &clean)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		rows, err := s.db.QueryContext(ctx, `SELECT p.finding_id IS NOT NULL, p.clean_start, p.clean_end, `+passageText+`
			FROM passages p LEFT JOIN findings f ON f.id = p.finding_id WHERE p.version_id = ?`, vid)
		if err != nil {
			return err
		}
		var ps []searchkey.Passage
		for rows.Next() {
			var (
				finding bool
				r       searchkey.Passage
			)
			if err := rows.Scan(&finding, &r.Span.Start, &r.Span.End, &r.Text); err != nil {
				rows.Close()
				return err
			}
			r.Finding = -1
			if finding {
				r.Finding = 0 // a finding's: which one does not matter here
			}
			ps = append(ps, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO version_grams(version_id, filter) VALUES (?, ?)`,
			vid, gramFilter(clean, ps)); err != nil {
			return err
		}
	}
}

// reindexKeys computes the search keys of passages stored without them.
func (s *Store) reindexKeys(ctx context.Context) error {
	for {
		var vid int64
		err := s.db.QueryRowContext(ctx, `SELECT version_id FROM passages WHERE keys IS NULL LIMIT 1`).Scan(&vid)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.reindexVersion(ctx, vid); err != nil {
			return err
		}
	}
}

// reindexVersion computes the search columns of a version's passages.
func (s *Store) reindexVersion(ctx context.Context, vid int64) error {
	d, err := s.Document(ctx, vid)
	if err != nil {
		return err
	}
	byID := map[int64]*quellen.Finding{}
	for i := range d.Findings {
		byID[d.Findings[i].ID] = &d.Findings[i]
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.finding_id, p.clean_start, p.clean_end, p.lang, `+passageText+`
		FROM passages p LEFT JOIN findings f ON f.id = p.finding_id WHERE p.version_id = ?`, vid)
	if err != nil {
		return err
	}
	type row struct {
		id int64
		c  searchkey.Columns
	}
	var todo []row
	ix := searchkey.NewIndexer(d)
	defer ix.Done()
	for rows.Next() {
		var (
			id         int64
			fid        sql.NullInt64
			start, end int
			lang, text string
		)
		if err := rows.Scan(&id, &fid, &start, &end, &lang, &text); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, row{id: id, c: ix.Columns(quellen.Span{Start: start, End: end}, lang, text, byID[fid.Int64])})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	for _, r := range todo {
		if _, err := tx.ExecContext(ctx, `UPDATE passages SET keys = ?, speakers = ?, entities = ?, dates = ?,
			raw_start = ?, raw_end = ?, line = ? WHERE id = ?`,
			r.c.Keys, null(r.c.Speakers), null(r.c.Entities), null(r.c.Dates), r.c.Raw.Start, r.c.Raw.End, r.c.Line, r.id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ftsString quotes s as an FTS5 string: the only way user text reaches a
// MATCH expression.
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// termExpr returns the FTS5 expression of a word, phrase or prefix term
// over the keys column, or "" when the term has no word. Only quoted keys
// (letters and digits) reach the expression.
func termExpr(t quellen.Term, langs []string, m *searchkey.Matcher) string {
	var alts []string
	for _, a := range searchkey.TermAlts(t, langs, m) {
		e := ftsString(strings.Join(a.Keys, " "))
		if a.Prefix {
			e += "*"
		}
		alts = append(alts, e)
	}
	if len(alts) == 0 {
		return ""
	}
	return "{keys} : (" + strings.Join(alts, " OR ") + ")"
}

// nameExpr is the FTS5 expression matching a name in a column of name keys.
func nameExpr(col, name string) string {
	k := searchkey.NameKeys(name)
	if k == "" {
		return ""
	}
	return "{" + col + "} : " + ftsString(k)
}

// passageText is the text of passage p, whose finding is f: a finding's
// passage keeps a text of its own only once it is no longer the finding's
// (Put stores an empty text; Correct keeps the text the keys were made
// from).
const passageText = `coalesce(nullif(p.text, ''), f.text, '')`

// fragmentCond returns the SQL condition and arguments of a ~fragment: a
// passage holds it, folded. When every version has its filter of
// trigrams, only the passages of the versions whose filter may hold the
// fragment's are read (through the passages' index on their version);
// else every passage is.
func fragmentCond(frag string, not, filtered bool) (string, []any) {
	f := foldText(frag)
	contains := `quellen_contains(` + passageText + `, ?)`
	if not {
		return `NOT ` + contains, []any{f}
	}
	probe := gramProbe(f)
	if probe == nil || !filtered {
		return contains, []any{f}
	}
	return `p.version_id IN (SELECT version_id FROM version_grams WHERE quellen_grams(filter, ?)) AND ` + contains, []any{probe, f}
}

// filtered reports whether every version has its fragment filter (always,
// once a writable store has reindexed; not in a read-only store of
// versions stored before schema 3).
func (s *Store) filtered(ctx context.Context) (bool, error) {
	if !s.hasGrams {
		return false, nil
	}
	var versions, filters int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM version_grams)`).Scan(&versions, &filters)
	return versions == filters, err
}

// Search finds the passages of the latest version of each document that
// match q, best first. See quellen.SearchQuery and internal/query.
func (s *Store) Search(ctx context.Context, q quellen.SearchQuery) (*quellen.SearchResult, error) {
	if s.readOnly {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'passages_keys'`).Scan(&n); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: made by an older quellen, without a search index: open it once for writing (quellen ingest) to add one", s.path)
		}
	} else if err := s.Reindex(ctx); err != nil {
		return nil, fmt.Errorf("search: indexing: %w", err)
	}
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	q.Limit = min(q.Limit, MaxLimit)
	q.Offset = max(q.Offset, 0)
	res := &quellen.SearchResult{Query: q, Hits: []quellen.Hit{}}

	langs := searchkey.SearchLangs
	if q.Lang != "" {
		langs = []string{searchkey.BaseLang(q.Lang)}
	}
	m := searchkey.NewMatcher()
	var (
		match []string // ANDed FTS5 expressions on passages_keys
		where = []string{`v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`}
		args  []any
	)
	filtered := false
	if slices.ContainsFunc(q.Terms, func(t quellen.Term) bool { return t.Fragment && !t.Not }) {
		var err error
		if filtered, err = s.filtered(ctx); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	for _, t := range q.Terms {
		if t.Fragment {
			if strings.TrimSpace(t.Text) == "" {
				continue
			}
			c, a := fragmentCond(t.Text, t.Not, filtered)
			where, args = append(where, c), append(args, a...)
			if !t.Not {
				m.AddFragment(t.Text)
			}
			continue
		}
		e := termExpr(t, langs, m)
		switch {
		case e == "":
		case t.Not:
			where = append(where, `p.id NOT IN (SELECT rowid FROM passages_keys WHERE passages_keys MATCH ?)`)
			args = append(args, e)
		default:
			match = append(match, e)
		}
	}
	if q.Speaker != "" {
		e := nameExpr("speakers", q.Speaker)
		if e == "" {
			return res, nil
		}
		match = append(match, e)
		where = append(where, `p.kind = 'quote'`)
	}
	if q.Entity != "" {
		e := nameExpr("entities", q.Entity)
		if e == "" {
			return res, nil
		}
		match = append(match, e)
	}
	if len(q.Kinds) > 0 {
		where = append(where, `p.kind IN (`+strings.TrimSuffix(strings.Repeat("?,", len(q.Kinds)), ",")+`)`)
		for _, k := range q.Kinds {
			args = append(args, string(k))
		}
	}
	if q.Lang != "" {
		where = append(where, `(p.lang = ? OR p.lang LIKE ? ESCAPE '\')`)
		l := searchkey.BaseLang(q.Lang)
		args = append(args, l, strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(l)+"-%")
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
		ids, _ := json.Marshal(docIDs.IDs())
		where = append(where, `v.id IN (SELECT value FROM json_each(?))`)
		args = append(args, string(ids))
	}
	if lo != "" || hi != "" {
		ids, _ := json.Marshal(docIDs.Dated())
		where = append(where, `(v.id IN (SELECT value FROM json_each(?)) OR EXISTS (SELECT 1 FROM json_each(p.dates) j
			WHERE json_extract(j.value, '$[0]') <= ? AND json_extract(j.value, '$[1]') >= ?))`)
		args = append(args, string(ids), hi, lo)
	}

	from := `FROM passages p JOIN versions v ON v.id = p.version_id JOIN documents d ON d.id = v.document_id
		LEFT JOIN findings f ON f.id = p.finding_id`
	score := `0.0`
	var fargs []any
	if len(match) > 0 {
		from = `FROM passages_keys k JOIN passages p ON p.id = k.rowid JOIN versions v ON v.id = p.version_id
			JOIN documents d ON d.id = v.document_id LEFT JOIN findings f ON f.id = p.finding_id`
		where = append([]string{`passages_keys MATCH ?`}, where...)
		fargs = append(fargs, strings.Join(match, " AND "))
		score = `-bm25(passages_keys, 1.0, 0.0, 0.0)`
	}
	all := append(fargs, args...)
	cond := ` WHERE ` + strings.Join(where, ` AND `)
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) `+from+cond, all...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if res.Total == 0 || q.Offset >= res.Total {
		return res, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, v.id, d.name, v.title, p.kind, coalesce(p.finding_id, 0),
		p.clean_start, p.clean_end, coalesce(p.raw_start, f.raw_start, p.clean_start), coalesce(p.raw_end, f.raw_end, p.clean_end),
		coalesce(p.line, f.line, 0), p.lang, `+passageText+`, `+score+` AS score `+from+cond+`
		ORDER BY score DESC, p.id LIMIT ? OFFSET ?`, append(all, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h    quellen.Hit
			pid  int64
			kind string
			text string
		)
		if err := rows.Scan(&pid, &h.DocID, &h.Doc, &h.Title, &kind, &h.FindingID, &h.Clean.Start, &h.Clean.End,
			&h.Raw.Start, &h.Raw.End, &h.Line, &h.Lang, &text, &h.Score); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if kind != "paragraph" {
			h.Kind = quellen.Kind(kind)
		}
		h.Snippet, h.Highlights = searchkey.Snippet(text, h.Lang, m)
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}

// searchDocs applies the document filters (searchkey.DocFilter) to the
// latest versions.
func (s *Store) searchDocs(ctx context.Context, filter searchkey.DocFilter) (searchkey.DocSet, error) {
	var out searchkey.DocSet
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, d.name, v.meta FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`)
	if err != nil {
		return out, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id         int64
			name, meta string
			md         quellen.Metadata
		)
		if err := rows.Scan(&id, &name, &meta); err != nil {
			return out, fmt.Errorf("search: %w", err)
		}
		_ = json.Unmarshal([]byte(meta), &md)
		out.Add(filter, id, name, md)
	}
	return out, rows.Err()
}
