package sqlite

// Search over the passages (paragraphs and the text of quotations, notes
// and references).
//
// The driver could take a Go FTS5 tokenizer (fts5.RegisterCustom), but a
// table whose tokenizer lives in Go code cannot be read, checked or even
// dropped by any other SQLite (the sqlite3 shell, a backup tool, an older
// quellen), and the tokenizer would have to be registered on every
// connection of every pool. So the folding is done in Go at Put time
// instead: beside each passage its text is stored as keys, one per word,
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
// given as byte spans in the snippet. ~fragments use a trigram FTS5 table
// over the original text.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/translit"
)

var _ quellen.Searcher = (*Store)(nil)

// DefaultLimit is the page size of a search that names none; MaxLimit the
// largest page served.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// passageExtra is what Put stores beside a passage for search.
type passageExtra struct {
	keys, speakers, entities, dates any
	raw                             quellen.Span
	line                            int
}

// passageIndexer computes the search columns of a document's passages.
type passageIndexer struct {
	d        *quellen.Document
	newlines []int                             // offsets of '\n' in Source
	langs    map[quellen.Span]*quellen.Finding // language findings by clean span
	anchors  []*quellen.Finding                // findings by clean start, for raw offsets
	entities []*quellen.Finding
	dates    []*quellen.Finding
	cache    map[string]map[string]string // lang: word: key
}

func newPassageIndexer(d *quellen.Document) *passageIndexer {
	ix := &passageIndexer{d: d, langs: map[quellen.Span]*quellen.Finding{}, cache: map[string]map[string]string{}}
	for i := 0; i < len(d.Source); i++ {
		if d.Source[i] == '\n' {
			ix.newlines = append(ix.newlines, i)
		}
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		if f.Clean.Start < 0 || f.Clean.End < f.Clean.Start || f.Status == quellen.StatusRejected {
			continue
		}
		ix.anchors = append(ix.anchors, f)
		switch f.Kind {
		case quellen.KindLanguage:
			ix.langs[f.Clean] = f
		case quellen.KindEntity:
			ix.entities = append(ix.entities, f)
		case quellen.KindDate:
			ix.dates = append(ix.dates, f)
		}
	}
	byStart := func(a, b *quellen.Finding) int { return a.Clean.Start - b.Clean.Start }
	slices.SortStableFunc(ix.anchors, byStart)
	slices.SortStableFunc(ix.entities, byStart)
	slices.SortStableFunc(ix.dates, byStart)
	return ix
}

// inside returns the findings of fs (sorted by clean start) within span.
func inside(fs []*quellen.Finding, span quellen.Span) []*quellen.Finding {
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Clean.Start >= span.Start })
	var out []*quellen.Finding
	for ; i < len(fs) && fs[i].Clean.Start < span.End; i++ {
		if fs[i].Clean.End <= span.End {
			out = append(out, fs[i])
		}
	}
	return out
}

// lineAt is the 1-based line of a Source offset.
func (ix *passageIndexer) lineAt(off int) int {
	return sort.SearchInts(ix.newlines, off) + 1
}

