package stance

import (
	"iter"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// A matcher finds the matches of an expression by trying it, anchored,
// only where a match may begin: where the lower-cased text holds one of
// the literals every match begins with (its leads).
type matcher struct {
	re, at *regexp.Regexp // the expression, and the same anchored at the start
	leads  []lead         // nil when not known: re is run over the text
}

// A lead is a literal a match may begin with; left when a \b comes before
// it.
type lead struct {
	lit  string
	left bool
}

func newMatcher(re *regexp.Regexp) *matcher {
	m := &matcher{re: re, at: regexp.MustCompile(`^(?:` + re.String() + `)`)}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err)
	}
	if ls, ok := leading(tree, false); ok && plainFolds(ls) {
		m.leads = ls
	}
	return m
}

// leading returns literals one of which every match of re begins with
// (lower-cased), each with whether a \b comes right before it.
func leading(re *syntax.Regexp, left bool) ([]lead, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		return []lead{{strings.ToLower(string(re.Rune)), left}}, true
	case syntax.OpCharClass:
		set, ok := literalSet(re, 64)
		if !ok {
			return nil, false
		}
		var out []lead
		for _, l := range set {
			if l == "" {
				return nil, false
			}
			out = append(out, lead{l, left})
		}
		return out, true
	case syntax.OpCapture, syntax.OpPlus:
		return leading(re.Sub[0], left)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return leading(re.Sub[0], left)
		}
	case syntax.OpConcat:
		return leadingSeq(re.Sub, left)
	case syntax.OpAlternate:
		var out []lead
		for _, sub := range re.Sub {
			ls, ok := leading(sub, left)
			if !ok {
				return nil, false
			}
			out = append(out, ls...)
		}
		return out, true
	}
	return nil, false
}

// leadingSeq is leading for a concatenation.
func leadingSeq(subs []*syntax.Regexp, left bool) ([]lead, bool) {
	if len(subs) == 0 {
		return nil, false
	}
	switch first := subs[0]; first.Op {
	case syntax.OpWordBoundary:
		return leadingSeq(subs[1:], true)
	case syntax.OpEmptyMatch:
		return leadingSeq(subs[1:], left)
	case syntax.OpQuest, syntax.OpStar, syntax.OpRepeat:
		if first.Op == syntax.OpRepeat && first.Min >= 1 {
			return leading(first, left)
		}
		a, ok := leading(first.Sub[0], left)
		if !ok {
			return nil, false
		}
		b, ok := leadingSeq(subs[1:], left)
		if !ok {
			return nil, false
		}
		return append(a, b...), true
	default:
		return leading(first, left)
	}
}

// plainFolds says whether every rune of the leads is the lower case of
// the upper case of every rune it folds with (see oddFold). Then where
// (?i) matches a lead at a rune that is not odd, that rune's lower case is
// the lead's.
func plainFolds(ls []lead) bool {
	for _, l := range ls {
		for _, r := range l.lit {
			q := r
			for {
				if unicode.ToLower(unicode.ToUpper(q)) != r {
					return false
				}
				if q = unicode.SimpleFold(q); q == r {
					break
				}
			}
		}
	}
	return true
}

// candidates yields, in order and once each, the places where low holds a
// lead (after a \b when the lead asks for one). The leads' places are
// merged as they are met, so that a caller that stops early (after its
// matches) reads no further into a long sentence than it needs.
func (m *matcher) candidates(low string) iter.Seq[int] {
	return func(yield func(int) bool) {
		var buf [16]int
		next := buf[:0]
		for i := range m.leads {
			next = append(next, m.nextLead(low, i, 0))
		}
		last := -1
		for {
			j := -1
			for i, p := range next {
				if p >= 0 && (j < 0 || p < next[j]) {
					j = i
				}
			}
			if j < 0 {
				return
			}
			p := next[j]
			next[j] = m.nextLead(low, j, p+1)
			if p == last {
				continue // (two leads at one place)
			}
			last = p
			if !yield(p) {
				return
			}
		}
	}
}

// nextLead is the first place at or after off where lead i stands (after
// a \b when it asks for one), or -1.
func (m *matcher) nextLead(low string, i, off int) int {
	l := &m.leads[i]
	for off <= len(low) {
		k := strings.Index(low[off:], l.lit)
		if k < 0 {
			return -1
		}
		p := off + k
		if l.left && (p > 0 && isWordByte(low[p-1])) == isWordByte(l.lit[0]) {
			off = p + 1
			continue
		}
		return p
	}
	return -1
}

// findAll returns what m.re.FindAllStringIndex(text, n) does (n ≤ 2),
// the matches in locs and their number. low is text lower-cased, exact
// whether its bytes are text's in their places with no odd folds (see
// lowered).
func (m *matcher) findAll(text, low string, exact bool, n int) (locs [2][2]int, k int) {
	if !exact || m.leads == nil {
		return m.fallback(text, n)
	}
	from := 0
	for p := range m.candidates(low) {
		if p < from {
			continue
		}
		if p > 0 && isWordByte(text[p-1]) {
			// (the anchored expression would take p for the start of a word)
			return m.fallback(text, n)
		}
		if loc := m.at.FindStringIndex(text[p:]); loc != nil {
			locs[k] = [2]int{p + loc[0], p + loc[1]}
			k++
			if k == n {
				return locs, k
			}
			from = p + loc[1]
		}
	}
	return locs, k
}

func (m *matcher) fallback(text string, n int) (locs [2][2]int, k int) {
	for _, loc := range m.re.FindAllStringIndex(text, n) {
		locs[k] = [2]int{loc[0], loc[1]}
		k++
	}
	return locs, k
}

// match returns what m.re.MatchString(text) does (low and exact as for
// findAll).
func (m *matcher) match(text, low string, exact bool) bool {
	if !exact || m.leads == nil {
		return m.re.MatchString(text)
	}
	for p := range m.candidates(low) {
		if p > 0 && isWordByte(text[p-1]) {
			return m.re.MatchString(text)
		}
		if m.at.MatchString(text[p:]) {
			return true
		}
	}
	return false
}
