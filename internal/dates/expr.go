package dates

import (
	"strings"
	"unicode/utf8"
)

// expr is one date expression found: its token range and its atoms (two
// for a range, an alternative calendar for a dual date).
type expr struct {
	s, e  int // token indexes [s, e)
	a, b  atom
	rng   bool
	dual  bool // a is the Old Style, b the New Style date
	first int  // day-only first part of a range (5 to 11 April)
}

// any reads a relative or a simple expression at i; it returns the first
// token of the expression (an article before a bare year is left out).
func (p *parser) any(i int) (int, int, atom, bool) {
	if e, a, ok := p.relative(i); ok {
		return i, e, a, true
	}
	return p.simple(i)
}

// simple reads [article] [approximation] [qualifier] [weekday ,] core.
func (p *parser) simple(i int) (int, int, atom, bool) {
	var a atom
	k := i
	art := false
	if l := p.lx(k); l != nil && l.article && p.tk(k).k == kWord {
		art = true
		k++
		if p.isW(i, "à", "a") {
			k++ // à la fin de
		}
	}
	if l := p.lx(k); l != nil && l.approx && p.tk(k).k == kWord {
		j := k + 1
		if p.isP(j, ".") {
			j++
		}
		ok := true
		switch {
		case p.isW(k, "c", "ca", "circ") && j == k+1:
			ok = false
		case p.isW(k, "about", "around", "um", "gegen", "etwa", "environ"):
			// about 1920, about May 1921: a number or month must follow
			n := p.tk(j)
			ok = n.k == kNum || n.lx != nil && n.lx.month > 0
		}
		if ok {
			if _, e, b, ok := p.qualified(j); ok && (b.hasY || b.hasM) && !b.deictic {
				b.approx = true
				return k, e, b, true
			}
		}
	}
	s, e, b, ok := p.qualified(k)
	if !ok {
		return i, i, a, false
	}
	if art && s == k && !b.yearOnly {
		s = i
	}
	return s, e, b, true
}

// qualified reads [qualifier [-] [of|in] [article]] [weekday [,]] core.
func (p *parser) qualified(k int) (int, int, atom, bool) {
	var a atom
	if l := p.lx(k); l != nil && l.qual > 0 && p.tk(k).k == kWord {
		q := l.qual
		j := k + 1
		if p.isP(j, "-") && !p.tk(j).sp {
			j++
		}
		if p.isW(j, "in") && p.tk(j+1).k == kNum || p.lx(j) != nil && p.lx(j).of && p.tk(j).k == kWord {
			j++
		}
		if p.lx(j) != nil && p.lx(j).article && p.tk(j).k == kWord {
			j++
		}
		if e, ok := p.relSeasonMonth(j, &a); ok {
			a.qual, a.approx = q, true
			return k, e, a, true
		}
		if e, ok := p.relYear(j, &a); ok && !a.sameYear {
			a.qual, a.approx = q, true
			return k, e, a, true
		}
		if p.isW(j, "year", "année", "annee", "jahres", "года") && !p.isW(j+1, "of") {
			// the end of the year, fin d'année: the narrative's year
			a = atom{sameYear: true, qual: q, approx: true}
			return k, j + 1, a, true
		}
		if e, ok := p.core(j, &a); ok && !a.hasD {
			a.qual, a.approx, a.yearOnly = q, true, false
			return k, e, a, true
		}
		return k, k, a, false
	}
	if t := p.tk(k); t.k == kWord && t.lx != nil && t.lx.weekday > 0 {
		j := k + 1
		if p.isP(j, ",") {
			j++
		}
		if p.isW(j, "the") || p.isW(j, "le") {
			j++
		}
		if e, ok := p.core(j, &a); ok && a.hasD {
			a.yearOnly = false
			return k, e, a, true
		}
		a = atom{weekday: t.lx.weekday, deictic: true}
		e := k + 1
		if p.isW(e, "next", "prochain") {
			a.lastNext = 1
			e++
		} else if p.isW(e, "last", "dernier") {
			a.lastNext = -1
			e++
		}
		if l := p.lx(e); l != nil && l.part {
			a.part = true
			e++
		}
		if !t.cap && p.lang == "en" {
			return k, k, a, false
		}
		return k, e, a, true
	}
	if e, ok := p.core(k, &a); ok {
		return k, e, a, true
	}
	return k, k, a, false
}

