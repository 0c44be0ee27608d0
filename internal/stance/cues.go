package stance

import (
	"encoding/binary"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A cue is a phrase that carries a verdict.
type cue struct {
	re      *regexp.Regexp
	m       *matcher // re, tried where a match may begin
	verdict string
}

func c(verdict, pattern string) cue {
	// A space in a pattern matches any run of spaces and line breaks.
	pattern = strings.ReplaceAll(pattern, " ", `\s+`)
	re := regexp.MustCompile(`(?i)` + pattern)
	return cue{re: re, m: newMatcher(re), verdict: verdict}
}

// cues are tried in order; the first that matches a sentence gives its
// verdict. Negated and hedged forms come before the plain ones.
var cues = []cue{
	// disputed: the judge contests without refuting.
	c("disputed", `\b(is|was) (asserted|assumed|stated) rather than (shown|proved|demonstrated)\b`),
	c("disputed", `\bthat is too (easy|simple|quick)\b|\bthis is too (easy|simple)\b`),
	c("disputed", `\b(the|all the|such) evidence points the other way\b|\bpoints? the other way\b`),
	c("disputed", `\b(will|can|could) satisfy (few|no one|nobody)\b|\bfew will (believe|accept)\b|\bhard(ly)? to (believe|credit|accept)\b`),
	c("disputed", `\b(is|seems|remains|looks) (highly |very |most )?(doubtful|questionable|debatable|open to (doubt|question)|unconvincing|implausible)\b`),
	c("disputed", `\bcontradicted by\b|\bi (doubt|question) (this|that|it)\b`),
	c("disputed", `\b(est|reste|paraît|semble) (très |fort |bien )?(douteu(x|se)|discutable|contestable|sujet(te)? à caution|peu convaincant(e)?)\b`),
	c("disputed", `(спорно|сомнительно|вызывает сомнени)`),
	// unsupported: no evidence is given or known.
	c("unsupported", `\b(there is|there was|i have found|i know of|i have seen) no (evidence|proof|document|source|record)\b`),
	c("unsupported", `\b(gives|offers|cites|provides|produces|adduces|quotes) no (evidence|source|sources|proof|document|reference|authority)\b`),
	c("unsupported", `\b(does|did) not (cite|give|offer|provide|produce) (one|any|a source|evidence|a document|any evidence)\b`),
	c("unsupported", `\brests? on no (document|evidence|source)\b|\bwithout (any )?(evidence|proof|source)\b|\bunsupported\b|\bunsubstantiated\b|\buncorroborated\b`),
	c("unsupported", `\b(has|have|had) never been (corroborated|confirmed|substantiated|proved|proven|documented)\b`),
	c("unsupported", `\bnor is there any (reason|evidence)\b|\bno reason to (think|believe|suppose)\b`),
	c("unsupported", `\bunreliable\b|\bnot reliable\b`),
	c("unsupported", `\bsans (la moindre |aucune )?preuve\b|\baucune preuve\b|\bpas (de|la) preuve\b|\bjamais eu la preuve\b|\bn'est (étayé|prouvé)e?\b|\bne repose sur aucun\b`),
	c("unsupported", `(без (каких-либо )?доказательств|нет (никаких )?доказательств|не (приводит|подкрепл)|ничем не подтвержд)`),
	// misleading: true in part, wrong in effect.
	c("misleading", `\bmisleading\b|\bdistort(s|ed|ion)?\b|\bout of context\b|\bexaggerat(es|ed|ion)\b|\boverstat(es|ed|ement)\b`),
	c("misleading", `\bonly counted\b|\bcounted only\b|\bne compt(ait|e) que\b`),
	c("misleading", `\b(est|sont|était) (bien |beaucoup )?moins exacte?s?\b|\btrompeu(r|se)\b|\bexagér(é|ation)`),
	c("misleading", `(вводит в заблуждение|преувелич|искажа)`),
	// true: the judge agrees.
	c("true", `\b(is|was|are) (quite |entirely |perfectly |surely )?(right|correct)\b|\b(here|in this) (he|she|they|the author) (is|are) (right|correct)\b`),
	c("true", `\brightly (says|notes|points out|observes|argues)\b|\bcorrectly (says|notes|states|observes)\b`),
	c("true", `\b(a|ont) raison\b|\bc'est (exact|vrai|juste)\b|\bne dit (pas |rien d.)autre chose\b`),
	c("true", `(\bон прав\b|\bэто верно\b|\bсовершенно верно\b|\bсправедливо\b)`),
	// false: the claim is wrong.
	c("false", `\b(is|was|are|were) (simply |quite |plainly |demonstrably |entirely |also )?(untrue|false|wrong|mistaken|incorrect|inaccurate|erroneous|baseless|groundless)\b`),
	c("false", `\b(which|this|that|it) is (simply |quite )?(false|untrue|a lie)\b|\bnot true\b`),
	c("false", `\ba (lie|slander|fabrication|fiction|myth|calumny|falsehood|forgery)\b|\bpure invention\b|\bincorrectly (cites|quotes|states|gives)\b`),
	c("false", `\brests? on a (misreading|misunderstanding|mistake|confusion)\b|\bdissolves on (inspection|examination)\b|\b(neither|none) .{0,40}is credible\b|\bnot credible\b`),
	c("false", `\bdid not say, as\b|\bnever said\b|\bnever wrote\b`),
	c("false", `\bc'est faux\b|\best (faux|fausse|inexacte?|erroné(e)?)\b|\b(une )?pure invention\b|\bun mensonge\b|\bune calomnie\b|\binexacte?\b`),
	c("false", `(это ложь|\bложь\b|\bневерно\b|\bнеправда\b|клевета|вымысел)`),
}

// triggers are words one of which every cue holds: a sentence without any
// is not read with the expressions at all.
var triggers = strings.Fields(`untrue false wrong mistak incorrect inaccura erroneous baseless groundless lie slander fabricat fiction myth
	calumn falsehood forger invention true misread misunderst confusion dissolves credible never faux fausse inexact erroné mensonge calomnie
	ложь неверно неправда клевет вымысел misleading distort context exaggerat overstat counted compt exact trompeu exagér заблужд
	преувелич искажа right correct raison vrai juste autre прав верно справедлив evidence proof document source record cite unsupported
	unsubstantiated corroborat confirmed substantiated proved proven reason unreliable reliable preuve étayé prouvé aucun доказательств
	приводит подкрепл подтвержд rather easy simple quick other satisfy hard doubt question debatable open unconvincing implausible
	contradicted douteu discutable contestable caution convaincant спорно сомнительно сомнени believe accept uncorroborat say,`)

// cueTriggers lists, per cue, the trigger words its expression holds at
// the start of a word: the cue is tried only on a sentence holding one of
// them at the start of a word. A cue with an alternative (at the top
// level) that holds no trigger so placed is always tried.
var cueTriggers = func() [][]string {
	out := make([][]string, len(cues))
	for i, c := range cues {
		src := strings.ToLower(strings.TrimPrefix(c.re.String(), "(?i)"))
		var ts []string
		for _, alt := range topLevel(src) {
			n := 0
			for _, t := range triggers {
				if patternHoldsWord(alt, t) {
					ts = append(ts, t)
					n++
				}
			}
			if n == 0 {
				ts = nil
				break
			}
		}
		out[i] = ts
	}
	return out
}()

// patternHoldsWord says whether every match of the expression src holds
// the literal t at the start of a word: t appears in src after something
// that cannot match a letter (the start, a group, \b, \s+ or a literal
// non-letter), and not after a wildcard.
func patternHoldsWord(src, t string) bool {
	for off := 0; ; {
		k := strings.Index(src[off:], t)
		if k < 0 {
			return false
		}
		p := off + k
		off = p + 1
		if p == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(src[:p])
		if unicode.IsLetter(r) {
			// a letter before t, or the b of \b
			if r == 'b' && strings.HasSuffix(src[:p], `\b`) {
				return true
			}
			continue
		}
		// after a quantified wildcard such as .{0,40} or .* a letter may come first
		before := strings.TrimRight(src[:p], "0123456789,{}*+?")
		if strings.HasSuffix(before, ".") && !strings.HasSuffix(before, `\.`) {
			continue
		}
		return true
	}
}

// topLevel splits an expression at its top-level | signs.
func topLevel(src string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, src[from:i])
				from = i + 1
			}
		}
	}
	return append(out, src[from:])
}

