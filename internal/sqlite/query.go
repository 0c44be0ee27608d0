package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/quellen/quellen"
)

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Has reports whether these bytes are stored, and under which name.
func (s *Store) Has(ctx context.Context, sha string) (string, bool, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT d.name FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.sha256 = ?`, sha).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return name, true, nil
}

// analysedSchema is the first schema with versions.analysed.
const analysedSchema = 4

// versionColumns are the columns scanVersion reads, from versions v joined
// with documents d; a read-only database of an older schema has every
// version analysed.
func (s *Store) versionColumns() string {
	analysed := "v.analysed"
	if s.schema < analysedSchema {
		analysed = "1"
	}
	return `v.id, d.name, v.path, v.sha256, v.format, v.version, v.ingested, v.meta, ` + analysed
}

func scanVersion(sc interface{ Scan(...any) error }, extra ...any) (*quellen.Document, error) {
	d := &quellen.Document{}
	var at, meta string
	var analysed int
	dest := append([]any{&d.ID, &d.Name, &d.Path, &d.SHA256, &d.Format, &d.Version, &at, &meta, &analysed}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	d.Unanalysed = analysed == 0
	d.Ingested, _ = time.Parse(timeFormat, at)
	if err := json.Unmarshal([]byte(meta), &d.Meta); err != nil {
		return nil, fmt.Errorf("%s: metadata: %w", d.Name, err)
	}
	return d, nil
}

// Document returns a document version with its text, findings and problems.
func (s *Store) Document(ctx context.Context, id int64) (*quellen.Document, error) {
	var source, clean sql.NullString
	var raw []byte
	row := s.db.QueryRowContext(ctx, `SELECT `+s.versionColumns()+`, v.raw, v.source, v.clean
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?`, id)
	d, err := scanVersion(row, &raw, &source, &clean)
	if errors.Is(err, sql.ErrNoRows) {
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
	if source.Valid {
		d.Source = source.String
	}
	d.Clean = d.Source
	if clean.Valid {
		d.Clean = clean.String
	}
	if d.Findings, err = s.Findings(ctx, quellen.FindingFilter{DocID: id}); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT severity, code, message, offset FROM problems WHERE version_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p quellen.Problem
		if err := rows.Scan(&p.Severity, &p.Code, &p.Message, &p.Offset); err != nil {
			return nil, err
		}
		d.Problems = append(d.Problems, p)
	}
	return d, rows.Err()
}

// Documents lists the latest version of each document, by name.
func (s *Store) Documents(ctx context.Context, f quellen.DocFilter) ([]*quellen.Document, error) {
	q := `SELECT ` + s.versionColumns() + ` FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.version = (SELECT max(version) FROM versions WHERE document_id = d.id)`
	var args []any
	if f.Name != "" {
		q += ` AND d.name = ?`
		args = append(args, f.Name)
	}
	q += ` ORDER BY d.name`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return s.versions(ctx, q, args...)
}

// Versions lists every version of the named document, oldest first.
func (s *Store) Versions(ctx context.Context, name string) ([]*quellen.Document, error) {
	return s.versions(ctx, `SELECT `+s.versionColumns()+` FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE d.name = ? ORDER BY v.version`, name)
}

// versions runs a query of s.versionColumns() and scans its rows.
func (s *Store) versions(ctx context.Context, q string, args ...any) ([]*quellen.Document, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
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

// Findings lists findings of a version (or of all, when DocID is 0) in
// order of raw offset.
func (s *Store) Findings(ctx context.Context, f quellen.FindingFilter) ([]quellen.Finding, error) {
	q := `SELECT id, kind, clean_start, clean_end, raw_start, raw_end, line, end_line, text, attrs, extractor, status
		FROM findings WHERE 1=1`
	var args []any
	if f.DocID != 0 {
		q += ` AND version_id = ?`
		args = append(args, f.DocID)
	}
	if len(f.Kinds) > 0 {
		q += ` AND kind IN (` + strings.TrimSuffix(strings.Repeat("?,", len(f.Kinds)), ",") + `)`
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	q += ` ORDER BY version_id, seq`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quellen.Finding
	for rows.Next() {
		var fd quellen.Finding
		var attrs sql.NullString
		var kind, status string
		if err := rows.Scan(&fd.ID, &kind, &fd.Clean.Start, &fd.Clean.End, &fd.Raw.Start, &fd.Raw.End,
			&fd.Line, &fd.EndLine, &fd.Text, &attrs, &fd.Extractor, &status); err != nil {
			return nil, err
		}
		fd.Kind, fd.Status = quellen.Kind(kind), quellen.Status(status)
		if attrs.Valid {
			if err := json.Unmarshal([]byte(attrs.String), &fd.Attrs); err != nil {
				return nil, fmt.Errorf("finding %d: attrs: %w", fd.ID, err)
			}
		}
		out = append(out, fd)
	}
	return out, rows.Err()
}

// FindingCounts counts a version's findings by kind.
func (s *Store) FindingCounts(ctx context.Context, id int64) (map[quellen.Kind]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, count(*) FROM findings WHERE version_id = ? GROUP BY kind`, id)
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
	switch c.Status {
	case quellen.StatusConfirmed, quellen.StatusCorrected, quellen.StatusRejected:
	default:
		return c, fmt.Errorf("correction of finding %d: status %q is not confirmed, corrected or rejected", findingID, c.Status)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	var f quellen.Finding
	var kind string
	var attrs sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT d.name, f.kind, f.raw_start, f.raw_end, f.text, f.attrs
		FROM findings f JOIN versions v ON v.id = f.version_id JOIN documents d ON d.id = v.document_id
		WHERE f.id = ?`, findingID).Scan(&c.Doc, &kind, &f.Raw.Start, &f.Raw.End, &f.Text, &attrs)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("finding %d: %w", findingID, quellen.ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	f.Kind = quellen.Kind(kind)
	if attrs.Valid {
		if err := json.Unmarshal([]byte(attrs.String), &f.Attrs); err != nil {
			return c, err
		}
	}
	c.Kind, c.Raw = f.Kind, f.Raw
	// A finding corrected before keeps the identity of its extracted text:
	// the first correction of this finding names it.
	c.TextHash = TextHash(f.Text)
	var prior string
	if err := tx.QueryRowContext(ctx, `SELECT c.text_hash FROM corrections c
		WHERE c.doc = ? AND c.kind = ? AND c.raw_start = ? AND c.raw_end = ? AND c.text = ? AND c.text != ''
		ORDER BY c.id LIMIT 1`, c.Doc, kind, f.Raw.Start, f.Raw.End, f.Text).Scan(&prior); err == nil {
		c.TextHash = prior
	}
	if c.When.IsZero() {
		c.When = time.Now().UTC()
	}
	cattrs, err := marshalAttrs(c.Attrs)
	if err != nil {
		return c, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO corrections(doc, kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note)
		VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, c.Doc, kind, c.Raw.Start, c.Raw.End, c.TextHash,
		string(c.Status), c.Text, cattrs, c.Who, c.When.UTC().Format(timeFormat), c.Note).Scan(&c.ID)
	if err != nil {
		return c, err
	}
	applyCorrection(&f, c)
	fattrs, err := marshalAttrs(f.Attrs)
	if err != nil {
		return c, err
	}
	// The finding's passages keep the text their keys were made from.
	if _, err := tx.ExecContext(ctx, `UPDATE passages SET text = (SELECT text FROM findings WHERE id = ?)
		WHERE finding_id = ? AND text = ''`, findingID, findingID); err != nil {
		return c, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE findings SET status = ?, text = ?, attrs = ? WHERE id = ?`,
		string(f.Status), f.Text, fattrs, findingID); err != nil {
		return c, err
	}
	return c, tx.Commit()
}

