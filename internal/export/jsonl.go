package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

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
	w    *bufio.Writer
	line []byte // the line being built, kept for the next
	keys []string
}

// NewJSONL returns an encoder writing to w.
func NewJSONL(w io.Writer) *JSONL { return &JSONL{w: bufio.NewWriter(w)} }

// Write writes the findings of one document: byte for byte what
// WriteRecord(Record(doc, f)) writes, without building the record.
func (j *JSONL) Write(doc string, fs []quellen.Finding) error {
	for _, f := range fs {
		if err := j.writeFinding(doc, f); err != nil {
			return err
		}
	}
	return nil
}

func (j *JSONL) writeFinding(doc string, f quellen.Finding) error {
	b := append(j.line[:0], `{"doc": `...)
	b = appendString(b, doc)
	b = append(b, `, "kind": `...)
	b = appendString(b, string(f.Kind))
	b = append(b, `, "line": `...)
	b = strconv.AppendInt(b, int64(f.Line), 10)
	b = append(b, `, "end_line": `...)
	b = strconv.AppendInt(b, int64(f.EndLine), 10)
	b = append(b, `, "start": `...)
	b = strconv.AppendInt(b, int64(f.Raw.Start), 10)
	b = append(b, `, "end": `...)
	b = strconv.AppendInt(b, int64(f.Raw.End), 10)
	b = append(b, `, "text": `...)
	b = appendString(b, f.Text)
	status := f.Status != "" && f.Status != quellen.StatusAutomatic
	rest := j.keys[:0]
	for k := range f.Attrs {
		if !isContractField(k) && !(status && k == "status") {
			rest = append(rest, k)
		}
	}
	if status {
		rest = append(rest, "status")
	}
	sort.Strings(rest)
	j.keys = rest
	for _, k := range rest {
		b = append(b, ", "...)
		b = appendString(b, k)
		b = append(b, ": "...)
		var v any
		if status && k == "status" {
			v = string(f.Status)
		} else {
			v = f.Attrs[k]
		}
		var err error
		if b, err = appendValue(b, v); err != nil {
			return err
		}
	}
	b = append(b, "}\n"...)
	j.line = b
	_, err := j.w.Write(b)
	return err
}

// appendValue appends v as encoding/json (HTML escaping off) writes it:
// the usual attribute values directly, anything else through
// encoding/json.
func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendString(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case nil:
		return append(b, "null"...), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			break
		}
		// encoding/json's float format: %f, or %e outside [1e-6, 1e21)
		// with a one-digit negative exponent unpadded.
		format := byte('f')
		if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
			format = 'e'
		}
		b = strconv.AppendFloat(b, x, format, -1, 64)
		if format == 'e' {
			if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
				b[n-2] = b[n-1]
				b = b[:n-1]
			}
		}
		return b, nil
	case []string:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), nil
	}
	m, err := marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, m...), nil
}

// WriteRecord writes one record with the contract's fields first.
func (j *JSONL) WriteRecord(r map[string]any) error {
	b := append(j.line[:0], '{')
	first := true
	put := func(k string, v any) (err error) {
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = appendString(b, k)
		b = append(b, ": "...)
		b, err = appendValue(b, v)
		return err
	}
	for _, k := range contractFields {
		if v, ok := r[k]; ok {
			if err := put(k, v); err != nil {
				return err
			}
		}
	}
	rest := j.keys[:0]
	for k := range r {
		if !isContractField(k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	j.keys = rest
	for _, k := range rest {
		if err := put(k, r[k]); err != nil {
			return err
		}
	}
	b = append(b, "}\n"...)
	j.line = b
	_, err := j.w.Write(b)
	return err
}

// appendString appends s as a JSON string the way encoding/json does
// with HTML escaping off: quotes, backslashes and control characters
// escaped, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += n
			start = i
			continue
		}
		i += n
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
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
