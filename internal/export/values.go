package export

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// archiveFields are the parts of an archival call number, in order.
var archiveFields = []string{"repository", "fond", "opis", "delo", "list"}

// text returns an attribute value as text: "" for nil, numbers without
// exponent, booleans as true/false, anything else as JSON.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case json.Number:
		return v.String()
	}
	b, err := marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// archive returns a reference's archive attribute as its parts (nil when
// it has none), whatever map type holds it.
func archive(a quellen.Attrs) map[string]string {
	var m map[string]any
	switch v := a["archive"].(type) {
	case nil:
		return nil
	case map[string]any:
		m = v
	case map[string]string:
		out := map[string]string{}
		for k, s := range v {
			if s != "" {
				out[k] = s
			}
		}
		return out
	default:
		b, err := json.Marshal(v)
		if err != nil || json.Unmarshal(b, &m) != nil {
			return nil
		}
	}
	out := map[string]string{}
	for k, v := range m {
		if s := text(v); s != "" {
			out[k] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// callNumber joins the fond, opis, delo and list of an archival call
// number the way Russian archival citations write them:
// "f. 1402, op. 2, d. 57, l. 31-48".
//
// A fond that is a series code with letters and no opis ("FO 371") is
// written the British way: "FO 371/9312, ff. 67-84".
func callNumber(ar map[string]string) string {
	if f := ar["fond"]; ar["opis"] == "" && strings.IndexFunc(f, unicode.IsLetter) >= 0 {
		s := f
		if d := ar["delo"]; d != "" {
			s += "/" + d
		}
		if l := ar["list"]; l != "" {
			s += ", ff. " + l
		}
		return s
	}
	var parts []string
	for _, p := range []struct{ key, abbr string }{{"fond", "f."}, {"opis", "op."}, {"delo", "d."}, {"list", "l."}} {
		if v := ar[p.key]; v != "" {
			parts = append(parts, p.abbr+" "+v)
		}
	}
	return strings.Join(parts, ", ")
}

// inner returns the part of a finding's clean span that holds its text
// without its marks (the quotation marks of a quote, the number of a
// note): the span of Text inside the clean text when it is there, else
// the whole span. clean may be "" when the text is not known.
func inner(clean string, f quellen.Finding) quellen.Span {
	sp := f.Clean
	if sp.Start < 0 || sp.End > len(clean) || sp.Start > sp.End || f.Text == "" {
		return sp
	}
	if i := strings.Index(clean[sp.Start:sp.End], f.Text); i >= 0 {
		return quellen.Span{Start: sp.Start + i, End: sp.Start + i + len(f.Text)}
	}
	return sp
}

// runeSpan widens sp to whole code points of s, and clips it to s.
func runeSpan(s string, sp quellen.Span) quellen.Span {
	sp.Start, sp.End = min(max(sp.Start, 0), len(s)), min(max(sp.End, 0), len(s))
	for sp.Start > 0 && sp.Start < len(s) && !utf8.RuneStart(s[sp.Start]) {
		sp.Start--
	}
	for sp.End < len(s) && !utf8.RuneStart(s[sp.End]) {
		sp.End++
	}
	return sp
}
