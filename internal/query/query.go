// Package query parses the search language shared by `quellen search`, the
// API and the reader:
//
//	Сталин kind:quote speaker:Thorez lang:fr from:1939 to:1945 "the pact" stal* -Trotsky ~rumou
//
// Words are matched by stem in the passage's language, insensitive to case,
// accents and script (Сталин finds Stalin and Staline); "..." is a phrase;
// a trailing * a prefix; a leading - excludes; a leading ~ matches any
// fragment of a word. Filters are key:value (quote values with spaces:
// speaker:"Maurice Thorez"): kind (comma-separated), speaker, entity,
// author, doc, lang, from, to, limit, offset.
package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/quellen/quellen"
)

// Parse reads a query. Unknown keys are an error naming the key, so that a
// typo is not silently searched as a word.
func Parse(s string) (quellen.SearchQuery, error) {
	var q quellen.SearchQuery
	for _, tok := range split(s) {
		if k, v, ok := filter(tok); ok {
			v = unquote(v)
			switch k {
			case "kind":
				for _, x := range strings.Split(v, ",") {
					if x = strings.TrimSpace(x); x != "" {
						q.Kinds = append(q.Kinds, quellen.Kind(x))
					}
				}
			case "speaker":
				q.Speaker = v
			case "entity":
				q.Entity = v
			case "author":
				q.Author = v
			case "doc":
				q.Doc = v
			case "lang":
				q.Lang = v
			case "from":
				q.From = v
			case "to":
				q.To = v
			case "limit", "offset":
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					return q, fmt.Errorf("query: %s:%s is not a number", k, v)
				}
				if k == "limit" {
					q.Limit = n
				} else {
					q.Offset = n
				}
			default:
				return q, fmt.Errorf("query: unknown filter %q (known: kind, speaker, entity, author, doc, lang, from, to, limit, offset)", k)
			}
			continue
		}
		t := quellen.Term{}
		if strings.HasPrefix(tok, "-") && len(tok) > 1 {
			t.Not, tok = true, tok[1:]
		}
		if strings.HasPrefix(tok, "~") && len(tok) > 1 {
			t.Fragment, tok = true, tok[1:]
		}
		if len(tok) >= 2 && tok[0] == '"' && tok[len(tok)-1] == '"' {
			t.Phrase, tok = true, tok[1:len(tok)-1]
		}
		if !t.Phrase && strings.HasSuffix(tok, "*") && len(tok) > 1 {
			t.Prefix, tok = true, strings.TrimSuffix(tok, "*")
		}
		if tok = strings.TrimSpace(tok); tok != "" {
			t.Text = tok
			q.Terms = append(q.Terms, t)
		}
	}
	return q, nil
}

// String writes a query back in the language (for links and logs).
func String(q quellen.SearchQuery) string {
	var parts []string
	for _, t := range q.Terms {
		s := t.Text
		switch {
		case t.Phrase:
			s = `"` + s + `"`
		case t.Prefix:
			s += "*"
		}
		if t.Fragment {
			s = "~" + s
		}
		if t.Not {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	add := func(k, v string) {
		if v == "" {
			return
		}
		if strings.ContainsAny(v, " \t") {
			v = `"` + v + `"`
		}
		parts = append(parts, k+":"+v)
	}
	var kinds []string
	for _, k := range q.Kinds {
		kinds = append(kinds, string(k))
	}
	add("kind", strings.Join(kinds, ","))
	add("speaker", q.Speaker)
	add("entity", q.Entity)
	add("author", q.Author)
	add("doc", q.Doc)
	add("lang", q.Lang)
	add("from", q.From)
	add("to", q.To)
	if q.Limit > 0 {
		add("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		add("offset", strconv.Itoa(q.Offset))
	}
	return strings.Join(parts, " ")
}

// split cuts s at spaces outside double quotes.
func split(s string) []string {
	var out []string
	var b strings.Builder
	inQuote := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '“' || r == '”' || r == '«' || r == '»':
			inQuote = !inQuote
			b.WriteRune('"')
		case unicode.IsSpace(r) && !inQuote:
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

func filter(tok string) (string, string, bool) {
	if strings.HasPrefix(tok, `"`) {
		return "", "", false
	}
	k, v, ok := strings.Cut(tok, ":")
	if !ok || k == "" || v == "" {
		return "", "", false
	}
	for _, r := range k {
		if r < 'a' || r > 'z' {
			return "", "", false
		}
	}
	return k, v, true
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}