// extra computes the search columns of one passage; f is its finding, or
// nil for a paragraph.
func (ix *passageIndexer) extra(span quellen.Span, lang, text string, f *quellen.Finding) passageExtra {
	cache := ix.cache[lang]
	if cache == nil {
		cache = map[string]string{}
		ix.cache[lang] = cache
	}
	e := passageExtra{keys: textKeys(text, lang, cache)}
	if f != nil && f.Kind == quellen.KindQuote {
		if sp := f.Attrs.String("speaker"); sp != "" {
			e.speakers = nameKeys(sp)
		}
	}
	var ents []string
	for _, ef := range inside(ix.entities, span) {
		name := ef.Attrs.String("canonical")
		if name == "" {
			name = ef.Text
		}
		if k := nameKeys(name); k != "" && !slices.Contains(ents, k) {
			ents = append(ents, k)
		}
	}
	if len(ents) > 0 {
		e.entities = strings.Join(ents, " ")
	}
	var ds [][2]string
	for _, df := range inside(ix.dates, span) {
		from, to := df.Attrs.String("from"), df.Attrs.String("to")
		if from == "" {
			continue
		}
		if to == "" {
			to = from
		}
		ds = append(ds, [2]string{from, to + dateHigh})
	}
	if len(ds) > 0 {
		b, _ := json.Marshal(ds)
		e.dates = string(b)
	}
	switch lf := ix.langs[span]; {
	case f != nil:
		e.raw, e.line = f.Raw, f.Line
	case lf != nil:
		e.raw, e.line = lf.Raw, lf.Line
	case ix.d.Clean == ix.d.Source:
		e.raw, e.line = span, ix.lineAt(span.Start)
	default:
		// The nearest finding before the passage carries the offset
		// between the clean and the raw text.
		delta := 0
		i := sort.Search(len(ix.anchors), func(i int) bool { return ix.anchors[i].Clean.Start > span.Start })
		if i > 0 {
			a := ix.anchors[i-1]
			delta = a.Raw.Start - a.Clean.Start
		}
		clamp := func(n int) int { return min(max(n+delta, 0), len(ix.d.Source)) }
		e.raw = quellen.Span{Start: clamp(span.Start), End: clamp(span.End)}
		e.line = ix.lineAt(e.raw.Start)
	}
	return e
}

// dateHigh is appended to a date's upper bound so that a partial date
// (1945) sorts after every date inside it (1945-06-01).
const dateHigh = "~"

// indexPassages adds a version's passages to the search tables, in one
// statement each.
func indexPassages(ctx context.Context, tx *sql.Tx, versionID int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_keys(rowid, keys, speakers, entities)
		SELECT id, keys, speakers, entities FROM passages WHERE version_id = ? AND keys IS NOT NULL ORDER BY id`, versionID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO passages_tri(rowid, text)
		SELECT id, text FROM passages WHERE version_id = ? ORDER BY id`, versionID)
	return err
}