// relSeasonMonth reads "last July", "this spring", "next summer" at i.
func (p *parser) relSeasonMonth(i int, a *atom) (int, bool) {
	l := p.lx(i)
	if l == nil || l.dir == 0 || p.tk(i).k != kWord {
		return i, false
	}
	n := p.lx(i + 1)
	if n == nil {
		return i, false
	}
	dir := l.dir
	if n.season > 0 {
		a.season, a.relDir, a.deictic = n.season, dir, true
		return i + 2, true
	}
	if n.month > 0 && !n.abbr && p.monthOK(i+1, true) {
		a.m, a.hasM, a.relDir, a.deictic = n.month, true, dir, true
		return i + 2, true
	}
	return i, false
}

// relative reads yesterday, the next day, le lendemain, two days later,
// last year, the following spring, next Friday, на следующий день.
func (p *parser) relative(i int) (int, atom, bool) {
	var a atom
	k := i
	art := false
	if l := p.lx(k); l != nil && l.article && p.tk(k).k == kWord {
		art = true
		k++
	}
	if p.isW(k, "на") || p.isW(k, "am") && p.lx(k+1) != nil && p.lx(k+1).rel == relNextDay {
		k++
	}
	l := p.lx(k)
	if l == nil || p.tk(k).k != kWord {
		// 11 days later
		if t := p.tk(k); t.k == kNum && !art && t.nd <= 3 && !t.glued && !t.ord && !t.dec {
			return p.later(k, t.n)
		}
		return i, a, false
	}
	switch {
	case l.rel > 0:
		a.rel = l.rel
		if p.isW(k, "morgen") && p.tk(k).cap {
			return i, a, false // Morgen: a morning
		}
		switch l.rel {
		case relYesterday, relToday, relTomorrow, relDayBefore, relDayAfter:
			a.deictic = true
		}
		e := k + 1
		if p.isW(k, "nächsten", "nachsten") {
			if !p.isW(e, "tag", "tage", "tages") {
				return i, a, false
			}
			e++
		}
		if p.isW(e, "tag") {
			e++
		}
		if pl := p.lx(e); pl != nil && pl.part {
			e++
		}
		// le lendemain de sa déposition, la veille de l'audience
		if (l.rel == relNextDay || l.rel == relPrevDay) && p.isW(e, "de", "du", "d'", "des") {
			f := e + 1
			if d := p.lx(f); d != nil && d.article || p.isW(f, "ma", "sa", "son", "mon", "ses", "leur", "notre", "cette", "ce", "his", "her", "their", "its", "the") {
				f++
			}
			if w := p.tk(f); w.k == kWord && !w.cap {
				e = f + 1
			}
		}
		return e, a, true
	case l.count > 0 && !art:
		return p.later(k, l.count)
	case l.dir != 0:
		if p.isW(k+1, "fiscal", "financial", "calendar", "academic", "school") && p.lx(k+2) != nil && p.lx(k+2).unit == unitYear {
			k++ // this fiscal year
		}
		n := p.lx(k + 1)
		if n == nil {
			return i, a, false
		}
		dir := l.dir
		if n.unit > 0 && pluralUnits[p.tk(k+1).w] {
			return i, a, false // the preceding years, the previous months
		}
		if n.unit > 0 || p.isW(k+1, "morning", "evening", "night", "matin", "soir") {
			if dir == 2 && (n.unit == unitDay || n.unit == 0) {
				return i, a, false // this morning, ce jour-là, the same day
			}
			if p.isW(k, "past", "that", "same", "this", "ce", "cet", "cette") && art && !p.isW(k, "same") {
				return i, a, false
			}
			unit := n.unit
			if unit == 0 {
				unit = unitDay
			}
			if dir == 2 && p.isW(k, "same", "that", "même") {
				a.relUnit, a.relN = unit, 0
				if unit == unitYear {
					a.sameYear = true
					a.relUnit = 0
				}
				if p.isW(k, "that") {
					return i, a, false
				}
				return k + 2, a, true
			}
			if art && dir == -1 && p.isW(k, "last", "past") {
				a.relUnit, a.relDir, a.deictic = unit, -1, true
				return k + 2, a, true
			}
			if art || p.isW(k, "следующий", "другой") || dir == 1 && p.isW(k, "following") {
				// the next day, the following year: from the narrative
				if dir == 2 {
					return i, a, false
				}
				a.relUnit, a.relN = unit, dir
				return k + 2, a, true
			}
			a.relUnit, a.relDir, a.deictic = unit, dir, true
			e := k + 2
			if p.isW(e, "же") {
				e++
			}
			return e, a, true
		}
		if e, ok := p.relSeasonMonth(k, &a); ok {
			if art {
				a.deictic = false
				if a.relDir == -1 {
					return i, a, false
				}
			}
			return e, a, true
		}
		if n.weekday > 0 {
			a.weekday, a.relDir, a.deictic = n.weekday, dir, true
			e := k + 2
			if pl := p.lx(e); pl != nil && pl.part {
				e++
			}
			return e, a, true
		}
	case l.unit > 0:
		// the day after, the day before (yesterday / tomorrow); l'année suivante; le jour suivant
		n := p.lx(k + 1)
		if n == nil {
			return i, a, false
		}
		if art && l.unit == unitDay && p.isW(k+1, "after", "before") {
			if p.isW(k+2, "tomorrow") {
				a.rel, a.deictic = relDayAfter, true
				return k + 3, a, true
			}
			if p.isW(k+2, "yesterday") {
				a.rel, a.deictic = relDayBefore, true
				return k + 3, a, true
			}
			if p.isW(k+1, "after") {
				a.rel = relNextDay
			} else {
				a.rel = relPrevDay
			}
			return k + 2, a, true
		}
		if art && n.dir != 0 && p.tk(k+1).k == kWord {
			switch n.dir {
			case 1:
				a.relUnit, a.relN = l.unit, 1
			case -1:
				if p.isW(k+1, "précédent", "précédente", "precedent", "precedente") {
					a.relUnit, a.relN = l.unit, -1
				} else {
					a.relUnit, a.relDir, a.deictic = l.unit, -1, true
				}
			default:
				return i, a, false
			}
			return k + 2, a, true
		}
	}
	return i, a, false
}

// later reads "two days later", "a year earlier", "three weeks ago",
// "deux jours plus tard", "два дня спустя" after a count at k.
func (p *parser) later(k, n int) (int, atom, bool) {
	var a atom
	u := p.lx(k + 1)
	if u == nil || u.unit == 0 || n <= 0 || n > 400 {
		return k, a, false
	}
	j := k + 2
	if p.isW(j, "plus") && p.isW(j+1, "tard") {
		a.relUnit, a.relN = u.unit, n
		return j + 2, a, true
	}
	if p.isW(j, "тому") && p.isW(j+1, "назад") {
		j++
	}
	if l := p.lx(j); l != nil && l.later != 0 && !p.isW(j, "after", "before", "plus") {
		a.relUnit, a.relN = u.unit, n*l.later
		if p.isW(j, "ago", "назад") {
			a.deictic = true
		}
		return j + 1, a, true
	}
	return k, a, false
}

// connector reports whether token c joins the two ends of a range.
func (p *parser) connector(c, open int) (and bool, ok bool) {
	t := p.tk(c)
	if t.k == kPunct {
		return false, t.w == "-"
	}
	if t.lx == nil {
		return false, false
	}
	if t.lx.prep&prepAnd != 0 && !p.isW(c, "or", "ou") {
		return true, true
	}
	if t.lx.prep&prepTo != 0 {
		if open == prepBetween {
			return false, false
		}
		if p.isW(c, "a") {
			return false, false
		}
		return false, true
	}
	return false, false
}

