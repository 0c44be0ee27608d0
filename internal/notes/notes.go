// Package notes finds the note apparatus of a document: the notes
// themselves (endnotes after a "Notes" heading, footnotes a repair stage
// moved off the page foot, note elements of HTML, EPUB and TEI) and the
// markers in the body that point to them ([12], purpose.1, ¹, (3), <sup>),
// linked by number within a series of notes. A marker without a note and a
// note without a marker are reported as problems, never guessed.
//
// Two extractors run in order: "notes.bodies" emits the notes, and
// "notes.markers" reads them to accept marker look-alikes (47.4 is the vote
// 47 and marker 4 only when note 4 exists and marker 4 is due).
package notes

import (
	"strconv"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{
		extract.Func{N: "notes.bodies", F: extractBodies},
		extract.Func{N: "notes.markers", F: extractMarkers},
	}
}

// Label styles of notes and markers.
const (
	styleBracket = "bracket" // [12], [[12], 12]
	styleParen   = "paren"   // (12)
	styleDot     = "dot"     // 12. or 12)
	styleBare    = "bare"    // 12 followed by the text (footnotes)
	styleSuper   = "super"   // ¹²
	styleSymbol  = "symbol"  // * † ‡
	styleGlued   = "glued"   // digits glued after punctuation (markers only)
	styleRef     = "ref"     // a reader's note_ref block (markers only)
)

// Note is a note body found in a document.
type Note struct {
	Span   quellen.Span // the whole note, its label included
	Number string
	Text   string // without its label
	Style  string
	Series int    // index of its series, in document order
	ID     string // the reader's id (HTML id), when known
}

var superDigits = map[rune]byte{
	'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4',
	'⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
}

// number normalises a note number: digits without leading zeros, or the
// symbol itself.
func number(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, r := range s {
		if d, ok := superDigits[r]; ok {
			b.WriteByte(d)
		}
	}
	if b.Len() > 0 {
		return number(b.String())
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// readNotes returns the notes the bodies extractor found, in text order,
// with their series indexes.
func readNotes(d *extract.Doc) []Note {
	var out []Note
	for _, f := range d.Of(quellen.KindNote) {
		n := Note{Span: f.Clean, Number: f.Attrs.String("number"), Text: f.Text}
		n.Style = f.Attrs.String("style")
		n.ID = f.Attrs.String("id")
		if v, ok := f.Attrs["series_index"].(int); ok {
			n.Series = v
		}
		out = append(out, n)
	}
	return out
}
