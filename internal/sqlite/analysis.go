package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/quellen/quellen"
)

// Unanalysed lists the versions stored without their analysis, oldest
// first, without text or findings. See quellen.Store.
func (s *Store) Unanalysed(ctx context.Context) ([]*quellen.Document, error) {
	if s.schema < analysedSchema {
		return nil, nil // every version of an older schema was analysed
	}
	return s.versions(ctx, `SELECT `+s.versionColumns()+` FROM versions v JOIN documents d ON d.id = v.document_id
		WHERE v.analysed = 0 ORDER BY v.id`)
}

// Raw reads a version's path, raw bytes and addressable text, without its
// findings (ingest.RawReader).
func (s *Store) Raw(ctx context.Context, id int64) (path string, raw []byte, source string, err error) {
	var src sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT path, raw, source FROM versions WHERE id = ?`, id).Scan(&path, &raw, &src)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, "", fmt.Errorf("document %d: %w", id, quellen.ErrNotFound)
	}
	if err != nil {
		return "", nil, "", err
	}
	if raw == nil {
		raw = []byte{}
	}
	source = string(raw)
	if src.Valid {
		source = src.String
	}
	return path, raw, source, nil
}

// Reanalyse replaces the layers of the stored version d.ID by d's, in one
// transaction. See quellen.Store. It is PrepareReanalyse and its result.
func (s *Store) Reanalyse(ctx context.Context, d *quellen.Document) error {
	put, err := s.PrepareReanalyse(d)
	if err != nil {
		return err
	}
	return put(ctx)
}

// PrepareReanalyse does the part of Reanalyse that needs no database (as
// Prepare does for Put), on any goroutine; the function it returns writes,
// on the store's single writer.
func (s *Store) PrepareReanalyse(d *quellen.Document) (put func(context.Context) error, err error) {
	if s.readOnly {
		return nil, fmt.Errorf("%s: opened read-only", s.path)
	}
	if d.ID == 0 || d.SHA256 == "" {
		return nil, errors.New("sqlite: Reanalyse: a document without the id and SHA-256 of its stored version")
	}
	p, err := Prepare(d)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		var (
			name, at string
			version  int
		)
		err := s.write(ctx, func(t *wtx) error {
			var sha string
			found, err := t.queryRow(`SELECT v.sha256, v.version, d.name, v.ingested
				FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?`, []any{d.ID}, &sha, &version, &name, &at)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("version %d: %w", d.ID, quellen.ErrNotFound)
			}
			if sha != d.SHA256 {
				return fmt.Errorf("version %d of %s holds other bytes (SHA-256 %.12s…, not %.12s…)", d.ID, name, sha, d.SHA256)
			}
			// The passages first (their keys leave the index by trigger),
			// then the findings (links to them go by cascade).
			for _, q := range []string{
				`DELETE FROM passages WHERE version_id = ?`,
				`DELETE FROM findings WHERE version_id = ?`,
				`DELETE FROM problems WHERE version_id = ?`,
				`DELETE FROM version_grams WHERE version_id = ?`,
			} {
				if err := t.exec(q, d.ID); err != nil {
					return err
				}
			}
			if err := t.exec(`UPDATE versions SET format = ?, language = ?, title = ?, meta = ?, source = ?, clean = ?, analysed = ? WHERE id = ?`,
				d.Format, d.Meta.Language, d.Meta.Title, p.meta, p.source, p.clean, analysedFlag(d), d.ID); err != nil {
				return err
			}
			return t.putLayers(d.ID, name, p)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", d.Name, err)
		}
		d.Name, d.Version = name, version
		d.Ingested, _ = time.Parse(timeFormat, at)
		return nil
	}, nil
}
