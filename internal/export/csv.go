package export

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/quellen/quellen"
)

// csvCommon are the columns every CSV row has, in order.
var csvCommon = []string{"doc", "kind", "line", "end_line", "start", "end", "text", "status"}

// kindFields are each contract kind's own fields, in the contract's order;
// a reference's archive is flattened into archive_repository, archive_fond,
// archive_opis, archive_delo and archive_list.
var kindFields = []struct {
	kind   quellen.Kind
	fields []string
}{
	{quellen.KindMetadata, []string{"title", "author", "date", "published", "source", "translator", "original_language", "url"}},
	{quellen.KindQuote, []string{"speaker", "cue", "lang", "note", "block", "translation_of_line"}},
	{quellen.KindNoteMarker, []string{"number", "note_line"}},
	{quellen.KindNote, []string{"number"}},
	{quellen.KindReference, []string{"type", "author", "title", "container", "publisher", "place", "year", "volume", "issue", "pages", "url",
		"archive_repository", "archive_fond", "archive_opis", "archive_delo", "archive_list"}},
	{quellen.KindDate, []string{"raw", "from", "to", "approx"}},
	{quellen.KindEntity, []string{"raw", "canonical", "type"}},
	{quellen.KindNumber, []string{"raw", "value", "value_max", "unit", "about"}},
	{quellen.KindStance, []string{"judge", "target", "claim", "verdict", "cue"}},
	{quellen.KindRepair, []string{"raw", "clean"}},
}

// CSVColumns returns the header of a CSV of findings of the given kinds
// (nil: every kind): the common columns, then the union of the kinds'
// fields in the contract's order, then "attrs", a JSON object of any other
// attributes.
func CSVColumns(kinds []quellen.Kind) []string {
	cols := slices.Clone(csvCommon)
	seen := map[string]bool{}
	for _, c := range cols {
		seen[c] = true
	}
	for _, kf := range kindFields {
		if kinds != nil && !slices.Contains(kinds, kf.kind) {
			continue
		}
		for _, f := range kf.fields {
			if !seen[f] {
				seen[f] = true
				cols = append(cols, f)
			}
		}
	}
	return append(cols, "attrs")
}

// CSV writes findings as RFC 4180 CSV, one header row and one row a
// finding. Create it with NewCSV, call Write per document and Flush at the
// end.
type CSV struct {
	w      *csv.Writer
	cols   []string
	index  map[string]int
	header bool
	row    []string
}

// NewCSV returns a CSV encoder writing to w the columns of the given kinds
// (nil: every kind; see CSVColumns).
func NewCSV(w io.Writer, kinds []quellen.Kind) *CSV {
	c := &CSV{w: csv.NewWriter(w), cols: CSVColumns(kinds), index: map[string]int{}}
	for i, col := range c.cols {
		c.index[col] = i
	}
	c.row = make([]string, len(c.cols))
	return c
}

// Write writes the header row (once) and the findings of one document.
func (c *CSV) Write(doc string, fs []quellen.Finding) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(c.cols); err != nil {
			return err
		}
	}
	for _, f := range fs {
		if err := c.w.Write(c.Row(doc, f)); err != nil {
			return err
		}
	}
	return c.w.Error()
}

// Row returns the cells of one finding; the slice is reused by the next call.
func (c *CSV) Row(doc string, f quellen.Finding) []string {
	clear(c.row)
	set := func(col, v string) bool {
		if i, ok := c.index[col]; ok {
			c.row[i] = v
			return true
		}
		return false
	}
	status := f.Status
	if status == "" {
		status = quellen.StatusAutomatic
	}
	set("doc", doc)
	set("kind", string(f.Kind))
	set("line", strconv.Itoa(f.Line))
	set("end_line", strconv.Itoa(f.EndLine))
	set("start", strconv.Itoa(f.Raw.Start))
	set("end", strconv.Itoa(f.Raw.End))
	set("text", f.Text)
	set("status", string(status))
	rest := map[string]any{}
	for k, v := range f.Attrs {
		if k == "archive" {
			if ar := archive(f.Attrs); ar != nil {
				for _, p := range archiveFields {
					set("archive_"+p, ar[p])
				}
			}
			if _, ok := c.index["archive_fond"]; ok {
				continue
			}
		}
		if slices.Contains(csvCommon, k) || !set(k, text(v)) {
			if v != nil {
				rest[k] = v
			}
		}
	}
	if len(rest) > 0 {
		set("attrs", text(rest))
	}
	return c.row
}

// Flush writes out what is buffered and returns any write error.
func (c *CSV) Flush() error {
	if !c.header {
		c.header = true
		if err := c.w.Write(c.cols); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}
