package postgres

import (
	"context"
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
// one transaction (an unanalysed one, quellen.Document.Unanalysed, without
// passages or fragment filter, marked for Reanalyse). See quellen.Store.
// Two processes putting the same bytes at once store them once: the loser
// of the race retries and finds them. It is Prepare and PutPrepared.
func (s *Store) Put(ctx context.Context, d *quellen.Document) (bool, error) {
	if err := s.canPut(d); err != nil {
		return false, err
	}
	p, err := Prepare(d)
	if err != nil {
		return false, err
	}
	return s.PutPrepared(ctx, p)
}

func (s *Store) canPut(d *quellen.Document) error {
	if s.readOnly {
		return s.errReadOnly()
	}
	if d.Name == "" {
		return errors.New("postgres: Put: document without a name")
	}
	return nil
}

// putPrepared stores a prepared document; durable: whether the commit
// waits for the server to flush it (synchronous_commit).
func (s *Store) putPrepared(ctx context.Context, p *Prepared, durable bool) (bool, error) {
	d := p.d
	if err := s.canPut(d); err != nil {
		return false, err
	}
	for attempt := 0; ; attempt++ {
		created, err := s.put(ctx, p, durable)
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

func (s *Store) put(ctx context.Context, p *Prepared, durable bool) (bool, error) {
	d := p.d
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(ctx)
	if !durable {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return false, err
		}
	}

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
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	if err := tx.QueryRow(ctx, `INSERT INTO versions(document_id, version, sha256, path, format, language, title,
		meta, raw, source, clean, size, ingested, analysed) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
		docID, version, d.SHA256, pgText(d.Path), d.Format, d.Meta.Language, pgText(d.Meta.Title),
		p.meta, raw, p.source, p.clean, len(d.Raw), now, !d.Unanalysed).Scan(&id); err != nil {
		return false, err
	}
	if err := s.putAnalysis(ctx, tx, id, d.Name, p); err != nil {
		return false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return false, err
	}
	d.ID, d.Version, d.Ingested = id, int(version), now
	return true, nil
}

// putAnalysis stores what the analysis of version id made, as p holds it,
// in tx: the findings, with the corrections of the document named doc
// applied, the problems, and unless the document is unanalysed its
// passages and fragment filter. Put and Reanalyse share it.
func (s *Store) putAnalysis(ctx context.Context, tx pgx.Tx, id int64, doc string, p *Prepared) error {
	corr, err := correctionsOf(ctx, tx, doc)
	if err != nil {
		return err
	}
	if err := p.applyCorrections(corr); err != nil {
		return err
	}
	if err := s.putFindings(ctx, tx, id, p); err != nil {
		return err
	}
	// The rest in one round trip.
	b := &pgx.Batch{}
	queueProblems(b, id, p.d.Problems)
	queuePassages(b, id, p)
	if !p.d.Unanalysed {
		b.Queue(`INSERT INTO version_grams(version_id, filter) VALUES ($1, $2)`, id, p.grams)
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// applyCorrections applies the corrections (correctionsOf) to the
// document's findings, and prepares them again when one changed.
func (p *Prepared) applyCorrections(corr map[identity][]quellen.Correction) error {
	if corr == nil {
		return nil
	}
	changed := false
	for i := range p.d.Findings {
		f := &p.d.Findings[i]
		for _, c := range corr[identity{f.Kind, f.Raw, sqlite.TextHash(f.Text)}] {
			applyCorrection(f, c)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	// Texts, attributes and statuses changed: their rows and the passages
	// too.
	return p.prepareFindings()
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
func (s *Store) putFindings(ctx context.Context, tx pgx.Tx, versionID int64, p *Prepared) error {
	fs := p.d.Findings
	if len(fs) == 0 {
		return nil
	}
	seq, err := s.findingSeq(ctx, tx)
	if err != nil {
		return err
	}
	// The sequence as a constant: nextval of a value computed in the query
	// costs ten times as much.
	rows, err := tx.Query(ctx, `SELECT nextval('`+strings.ReplaceAll(seq, "'", "''")+`'::regclass) FROM generate_series(1, $1)`, len(fs))
	if err != nil {
		return err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	for i := range fs {
		fs[i].ID = ids[i]
		p.findings[i][0], p.findings[i][1] = ids[i], versionID
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"findings"}, []string{"id", "version_id", "seq", "kind", "clean_start", "clean_end",
		"raw_start", "raw_end", "line", "end_line", "text", "text_bytes", "attrs", "extractor", "status"}, pgx.CopyFromRows(p.findings))
	return err
}

// queueProblems inserts the problems of a version in one statement.
func queueProblems(b *pgx.Batch, versionID int64, ps []quellen.Problem) {
	if len(ps) == 0 {
		return
	}
	sev, codes, msgs := make([]string, len(ps)), make([]string, len(ps)), make([]string, len(ps))
	offs := make([]int64, len(ps))
	for i, p := range ps {
		sev[i], codes[i], msgs[i], offs[i] = p.Severity, p.Code, pgText(p.Message), int64(p.Offset)
	}
	b.Queue(`INSERT INTO problems(version_id, severity, code, message, byte_offset)
		SELECT $1, s, c, m, o FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS x(s, c, m, o, n)
		ORDER BY x.n`, versionID, sev, codes, msgs, offs)
}

// queuePassages indexes the document's paragraphs and the text of its
// quotations, notes and references in one statement, with the search
// vectors worked out by Prepare.
func queuePassages(b *pgx.Batch, versionID int64, p *Prepared) {
	r := &p.passages
	if len(r.texts) == 0 {
		return
	}
	for i, f := range r.finding {
		r.fids[i] = nil
		if f >= 0 {
			r.fids[i] = &p.d.Findings[f].ID
		}
	}
	b.Queue(`INSERT INTO passages(version_id, finding_id, kind, clean_start, clean_end, lang, config, text,
		keys, speakers, entities, dates, raw_start, raw_end, line)
		SELECT $1, x.f, x.k, x.s, x.e, x.l, x.c::regconfig, x.t, x.keys, x.sp, x.en, x.da::jsonb, x.rs, x.re, x.li
		FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[],
			$9::tsvector[], $10::tsvector[], $11::tsvector[], $12::text[], $13::int[], $14::int[], $15::int[])
			WITH ORDINALITY AS x(f, k, s, e, l, c, t, keys, sp, en, da, rs, re, li, n)
		ORDER BY x.n`, versionID, r.fids, r.kinds, r.starts, r.ends, r.langs, r.cfgs, r.texts, r.keys, r.speakers, r.entities,
		r.dates, r.rawStarts, r.rawEnds, r.lines)
}

// findingSeq returns the name of the sequence of findings' ids, looked up
// once.
func (s *Store) findingSeq(ctx context.Context, q queryRower) (string, error) {
	s.seqMu.Lock()
	defer s.seqMu.Unlock()
	if s.seq == "" {
		if err := q.QueryRow(ctx, `SELECT pg_get_serial_sequence('findings', 'id')`).Scan(&s.seq); err != nil {
			return "", err
		}
	}
	return s.seq, nil
}
