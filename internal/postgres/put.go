package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
	"github.com/quellen/quellen/internal/sqlite"
)

// textColumns returns a finding's text for the text column and, when
// that cannot hold it exactly, its bytes for text_bytes.
func textColumns(s string) (string, []byte) {
	t := pgText(s)
	if t == s {
		return t, nil
	}
	return t, []byte(s)
}

// Config returns the text search configuration of an ISO 639-1 language.
func Config(lang string) string {
	switch strings.ToLower(lang) {
	case "en":
		return "english"
	case "fr":
		return "french"
	case "ru":
		return "russian"
	}
	return "simple"
}

// pgText makes a string PostgreSQL's text can hold: valid UTF-8 without
// NUL (which text refuses).
func pgText(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// Put stores one document version, its findings, problems and passages in
// one transaction. See quellen.Store. Two processes putting the same bytes
// at once store them once: the loser of the race retries and finds them.
func (s *Store) Put(ctx context.Context, d *quellen.Document) (bool, error) {
	if s.readOnly {
		return false, s.errReadOnly()
	}
	if d.Name == "" {
		return false, errors.New("postgres: Put: document without a name")
	}
	if d.SHA256 == "" {
		sum := sha256.Sum256(d.Raw)
		d.SHA256 = hex.EncodeToString(sum[:])
	}
	for attempt := 0; ; attempt++ {
		created, err := s.put(ctx, d)
		if pe, ok := errors.AsType[*pgconn.PgError](err); ok && attempt < 3 &&
			(pe.Code == "23505" || pe.Code == "40001" || pe.Code == "40P01") {
			continue // a concurrent Put of the same bytes or name: again, to find it
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", d.Name, err)
		}
		return created, nil
	}
}

func (s *Store) put(ctx context.Context, d *quellen.Document) (bool, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(ctx)

	var (
		id, version int64
		name        string
		at          time.Time
	)
	err = tx.QueryRow(ctx, `SELECT v.id, v.version, d.name, v.ingested
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = $1`, d.SHA256).Scan(&id, &version, &name, &at)
	switch {
	case err == nil:
		d.ID, d.Version, d.Name, d.Ingested = id, int(version), name, at.UTC()
		return false, nil
	case !isNoRows(err):
		return false, err
	}

	now := time.Now().UTC().Truncate(time.Microsecond)
	var docID int64
	// The upsert locks the document's row: versions of one name are
	// numbered one after the other.
	if err := tx.QueryRow(ctx, `INSERT INTO documents(name, created) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, pgText(d.Name), now).Scan(&docID); err != nil {
		return false, err
	}
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) + 1 FROM versions WHERE document_id = $1`, docID).Scan(&version); err != nil {
		return false, err
	}
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return false, fmt.Errorf("metadata: %w", err)
	}
	var source, clean []byte // nil: NULL, the same as raw, as source
	if d.Source != string(d.Raw) {
		source = []byte(d.Source)
	}
	if d.Clean != d.Source {
		clean = []byte(d.Clean)
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	if err := tx.QueryRow(ctx, `INSERT INTO versions(document_id, version, sha256, path, format, language, title,
		meta, raw, source, clean, size, ingested) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
		docID, version, d.SHA256, pgText(d.Path), d.Format, d.Meta.Language, pgText(d.Meta.Title),
		string(meta), raw, source, clean, len(d.Raw), now).Scan(&id); err != nil {
		return false, err
	}
	corr, err := correctionsOf(ctx, tx, d.Name)
	if err != nil {
		return false, err
	}
	if err := putFindings(ctx, tx, id, d.Findings, corr); err != nil {
		return false, err
	}
	for _, p := range d.Problems {
		if _, err := tx.Exec(ctx, `INSERT INTO problems(version_id, severity, code, message, byte_offset) VALUES ($1,$2,$3,$4,$5)`,
			id, p.Severity, p.Code, pgText(p.Message), p.Offset); err != nil {
			return false, err
		}
	}
	if err := putPassages(ctx, tx, id, d); err != nil {
		return false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return false, err
	}
	d.ID, d.Version, d.Ingested = id, int(version), now
	return true, nil
}

type identity struct {
	kind     quellen.Kind
	raw      quellen.Span
	textHash string
}

func correctionsOf(ctx context.Context, q querier, doc string) (map[identity][]quellen.Correction, error) {
	cs, err := listCorrections(ctx, q, doc)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	m := map[identity][]quellen.Correction{}
	for _, c := range cs {
		k := identity{c.Kind, c.Raw, c.TextHash}
		m[k] = append(m[k], c)
	}
	return m, nil
}

// applyCorrection changes a finding as a correction says.
func applyCorrection(f *quellen.Finding, c quellen.Correction) {
	f.Status = c.Status
	if c.Text != "" {
		f.Text = c.Text
	}
	if len(c.Attrs) > 0 {
		attrs := make(quellen.Attrs, len(f.Attrs)+len(c.Attrs))
		maps.Copy(attrs, f.Attrs)
		maps.Copy(attrs, c.Attrs)
		f.Attrs = attrs
	}
}

// marshalAttrs encodes attributes as JSON, or nil (NULL) when there are
// none; values JSON cannot hold are kept as their text.
func marshalAttrs(a quellen.Attrs) ([]byte, error) {
	if len(a) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(a)
	if err == nil && !strings.Contains(string(b), `\u0000`) {
		return b, nil
	}
	safe := make(map[string]any, len(a))
	for k, v := range a {
		if s, ok := v.(string); ok {
			safe[k] = pgText(s) // jsonb refuses \u0000
		} else if _, err := json.Marshal(v); err != nil {
			safe[k] = fmt.Sprint(v)
		} else {
			safe[k] = v
		}
	}
	return json.Marshal(safe)
}

// putFindings copies the findings in, with ids drawn from the sequence
// beforehand so that COPY can carry them.
func putFindings(ctx context.Context, tx pgx.Tx, versionID int64, fs []quellen.Finding, corr map[identity][]quellen.Correction) error {
	if len(fs) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('findings', 'id')) FROM generate_series(1, $1)`, len(fs))
	if err != nil {
		return err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	data := make([][]any, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.Status == "" {
			f.Status = quellen.StatusAutomatic
		}
		for _, c := range corr[identity{f.Kind, f.Raw, sqlite.TextHash(f.Text)}] {
			applyCorrection(f, c)
		}
		attrs, err := marshalAttrs(f.Attrs)
		if err != nil {
			return fmt.Errorf("finding %d (%s): %w", i, f.Kind, err)
		}
		f.ID = ids[i]
		var a any
		if attrs != nil {
			a = string(attrs)
		}
		text, textBytes := textColumns(f.Text)
		data[i] = []any{f.ID, versionID, i, string(f.Kind), f.Clean.Start, f.Clean.End, f.Raw.Start, f.Raw.End,
			f.Line, f.EndLine, text, textBytes, a, f.Extractor, string(f.Status)}
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"findings"}, []string{"id", "version_id", "seq", "kind", "clean_start", "clean_end",
		"raw_start", "raw_end", "line", "end_line", "text", "text_bytes", "attrs", "extractor", "status"}, pgx.CopyFromRows(data))
	return err
}

// putPassages indexes the document's paragraphs and the text of its
// quotations, notes and references in one statement, each with a tsvector
// in its language's configuration and the search keys.
func putPassages(ctx context.Context, tx pgx.Tx, versionID int64, d *quellen.Document) error {
	var (
		fids               []*int64
		kinds, langs       []string
		starts, ends       []int32
		rawStarts, rawEnds []int32
		lines              []int32
		cfgs, texts, keys  []string
		speakers, entities []*string
		dates              []*string
	)
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, p := range searchkey.Passages(d) {
		var fid *int64
		if p.Finding >= 0 {
			fid = &d.Findings[p.Finding].ID
		}
		fids = append(fids, fid)
		kinds = append(kinds, p.Kind)
		starts = append(starts, int32(p.Span.Start))
		ends = append(ends, int32(p.Span.End))
		rawStarts = append(rawStarts, int32(p.Raw.Start))
		rawEnds = append(rawEnds, int32(p.Raw.End))
		lines = append(lines, int32(p.Line))
		langs = append(langs, p.Lang)
		cfgs = append(cfgs, Config(p.Lang))
		texts = append(texts, pgText(p.Text))
		keys = append(keys, p.Keys)
		speakers = append(speakers, str(p.Speakers))
		entities = append(entities, str(p.Entities))
		dates = append(dates, str(p.Dates))
	}
	if len(texts) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO passages(version_id, finding_id, kind, clean_start, clean_end, lang, config, text, tsv,
		keys, speakers, entities, dates, raw_start, raw_end, line)
		SELECT $1, x.f, x.k, x.s, x.e, x.l, x.c::regconfig, x.t, to_tsvector(x.c::regconfig, unaccent(x.t)),
			to_tsvector('simple', x.keys), to_tsvector('simple', x.sp), to_tsvector('simple', x.en), x.da::jsonb, x.rs, x.re, x.li
		FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[],
			$9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::int[])
			WITH ORDINALITY AS x(f, k, s, e, l, c, t, keys, sp, en, da, rs, re, li, n)
		ORDER BY x.n`, versionID, fids, kinds, starts, ends, langs, cfgs, texts, keys, speakers, entities, dates, rawStarts, rawEnds, lines)
	return err
}
