package sqlite

import (
	"context"
	"fmt"

	"github.com/quellen/quellen"
)

// AddLinks stores links between stored versions (a passage's DocID is its
// version's id; FindingID, when set, its finding's) in one transaction,
// passing over each link whose like is stored already (the same kind, the
// same two sides' versions, findings and raw spans, relation and event);
// it sets each link's ID (the stored one's for a link passed over) and
// returns how many it added. On an error none is stored and no ID set.
// Storing links a transaction each ran at a few dozen a second: callers
// with many should give them in batches of hundreds.
func (s *Store) AddLinks(ctx context.Context, links []*quellen.Link) (added int, err error) {
	if s.readOnly {
		return 0, fmt.Errorf("%s: opened read-only", s.path)
	}
	if len(links) == 0 {
		return 0, nil
	}
	fid := func(id int64) any {
		if id == 0 {
			return nil
		}
		return id
	}
	ids := make([]int64, len(links))
	err = s.write(ctx, func(t *wtx) error {
		added = 0
		for i, l := range links {
			found, err := t.queryRow(`SELECT id FROM links WHERE kind = ? AND a_version_id = ? AND a_finding_id IS ?
				AND a_raw_start = ? AND a_raw_end = ? AND b_version_id = ? AND b_finding_id IS ? AND b_raw_start = ? AND b_raw_end = ?
				AND relation = ? AND event = ? LIMIT 1`, []any{l.Kind, l.A.DocID, fid(l.A.FindingID), l.A.Raw.Start, l.A.Raw.End,
				l.B.DocID, fid(l.B.FindingID), l.B.Raw.Start, l.B.Raw.End, l.Relation, l.Event}, &ids[i])
			if err != nil {
				return err
			}
			if found {
				continue
			}
			attrs, err := marshalAttrs(l.Attrs)
			if err != nil {
				return err
			}
			if err := t.exec(`INSERT INTO links(kind, a_version_id, a_finding_id, a_raw_start, a_raw_end, a_line, a_end_line, a_text,
				b_version_id, b_finding_id, b_raw_start, b_raw_end, b_line, b_end_line, b_text, relation, event, score, attrs)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, l.Kind, l.A.DocID, fid(l.A.FindingID), l.A.Raw.Start, l.A.Raw.End,
				l.A.Line, l.A.EndLine, l.A.Text, l.B.DocID, fid(l.B.FindingID), l.B.Raw.Start, l.B.Raw.End, l.B.Line, l.B.EndLine,
				l.B.Text, l.Relation, l.Event, l.Score, attrs); err != nil {
				return fmt.Errorf("link %s %d:%d-%d %d:%d-%d: %w", l.Kind, l.A.DocID, l.A.Raw.Start, l.A.Raw.End, l.B.DocID, l.B.Raw.Start, l.B.Raw.End, err)
			}
			ids[i] = t.c.LastInsertRowID()
			added++
		}
		return nil
	})
	if err != nil {
		return 0, err // rolled back
	}
	for i, l := range links {
		l.ID = ids[i]
	}
	return added, nil
}
