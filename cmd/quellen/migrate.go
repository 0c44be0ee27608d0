package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres"
	"github.com/quellen/quellen/internal/sqlite"
)

// MigrateCmd copies a database into another: SQLite to PostgreSQL or back.
type MigrateCmd struct {
	From string `name:"from" required:"" help:"The database to copy: a SQLite file or a postgres:// address (read only)." placeholder:"DB"`
	To   string `name:"to" required:"" help:"The database to copy into (made when missing): a SQLite file or a postgres:// address." placeholder:"DB"`
}

// Help is shown under the command's usage.
func (c *MigrateCmd) Help() string {
	return `Every document is copied with all its versions (raw bytes, texts, findings
with their status, problems, the time each was ingested), then every
correction and every link between findings. Bytes already in the target are
not copied again, nor are corrections and links it has, so that migrating
twice adds nothing and an interrupted migration can be run again. The search
index of the target is rebuilt from the copied texts.

Examples:
  quellen migrate --from quellen.db --to postgres://quellen@db:5432/quellen
  quellen migrate --from postgres://quellen@db:5432/quellen --to copy.db`
}

// migrateStats counts what a migration copied.
type migrateStats struct {
	Versions, Existing, Corrections, Links int
}

// Run implements the command.
func (c *MigrateCmd) Run(g *Globals) error {
	if c.From == c.To {
		return errors.New("--from and --to name the same database")
	}
	src, err := openStoreAt(g, c.From, true)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStoreAt(g, c.To, false)
	if err != nil {
		return err
	}
	defer dst.Close()
	st, err := migrate(g.ctx, src, dst)
	if err != nil {
		return fmt.Errorf("migrating %s to %s: %w (run it again to resume)", src.Path(), dst.Path(), err)
	}
	fmt.Fprintf(g.stdout, "%s → %s: %d versions copied (%d there already), %d corrections, %d links\n",
		src.Path(), dst.Path(), st.Versions, st.Existing, st.Corrections, st.Links)
	return nil
}

// migrate copies src into dst.
func migrate(ctx context.Context, src, dst dbStore) (migrateStats, error) {
	var st migrateStats
	docs, err := src.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return st, err
	}
	versionIDs := map[int64]int64{} // src version id → dst
	findingIDs := map[int64]int64{} // src finding id → dst
	for _, doc := range docs {
		vs, err := src.Versions(ctx, doc.Name)
		if err != nil {
			return st, err
		}
		for _, v := range vs {
			d, err := src.Document(ctx, v.ID)
			if err != nil {
				return st, err
			}
			srcFindings := make([]int64, len(d.Findings))
			for i, f := range d.Findings {
				srcFindings[i] = f.ID
			}
			created, err := dst.Put(ctx, d)
			if err != nil {
				return st, err
			}
			dstFindings := d.Findings
			if created {
				st.Versions++
				if err := setIngested(ctx, dst, d.ID, v.Ingested); err != nil {
					return st, err
				}
			} else {
				st.Existing++
				if dstFindings, err = dst.Findings(ctx, quellen.FindingFilter{DocID: d.ID}); err != nil {
					return st, err
				}
			}
			versionIDs[v.ID] = d.ID
			if len(dstFindings) == len(srcFindings) {
				for i, id := range srcFindings {
					findingIDs[id] = dstFindings[i].ID
				}
			}
		}
		cs, err := src.Corrections(ctx, doc.Name)
		if err != nil {
			return st, err
		}
		for _, c := range cs {
			added, err := importCorrection(ctx, dst, c)
			if err != nil {
				return st, err
			}
			if added {
				st.Corrections++
			}
		}
	}
	links, err := listLinks(ctx, src)
	if err != nil {
		return st, err
	}
	var batch []*quellen.Link
	for i := range links {
		l := &links[i]
		a, aok := versionIDs[l.A.DocID]
		b, bok := versionIDs[l.B.DocID]
		if !aok || !bok {
			continue
		}
		l.A.DocID, l.B.DocID = a, b
		for _, p := range []*quellen.Passage{&l.A, &l.B} {
			if p.FindingID != 0 {
				p.FindingID = findingIDs[p.FindingID]
			}
		}
		batch = append(batch, l)
		if len(batch) == linkBatch {
			added, err := addLinks(ctx, dst, batch)
			if err != nil {
				return st, err
			}
			st.Links += added
			batch = batch[:0]
		}
	}
	added, err := addLinks(ctx, dst, batch)
	st.Links += added
	return st, err
}

