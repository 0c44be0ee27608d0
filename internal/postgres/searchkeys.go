package postgres

// The search keys of internal/searchkey, as internal/sqlite stores them,
// so that both stores answer a query alike (the search conformance
// suite), indexed here as a tsvector of the simple configuration.

import (
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
)

// tsLexeme quotes a key as a tsquery lexeme.
func tsLexeme(k string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(k, `\`, `\\`), "'", "''") + "'"
}

// nameQuery is the tsquery (as text) of a name's keys in order, or "".
func nameQuery(name string) string {
	ks := strings.Fields(nameKeys(name))
	if len(ks) == 0 {
		return ""
	}
	for i, k := range ks {
		ks[i] = tsLexeme(k)
	}
	return strings.Join(ks, " <-> ")
}

// termExpr returns the tsquery (as text) of a word, phrase or prefix term
// over the keys column, or "" when the term has no word. Only quoted keys
// (letters and digits) reach the expression.
func termExpr(t quellen.Term, langs []string, m *searchkey.Matcher) string {
	var alts []string
	for _, a := range searchkey.TermAlts(t, langs, m) {
		quoted := make([]string, len(a.Keys))
		for i, k := range a.Keys {
			quoted[i] = tsLexeme(k)
		}
		if a.Prefix {
			quoted[len(quoted)-1] += ":*"
		}
		if len(quoted) == 1 {
			alts = append(alts, quoted[0])
		} else {
			alts = append(alts, "("+strings.Join(quoted, " <-> ")+")")
		}
	}
	if len(alts) == 0 {
		return ""
	}
	return "(" + strings.Join(alts, " | ") + ")"
}
