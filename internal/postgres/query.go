package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite"
)

// querier is the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Has reports whether these bytes are stored, and under which name.
func (s *Store) Has(ctx context.Context, sha string) (string, bool, error) {
	var name string
	err := s.pool.QueryRow(ctx, `SELECT d.name FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.sha256 = $1`, sha).Scan(&name)
	if isNoRows(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return name, true, nil
}

// analysedSchema is the first schema with versions.analysed.
const analysedSchema = 4

// analysed is the SQL of whether version v was analysed: every version of
// a read-only database of an older schema was.
func (s *Store) analysed() string {
	if s.schema < analysedSchema {
		return "true"
	}
	return "v.analysed"
}

// versionColumns are the columns scanVersion reads, from versions v joined
// with documents d.
func (s *Store) versionColumns() string {
	return `v.id, d.name, v.path, v.sha256, v.format, v.version, v.ingested, v.meta, ` + s.analysed()
}

func scanVersion(sc pgx.Row, extra ...any) (*quellen.Document, error) {
	d := &quellen.Document{}
	var meta []byte
	var analysed bool
	dest := append([]any{&d.ID, &d.Name, &d.Path, &d.SHA256, &d.Format, &d.Version, &d.Ingested, &meta, &analysed}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	d.Ingested, d.Unanalysed = d.Ingested.UTC(), !analysed
	if err := json.Unmarshal(meta, &d.Meta); err != nil {
		return nil, fmt.Errorf("%s: metadata: %w", d.Name, err)
	}
	return d, nil
}

// Document returns a document version with its text, findings and problems.
func (s *Store) Document(ctx context.Context, id int64) (*quellen.Document, error) {
	var raw, source, clean []byte
	row := s.pool.QueryRow(ctx, `SELECT `+s.versionColumns()+`, v.raw, v.source, v.clean
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = $1`, id)
	d, err := scanVersion(row, &raw, &source, &clean)
	if isNoRows(err) {
		return nil, fmt.Errorf("document %d: %w", id, quellen.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	d.Raw = raw
	if d.Raw == nil {
		d.Raw = []byte{}
	}
	d.Source = string(d.Raw)
	if source != nil {
		d.Source = string(source)
	}
	d.Clean = d.Source
	if clean != nil {
		d.Clean = string(clean)
	}
	if d.Findings, err = s.Findings(ctx, quellen.FindingFilter{DocID: id}); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT severity, code, message, byte_offset FROM problems WHERE version_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	d.Problems, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (p quellen.Problem, err error) {
		err = r.Scan(&p.Severity, &p.Code, &p.Message, &p.Offset)
		return p, err
	})
	return d, err
}

func (s *Store) versions(ctx context.Context, q string, args ...any) ([]*quellen.Document, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*quellen.Document
	for rows.Next() {
		d, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Documents lists the latest version of each document, by name.
func (s *Store) Documents(ctx context.Context, f quellen.DocFilter) ([]*quellen.Document, error) {
	q := `SELECT DISTINCT ON (d.name COLLATE "C") ` + s.versionColumns() + ` FROM versions v JOIN documents d ON d.id = v.document_id`
	var args []any
	if f.Name != "" {
		q += ` WHERE d.name = $1`
		args = append(args, f.Name)
	}
	q += ` ORDER BY d.name COLLATE "C", v.version DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return s.versions(ctx, q, args...)
}

// Versions lists every version of the named document, oldest first.
func (s *Store) Versions(ctx context.Context, name string) ([]*quellen.Document, error) {
	return s.versions(ctx, `SELECT `+s.versionColumns()+` FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE d.name = $1 ORDER BY v.version`, name)
}

// Unanalysed lists the versions stored without their analysis
// (quellen.Document.Unanalysed), without their text or findings, in
// order of id.
func (s *Store) Unanalysed(ctx context.Context) ([]*quellen.Document, error) {
	if s.schema < analysedSchema {
		return nil, nil // every version of an older schema was analysed
	}
	return s.versions(ctx, `SELECT `+s.versionColumns()+` FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE NOT v.analysed ORDER BY v.id`)
}

// Findings lists findings of a version (or of all, when DocID is 0) in
// order of raw offset.
func (s *Store) Findings(ctx context.Context, f quellen.FindingFilter) ([]quellen.Finding, error) {
	q := `SELECT id, kind, clean_start, clean_end, raw_start, raw_end, line, end_line, text, text_bytes, attrs, extractor, status
		FROM findings WHERE true`
	var args []any
	if f.DocID != 0 {
		args = append(args, f.DocID)
		q += fmt.Sprintf(` AND version_id = $%d`, len(args))
	}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		args = append(args, kinds)
		q += fmt.Sprintf(` AND kind = ANY($%d)`, len(args))
	}
	q += ` ORDER BY version_id, seq`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quellen.Finding
	for rows.Next() {
		var fd quellen.Finding
		var attrs, textBytes []byte
		var kind, status string
		if err := rows.Scan(&fd.ID, &kind, &fd.Clean.Start, &fd.Clean.End, &fd.Raw.Start, &fd.Raw.End,
			&fd.Line, &fd.EndLine, &fd.Text, &textBytes, &attrs, &fd.Extractor, &status); err != nil {
			return nil, err
		}
		if textBytes != nil {
			fd.Text = string(textBytes)
		}
		fd.Kind, fd.Status = quellen.Kind(kind), quellen.Status(status)
		if attrs != nil {
			if err := json.Unmarshal(attrs, &fd.Attrs); err != nil {
				return nil, fmt.Errorf("finding %d: attrs: %w", fd.ID, err)
			}
		}
		out = append(out, fd)
	}
	return out, rows.Err()
}

// FindingCounts counts a version's findings by kind.
func (s *Store) FindingCounts(ctx context.Context, id int64) (map[quellen.Kind]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT kind, count(*) FROM findings WHERE version_id = $1 GROUP BY kind`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[quellen.Kind]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		m[quellen.Kind(k)] = n
	}
	return m, rows.Err()
}

// Correct records a correction of a finding and applies it to the finding.
func (s *Store) Correct(ctx context.Context, findingID int64, c quellen.Correction) (quellen.Correction, error) {
	if s.readOnly {
		return c, s.errReadOnly()
	}
	switch c.Status {
	case quellen.StatusConfirmed, quellen.StatusCorrected, quellen.StatusRejected:
	default:
		return c, fmt.Errorf("correction of finding %d: status %q is not confirmed, corrected or rejected", findingID, c.Status)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return c, err
	}
	defer tx.Rollback(ctx)
	var f quellen.Finding
	var kind string
	var attrs, textBytes []byte
	err = tx.QueryRow(ctx, `SELECT d.name, f.kind, f.raw_start, f.raw_end, f.text, f.text_bytes, f.attrs
		FROM findings f JOIN versions v ON v.id = f.version_id JOIN documents d ON d.id = v.document_id
		WHERE f.id = $1 FOR UPDATE OF f`, findingID).Scan(&c.Doc, &kind, &f.Raw.Start, &f.Raw.End, &f.Text, &textBytes, &attrs)
	if isNoRows(err) {
		return c, fmt.Errorf("finding %d: %w", findingID, quellen.ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	f.Kind = quellen.Kind(kind)
	if textBytes != nil {
		f.Text = string(textBytes)
	}
	if attrs != nil {
		if err := json.Unmarshal(attrs, &f.Attrs); err != nil {
			return c, err
		}
	}
	c.Kind, c.Raw = f.Kind, f.Raw
	// A finding corrected before keeps the identity of its extracted text.
	c.TextHash = sqlite.TextHash(f.Text)
	var prior string
	if err := tx.QueryRow(ctx, `SELECT text_hash FROM corrections
		WHERE doc = $1 AND kind = $2 AND raw_start = $3 AND raw_end = $4 AND text = $5 AND text != ''
		ORDER BY id LIMIT 1`, c.Doc, kind, f.Raw.Start, f.Raw.End, pgText(f.Text)).Scan(&prior); err == nil {
		c.TextHash = prior
	}
	if c.When.IsZero() {
		c.When = time.Now()
	}
	c.When = c.When.UTC().Truncate(time.Microsecond)
	if err := insertCorrection(ctx, tx, &c); err != nil {
		return c, err
	}
	applyCorrection(&f, c)
	fattrs, err := marshalAttrs(f.Attrs)
	if err != nil {
		return c, err
	}
	var fa any
	if fattrs != nil {
		fa = string(fattrs)
	}
	text, textBytes := textColumns(f.Text)
	if _, err := tx.Exec(ctx, `UPDATE findings SET status = $1, text = $2, text_bytes = $3, attrs = $4 WHERE id = $5`,
		string(f.Status), text, textBytes, fa, findingID); err != nil {
		return c, err
	}
	// A rejected quotation, note or reference leaves the search.
	if f.Status == quellen.StatusRejected {
		if _, err := tx.Exec(ctx, `DELETE FROM passages WHERE finding_id = $1`, findingID); err != nil {
			return c, err
		}
	}
	return c, tx.Commit(ctx)
}

func insertCorrection(ctx context.Context, q querier, c *quellen.Correction) error {
	cattrs, err := marshalAttrs(c.Attrs)
	if err != nil {
		return err
	}
	var ca any
	if cattrs != nil {
		ca = string(cattrs)
	}
	return q.QueryRow(ctx, `INSERT INTO corrections(doc, kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`, c.Doc, string(c.Kind), c.Raw.Start, c.Raw.End, c.TextHash,
		string(c.Status), pgText(c.Text), ca, pgText(c.Who), c.When, pgText(c.Note)).Scan(&c.ID)
}

// Corrections lists the corrections recorded for a document name, oldest
// first.
func (s *Store) Corrections(ctx context.Context, doc string) ([]quellen.Correction, error) {
	return listCorrections(ctx, s.pool, doc)
}

func listCorrections(ctx context.Context, q querier, doc string) ([]quellen.Correction, error) {
	rows, err := q.Query(ctx, `SELECT id, doc, kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note
		FROM corrections WHERE doc = $1 ORDER BY id`, doc)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quellen.Correction
	for rows.Next() {
		var c quellen.Correction
		var kind, status string
		var attrs []byte
		if err := rows.Scan(&c.ID, &c.Doc, &kind, &c.Raw.Start, &c.Raw.End, &c.TextHash, &status, &c.Text,
			&attrs, &c.Who, &c.When, &c.Note); err != nil {
			return nil, err
		}
		c.Kind, c.Status, c.When = quellen.Kind(kind), quellen.Status(status), c.When.UTC()
		if attrs != nil {
			if err := json.Unmarshal(attrs, &c.Attrs); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ImportCorrection records a correction as it is (a copy from another
// store), unless one with the same identity, status, author and time is
// recorded already; it does not change any finding. It reports whether
// the correction was added.
func (s *Store) ImportCorrection(ctx context.Context, c quellen.Correction) (bool, error) {
	c.When = c.When.UTC().Truncate(time.Microsecond)
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM corrections WHERE doc = $1 AND kind = $2 AND raw_start = $3
		AND raw_end = $4 AND text_hash = $5 AND status = $6 AND who = $7 AND at = $8`, c.Doc, string(c.Kind), c.Raw.Start,
		c.Raw.End, c.TextHash, string(c.Status), c.Who, c.When).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	return true, insertCorrection(ctx, s.pool, &c)
}

// SetIngested sets the time a version was ingested (kept by a copy from
// another store).
func (s *Store) SetIngested(ctx context.Context, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE versions SET ingested = $1 WHERE id = $2`, at, id)
	return err
}

// Check counts rows without their parent and documents without a
// version; it returns nil when the database is sound.
func (s *Store) Check(ctx context.Context) error {
	var orphans int
	if err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = f.version_id)) +
		(SELECT count(*) FROM versions v WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = v.document_id)) +
		(SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = p.version_id)) +
		(SELECT count(*) FROM problems p WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.id = p.version_id)) +
		(SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id))`).Scan(&orphans); err != nil {
		return err
	}
	if orphans > 0 {
		return fmt.Errorf("%s: %d rows without their parent (or documents without a version)", s.Path(), orphans)
	}
	return nil
}
