package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sort"

	"github.com/quellen/quellen"
)

// contractFields are the fields every contract record has, in order.
var contractFields = []string{"doc", "kind", "line", "end_line", "start", "end", "text"}

// Record returns a finding as a contract record: the common fields, then
// its attributes. Kinds outside the contract are kept; the scorer skips them.
func Record(doc string, f quellen.Finding) map[string]any {
	r := make(map[string]any, len(f.Attrs)+8)
	for k, v := range f.Attrs {
		r[k] = v
	}
	r["doc"] = doc
	r["kind"] = string(f.Kind)
	r["line"] = f.Line
	r["end_line"] = f.EndLine
	r["start"] = f.Raw.Start
	r["end"] = f.Raw.End
	r["text"] = f.Text
	if f.Status != "" && f.Status != quellen.StatusAutomatic {
		r["status"] = string(f.Status)
	}
	return r
}

// JSONL writes findings as JSON Lines in the extraction contract, one
// object a line, its common fields first and attributes in key order.
type JSONL struct {
	w   *bufio.Writer
	buf bytes.Buffer
}

// NewJSONL returns an encoder writing to w.
func NewJSONL(w io.Writer) *JSONL { return &JSONL{w: bufio.NewWriter(w)} }

// Write writes the findings of one document.
func (j *JSONL) Write(doc string, fs []quellen.Finding) error {
	for _, f := range fs {
		if err := j.WriteRecord(Record(doc, f)); err != nil {
			return err
		}
	}
	return nil
}

// WriteRecord writes one record with the contract's fields first.
func (j *JSONL) WriteRecord(r map[string]any) error {
	j.buf.Reset()
	j.buf.WriteByte('{')
	first := true
	put := func(k string, v any) error {
		if !first {
			j.buf.WriteString(", ")
		}
		first = false
		kb, _ := json.Marshal(k)
		j.buf.Write(kb)
		j.buf.WriteString(": ")
		vb, err := marshal(v)
		if err != nil {
			return err
		}
		j.buf.Write(vb)
		return nil
	}
	for _, k := range contractFields {
		if v, ok := r[k]; ok {
			if err := put(k, v); err != nil {
				return err
			}
		}
	}
	var rest []string
	for k := range r {
		if !isContractField(k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		if err := put(k, r[k]); err != nil {
			return err
		}
	}
	j.buf.WriteString("}\n")
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

// Flush writes out what is buffered.
func (j *JSONL) Flush() error { return j.w.Flush() }

func isContractField(k string) bool {
	for _, c := range contractFields {
		if c == k {
			return true
		}
	}
	return false
}

// marshal encodes v without HTML escaping, so that text reads as written.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
