// Package read turns a file of any supported format into text with
// structure: plain text, Markdown, HTML, EPUB, TEI P5 and PDF. Each format
// is one file with one Reader. A Result's offsets are into its Text; its Map
// leads them back to Source, the text that findings' raw offsets index (the
// file itself for text, Markdown, HTML and TEI; the extracted text for PDF
// and EPUB, which is stored with the document).
package read

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// Block is a structural element a reader found: its kind and its span in
// the Result's Text.
//
// Kinds: paragraph (Attrs "class" in HTML; "code" for a Markdown fence;
// "verse" for a TEI <lg>), heading (Attrs "level"), blockquote, list_item,
// note (a footnote or endnote body; Attrs "number", "id"; HTML and
// Markdown note blocks include their leading number, "1. ...", TEI notes
// carry it in Attrs only), note_ref (a marker such as an HTML <sup> or a
// TEI note anchor; Attrs "number", "target", which may be nil), quote (TEI
// <q>, HTML <q>; Attrs "who"), date (TEI <date>; Attrs "when", "from",
// "to"), entity (TEI persName/placeName/orgName; Attrs "type", "ref",
// "key"), page (a PDF page; Attrs "number"), chapter (an EPUB spine item;
// Attrs "href").
type Block struct {
	Kind  string        `json:"kind"`
	Span  quellen.Span  `json:"span"`
	Attrs quellen.Attrs `json:"attrs,omitempty"`
}

// Result is what a reader makes of a file.
type Result struct {
	Format   string            // text, markdown, html, epub, tei, pdf
	Source   string            // the addressable text (see package doc)
	Text     string            // the text to repair and read
	Map      *text.Map         // Text back to Source
	Blocks   []Block           // in Text offsets, sorted by start
	Meta     quellen.Metadata  // from the format's own headers
	Problems []quellen.Problem // what was wrong but did not stop reading
}

// Options tune reading.
type Options struct {
	// PDFToText uses poppler's pdftotext for PDF when it is on PATH.
	PDFToText bool
	// MaxBytes is the largest input, and the largest decompressed EPUB
	// member, accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// DefaultMaxBytes is the largest input read by default.
const DefaultMaxBytes = 1 << 30

// A Reader reads one format.
type Reader interface {
	Read(name string, data []byte, opts Options) (*Result, error)
}
