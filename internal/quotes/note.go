package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// note sets the number of the footnote marker that follows the quotation:
// the first marker after its closing mark, before the end of its sentence
// and before any other quotation opens.
func (q *qdoc) note(c *cand) {
	if c.para < 0 {
		return
	}
	hi := q.paras[c.para][1]
	if c.e > hi {
		hi = c.e
	}
	end := min(hi, sentEnd(q.text, c.e, hi)+16)
	if end < c.e {
		return
	}
	// stop at the next quotation, and at the next clause: a marker for
	// the quotation stands right after it or at the end of its clause.
	if n := q.nextTop(c); n >= 0 && n < end {
		end = n
	}
	j := c.e
	for j < end && j < c.e+4 && strings.IndexByte(".,;:!?)", q.text[j]) >= 0 {
		j++
	}
	if k := clauseEnd(q.text[j:end]); k >= 0 {
		end = j + k
	}
	if len(q.marks) > 0 {
		k := sort.Search(len(q.marks), func(i int) bool { return q.marks[i].Clean.Start >= c.e })
		for _, m := range q.marks[k:] {
			if m.Clean.Start >= c.e && m.Clean.Start <= end {
				if v, ok := m.Attrs["note_line"]; ok {
					switch x := v.(type) {
					case int:
						c.noteAt = x
					case float64:
						c.noteAt = int(x)
					}
				}
				if n := m.Attrs.String("number"); n != "" {
					c.note = n
				} else if v, ok := m.Attrs["number"]; ok && v != nil {
					c.note = strings.TrimSpace(strings.Trim(strings.TrimSpace(anyString(v)), "[]()"))
				}
				return
			}
			if m.Clean.Start > end {
				break
			}
		}
		return
	}
	// No notes layer: read the marker forms ourselves.
	for i := c.e; i < end; {
		if n, ok := markerAt(q.text, i, end, i == c.e || isSentPunct(q.text, i)); ok {
			c.note = n
			return
		}
		_, sz := utf8.DecodeRuneInString(q.text[i:])
		i += sz
	}
}

func anyString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return itoa(x)
	case float64:
		return itoa(int(x))
	}
	return ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func isSentPunct(s string, i int) bool {
	if i == 0 {
		return false
	}
	switch s[i-1] {
	case '.', ',', ';', ':', '!', '?', '\'', '"', ')':
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return strings.ContainsRune("”’»“", r)
}

var superDigits = map[rune]byte{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// markerAt reads a footnote marker at i: [12], (12), superscript digits,
// or digits glued after a closing mark or punctuation (glued true).
func markerAt(s string, i, end int, glued bool) (string, bool) {
	if i >= end {
		return "", false
	}
	switch s[i] {
	case '[', '(':
		cl := byte(']')
		if s[i] == '(' {
			cl = ')'
		}
		j := i + 1
		for j < end && j < i+5 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > i+1 && j < end && s[j] == cl {
			return s[i+1 : j], true
		}
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if _, ok := superDigits[r]; ok {
		var b []byte
		for j := i; j < end; {
			r, sz := utf8.DecodeRuneInString(s[j:])
			d, ok := superDigits[r]
			if !ok {
				break
			}
			b = append(b, d)
			j += sz
		}
		return string(b), true
	}
	if glued && s[i] >= '0' && s[i] <= '9' {
		j := i
		for j < end && j < i+3 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j >= len(s) || !unicode.IsLetter(rune(s[j])) && s[j] != '.' && s[j] != ',' || j == end {
			if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
				return "", false
			}
			return s[i:j], true
		}
	}
	return "", false
}

// clauseEnd returns where the first clause boundary of s lies (a
// semicolon, a colon, a dash, ", and", " but "), or -1.
func clauseEnd(s string) int {
	best := -1
	for _, b := range []string{";", ":", " — ", " – ", " but ", ", and ", ", but ", " mais ", ", et "} {
		if k := strings.Index(s, b); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}