// expression reads the longest date expression starting at token i.
func (p *parser) expression(i int) (expr, bool) {
	var x expr
	k := i
	open := 0
	if l := p.lx(i); l != nil && l.prep&(prepFrom|prepBetween) != 0 && p.tk(i).k == kWord {
		open = l.prep & (prepFrom | prepBetween)
		if open == prepFrom|prepBetween {
			open = prepFrom
		}
		k = i + 1
		if p.isW(i, "de", "d'") && p.lx(k) != nil && p.lx(k).article {
			k++ // de la fin ...
		}
	}
	// a day alone before a connector: 5 to 11 April 1922, 28 and 29 April, 5-11 April
	if d, j, ok := p.dayTok(k); ok && p.tk(k).k == kNum {
		if _, ok := p.connector(j, open); ok {
			if _, e, b, ok := p.simple(j + 1); ok && b.hasD && b.hasM && b.d > d && !b.deictic {
				x = expr{s: i, e: e, a: b, b: b, rng: true, first: d}
				x.a.d = d
				if open == 0 {
					x.s = k
				}
				return x, true
			}
		}
		// dual dates: 12/25 April 1918
		if p.isP(j, "/") && !p.tk(j).sp {
			if _, e, b, ok := p.simple(j + 1); ok && b.hasD && b.hasM && b.hasY && !p.tk(j+1).sp {
				a := b
				a.d = d
				if dualDiff(a, b) {
					x = expr{s: k, e: e, a: a, b: b, dual: true}
					return x, true
				}
			}
		}
	}
	s1, e1, a, ok := p.any(k)
	if !ok {
		return x, false
	}
	if open != 0 && s1 > k {
		open = 0
	}
	x = expr{s: s1, e: e1, a: a}
	if a.rel != 0 || a.relUnit != 0 || a.weekday != 0 {
		return x, true
	}
	// February 15-20, 1941; May 5 to 11, 1922
	if a.hasD && a.hasM && !a.hasY && !a.deictic {
		if _, ok := p.connector(e1, open); ok && !p.isW(e1, "and", "et", "und", "и") || p.isW(e1, "and", "et", "und") {
			if d2, j, ok := p.dayTok(e1 + 1); ok && p.tk(e1+1).k == kNum && d2 > a.d {
				var yb atom
				if ye, ok := p.yearAt(j, &yb); ok && validDay(yb.y, a.m, d2) {
					a.y, a.hasY = yb.y, true
					b := a
					b.d = d2
					return expr{s: x.s, e: ye, a: a, b: b, rng: true}, true
				}
				if validDay(2000, a.m, d2) && !(p.tk(j).k == kWord && p.tk(j).lx != nil && p.tk(j).lx.month > 0) {
					// September 28th and 29th: the year from the anchors
					b := a
					b.d = d2
					return expr{s: x.s, e: j, a: a, b: b, rng: true}, true
				}
			}
		}
	}
	if e, jul, ok := p.styleMark(e1); ok && a.hasD {
		x.e = e
		x.a.julian = jul
		return x, true
	}
	c := e1
	and, ok := p.connector(c, open)
	if !ok && open == 0 && (p.isP(c, "/") || p.isP(c, "(")) && a.hasD {
		// 25 October / 7 November 1917, 25 October (7 November) 1917
		if _, e, b, ok := p.simple(c + 1); ok && b.hasD && b.hasM {
			e2 := e
			if p.isP(c, "(") && p.isP(e, ")") {
				e2 = e + 1
				if !b.hasY {
					var yb atom
					if ye, ok := p.yearAt(e2, &yb); ok {
						b.y, b.hasY = yb.y, true
						e2 = ye
					}
				}
			}
			aa := a
			if !aa.hasY && b.hasY {
				aa.y, aa.hasY = b.y, true
			}
			if b.hasY && dualDiff(aa, b) {
				return expr{s: s1, e: e2, a: aa, b: b, dual: true}, true
			}
		}
	}
	slash := !ok && p.isP(c, "/") && a.yearOnly
	if !ok && !slash {
		return x, true
	}
	if and && open != prepBetween && a.hasY && (a.hasD == a.hasM) {
		return x, true // 1913 and 1921: two dates
	}
	// 1937-38, 1920/21
	if a.yearOnly && !a.hasM && !a.decade && !a.century && (p.isP(c, "-") || p.isP(c, "/")) && !p.tk(c).sp {
		if n := p.tk(c + 1); n.k == kNum && (n.nd == 2 || n.nd == 4 && p.isP(c, "/")) && !n.sp && !n.glued && !n.dec && (p.tk(c+2).k == 0 || p.tk(c+2).sp || p.tk(c+2).k == kPunct) {
			y2 := a.y - a.y%100 + n.n
			if n.nd == 4 {
				y2 = n.n
			}
			if y2 > a.y && (p.isP(c, "-") || y2 == a.y+1) {
				b := atom{y: y2, hasY: true, yearOnly: true}
				return expr{s: s1, e: c + 2, a: a, b: b, rng: true}, true
			}
		}
	}
	if slash {
		return x, true
	}
	_, e2, b, ok := p.any(c + 1)
	if !ok || b.rel != 0 || b.relUnit != 0 || b.weekday != 0 {
		return x, true
	}
	if p.tk(c).w == "-" && (b.hasD && !a.hasM || a.hasD && !b.hasM) {
		return x, true
	}
	// fill the first end from the second: February and March 1921
	if !a.hasY && b.hasY && !a.deictic {
		a.y, a.hasY = b.y, true
		if a.hasM && b.hasM && a.m > b.m && !b.decade {
			a.y--
		}
	}
	if a.hasD && !a.hasM && b.hasM {
		a.m, a.hasM = b.m, true
	}
	if !b.hasY && a.hasY && !b.deictic && (b.hasM || b.season > 0) {
		b.y, b.hasY = a.y, true
		if a.hasM && b.hasM && b.m < a.m {
			b.y++
		}
	}
	x = expr{s: x.s, e: e2, a: a, b: b, rng: true}
	if open != 0 {
		x.s = i
	}
	return x, true
}