// cueTrigIdx is cueTriggers as indices into triggers (cueTrigSet the same
// as a set), so that one pass over a sentence finds the triggers it holds.
var cueTrigIdx = func() [][]int {
	pos := map[string]int{}
	for i, t := range triggers {
		pos[t] = i
	}
	out := make([][]int, len(cueTriggers))
	for i, ts := range cueTriggers {
		for _, t := range ts {
			out[i] = append(out[i], pos[t])
		}
	}
	return out
}()

// trigger is one of triggers, with its index.
type trigger struct {
	i uint8
	t string
}

// trigSet is a set of triggers, by index.
type trigSet [(trigCap + 63) / 64]uint64

// trigCap bounds the number of triggers (see trigSet).
const trigCap = 128

func (s *trigSet) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }
func (s *trigSet) add(i int)      { s[i>>6] |= 1 << (i & 63) }

var cueTrigSet = func() []trigSet {
	if len(triggers) > trigCap {
		panic("stance: more triggers than trigCap")
	}
	out := make([]trigSet, len(cueTrigIdx))
	for i, ts := range cueTrigIdx {
		for _, t := range ts {
			out[i].add(t)
		}
	}
	return out
}()

// present returns the triggers the lower-cased sentence low holds at the
// start of a word (after no letter).
func present(low string) trigSet {
	var out trigSet
	prevLetter := false // whether the rune before i is a letter
	for i := 0; i < len(low); {
		// Eight bytes in ASCII at a time: each letter after no letter.
		if i+8 <= len(low) {
			if w := load64(low, i); w&hi8 == 0 {
				x := w | 0x20*lo8
				letters := (x + 0x1f*lo8) &^ (x + 0x05*lo8) & hi8 // from a to z
				after := letters << 8
				if prevLetter {
					after |= 0x80
				}
				for starts := letters &^ after; starts != 0; starts &= starts - 1 {
					out.at(low, i+bits.TrailingZeros64(starts)>>3)
				}
				prevLetter = letters>>63 != 0
				i += 8
				continue
			}
		}
		if !prevLetter {
			out.at(low, i)
		}
		if b := low[i]; b < utf8.RuneSelf {
			prevLetter = asciiLetter[b]
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(low[i:])
		prevLetter = unicode.IsLetter(r)
		i += n
	}
	return out
}

// at adds the triggers low holds at i.
func (s *trigSet) at(low string, i int) {
	if i+3 > len(low) {
		return
	}
	if h := (uint32(low[i]) | uint32(low[i+1])<<8 | uint32(low[i+2])<<16) * 0x9e3779b1 >> 16; trigHeads[h>>6]&(1<<(h&63)) == 0 {
		return
	}
	var w uint64
	if i+8 <= len(low) {
		w = load64(low, i)
	} else {
		for k := len(low) - 1; k >= i; k-- {
			w = w<<8 | uint64(low[k])
		}
	}
	for _, t := range pairTriggers[trigByPair[uint16(w)]] {
		if w&t.mask == t.head && (len(t.t) <= 8 || len(low)-i >= len(t.t) && low[i+8:i+len(t.t)] == t.t[8:]) {
			s.add(int(t.i))
		}
	}
}

// load64 returns the eight bytes of s from i, the first in the low bits.
func load64(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
}

// trigHeads is a set of hashes of the first three bytes of the triggers
// (the first three bytes of a word outside it begin no trigger);
// pairTriggers[trigByPair[key]] are the triggers whose first two bytes
// are key (the first byte in the low bits), each with its first eight
// bytes as a word (head) and a mask of those it has.
var trigHeads, trigByPair, pairTriggers = func() (*[1 << 16 / 64]uint64, *[1 << 16]uint8, [][]headTrigger) {
	var set [1 << 16 / 64]uint64
	var by [1 << 16]uint8
	lists := [][]headTrigger{nil}
	for i, t := range triggers {
		if len(t) < 3 || !asciiLetter[t[0]&0x7f] && t[0] < 0xc0 {
			panic("stance: a trigger of less than three bytes, or not beginning with a letter: " + t)
		}
		h := (uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16) * 0x9e3779b1 >> 16
		set[h>>6] |= 1 << (h & 63)
		key := uint16(t[0]) | uint16(t[1])<<8
		if by[key] == 0 {
			by[key] = uint8(len(lists))
			lists = append(lists, nil)
		}
		ht := headTrigger{trigger: trigger{i: uint8(i), t: t}}
		for k := 0; k < len(t) && k < 8; k++ {
			ht.head |= uint64(t[k]) << (8 * k)
			ht.mask |= 0xff << (8 * k)
		}
		lists[by[key]] = append(lists[by[key]], ht)
	}
	if len(lists) > 255 {
		panic("stance: too many trigger pairs")
	}
	return &set, &by, lists
}()

// headTrigger is a trigger with its first eight bytes (see trigHeads).
type headTrigger struct {
	trigger
	head, mask uint64
}

var asciiLetter = func() (l [utf8.RuneSelf]bool) {
	for c := 'a'; c <= 'z'; c++ {
		l[c], l[c-'a'+'A'] = true, true
	}
	return l
}()

// cueLiterals lists, per cue and per top-level alternative of its
// expression, what every match of that alternative holds, as clauses (see
// clause). A sentence that fails a clause of every alternative is not
// tried with the expression.
var cueLiterals = func() [][][]clause {
	out := make([][][]clause, len(cues))
	for i, c := range cues {
		re, err := syntax.Parse(c.re.String(), syntax.Perl)
		if err != nil {
			panic(err)
		}
		for re.Op == syntax.OpCapture {
			re = re.Sub[0]
		}
		alts := []*syntax.Regexp{re}
		if re.Op == syntax.OpAlternate {
			alts = re.Sub
		}
		for _, a := range alts {
			out[i] = append(out[i], requiredLiterals(a, nil))
		}
	}
	return out
}()

// A clause is a list of lower-cased literals one of which every match
// holds; left (right) when the match holds it with a word boundary before
// (after) it, in the sense of \b (word characters: ASCII letters, digits
// and _).
type clause struct {
	lits        []string
	left, right bool
}

// requiredLiterals appends the clauses every match of re satisfies.
func requiredLiterals(re *syntax.Regexp, out []clause) []clause {
	switch re.Op {
	case syntax.OpLiteral:
		return append(out, clause{lits: []string{strings.ToLower(string(re.Rune))}})
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0], out)
		}
	case syntax.OpConcat:
		for k, sub := range re.Sub {
			// A part that is one of a few words: the clause is those
			// words, and the boundaries the parts beside it put there.
			if set, ok := literalSet(sub, 64); ok && wordLiterals(set) {
				out = append(out, clause{lits: set, left: k > 0 && boundary(re.Sub[k-1]), right: k+1 < len(re.Sub) && boundary(re.Sub[k+1])})
				continue
			}
			out = requiredLiterals(sub, out)
		}
	case syntax.OpAlternate:
		// (The parser factors alternatives, f(?:iction|orgery): their
		// strings are counted out when they are few.)
		if set, ok := literalSet(re, 64); ok && !slices.Contains(set, "") {
			return append(out, clause{lits: set})
		}
		// One of the alternatives matches: the clause is the longest
		// literal each of them must hold, when each holds one.
		var any []string
		for _, sub := range re.Sub {
			best := ""
			for _, cl := range requiredLiterals(sub, nil) {
				if len(cl.lits) == 1 && len(cl.lits[0]) > len(best) {
					best = cl.lits[0]
				}
			}
			if best == "" {
				return out
			}
			any = append(any, best)
		}
		return append(out, clause{lits: any})
	}
	return out
}

// literalSet returns the lower-cased strings re matches, when they are no
// more than max.
func literalSet(re *syntax.Regexp, max int) ([]string, bool) {
	add := func(set []string, l string) []string {
		if !slices.Contains(set, l) {
			set = append(set, l)
		}
		return set
	}
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, max >= 1
	case syntax.OpEmptyMatch:
		return []string{""}, max >= 1
	case syntax.OpCapture:
		return literalSet(re.Sub[0], max)
	case syntax.OpQuest:
		set, ok := literalSet(re.Sub[0], max-1)
		return add(set, ""), ok
	case syntax.OpCharClass:
		var set []string
		for k := 0; k+1 < len(re.Rune); k += 2 {
			if int(re.Rune[k+1]-re.Rune[k]) >= max {
				return nil, false
			}
			for r := re.Rune[k]; r <= re.Rune[k+1]; r++ {
				set = add(set, strings.ToLower(string(r)))
			}
		}
		return set, len(set) > 0 && len(set) <= max
	case syntax.OpAlternate:
		var set []string
		for _, sub := range re.Sub {
			s, ok := literalSet(sub, max)
			if !ok {
				return nil, false
			}
			for _, l := range s {
				set = add(set, l)
			}
			if len(set) > max {
				return nil, false
			}
		}
		return set, true
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			s, ok := literalSet(sub, max)
			if !ok || len(set)*len(s) > max {
				return nil, false
			}
			var next []string
			for _, a := range set {
				for _, b := range s {
					next = add(next, a+b)
				}
			}
			set = next
		}
		return set, true
	}
	return nil, false
}