// Corrections lists the corrections recorded for a document name, oldest
// first.
func (s *Store) Corrections(ctx context.Context, doc string) ([]quellen.Correction, error) {
	return listCorrections(ctx, s.db, doc)
}

func listCorrections(ctx context.Context, q querier, doc string) ([]quellen.Correction, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, doc, kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note
		FROM corrections WHERE doc = ? ORDER BY id`, doc)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quellen.Correction
	for rows.Next() {
		var c quellen.Correction
		var kind, status, at string
		var attrs sql.NullString
		if err := rows.Scan(&c.ID, &c.Doc, &kind, &c.Raw.Start, &c.Raw.End, &c.TextHash, &status, &c.Text,
			&attrs, &c.Who, &at, &c.Note); err != nil {
			return nil, err
		}
		c.Kind, c.Status = quellen.Kind(kind), quellen.Status(status)
		c.When, _ = time.Parse(timeFormat, at)
		if attrs.Valid {
			if err := json.Unmarshal([]byte(attrs.String), &c.Attrs); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Check runs SQLite's integrity and foreign-key checks and counts rows
// without their parent; it returns nil when the database is sound.
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("%s: integrity_check: %s", s.path, res)
	}
	rows, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	bad := 0
	for rows.Next() {
		bad++
	}
	rows.Close()
	if bad > 0 {
		return fmt.Errorf("%s: %d rows fail foreign_key_check", s.path, bad)
	}
	var orphans int
	if err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM findings f LEFT JOIN versions v ON v.id = f.version_id WHERE v.id IS NULL) +
		(SELECT count(*) FROM versions v LEFT JOIN documents d ON d.id = v.document_id WHERE d.id IS NULL) +
		(SELECT count(*) FROM passages p LEFT JOIN versions v ON v.id = p.version_id WHERE v.id IS NULL) +
		(SELECT count(*) FROM problems p LEFT JOIN versions v ON v.id = p.version_id WHERE v.id IS NULL) +
		(SELECT count(*) FROM version_grams g LEFT JOIN versions v ON v.id = g.version_id WHERE v.id IS NULL) +
		(SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id))`).Scan(&orphans); err != nil {
		return err
	}
	if orphans > 0 {
		return fmt.Errorf("%s: %d rows without their parent (or documents without a version)", s.path, orphans)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_keys(passages_keys, rank) VALUES ('integrity-check', 0)`); err != nil && !s.readOnly {
		return fmt.Errorf("%s: full-text index: %w", s.path, err)
	}
	return nil
}
