// Package quellen holds the domain types of quellen, a tool for source
// criticism of contested historical writing: documents, the standoff
// findings made on them, the links between findings across documents, and
// the interfaces of the services that store and analyse them.
//
// Everything else lives in internal packages named after what they wrap
// (internal/sqlite, internal/read, internal/repair, ...); cmd/quellen is a
// thin command line over them.
package quellen

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Span is a half-open byte range [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether the two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// Kind names a layer of findings. The kinds of the extraction contract
// (../shared/eval/CONTRACT.md) are constants below.
type Kind string

// The kinds of the extraction contract, and the extra ones quellen emits.
const (
	KindMetadata   Kind = "metadata"
	KindQuote      Kind = "quote"
	KindScareQuote Kind = "scare_quote"
	KindNoteMarker Kind = "note_marker"
	KindNote       Kind = "note"
	KindReference  Kind = "reference"
	KindDate       Kind = "date"
	KindEntity     Kind = "entity"
	KindNumber     Kind = "number"
	KindStance     Kind = "stance"
	KindRepair     Kind = "repair"
	KindLayout     Kind = "layout"
	KindLanguage   Kind = "language" // one per paragraph: attr lang
	KindProblem    Kind = "problem"  // a damaged input, an orphan marker, ...
)

// Status says who stands behind a finding.
type Status string

// The statuses of a finding.
const (
	StatusAutomatic Status = "automatic" // made by an extractor, nobody looked
	StatusConfirmed Status = "confirmed" // a person said it is right
	StatusCorrected Status = "corrected" // a person changed it
	StatusRejected  Status = "rejected"  // a person said it is wrong
)

// Attrs are a finding's typed attributes. Values are JSON values: string,
// bool, int, float64, nil, []any, map[string]any (or types that marshal to
// them). A missing key and a nil value both mean "unknown".
type Attrs map[string]any

// String returns the attribute as a string, or "" when absent or not a string.
func (a Attrs) String(key string) string {
	s, _ := a[key].(string)
	return s
}

// Finding is one standoff annotation on a document.
//
// Clean is the span in the repaired text that extractors read; Raw is the
// span in the document's addressable bytes (the file itself for text, HTML,
// Markdown and TEI; the extracted text for PDF and EPUB), computed by the
// pipeline through the repair offset map and never re-found by searching.
// Line and EndLine are the 1-based raw lines of Raw.Start and Raw.End-1.
type Finding struct {
	ID        int64  `json:"id,omitempty"`
	Kind      Kind   `json:"kind"`
	Clean     Span   `json:"clean"`
	Raw       Span   `json:"raw"`
	Line      int    `json:"line"`
	EndLine   int    `json:"end_line"`
	Text      string `json:"text"`
	Attrs     Attrs  `json:"attrs,omitempty"`
	Extractor string `json:"extractor"`
	Status    Status `json:"status"`
}

// Link joins two findings or two passages, within a document or across
// documents: a marker to its note, a quote to its source, a reuse, a
// translation, a conflict.
type Link struct {
	ID       int64   `json:"id,omitempty"`
	Kind     string  `json:"kind"` // reuse, translation, same_event, conflict, note_of, ...
	A        Passage `json:"a"`
	B        Passage `json:"b"`
	Relation string  `json:"relation,omitempty"` // agree, disagree, related
	Event    string  `json:"event,omitempty"`
	Score    float64 `json:"score"`
	Attrs    Attrs   `json:"attrs,omitempty"`
}

// Passage is one side of a Link: a span of a document and, when the side is
// a finding, its id.
type Passage struct {
	DocID     int64  `json:"doc_id,omitempty"`
	Doc       string `json:"doc"`
	FindingID int64  `json:"finding_id,omitempty"`
	Raw       Span   `json:"raw"`
	Line      int    `json:"line"`
	EndLine   int    `json:"end_line"`
	Text      string `json:"text"`
}

// Metadata is what quellen knows about a document as a work.
type Metadata struct {
	Title            string `json:"title,omitempty"`
	Author           string `json:"author,omitempty"`
	Date             string `json:"date,omitempty"` // ISO, partial allowed, START/END for a span
	Published        string `json:"published,omitempty"`
	Source           string `json:"source,omitempty"`
	Translator       string `json:"translator,omitempty"`
	OriginalLanguage string `json:"original_language,omitempty"`
	URL              string `json:"url,omitempty"`
	Summary          string `json:"summary,omitempty"`
	Language         string `json:"language,omitempty"` // ISO 639-1 of most of the text
}

// Problem is something wrong with an input that did not stop its reading:
// a finding about the input rather than about its content.
type Problem struct {
	Severity string `json:"severity"` // warning or error
	Code     string `json:"code"`     // stable, e.g. "encoding.cp1252", "pdf.encrypted"
	Message  string `json:"message"`
	Offset   int    `json:"offset"` // raw byte offset, -1 when the problem has no place
}

func (p Problem) Error() string { return p.Message }

// Document is one version of a document: its raw bytes, addressed by their
// SHA-256, the text its offsets refer to, the repaired text and what was
// found in it.
type Document struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"` // base name of the file, as the contract's doc field
	Path     string    `json:"path"`
	SHA256   string    `json:"sha256"`
	Format   string    `json:"format"` // text, markdown, html, epub, tei, pdf
	Version  int       `json:"version"`
	Ingested time.Time `json:"ingested"`
	Meta     Metadata  `json:"meta"`

	Raw    []byte `json:"-"` // the file, never modified
	Source string `json:"-"` // the addressable text: Raw decoded, or the text a PDF/EPUB reader extracted
	Clean  string `json:"-"` // the repaired text

	Findings []Finding `json:"findings,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
}

// DocFilter selects documents from a Store.
type DocFilter struct {
	Name  string
	Limit int
}

// FindingFilter selects findings from a Store.
type FindingFilter struct {
	DocID int64
	Kinds []Kind
	Limit int
}

// Store keeps documents, their findings and links. Implementations:
// internal/sqlite (the embedded default) and internal/postgres.
type Store interface {
	// Put stores a document version with its findings in one transaction.
	// Putting bytes already stored under the same name adds nothing and
	// returns the stored document with created false.
	Put(ctx context.Context, d *Document) (created bool, err error)
	// Document returns a document by id, with Raw, Source and Clean.
	Document(ctx context.Context, id int64) (*Document, error)
	// Documents lists the latest version of each document, without text.
	Documents(ctx context.Context, f DocFilter) ([]*Document, error)
	// Findings lists findings.
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	Close() error
}

// Errors a Store returns, to be tested with errors.Is.
var (
	ErrNotFound    = errors.New("not found")
	ErrNotOurs     = errors.New("not a quellen database")
	ErrNewerSchema = errors.New("database schema is newer than this quellen")
)

// InputError is an input quellen cannot read at all: it names the file and
// what is wrong with it.
type InputError struct {
	Path string
	Code string // stable, e.g. "binary", "empty", "pdf.encrypted", "xml.malformed"
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }
