package stance

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A cue is a phrase that carries a verdict.
type cue struct {
	re      *regexp.Regexp
	verdict string
}

func c(verdict, pattern string) cue {
	// A space in a pattern matches any run of spaces and line breaks.
	pattern = strings.ReplaceAll(pattern, " ", `\s+`)
	return cue{re: regexp.MustCompile(`(?i)` + pattern), verdict: verdict}
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

// cueTrigIdx is cueTriggers as indices into triggers, and trigByByte the
// triggers by their first byte, so that one pass over a sentence finds the
// triggers it holds.
var cueTrigIdx, trigByByte = func() ([][]int, *[256][]int) {
	pos := map[string]int{}
	by := new([256][]int)
	for i, t := range triggers {
		pos[t] = i
		by[t[0]] = append(by[t[0]], i)
	}
	out := make([][]int, len(cueTriggers))
	for i, ts := range cueTriggers {
		for _, t := range ts {
			out[i] = append(out[i], pos[t])
		}
	}
	return out, by
}()

// present marks the triggers the lower-cased sentence low holds at the
// start of a word.
func present(low string) []bool {
	out := make([]bool, len(triggers))
	prevLetter := false
	for i := 0; i < len(low); {
		b := low[i]
		if b < utf8.RuneSelf {
			if !prevLetter {
				for _, t := range trigByByte[b] {
					if !out[t] && strings.HasPrefix(low[i:], triggers[t]) {
						out[t] = true
					}
				}
			}
			prevLetter = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(low[i:])
		if !prevLetter {
			for _, t := range trigByByte[b] {
				if !out[t] && strings.HasPrefix(low[i:], triggers[t]) {
					out[t] = true
				}
			}
		}
		prevLetter = unicode.IsLetter(r)
		i += n
	}
	return out
}

// cueLiterals lists, per cue and per top-level alternative of its
// expression, what every match of that alternative holds, as clauses: each
// clause a list of lower-cased literals one of which the match holds. A
// sentence that fails a clause of every alternative is not tried with the
// expression.
var cueLiterals = func() [][][][]string {
	out := make([][][][]string, len(cues))
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

// requiredLiterals appends the clauses every match of re satisfies.
func requiredLiterals(re *syntax.Regexp, out [][]string) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		return append(out, []string{strings.ToLower(string(re.Rune))})
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0], out)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			out = requiredLiterals(sub, out)
		}
	case syntax.OpAlternate:
		// One of the alternatives matches: the clause is the longest
		// literal each of them must hold, when each holds one.
		var any []string
		for _, sub := range re.Sub {
			best := ""
			for _, cl := range requiredLiterals(sub, nil) {
				if len(cl) == 1 && len(cl[0]) > len(best) {
					best = cl[0]
				}
			}
			if best == "" {
				return out
			}
			any = append(any, best)
		}
		return append(out, any)
	}
	return out
}

// mayMatch says whether the lower-cased sentence low satisfies every
// clause of some alternative of cue i.
func mayMatch(low string, i int) bool {
alts:
	for _, clauses := range cueLiterals[i] {
	clauses:
		for _, cl := range clauses {
			for _, l := range cl {
				if strings.Contains(low, l) {
					continue clauses
				}
			}
			continue alts
		}
		return true
	}
	return false
}

// mayHold says whether a sentence holding the triggers has may hold cue i.
func mayHold(has []bool, i int) bool {
	if len(cueTrigIdx[i]) == 0 {
		return true
	}
	for _, t := range cueTrigIdx[i] {
		if has[t] {
			return true
		}
	}
	return false
}
