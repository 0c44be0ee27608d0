package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ncruces/go-sqlite3"
	"github.com/quellen/quellen"
)

// timeFormat is how times are kept in the database.
const timeFormat = time.RFC3339Nano

// Put stores one document version, its findings, problems and passages in
// one transaction. See quellen.Store. It is Prepare and PutPrepared.
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

// Prepare is the package's Prepare, as a method: what an ingest's workers
// call before handing the document to the writer, which calls put.
func (s *Store) Prepare(d *quellen.Document) (put func(context.Context) (created bool, err error), err error) {
	if err := s.canPut(d); err != nil {
		return nil, err
	}
	p, err := Prepare(d)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (bool, error) { return s.PutPrepared(ctx, p) }, nil
}

func (s *Store) canPut(d *quellen.Document) error {
	if s.readOnly {
		return fmt.Errorf("%s: opened read-only", s.path)
	}
	if d.Name == "" {
		return errors.New("sqlite: Put: document without a name")
	}
	return nil
}

// PutPrepared stores a prepared document as Put does, in one transaction.
func (s *Store) PutPrepared(ctx context.Context, p *Prepared) (bool, error) {
	d := p.d
	if err := s.canPut(d); err != nil {
		return false, err
	}
	var (
		created bool
		now     = time.Now().UTC()
		id      int64
		version int
	)
	err := s.write(ctx, func(t *wtx) error {
		var err error
		created, id, version, err = t.put(p, now)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if created {
		d.ID, d.Version, d.Ingested = id, version, now
	}
	return created, nil
}

// put writes a prepared document in the writer's transaction. Bytes
// already stored fill d from the stored version and add nothing.
func (t *wtx) put(p *Prepared, now time.Time) (created bool, id int64, version int, err error) {
	d := p.d
	var name, at string
	found, err := t.queryRow(`SELECT v.id, v.version, d.name, v.ingested
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ?`, []any{d.SHA256}, &id, &version, &name, &at)
	if err != nil {
		return false, 0, 0, err
	}
	if found {
		d.ID, d.Version, d.Name = id, version, name
		d.Ingested, _ = time.Parse(timeFormat, at)
		return false, 0, 0, nil
	}
	nowText := now.Format(timeFormat)
	var docID int64
	if _, err := t.queryRow(`INSERT INTO documents(name, created) VALUES (?, ?)
		ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`, []any{d.Name, nowText}, &docID); err != nil {
		return false, 0, 0, err
	}
	if _, err := t.queryRow(`SELECT coalesce(max(version), 0) + 1 FROM versions WHERE document_id = ?`, []any{docID}, &version); err != nil {
		return false, 0, 0, err
	}
	var raw any = d.Raw
	if d.Raw == nil {
		raw = []byte{} // NOT NULL: an empty blob
	}
	if err := t.exec(`INSERT INTO versions(document_id, version, sha256, path, format, language, title,
		meta, raw, source, clean, size, ingested, analysed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		docID, version, d.SHA256, d.Path, d.Format, d.Meta.Language, d.Meta.Title,
		p.meta, raw, p.source, p.clean, len(d.Raw), nowText, analysedFlag(d)); err != nil {
		return false, 0, 0, err
	}
	id = t.c.LastInsertRowID()
	if err := t.putLayers(id, d.Name, p); err != nil {
		return false, 0, 0, err
	}
	return true, id, version, nil
}

// analysedFlag is the versions.analysed of d.
func analysedFlag(d *quellen.Document) int {
	if d.Unanalysed {
		return 0
	}
	return 1
}

// putLayers writes what the analysis of a version made (its findings,
// with the corrections of the document named applied, its problems, its
// passages and its fragment filter) under the version's id.
func (t *wtx) putLayers(id int64, name string, p *Prepared) error {
	d := p.d
	corr, err := t.corrections(name)
	if err != nil {
		return err
	}
	if corr != nil {
		changed := false
		for i := range d.Findings {
			f := &d.Findings[i]
			for _, c := range corr[identity{f.Kind, f.Raw, TextHash(f.Text)}] {
				applyCorrection(f, c)
				changed = true
			}
		}
		if changed {
			// Texts, attributes and statuses changed: their JSON and the
			// passages too.
			if err := p.prepareFindings(); err != nil {
				return err
			}
		}
	}
	if err := t.putFindings(id, p); err != nil {
		return err
	}
	for _, pr := range d.Problems {
		if err := t.exec(`INSERT INTO problems(version_id, severity, code, message, offset) VALUES (?,?,?,?,?)`,
			id, pr.Severity, pr.Code, pr.Message, pr.Offset); err != nil {
			return err
		}
	}
	return t.putPassages(id, p)
}

// identity is what names a finding across versions of a document.
type identity struct {
	kind     quellen.Kind
	raw      quellen.Span
	textHash string
}

// TextHash returns the hex SHA-256 of a finding's text, the last part of a
// correction's identity.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// corrections returns the corrections made on documents of this name, the
// latest last for each identity, read in the writer's transaction.
func (t *wtx) corrections(doc string) (map[identity][]quellen.Correction, error) {
	st, err := t.stmt(`SELECT kind, raw_start, raw_end, text_hash, status, text, attrs, who, at, note
		FROM corrections WHERE doc = ? ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer st.Reset()
	if err := st.BindText(1, doc); err != nil {
		return nil, err
	}
	var m map[identity][]quellen.Correction
	for st.Step() {
		c := quellen.Correction{Doc: doc, Kind: quellen.Kind(st.ColumnText(0)), Raw: quellen.Span{Start: st.ColumnInt(1), End: st.ColumnInt(2)},
			TextHash: st.ColumnText(3), Status: quellen.Status(st.ColumnText(4)), Text: st.ColumnText(5), Who: st.ColumnText(7), Note: st.ColumnText(9)}
		c.When, _ = time.Parse(timeFormat, st.ColumnText(8))
		if st.ColumnType(6) != sqlite3.NULL {
			if err := json.Unmarshal(st.ColumnRawText(6), &c.Attrs); err != nil {
				return nil, err
			}
		}
		if m == nil {
			m = map[identity][]quellen.Correction{}
		}
		k := identity{c.Kind, c.Raw, c.TextHash}
		m[k] = append(m[k], c)
	}
	return m, st.Err()
}

// applyCorrection changes a finding as a correction says.
func applyCorrection(f *quellen.Finding, c quellen.Correction) {
	f.Status = c.Status
	if c.Text != "" {
		f.Text = c.Text
	}
	if len(c.Attrs) > 0 {
		attrs := make(quellen.Attrs, len(f.Attrs)+len(c.Attrs))
		for k, v := range f.Attrs {
			attrs[k] = v
		}
		for k, v := range c.Attrs {
			attrs[k] = v
		}
		f.Attrs = attrs
	}
}

// marshalAttrs encodes attributes as a JSON object, or NULL when there are
// none. Values JSON cannot hold (NaN, a channel) are kept as their text,
// so that a bad attribute never loses the document.
func marshalAttrs(a quellen.Attrs) (any, error) {
	if len(a) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(a)
	if err == nil {
		return string(b), nil
	}
	safe := make(map[string]any, len(a))
	for k, v := range a {
		if _, err := json.Marshal(v); err != nil {
			safe[k] = fmt.Sprint(v)
		} else {
			safe[k] = v
		}
	}
	b, err = json.Marshal(safe)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// putFindings inserts the findings, numbering them here, in the write
// transaction that holds the lock, so that they go in many rows a
// statement.
func (t *wtx) putFindings(versionID int64, p *Prepared) error {
	fs := p.d.Findings
	if len(fs) == 0 {
		return nil
	}
	var next int64
	if _, err := t.queryRow(`SELECT coalesce(max(id), 0) + 1 FROM findings`, nil, &next); err != nil {
		return err
	}
	for i := range fs {
		fs[i].ID = next + int64(i)
	}
	return t.insertRows(`INSERT INTO findings(id, version_id, seq, kind, clean_start, clean_end,
		raw_start, raw_end, line, end_line, text, attrs, extractor, status) VALUES `, 14, len(fs), func(b *binder, i int) {
		f := &fs[i]
		b.int64(f.ID)
		b.int64(versionID)
		b.int(i)
		b.text(string(f.Kind))
		b.int(f.Clean.Start)
		b.int(f.Clean.End)
		b.int(f.Raw.Start)
		b.int(f.Raw.End)
		b.int(f.Line)
		b.int(f.EndLine)
		b.text(f.Text)
		b.value(p.attrs[i])
		b.text(f.Extractor)
		b.text(string(f.Status))
	})
}

// putPassages stores the document's passages (its paragraphs and the text
// of its quotations, notes and references), indexes their keys (one
// statement, so that FTS5 writes one segment) and stores the fragment
// filter.
func (t *wtx) putPassages(versionID int64, p *Prepared) error {
	rows := p.passages
	err := t.insertRows(`INSERT INTO passages(version_id, finding_id, kind, clean_start, clean_end, lang, text,
		keys, speakers, entities, dates, raw_start, raw_end, line) VALUES `, 14, len(rows), func(b *binder, i int) {
		r := &rows[i]
		b.int64(versionID)
		if r.Finding >= 0 {
			b.int64(p.d.Findings[r.Finding].ID)
		} else {
			b.null()
		}
		b.text(r.Kind)
		b.int(r.Span.Start)
		b.int(r.Span.End)
		b.text(r.Lang)
		if r.Finding >= 0 && r.Text == p.d.Findings[r.Finding].Text {
			b.text("") // the finding's text: not twice
		} else {
			b.text(r.Text)
		}
		b.text(r.Keys)
		b.textOrNull(r.Speakers)
		b.textOrNull(r.Entities)
		b.textOrNull(r.Dates)
		b.int(r.Raw.Start)
		b.int(r.Raw.End)
		b.int(r.Line)
	})
	if err != nil {
		return err
	}
	if len(rows) > 0 {
		if err := t.exec(`INSERT INTO passages_keys(rowid, keys, speakers, entities)
			SELECT id, keys, speakers, entities FROM passages WHERE version_id = ? AND keys IS NOT NULL ORDER BY id`, versionID); err != nil {
			return err
		}
	}
	return t.exec(`INSERT INTO version_grams(version_id, filter) VALUES (?, ?)`, versionID, p.grams)
}