// Reindex computes the search keys of passages stored without them (by a
// quellen of schema 1). Search calls it on a writable store.
func (s *Store) Reindex(ctx context.Context) error {
	if s.readOnly {
		return nil
	}
	for {
		var vid int64
		err := s.db.QueryRowContext(ctx, `SELECT version_id FROM passages WHERE keys IS NULL LIMIT 1`).Scan(&vid)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		d, err := s.Document(ctx, vid)
		if err != nil {
			return err
		}
		byID := map[int64]*quellen.Finding{}
		for i := range d.Findings {
			byID[d.Findings[i].ID] = &d.Findings[i]
		}
		ix := newPassageIndexer(d)
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, finding_id, clean_start, clean_end, lang, text FROM passages WHERE version_id = ?`, vid)
		if err != nil {
			tx.Rollback()
			return err
		}
		type row struct {
			id int64
			e  passageExtra
		}
		var todo []row
		for rows.Next() {
			var (
				id         int64
				fid        sql.NullInt64
				start, end int
				lang, text string
			)
			if err := rows.Scan(&id, &fid, &start, &end, &lang, &text); err != nil {
				rows.Close()
				tx.Rollback()
				return err
			}
			todo = append(todo, row{id: id, e: ix.extra(quellen.Span{Start: start, End: end}, lang, text, byID[fid.Int64])})
		}
		rows.Close()
		for _, r := range todo {
			if _, err := tx.ExecContext(ctx, `UPDATE passages SET keys = ?, speakers = ?, entities = ?, dates = ?,
				raw_start = ?, raw_end = ?, line = ? WHERE id = ?`,
				r.e.keys, r.e.speakers, r.e.entities, r.e.dates, r.e.raw.Start, r.e.raw.End, r.e.line, r.id); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
}

// ftsString quotes s as an FTS5 string: the only way user text reaches a
// MATCH expression.
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// searchLangs are the languages a query word is folded under when the
// query names none: each stemmer, and no stemmer.
var searchLangs = []string{"en", "fr", "ru", ""}

// matcher finds the words a query matched in a passage, for highlights.
type matcher struct {
	keys      map[string]bool // keys of single words
	phrases   [][]string      // key sequences of phrases
	prefixes  []string        // unstemmed keys of prefixes
	fragments []string        // folded fragments
}

func (m *matcher) empty() bool {
	return len(m.keys) == 0 && len(m.phrases) == 0 && len(m.prefixes) == 0 && len(m.fragments) == 0
}

// frenchAccents gives the accented spellings of a French ending typed
// without its accents (signee → signée), which the stemmer reads apart.
func frenchAccents(w string) []string {
	var out []string
	for _, e := range [][2]string{{"ees", "ées"}, {"ee", "ée"}, {"es", "és"}, {"e", "é"}} {
		if strings.HasSuffix(w, e[0]) && len(w) > len(e[0])+2 {
			out = append(out, strings.TrimSuffix(w, e[0])+e[1])
			break
		}
	}
	return out
}

// transliterations are the schemes a Latin query word is read back into
// Cyrillic with, to be stemmed as Russian.
var transliterations = []translit.Scheme{translit.BGN, translit.French, translit.German, translit.Scholarly}

// candidates returns the keys a query word may have in a passage of one
// of langs: its stem in each language, as typed and without accents; for
// a Cyrillic word also its unstemmed key (a Russian name in a Latin
// text); for a Latin word searched in Russian, the stems of its Cyrillic
// readings (Molotov: молотов → молот).
func candidates(w string, langs []string, single bool) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	lw := strings.ToLower(w)
	cyr := translit.IsCyrillic(lw)
	for _, lang := range langs {
		forms := []string{lw, fold(lw)}
		if baseLang(lang) == "fr" && !cyr {
			forms = append(forms, frenchAccents(fold(lw))...)
		}
		for _, f := range forms {
			add(normalize(fold(stem(f, lang))))
		}
		if !single {
			continue
		}
		switch {
		case cyr:
			add(nameKey(lw))
		case (lang == "ru" || lang == "") && utf8.RuneCountInString(lw) >= 4:
			for _, sc := range transliterations {
				if c := translit.ToCyrillic(lw, sc); translit.IsCyrillic(c) {
					add(normalize(fold(stem(c, "ru"))))
				}
			}
		}
	}
	return out
}

// termExpr returns the FTS5 expression of a word, phrase or prefix term
// over the keys column, or "" when the term has no word. Only quoted keys
// (letters and digits) reach the expression.
func termExpr(t quellen.Term, langs []string, m *matcher) string {
	ws := words(t.Text)
	if len(ws) == 0 {
		return ""
	}
	highlight := m != nil && !t.Not
	var alts []string
	addAlt := func(e string) {
		if !slices.Contains(alts, e) {
			alts = append(alts, e)
		}
	}
	last := t.Text[ws[len(ws)-1].Start:ws[len(ws)-1].End]
	switch {
	case len(ws) == 1 && t.Prefix:
		if k := nameKey(last); k != "" {
			addAlt(ftsString(k) + "*")
			if highlight {
				m.prefixes = append(m.prefixes, k)
			}
		}
	case len(ws) == 1:
		for _, k := range candidates(last, langs, true) {
			addAlt(ftsString(k))
			if highlight {
				m.keys[k] = true
			}
		}
	default:
		// A phrase: the words in order, under each language.
		for _, lang := range langs {
			var keys []string
			for i, w := range ws {
				s := t.Text[w.Start:w.End]
				if t.Prefix && i == len(ws)-1 {
					if k := nameKey(s); k != "" {
						keys = append(keys, k)
						if highlight {
							m.prefixes = append(m.prefixes, k)
						}
					}
					continue
				}
				if k := normalize(fold(stem(strings.ToLower(s), lang))); k != "" {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				continue
			}
			e := ftsString(strings.Join(keys, " "))
			if t.Prefix {
				e += "*"
			} else if highlight && !slices.ContainsFunc(m.phrases, func(p []string) bool { return slices.Equal(p, keys) }) {
				m.phrases = append(m.phrases, keys)
			}
			addAlt(e)
		}
	}
	if len(alts) == 0 {
		return ""
	}
	return "{keys} : (" + strings.Join(alts, " OR ") + ")"
}

// nameExpr is the FTS5 expression matching a name in a column of name keys.
func nameExpr(col, name string) string {
	k := nameKeys(name)
	if k == "" {
		return ""
	}
	return "{" + col + "} : " + ftsString(k)
}

// fragmentCond returns the SQL condition and argument of a ~fragment.
func fragmentCond(frag string, not bool) (string, any) {
	op := "IN"
	if not {
		op = "NOT IN"
	}
	if utf8.RuneCountInString(frag) >= 3 {
		return "p.id " + op + " (SELECT rowid FROM passages_tri WHERE passages_tri MATCH ?)", ftsString(frag)
	}
	// Too short for trigrams: a scan.
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(frag)
	if not {
		return `p.text NOT LIKE ? ESCAPE '\'`, "%" + esc + "%"
	}
	return `p.text LIKE ? ESCAPE '\'`, "%" + esc + "%"
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

	langs := searchLangs
	if q.Lang != "" {
		langs = []string{baseLang(q.Lang)}
	}
	m := &matcher{keys: map[string]bool{}}
	var (
		match []string // ANDed FTS5 expressions on passages_keys
		where = []string{`v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`}
		args  []any
	)
	for _, t := range q.Terms {
		if t.Fragment {
			if strings.TrimSpace(t.Text) == "" {
				continue
			}
			c, a := fragmentCond(t.Text, t.Not)
			where, args = append(where, c), append(args, a)
			if !t.Not {
				m.fragments = append(m.fragments, fold(t.Text))
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
		l := baseLang(q.Lang)
		args = append(args, l, strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(l)+"-%")
	}
	lo, hi := q.From, q.To
	if hi != "" {
		hi += dateHigh
	} else if lo != "" {
		hi = "\U0010FFFF"
	}
	var docIDs docSet
	needDocs := q.Author != "" || q.Doc != "" || lo != "" || hi != ""
	if needDocs {
		var err error
		if docIDs, err = s.searchDocs(ctx, q, lo, hi); err != nil {
			return nil, err
		}
	}
	if q.Author != "" || q.Doc != "" {
		ids, _ := json.Marshal(docIDs.restrict())
		where = append(where, `v.id IN (SELECT value FROM json_each(?))`)
		args = append(args, string(ids))
	}
	if lo != "" || hi != "" {
		ids, _ := json.Marshal(docIDs.dated())
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
		coalesce(p.line, f.line, 0), p.lang, p.text, `+score+` AS score `+from+cond+`
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
		h.Snippet, h.Highlights = snippet(text, h.Lang, m)
		res.Hits = append(res.Hits, h)
	}
	return res, rows.Err()
}

// docSet is the latest versions whose metadata pass the author and doc
// filters, and those among them whose date overlaps the range.
type docSet struct {
	ids, datedIDs []int64
}

func (d docSet) restrict() []int64 { return nonNil(d.ids) }
func (d docSet) dated() []int64    { return nonNil(d.datedIDs) }

func nonNil(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

// searchDocs applies the document filters in Go, where names can be
// folded: author (every word of the filter in the author's name), doc (a
// part of the name or the title) and the date range (Metadata.Date,
// START/END).
func (s *Store) searchDocs(ctx context.Context, q quellen.SearchQuery, lo, hi string) (docSet, error) {
	var out docSet
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, d.name, v.meta FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.version = (SELECT max(version) FROM versions WHERE document_id = v.document_id)`)
	if err != nil {
		return out, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	authorKeys := strings.Fields(nameKeys(q.Author))
	docKey := fold(strings.TrimSpace(q.Doc))
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
		if q.Author != "" {
			have := strings.Fields(nameKeys(md.Author))
			ok := len(authorKeys) > 0
			for _, k := range authorKeys {
				ok = ok && slices.Contains(have, k)
			}
			if !ok {
				continue
			}
		}
		if q.Doc != "" && !strings.Contains(fold(name), docKey) && !strings.Contains(fold(md.Title), docKey) {
			continue
		}
		out.ids = append(out.ids, id)
		if md.Date != "" && (lo != "" || hi != "") {
			dlo, dhi, ok := strings.Cut(md.Date, "/")
			if !ok {
				dhi = dlo
			}
			if dlo <= hi && dhi+dateHigh >= lo {
				out.datedIDs = append(out.datedIDs, id)
			}
		}
	}
	return out, rows.Err()
}

// snippetLen is about the longest snippet, in bytes.
const snippetLen = 240

// snippet cuts a window of text around its first match and returns it
// with the spans of the matched words in it.
func snippet(text, lang string, m *matcher) (string, []quellen.Span) {
	var hs []quellen.Span
	if !m.empty() {
		ws := words(text)
		for _, w := range ws {
			s := text[w.Start:w.End]
			if m.matches(s, lang) {
				hs = append(hs, quellen.Span{Start: w.Start, End: w.End})
			}
		}
		if len(m.phrases) > 0 {
			keys := make([]string, len(ws))
			for i, w := range ws {
				keys[i] = wordKey(text[w.Start:w.End], lang)
			}
			for _, p := range m.phrases {
				for i := 0; i+len(p) <= len(keys); i++ {
					if slices.Equal(keys[i:i+len(p)], p) {
						hs = append(hs, quellen.Span{Start: ws[i].Start, End: ws[i+len(p)-1].End})
					}
				}
			}
		}
		// A fragment across words: highlight where it lies in the text,
		// when folding kept the text's length.
		if ft := fold(text); len(ft) == len(text) {
			for _, fr := range m.fragments {
				for i := 0; fr != "" && i < len(ft); {
					j := strings.Index(ft[i:], fr)
					if j < 0 {
						break
					}
					hs = append(hs, quellen.Span{Start: i + j, End: i + j + len(fr)})
					i += j + len(fr)
				}
			}
		}
		hs = mergeSpans(hs)
	}
	start, end := 0, len(text)
	if len(text) > snippetLen+snippetLen/4 {
		first := 0
		if len(hs) > 0 {
			first = hs[0].Start
		}
		start = max(0, first-snippetLen/3)
		if start > 0 {
			// Begin at a word.
			if i := strings.LastIndexAny(text[:start], " \n\t"); i >= 0 && start-i < 40 {
				start = i + 1
			}
			for start < len(text) && !utf8.RuneStart(text[start]) {
				start++
			}
		}
		end = min(len(text), start+snippetLen)
		if end < len(text) {
			if i := strings.IndexAny(text[end:], " \n\t"); i >= 0 && i < 40 {
				end += i
			}
			for end > start && end < len(text) && !utf8.RuneStart(text[end]) {
				end--
			}
		}
	}
	var b strings.Builder
	pre := 0
	if start > 0 {
		b.WriteString("… ")
		pre = len("… ")
	}
	for _, r := range text[start:end] {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		b.WriteRune(r)
	}
	if end < len(text) {
		b.WriteString(" …")
	}
	out := b.String()
	var spans []quellen.Span
	for _, h := range hs {
		if h.Start >= start && h.End <= end {
			spans = append(spans, quellen.Span{Start: h.Start - start + pre, End: h.End - start + pre})
		}
	}
	return out, spans
}

// matches reports whether a word of a passage in lang was matched.
func (m *matcher) matches(w, lang string) bool {
	if len(m.keys) > 0 && m.keys[wordKey(w, lang)] {
		return true
	}
	if len(m.prefixes) > 0 {
		k, nk := wordKey(w, lang), nameKey(w)
		for _, p := range m.prefixes {
			if strings.HasPrefix(k, p) || strings.HasPrefix(nk, p) {
				return true
			}
		}
	}
	if len(m.fragments) > 0 {
		fw := fold(w)
		for _, f := range m.fragments {
			if f != "" && strings.Contains(fw, f) {
				return true
			}
		}
	}
	return false
}

// mergeSpans sorts spans and joins those that overlap.
func mergeSpans(hs []quellen.Span) []quellen.Span {
	if len(hs) < 2 {
		return hs
	}
	slices.SortFunc(hs, func(a, b quellen.Span) int { return a.Start - b.Start })
	out := hs[:1]
	for _, h := range hs[1:] {
		if last := &out[len(out)-1]; h.Start <= last.End {
			last.End = max(last.End, h.End)
			continue
		}
		out = append(out, h)
	}
	return out
}
