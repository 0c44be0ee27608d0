package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/quellen/quellen"
)

// timeFormat is how times are kept in the database.
const timeFormat = time.RFC3339Nano

// searchedKinds are the kinds of finding whose text is indexed as a passage
// of its own, beside the paragraphs.
var searchedKinds = map[quellen.Kind]bool{
	quellen.KindQuote:     true,
	quellen.KindNote:      true,
	quellen.KindReference: true,
}

// Put stores one document version, its findings, problems and passages in
// one transaction. See quellen.Store.
func (s *Store) Put(ctx context.Context, d *quellen.Document) (bool, error) {
	if s.readOnly {
		return false, fmt.Errorf("%s: opened read-only", s.path)
	}
	if d.Name == "" {
		return false, errors.New("sqlite: Put: document without a name")
	}
	if d.SHA256 == "" {
		sum := sha256.Sum256(d.Raw)
		d.SHA256 = hex.EncodeToString(sum[:])
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	defer tx.Rollback()

	// Bytes already stored: nothing to add.
	var (
		id, version int64
		name, at    string
	)
	err = tx.QueryRowContext(ctx, `SELECT v.id, v.version, d.name, v.ingested
		FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.sha256 = ?`, d.SHA256).
		Scan(&id, &version, &name, &at)
	switch {
	case err == nil:
		d.ID, d.Version, d.Name = id, int(version), name
		d.Ingested, _ = time.Parse(timeFormat, at)
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}

	now := time.Now().UTC()
	nowText := now.Format(timeFormat)
	var docID int64
	err = tx.QueryRowContext(ctx, `INSERT INTO documents(name, created) VALUES (?, ?)
		ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`, d.Name, nowText).Scan(&docID)
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM versions WHERE document_id = ?`, docID).Scan(&version); err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	metaJSON, err := json.Marshal(d.Meta)
	if err != nil {
		return false, fmt.Errorf("%s: metadata: %w", d.Name, err)
	}
	var source, clean any = nil, nil // NULL: the same as raw, as source
	if d.Source != string(d.Raw) {
		source = d.Source
	}
	if d.Clean != d.Source {
		clean = d.Clean
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{} // NOT NULL: an empty blob
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO versions(document_id, version, sha256, path, format, language, title,
		meta, raw, source, clean, size, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		docID, version, d.SHA256, d.Path, d.Format, d.Meta.Language, d.Meta.Title,
		string(metaJSON), raw, source, clean, len(d.Raw), nowText).Scan(&id)
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}

	corr, err := correctionsOf(ctx, tx, d.Name)
	if err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if err := putFindings(ctx, tx, id, d.Findings, corr); err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if err := putProblems(ctx, tx, id, d.Problems); err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if err := putPassages(ctx, tx, id, d); err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s: %w", d.Name, err)
	}
	d.ID, d.Version, d.Ingested = id, int(version), now
	return true, nil
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

// correctionsOf returns the corrections made on documents of this name,
// the latest last for each identity.
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

// rowsPerInsert is how many rows one INSERT statement carries.
const rowsPerInsert = 64

// batchInsert inserts rows of n columns with multi-row INSERT statements.
type batchInsert struct {
	ctx    context.Context
	tx     *sql.Tx
	prefix string // INSERT INTO t(cols) VALUES
	cols   int
	full   *sql.Stmt // rowsPerInsert rows
	args   []any
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, prefix string, cols int) *batchInsert {
	return &batchInsert{ctx: ctx, tx: tx, prefix: prefix, cols: cols, args: make([]any, 0, cols*rowsPerInsert)}
}

func (b *batchInsert) query(rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", b.cols), ",") + ")"
	return b.prefix + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

// add queues one row, inserting a full batch.
func (b *batchInsert) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.cols*rowsPerInsert {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(b.ctx, b.query(rowsPerInsert))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush inserts the rows queued and releases the statement.
func (b *batchInsert) flush() error {
	defer func() {
		if b.full != nil {
			b.full.Close()
		}
	}()
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.query(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func putFindings(ctx context.Context, tx *sql.Tx, versionID int64, fs []quellen.Finding, corr map[identity][]quellen.Correction) error {
	if len(fs) == 0 {
		return nil
	}
	// Ids are given here, in the write transaction that holds the lock,
	// so that findings go in many rows a statement.
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM findings`).Scan(&next); err != nil {
		return err
	}
	ins := newBatchInsert(ctx, tx, `INSERT INTO findings(id, version_id, seq, kind, clean_start, clean_end,
		raw_start, raw_end, line, end_line, text, attrs, extractor, status) VALUES `, 14)
	for i := range fs {
		f := &fs[i]
		if f.Status == "" {
			f.Status = quellen.StatusAutomatic
		}
		if corr != nil {
			for _, c := range corr[identity{f.Kind, f.Raw, TextHash(f.Text)}] {
				applyCorrection(f, c)
			}
		}
		attrs, err := marshalAttrs(f.Attrs)
		if err != nil {
			return fmt.Errorf("finding %d (%s): %w", i, f.Kind, err)
		}
		f.ID = next + int64(i)
		if err := ins.add(f.ID, versionID, i, string(f.Kind), f.Clean.Start, f.Clean.End,
			f.Raw.Start, f.Raw.End, f.Line, f.EndLine, f.Text, attrs, f.Extractor, string(f.Status)); err != nil {
			return err
		}
	}
	return ins.flush()
}

