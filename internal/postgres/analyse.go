package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quellen/quellen"
)

// Reanalyse replaces what the analysis of the stored version d.ID made by
// d's, in one transaction: its clean text (and source), the metadata,
// language and title columns, its findings (with the document's
// corrections applied, as Put applies them; links to the old ones go
// with them), problems, passages and fragment filter; and it marks the
// version analysed unless d.Unanalysed. The raw bytes never change:
// d.SHA256 must be the stored version's. It fills d.Name, d.Version and
// d.Ingested from the stored version and each finding's ID. See
// quellen.Store.
func (s *Store) Reanalyse(ctx context.Context, d *quellen.Document) error {
	if s.readOnly {
		return s.errReadOnly()
	}
	p, err := Prepare(d) // the SHA-256 of d.Raw when d.SHA256 is empty
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		err := s.reanalyse(ctx, p)
		if pe, ok := errors.AsType[*pgconn.PgError](err); ok && attempt < 3 && (pe.Code == "40001" || pe.Code == "40P01") {
			continue // a deadlock with another writer: again
		}
		if err != nil {
			return fmt.Errorf("version %d: %w", d.ID, err)
		}
		return nil
	}
}

// Raw reads a version's path, raw bytes and addressable text, without its
// findings (ingest.RawReader).
func (s *Store) Raw(ctx context.Context, id int64) (path string, raw []byte, source string, err error) {
	var src []byte
	err = s.pool.QueryRow(ctx, `SELECT path, raw, source FROM versions WHERE id = $1`, id).Scan(&path, &raw, &src)
	if isNoRows(err) {
		return "", nil, "", fmt.Errorf("document %d: %w", id, quellen.ErrNotFound)
	}
	if err != nil {
		return "", nil, "", err
	}
	if raw == nil {
		raw = []byte{}
	}
	source = string(raw)
	if src != nil {
		source = string(src)
	}
	return path, raw, source, nil
}

func (s *Store) reanalyse(ctx context.Context, p *Prepared) error {
	d := p.d
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var (
		name, sha string
		version   int64
		at        time.Time
	)
	err = tx.QueryRow(ctx, `SELECT d.name, v.version, v.sha256, v.ingested
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = $1 FOR UPDATE OF v`, d.ID).Scan(&name, &version, &sha, &at)
	if isNoRows(err) {
		return quellen.ErrNotFound
	}
	if err != nil {
		return err
	}
	if d.SHA256 != sha {
		return fmt.Errorf("%s: SHA-256 %s, not the stored version's %s", name, d.SHA256, sha)
	}
	// What the old analysis made goes; links to its findings go with them
	// (ON DELETE CASCADE).
	for _, q := range []string{
		`DELETE FROM passages WHERE version_id = $1`,
		`DELETE FROM findings WHERE version_id = $1`,
		`DELETE FROM problems WHERE version_id = $1`,
		`DELETE FROM version_grams WHERE version_id = $1`,
	} {
		if _, err := tx.Exec(ctx, q, d.ID); err != nil {
			return err
		}
	}
	// The version's new texts and metadata. Its xref text (xref_texts)
	// was made from the raw bytes, repaired again with the corpus's
	// lexicon, and is the stored clean text where its clean is NULL: it
	// keeps the old clean text when the new one differs (and drops its
	// copy when the new one is the same), so that the fingerprints made
	// from it and the word places stay true. Every sub-statement reads
	// the version as it was before the update.
	if _, err := tx.Exec(ctx, `WITH old AS (SELECT coalesce(clean, source, raw) AS text FROM versions WHERE id = $1),
		new AS (UPDATE versions SET language = $2, title = $3, meta = $4, source = nullif($5::bytea, raw), clean = $6, analysed = $7, format = $8
			WHERE id = $1 RETURNING coalesce(clean, source, raw) AS text)
		UPDATE xref_texts x SET clean = nullif(coalesce(x.clean, old.text), new.text) FROM old, new
		WHERE x.version_id = $1 AND nullif(coalesce(x.clean, old.text), new.text) IS DISTINCT FROM x.clean`,
		d.ID, d.Meta.Language, pgText(d.Meta.Title), p.meta, p.source, p.clean, !d.Unanalysed, d.Format); err != nil {
		return err
	}
	if err := s.putAnalysis(ctx, tx, d.ID, name, p); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	d.Name, d.Version, d.Ingested = name, int(version), at.UTC()
	return nil
}