// setIngested keeps the time a copied version was first ingested.
func setIngested(ctx context.Context, s dbStore, id int64, at time.Time) error {
	switch s := s.(type) {
	case *postgres.Store:
		return s.SetIngested(ctx, id, at)
	case *sqlite.Store:
		_, err := s.DB().ExecContext(ctx, `UPDATE versions SET ingested = ? WHERE id = ?`, at.UTC().Format(time.RFC3339Nano), id)
		return err
	}
	return nil
}

// importCorrection records a copied correction unless the same one is there.
func importCorrection(ctx context.Context, s dbStore, c quellen.Correction) (bool, error) {
	switch s := s.(type) {
	case *postgres.Store:
		return s.ImportCorrection(ctx, c)
	case *sqlite.Store:
		at := c.When.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM corrections WHERE doc = ? AND kind = ? AND raw_start = ?
			AND raw_end = ? AND text_hash = ? AND status = ? AND who = ? AND at = ?`, c.Doc, string(c.Kind), c.Raw.Start, c.Raw.End,
			c.TextHash, string(c.Status), c.Who, at).Scan(&n); err != nil || n > 0 {
			return false, err
		}
		attrs, err := jsonOrNull(c.Attrs)
		if err != nil {
			return false, err
		}
		_, err = s.DB().ExecContext(ctx, `INSERT INTO corrections(doc, kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, c.Doc, string(c.Kind), c.Raw.Start, c.Raw.End, c.TextHash, string(c.Status), c.Text,
			attrs, c.Who, at, c.Note)
		return err == nil, err
	}
	return false, fmt.Errorf("%T: cannot import corrections", s)
}

func jsonOrNull(a quellen.Attrs) (any, error) {
	if len(a) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(a)
	return string(b), err
}

// listLinks returns every link of a store; a passage's DocID is its
// version's id.
func listLinks(ctx context.Context, s dbStore) ([]quellen.Link, error) {
	switch s := s.(type) {
	case *postgres.Store:
		return s.Links(ctx)
	case *sqlite.Store:
		rows, err := s.DB().QueryContext(ctx, `SELECT l.id, l.kind,
			l.a_version_id, coalesce(l.a_finding_id, 0), l.a_raw_start, l.a_raw_end, l.a_line, l.a_end_line, l.a_text,
			l.b_version_id, coalesce(l.b_finding_id, 0), l.b_raw_start, l.b_raw_end, l.b_line, l.b_end_line, l.b_text,
			l.relation, l.event, l.score, l.attrs FROM links l ORDER BY l.id`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []quellen.Link
		for rows.Next() {
			var l quellen.Link
			var attrs sql.NullString
			if err := rows.Scan(&l.ID, &l.Kind,
				&l.A.DocID, &l.A.FindingID, &l.A.Raw.Start, &l.A.Raw.End, &l.A.Line, &l.A.EndLine, &l.A.Text,
				&l.B.DocID, &l.B.FindingID, &l.B.Raw.Start, &l.B.Raw.End, &l.B.Line, &l.B.EndLine, &l.B.Text,
				&l.Relation, &l.Event, &l.Score, &attrs); err != nil {
				return nil, err
			}
			if attrs.Valid {
				if err := json.Unmarshal([]byte(attrs.String), &l.Attrs); err != nil {
					return nil, err
				}
			}
			out = append(out, l)
		}
		return out, rows.Err()
	}
	return nil, nil
}

// addLinks stores links in one transaction, each unless the same one is
// there, and returns how many it added.
func addLinks(ctx context.Context, s dbStore, ls []*quellen.Link) (int, error) {
	switch s := s.(type) {
	case *postgres.Store:
		return s.AddLinks(ctx, ls)
	case *sqlite.Store:
		return s.AddLinks(ctx, ls)
	}
	return 0, fmt.Errorf("%T: cannot store links", s)
}