func putProblems(ctx context.Context, tx *sql.Tx, versionID int64, ps []quellen.Problem) error {
	for _, p := range ps {
		if _, err := tx.ExecContext(ctx, `INSERT INTO problems(version_id, severity, code, message, offset) VALUES (?,?,?,?,?)`,
			versionID, p.Severity, p.Code, p.Message, p.Offset); err != nil {
			return err
		}
	}
	return nil
}

// Paragraph is a paragraph of the clean text as indexed, with its language.
type Paragraph struct {
	Span quellen.Span
	Lang string
}

// Paragraphs returns the paragraphs to index: the spans of the language
// findings (one per paragraph of the pipeline, with its language) when
// there are any, else runs of the clean text between blank lines in the
// document's language.
func Paragraphs(clean string, fs []quellen.Finding, docLang string) []Paragraph {
	var ps []Paragraph
	for _, f := range fs {
		if f.Kind != quellen.KindLanguage || f.Clean.Start < 0 || f.Clean.End > len(clean) || f.Clean.Start >= f.Clean.End {
			continue
		}
		lang := f.Attrs.String("lang")
		if lang == "" {
			lang = docLang
		}
		ps = append(ps, Paragraph{Span: f.Clean, Lang: lang})
	}
	if len(ps) > 0 {
		return ps
	}
	add := func(start, end int) {
		for start < end && isSpace(clean[start]) {
			start++
		}
		for end > start && isSpace(clean[end-1]) {
			end--
		}
		if start < end {
			ps = append(ps, Paragraph{Span: quellen.Span{Start: start, End: end}, Lang: docLang})
		}
	}
	start := 0
	for i := 0; i < len(clean); {
		j := strings.IndexByte(clean[i:], '\n')
		if j < 0 {
			break
		}
		nl := i + j
		// A blank line follows this newline?
		k := nl + 1
		for k < len(clean) && (clean[k] == ' ' || clean[k] == '\t' || clean[k] == '\r') {
			k++
		}
		if k < len(clean) && clean[k] == '\n' {
			add(start, nl)
			for k < len(clean) && isSpace(clean[k]) {
				k++
			}
			start = k
			i = k
			continue
		}
		i = nl + 1
	}
	add(start, len(clean))
	return ps
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// putPassages indexes the document's paragraphs and the text of its
// quotations, notes and references.
func putPassages(ctx context.Context, tx *sql.Tx, versionID int64, d *quellen.Document) error {
	ins := newBatchInsert(ctx, tx, `INSERT INTO passages(version_id, finding_id, kind, clean_start, clean_end, lang, text,
		keys, speakers, entities, dates, raw_start, raw_end, line) VALUES `, 14)
	ix := newPassageIndexer(d)
	for _, p := range Paragraphs(d.Clean, d.Findings, d.Meta.Language) {
		text := d.Clean[p.Span.Start:p.Span.End]
		e := ix.extra(p.Span, p.Lang, text, nil)
		if err := ins.add(versionID, nil, "paragraph", p.Span.Start, p.Span.End, p.Lang, text,
			e.keys, e.speakers, e.entities, e.dates, e.raw.Start, e.raw.End, e.line); err != nil {
			return err
		}
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		if !searchedKinds[f.Kind] || strings.TrimSpace(f.Text) == "" || f.Status == quellen.StatusRejected {
			continue
		}
		lang := f.Attrs.String("lang")
		if lang == "" {
			lang = d.Meta.Language
		}
		e := ix.extra(f.Clean, lang, f.Text, f)
		if err := ins.add(versionID, f.ID, string(f.Kind), f.Clean.Start, f.Clean.End, lang, f.Text,
			e.keys, e.speakers, e.entities, e.dates, e.raw.Start, e.raw.End, e.line); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO passages_fts(rowid, text, lang)
		SELECT id, text, lang FROM passages WHERE version_id = ? ORDER BY id`, versionID)
	if err != nil {
		return err
	}
	return indexPassages(ctx, tx, versionID)
}
