package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Figure is one recorded measurement: a path into the scorer's JSON report
// (kind.recall, kind.precision, kind.fields.NAME, kind.false_positive_rate)
// and its value. Rates of false positives must not rise; every other figure
// must not drop.
type Figure struct {
	Path  string
	Value float64
}

// LowerIsBetter reports whether the figure is a rate that must not rise.
func (f Figure) LowerIsBetter() bool { return strings.HasSuffix(f.Path, "false_positive_rate") }

// ParseFigures reads the ratchet table of docs/accuracy.md: the rows of
// the table under the line containing "ratchet:begin" and above
// "ratchet:end", whose third column is a report path and fourth its value.
func ParseFigures(r io.Reader) ([]Figure, error) {
	var out []Figure
	in := false
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.Contains(line, "ratchet:begin"):
			in = true
			continue
		case strings.Contains(line, "ratchet:end"):
			in = false
			continue
		}
		if !in || !strings.HasPrefix(strings.TrimSpace(line), "|") {
			continue
		}
		cols := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cols) < 4 {
			continue
		}
		path := strings.Trim(strings.TrimSpace(cols[2]), "`")
		v, err := strconv.ParseFloat(strings.TrimSpace(cols[3]), 64)
		if err != nil || !strings.Contains(path, ".") {
			continue // the header and the separator row
		}
		if v < 0 || v > 1 {
			return nil, fmt.Errorf("accuracy.md line %d: %s = %v is not in [0, 1]", n, path, v)
		}
		out = append(out, Figure{path, v})
	}
	return out, sc.Err()
}

// Lookup finds a path such as "quote.fields.speaker" in a scorer report.
func Lookup(report map[string]any, path string) (float64, bool) {
	var cur any = report
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return 0, false
		}
		cur, ok = m[p]
		if !ok {
			return 0, false
		}
	}
	switch v := cur.(type) {
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}
