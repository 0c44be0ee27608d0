package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// aliases is the document's own table of names: every mention of a person
// leads to one canonical name, the fullest the document gives ("Thorez",
// "Com. Thorez" and "Maurice Thorez" to "Maurice Thorez"; "JJM" to
// "Jean-Jacques Marie"), and roles lead to the names set beside them ("the
// Chairman, Deputy T. Rudak").
type aliases struct {
	full  map[string]string // surname, lower case → fullest name
	score map[string]int
	roles map[string]string // role phrase → canonical name
	acro  map[string]string // initials → full name
	tok   map[string]string // a word of one full name → that name
	first map[string]string // a given name of one full name → that name
	// surnames two people of the document share: a bare surname stays bare
	ambiguous map[string]bool
}

// compatible reports whether two forms of a name can be one person: the
// given names of the shorter fit the longer's (equal, or an initial).
func compatible(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, w := range a[:len(a)-1] {
		ok := false
		for _, x := range b[:len(b)-1] {
			if strings.EqualFold(w, x) || isInitialish(w) && strings.HasPrefix(x, strings.Trim(w, ".-")) || isInitialish(x) && strings.HasPrefix(w, strings.Trim(x, ".-")) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' && false })
}

// nameScore ranks full forms: whole given names before initials, then
// length.
func nameScore(ws []string) int {
	n := 0
	for _, w := range ws {
		if isInitial(w) || strings.Contains(w, ".") {
			n += 1
		} else {
			n += 10
		}
	}
	return n*100 + len(strings.Join(ws, " "))
}

func buildAliases(text string, ms []mention) *aliases {
	a := &aliases{full: map[string]string{}, score: map[string]int{}, roles: map[string]string{}, acro: map[string]string{}, ambiguous: map[string]bool{}}
	for _, m := range ms {
		if m.typ != mPerson && m.typ != mOther {
			continue
		}
		name := m.canon
		if name == "" {
			name = m.raw
		}
		ws := nameWords(name)
		if len(ws) < 2 && m.typ != mPerson {
			continue
		}
		if len(ws) == 0 {
			continue
		}
		key := lower(ws[len(ws)-1])
		if len(ws) >= 2 {
			if o, ok := a.full[key]; ok && !compatible(nameWords(o), ws) {
				a.ambiguous[key] = true // two people share the surname
			}
		}
		if sc := nameScore(ws); sc > a.score[key] {
			a.score[key], a.full[key] = sc, strings.Join(ws, " ")
		}
	}
	for _, f := range a.full {
		var ini []rune
		for _, w := range strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '-' }) {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				ini = append(ini, r)
			}
		}
		if len(ini) >= 2 && len(ini) <= 4 {
			a.acro[string(ini)] = f
		}
	}
	// roles beside names
	for i, m := range ms {
		if m.typ == mRole && i+1 < len(ms) {
			n := ms[i+1]
			if (n.typ == mPerson || n.typ == mOther) && n.s >= m.e && strings.TrimSpace(text[m.e:n.s]) == "," {
				if _, ok := a.roles[m.raw]; !ok {
					a.roles[m.raw] = a.canon(n)
				}
			}
		}
		if (m.typ == mPerson || m.typ == mOther) && m.e < len(text) {
			rest := text[m.e:min(len(text), m.e+60)]
			if !strings.HasPrefix(rest, ", ") {
				continue
			}
			ts := tokens(rest, 2, len(rest), nil)
			for k := 0; k < len(ts) && k < 4; k++ {
				w := lower(ts[k].w)
				if roleNouns[w] {
					st := 0
					if lower(ts[0].w) == "the" || lower(ts[0].w) == "le" || lower(ts[0].w) == "la" {
						st = 1
					}
					if st > k {
						break
					}
					phrase := lower(rest[ts[st].s:ts[k].e])
					if _, ok := a.roles[phrase]; !ok {
						a.roles[phrase] = a.canon(m)
					}
					break
				}
				if !isCap(ts[k].w) && k > 0 && w != "the" {
					break
				}
			}
		}
	}
	return a
}

// canon returns the canonical name of a person mention.
func (a *aliases) canon(m mention) string {
	name := m.canon
	if name == "" {
		name = m.raw
	}
	if m.typ == mOrg {
		return name
	}
	ws := nameWords(name)
	if len(ws) == 0 {
		return name
	}
	if len(ws) == 1 {
		if f, ok := a.acro[ws[0]]; ok {
			return f
		}
	}
	key := lower(ws[len(ws)-1])
	f, ok := a.full[key]
	if ok && a.ambiguous[key] && len(ws) == 1 {
		return name
	}
	if !ok {
		if len(ws) == 1 {
			// a given name alone: the one full name it begins
			if f := a.byFirst(ws[0]); f != "" {
				return f
			}
		}
		return name
	}
	fw := nameWords(f)
	// every given name or initial must fit one of the full form's
	for _, w := range ws[:len(ws)-1] {
		okw := false
		for _, x := range fw[:len(fw)-1] {
			if strings.EqualFold(w, x) || (isInitialish(w) && strings.HasPrefix(x, strings.Trim(w, ".-"))) {
				okw = true
			}
		}
		if !okw && !titles[w] {
			return name
		}
	}
	return f
}

func isInitialish(w string) bool { return strings.Contains(w, ".") || isInitial(w) }

// speakerName is the name given as a speaker: the canonical name without
// bare initials ("T. Rudak" → "Rudak"), which match any given name.
func speakerName(s string) string {
	ws := nameWords(s)
	if len(ws) < 2 {
		return s
	}
	var keep []string
	for _, w := range ws[:len(ws)-1] {
		if strings.Contains(w, ".") && utf8.RuneCountInString(strings.Trim(w, ".-")) <= 2 {
			continue
		}
		keep = append(keep, w)
	}
	keep = append(keep, ws[len(ws)-1])
	return strings.Join(keep, " ")
}

// byToken returns the one full name holding w as a word ("parson" →
// "Parson Tringham"), or "".
func (a *aliases) byToken(w string) string {
	if a.tok == nil {
		a.tok = map[string]string{}
		for _, f := range a.full {
			for _, x := range nameWords(f) {
				k := lower(x)
				if len(k) < 3 || articles[k] || prepositions[k] || connectors[k] || titles[k] && !roleNouns[k] {
					continue
				}
				if o, ok := a.tok[k]; ok && o != f {
					a.tok[k] = "" // two people share it
				} else if !ok {
					a.tok[k] = f
				}
			}
		}
	}
	return a.tok[lower(w)]
}

// byFirst returns the one full name whose first word is w, or "".
func (a *aliases) byFirst(w string) string {
	if a.first == nil {
		a.first = map[string]string{}
		for _, f := range a.full {
			ws := nameWords(f)
			if len(ws) < 2 || isInitialish(ws[0]) {
				continue
			}
			k := lower(ws[0])
			if o, ok := a.first[k]; ok && o != f {
				a.first[k] = ""
			} else if !ok {
				a.first[k] = f
			}
		}
	}
	return a.first[lower(w)]
}