// dualDiff reports whether b is a (10..13 days later) New Style twin of a.
func dualDiff(a, b atom) bool {
	if !a.hasD || !b.hasD || !a.hasM || !b.hasM || !b.hasY || !validDay(b.y, a.m, a.d) || !validDay(b.y, b.m, b.d) {
		return false
	}
	pa := Point{Y: b.y, M: a.m, D: a.d, P: Day}
	if a.m > b.m {
		pa.Y--
	}
	pb := Point{Y: b.y, M: b.m, D: b.d, P: Day}
	d := int(pb.time().Sub(pa.time()).Hours() / 24)
	return d >= 10 && d <= 13
}

var styleMarks = []struct {
	s   string
	jul bool
}{
	{"(o.s.)", true}, {"o.s.", true}, {"(old style)", true}, {"old style", true}, {"(os)", true},
	{"(ст. ст.)", true}, {"ст. ст.", true}, {"(ст.ст.)", true}, {"ст.ст.", true}, {"по старому стилю", true},
	{"(a.s.)", true}, {"a. st.", true}, {"(n.s.)", false}, {"n.s.", false}, {"(new style)", false}, {"(н. ст.)", false}, {"н. ст.", false},
}

// styleMark reads an Old Style or New Style mark after a date at token i;
// it returns the token after it and whether the date is Julian.
func (p *parser) styleMark(i int) (int, bool, bool) {
	t := p.tk(i)
	if t.k == 0 {
		return i, false, false
	}
	// every mark starts with "(", "o", "a", "n" or a Cyrillic letter, and
	// no other ASCII byte lowers to one of them
	switch p.text[t.s] {
	case '(', 'o', 'O', 'a', 'A', 'n', 'N':
	default:
		if p.text[t.s] < utf8.RuneSelf {
			return i, false, false
		}
	}
	low := strings.ToLower(p.text[t.s:min(len(p.text), t.s+40)])
	for _, m := range styleMarks {
		if strings.HasPrefix(low, m.s) {
			end := t.s + len(m.s)
			j := i
			for j < len(p.t) && p.t[j].s < end {
				j++
			}
			return j, m.jul, true
		}
	}
	return i, false, false
}

// pluralUnits are the plural forms of the units of time: "the previous
// years" names no date.
var pluralUnits = map[string]bool{"days": true, "weeks": true, "months": true, "years": true, "jours": true,
	"semaines": true, "mois": false, "ans": true, "années": true, "annees": true, "tage": true, "wochen": true,
	"monate": true, "jahre": true, "дни": true, "недели": false, "месяцы": true, "годы": true}