// wordLiterals says whether every literal of set begins and ends with a
// word character.
func wordLiterals(set []string) bool {
	for _, l := range set {
		if l == "" || !isWordByte(l[0]) || !isWordByte(l[len(l)-1]) {
			return false
		}
	}
	return len(set) > 0
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// boundary says whether re, in a concatenation, puts a word boundary
// between itself and a word character beside it: \b, or a run of
// characters none of which is a word character (\s+).
func boundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpPlus:
		return nonWordClass(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && nonWordClass(re.Sub[0])
	}
	return false
}

func nonWordClass(re *syntax.Regexp) bool {
	if re.Op != syntax.OpCharClass {
		return false
	}
	for k := 0; k+1 < len(re.Rune); k += 2 {
		for c := re.Rune[k]; c <= re.Rune[k+1] && c < utf8.RuneSelf; c++ {
			if isWordByte(byte(c)) {
				return false
			}
		}
	}
	return true
}

// mayMatch says whether the lower-cased sentence low satisfies every
// clause of some alternative of cue i. Word boundaries are checked only
// in a sentence in ASCII, whose lower-cased bytes are the sentence's
// bytes in their places.
func mayMatch(low string, i int) bool { return mayMatchASCII(low, isASCII(low), i) }

// mayMatchASCII is mayMatch, told whether low is in ASCII.
func mayMatchASCII(low string, ascii bool, i int) bool {
alts:
	for _, clauses := range cueLiterals[i] {
	clauses:
		for _, cl := range clauses {
			bounded := ascii && (cl.left || cl.right)
			for _, l := range cl.lits {
				if bounded && containsWord(low, l, cl.left, cl.right) || !bounded && strings.Contains(low, l) {
					continue clauses
				}
			}
			continue alts
		}
		return true
	}
	return false
}

func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&hi8 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsWord says whether s holds l with no word character right before
// it (when left) and right after it (when right).
func containsWord(s, l string, left, right bool) bool {
	for off := 0; ; {
		k := strings.Index(s[off:], l)
		if k < 0 {
			return false
		}
		p := off + k
		if (!left || p == 0 || !isWordByte(s[p-1])) && (!right || p+len(l) == len(s) || !isWordByte(s[p+len(l)])) {
			return true
		}
		off = p + 1
	}
}

// mayHold says whether a sentence holding the triggers has may hold cue i.
func mayHold(has *trigSet, i int) bool {
	if len(cueTrigIdx[i]) == 0 {
		return true
	}
	m := &cueTrigSet[i]
	for k := range m {
		if m[k]&has[k] != 0 {
			return true
		}
	}
	return false
}
