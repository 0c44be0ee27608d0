package postgres

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/quellen/quellen"
)

// Links lists every link, in order of id; a passage's DocID is its
// version's id, Doc the document's name.
func (s *Store) Links(ctx context.Context) ([]quellen.Link, error) {
	return s.linksWhere(ctx, `true`)
}

// linksWhere lists the links l that the condition holds for, in order of id.
func (s *Store) linksWhere(ctx context.Context, cond string, args ...any) ([]quellen.Link, error) {
	rows, err := s.pool.Query(ctx, `SELECT l.id, l.kind,
		l.a_version_id, da.name, coalesce(l.a_finding_id, 0), l.a_raw_start, l.a_raw_end, l.a_line, l.a_end_line, l.a_text,
		l.b_version_id, db.name, coalesce(l.b_finding_id, 0), l.b_raw_start, l.b_raw_end, l.b_line, l.b_end_line, l.b_text,
		l.relation, l.event, l.score, l.attrs
		FROM links l JOIN versions va ON va.id = l.a_version_id JOIN documents da ON da.id = va.document_id
		JOIN versions vb ON vb.id = l.b_version_id JOIN documents db ON db.id = vb.document_id WHERE `+cond+` ORDER BY l.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quellen.Link
	for rows.Next() {
		var l quellen.Link
		var attrs []byte
		if err := rows.Scan(&l.ID, &l.Kind,
			&l.A.DocID, &l.A.Doc, &l.A.FindingID, &l.A.Raw.Start, &l.A.Raw.End, &l.A.Line, &l.A.EndLine, &l.A.Text,
			&l.B.DocID, &l.B.Doc, &l.B.FindingID, &l.B.Raw.Start, &l.B.Raw.End, &l.B.Line, &l.B.EndLine, &l.B.Text,
			&l.Relation, &l.Event, &l.Score, &attrs); err != nil {
			return nil, err
		}
		if attrs != nil {
			if err := json.Unmarshal(attrs, &l.Attrs); err != nil {
				return nil, err
			}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AddLink stores a link between two stored versions (DocID) and, when
// FindingID is set, findings, unless the same link is stored already (a
// unique index, links_once, names a link by its kind, its two sides'
// versions, findings and raw spans, its relation and event, so that two
// workers storing one link at once store it once); it reports whether it
// was added and sets l.ID.
func (s *Store) AddLink(ctx context.Context, l *quellen.Link) (bool, error) {
	if s.readOnly {
		return false, s.errReadOnly()
	}
	return addLink(ctx, s.pool, l)
}

// AddLinks stores links as AddLink does, in one transaction, and returns
// how many it added; on an error none is stored.
func (s *Store) AddLinks(ctx context.Context, links []*quellen.Link) (added int, err error) {
	if s.readOnly {
		return 0, s.errReadOnly()
	}
	if len(links) == 0 {
		return 0, nil
	}
	ids := make([]int64, len(links))
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		added = 0
		for i, l := range links {
			c := *l
			ok, err := addLink(ctx, tx, &c)
			if err != nil {
				return err
			}
			ids[i] = c.ID
			if ok {
				added++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for i, l := range links {
		l.ID = ids[i]
	}
	return added, nil
}

// addLink inserts a link unless its like is stored, and sets l.ID.
func addLink(ctx context.Context, q querier, l *quellen.Link) (bool, error) {
	attrs, err := marshalAttrs(l.Attrs)
	if err != nil {
		return false, err
	}
	var a any
	if attrs != nil {
		a = string(attrs)
	}
	fid := func(id int64) any {
		if id == 0 {
			return nil
		}
		return id
	}
	err = q.QueryRow(ctx, `INSERT INTO links(kind, a_version_id, a_finding_id, a_raw_start, a_raw_end, a_line, a_end_line, a_text,
		b_version_id, b_finding_id, b_raw_start, b_raw_end, b_line, b_end_line, b_text, relation, event, score, attrs)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) ON CONFLICT DO NOTHING RETURNING id`,
		l.Kind, l.A.DocID, fid(l.A.FindingID), l.A.Raw.Start, l.A.Raw.End, l.A.Line, l.A.EndLine, pgText(l.A.Text),
		l.B.DocID, fid(l.B.FindingID), l.B.Raw.Start, l.B.Raw.End, l.B.Line, l.B.EndLine, pgText(l.B.Text),
		l.Relation, l.Event, l.Score, a).Scan(&l.ID)
	if err == nil {
		return true, nil
	}
	if !isNoRows(err) {
		return false, err
	}
	err = q.QueryRow(ctx, `SELECT id FROM links WHERE kind = $1 AND a_version_id = $2 AND coalesce(a_finding_id, 0) = $3
		AND a_raw_start = $4 AND a_raw_end = $5 AND b_version_id = $6 AND coalesce(b_finding_id, 0) = $7
		AND b_raw_start = $8 AND b_raw_end = $9 AND relation = $10 AND event = $11`,
		l.Kind, l.A.DocID, l.A.FindingID, l.A.Raw.Start, l.A.Raw.End, l.B.DocID, l.B.FindingID, l.B.Raw.Start, l.B.Raw.End,
		l.Relation, l.Event).Scan(&l.ID)
	return false, err
}
