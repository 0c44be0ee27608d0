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
// them). A missing key and a nil value both mean "unknown". Findings of
// one document may share one Attrs (entity mentions of one name written one
// way do): copy before changing a finding's attributes.
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

	// Unanalysed marks a version stored read, repaired and with its
	// metadata, but without the extractors' layers and search passages
	// (`quellen ingest --store-only`); `quellen analyse` adds them.
	Unanalysed bool `json:"unanalysed,omitempty"`
}

// DocFilter selects documents from a Store.
type DocFilter struct {
	Name  string // only the document of this name
	Limit int    // at most this many; 0: all
}

// FindingFilter selects findings from a Store.
type FindingFilter struct {
	DocID int64  // the version's id (Document.ID)
	Kinds []Kind // only these kinds; nil: all
	Limit int    // at most this many; 0: all
}

// Correction is a person's judgement on a finding: confirmed, corrected
// (new text or attributes) or rejected. It is kept apart from the findings
// and named by what survives a re-ingest: the document's name, the
// finding's kind, its raw span and the SHA-256 of its text; when a new
// version of the document is stored, every correction whose identity
// matches one of its findings is applied to it again.
type Correction struct {
	ID       int64     `json:"id,omitempty"`
	Doc      string    `json:"doc"`
	Kind     Kind      `json:"kind"`
	Raw      Span      `json:"raw"`
	TextHash string    `json:"text_hash"`       // hex SHA-256 of the finding's text as extracted
	Status   Status    `json:"status"`          // confirmed, corrected or rejected
	Text     string    `json:"text,omitempty"`  // the corrected text; "" keeps the extracted one
	Attrs    Attrs     `json:"attrs,omitempty"` // attributes set by the correction (merged over the extracted ones)
	Who      string    `json:"who"`
	When     time.Time `json:"when"`
	Note     string    `json:"note,omitempty"`
}

// Store keeps documents, their findings and links. Implementations:
// internal/sqlite (the embedded default) and internal/postgres.
type Store interface {
	// Put stores a document version with its findings in one transaction.
	// Putting bytes already stored (same SHA-256) adds nothing, fills d's
	// ID, Name, Version and Ingested from the stored version and returns
	// created false. New bytes under a known name become the next version
	// of that document. Corrections made on earlier versions are applied
	// to the findings they name. On success d.ID, d.Version, d.Ingested
	// and each finding's ID are set.
	Put(ctx context.Context, d *Document) (created bool, err error)
	// Has reports whether bytes with this hex SHA-256 are stored, and under
	// which document name.
	Has(ctx context.Context, sha256 string) (name string, ok bool, err error)
	// Document returns a document version by id, with Raw, Source, Clean,
	// Findings and Problems.
	Document(ctx context.Context, id int64) (*Document, error)
	// Documents lists the latest version of each document, without text
	// or findings, in order of name.
	Documents(ctx context.Context, f DocFilter) ([]*Document, error)
	// Findings lists findings in order of raw offset.
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	// FindingCounts counts a document version's findings by kind.
	FindingCounts(ctx context.Context, id int64) (map[Kind]int, error)
	// Correct records a person's correction of a finding and applies it.
	// The correction's identity is taken from the finding; Status, Text,
	// Attrs, Who and Note from c. It returns the correction as stored.
	Correct(ctx context.Context, findingID int64, c Correction) (Correction, error)
	// Corrections lists the corrections recorded for a document name.
	Corrections(ctx context.Context, doc string) ([]Correction, error)
	// Unanalysed lists the versions stored without their analysis
	// (Document.Unanalysed), without text or findings, in order of id.
	Unanalysed(ctx context.Context) ([]*Document, error)
	// Reanalyse replaces what the analysis of the stored version d.ID
	// made (its clean text, metadata, findings, problems, search passages)
	// by d's, in one transaction, and marks it analysed unless
	// d.Unanalysed. d.SHA256 must be the stored version's: the raw bytes
	// never change. Corrections of the document are applied as Put
	// applies them; links to the version's old findings go with them.
	// It fills d.Name, d.Version and d.Ingested from the stored version
	// and each finding's ID.
	Reanalyse(ctx context.Context, d *Document) error
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
