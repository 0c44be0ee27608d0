package dates

import "strings"

// atom is one date expression as written, before it is resolved: a day,
// month, season, year, decade or century, with its qualifiers, or a
// relative expression.
type atom struct {
	y, m, d   int
	hasY      bool
	hasM      bool
	hasD      bool
	y2        int // second year of "l'hiver 1920-1921"
	season    int
	qual      int
	approx    bool
	decade    bool // y..y+9
	decadeRel bool // y is a decade of an unknown century (the twenties)
	century   bool // y..y+99
	bce       bool
	weekday   int
	part      bool // a part of the day follows (Thursday evening)
	rel       int  // relYesterday ...
	relUnit   int  // N units later / ago: unit
	relN      int  //   signed count
	relDir    int  // this (2), next (1), last (-1) + unit, season, weekday or month
	yearDir   int  // "of this year" (2), "of last year" (-1), "of the next year" (1)
	lastNext  int  // "October 19 last" (-1), "Friday next" (+1)
	sameYear  bool // "of the same year", "that year"
	deictic   bool // resolved against the document's date
	yearOnly  bool // a bare year, or month and year: an article before it is not part of it
	julian    bool // marked Old Style
}

// parser reads date expressions from a token list.
type parser struct {
	text    string
	t       []tok
	lang    string
	zero    tok
	urls    []span       // URL spans of the passage (tokens inside are skipped)
	markers map[int]bool // start offsets of footnote markers
}

type span struct{ s, e int }

func (p *parser) tk(i int) *tok {
	if i < 0 || i >= len(p.t) {
		return &p.zero
	}
	return &p.t[i]
}

func (p *parser) lx(i int) *word {
	if i < 0 || i >= len(p.t) {
		return nil
	}
	return p.t[i].lx
}

func (p *parser) isW(i int, ws ...string) bool {
	t := p.tk(i)
	if t.k != kWord {
		return false
	}
	for _, w := range ws {
		if t.w == w {
			return true
		}
	}
	return false
}

func (p *parser) isP(i int, ws ...string) bool {
	t := p.tk(i)
	if t.k != kPunct {
		return false
	}
	for _, w := range ws {
		if t.w == w {
			return true
		}
	}
	return false
}

// yearTok reports whether token i is a number that can be a year on its
// own: four digits 1000..2199, not part of a bigger number, identifier or
// quantity.
func (p *parser) yearTok(i int) bool {
	t := p.tk(i)
	if t.k != kNum || t.ord || t.dec || t.nd != 4 || t.n < 1000 || t.n > 2199 {
		return false
	}
	if t.glued && !t.sufAE {
		return false
	}
	return p.freeNumber(i)
}

// freeNumber reports whether the number at i stands on its own: not an
// identifier (p. 1921, No. 1412, FO 371/9312), not a grouped or decimal
// number (1,200, 1920.5), not a sum or a count (£1920, 1920 men).
func (p *parser) freeNumber(i int) bool {
	t := p.tk(i)
	if p.inURL(t.s) {
		return false
	}
	if i > 0 {
		pv := p.tk(i - 1)
		if !t.sp {
			switch {
			case pv.k == kWord:
				if !p.isW(i-1) || pv.lx == nil || pv.lx.idPrefix {
					return false
				}
			case pv.k == kNum:
				return false
			case pv.w == "-":
				q := p.tk(i - 2)
				if !pv.sp && (q.k == kNum && (q.nd != 4 || !p.freeNumber(i-2)) || q.k == kWord && !(q.lx != nil && (q.lx.qual > 0 || q.lx.approx)) && q.w != "pre" && q.w != "post") {
					return false // kessler-1921, 371-1921
				}
			case pv.w == "/" || pv.w == "#" || pv.w == "_" || pv.w == "@" || pv.w == "=" || pv.w == ":" || pv.w == "$" || pv.w == "£" || pv.w == "€" || pv.w == "¥" || pv.w == "№" || pv.w == "§" || pv.w == "+" || pv.w == "\\":
				return false
			case pv.w == "." || pv.w == ",":
				if q := p.tk(i - 2); q.k == kNum && !pv.sp {
					return false // 1.1920, 3,1920
				}
				if q := p.tk(i - 2); q.k == kWord && !pv.sp && q.lx != nil && q.lx.idPrefix {
					return false // art.7, vol.2
				}
			}
		}
		// an identifier word before it: p. 1921, No. 1412, page 1921
		j := i - 1
		dot := false
		if p.isP(j, ".") {
			j--
			dot = true
		}
		if w := p.tk(j); w.k == kWord && w.lx != nil && w.lx.idPrefix {
			if dot || len([]rune(w.w)) >= 2 && w.w != "с" {
				return false
			}
		}
		if p.isP(i-1, "$", "£", "€", "¥", "№", "§", "#") {
			return false
		}
	}
	// after it: 1,200; 1920.5; 1920 men; 1920%
	n := p.tk(i + 1)
	if n.k == kPunct && !n.sp {
		nn := p.tk(i + 2)
		switch n.w {
		case ",":
			if nn.k == kNum && !nn.sp && nn.nd == 3 {
				return false
			}
		case ".":
			if nn.k == kNum && !nn.sp {
				if nn.nd > 2 {
					return false
				}
				if !p.markers[nn.s] {
					if n3 := p.tk(i + 3); !(n3.k == 0 || n3.sp && n3.cap) {
						return false // 1920.5 km
					}
				}
			}
		case "%", "‰":
			return false
		case "/":
			if nn.k == kNum && !nn.sp && !(nn.nd == 2 || nn.nd == 4) {
				return false
			}
		}
	}
	if n.k == kWord && n.sp && quantityNouns[n.w] {
		return false
	}
	if n.k == kWord && (n.w == "per" || n.w == "pour") && p.isW(i+2, "cent", "100") {
		return false
	}
	return true
}

func (p *parser) inURL(off int) bool {
	for _, u := range p.urls {
		if off >= u.s && off < u.e {
			return true
		}
	}
	return false
}

// dayTok reads a day of the month at i: 1..31, 1st, 1er, the first.
func (p *parser) dayTok(i int) (int, int, bool) {
	t := p.tk(i)
	switch t.k {
	case kNum:
		if t.nd <= 2 && t.n >= 1 && t.n <= 31 && !t.glued && !t.dec && !p.inURL(t.s) {
			if i > 0 && !t.sp && (p.tk(i-1).k == kNum || p.tk(i-1).k == kWord) {
				return 0, i, false
			}
			j := i + 1
			if p.isP(j, ".") && !p.tk(j).sp && p.lx(j+1) != nil && p.lx(j+1).month > 0 {
				j++ // 19. November
			}
			return t.n, j, true
		}
	case kWord:
		if t.lx != nil && t.lx.day > 0 {
			return t.lx.day, i + 1, true
		}
	}
	return 0, i, false
}

// monthTok reads a month name at i, with the dot of an abbreviation.
// bare says whether the month stands without a number beside it.
func (p *parser) monthTok(i int) (int, int, bool) {
	t := p.tk(i)
	if t.k != kWord || t.lx == nil || t.lx.month == 0 {
		return 0, i, false
	}
	j := i + 1
	if p.isP(j, ".") && !p.tk(j).sp && t.lx.abbr {
		j++
	} else if t.lx.abbr && t.w == "sept" {
		return 0, i, false // French "sept" (seven) without its dot
	}
	return t.lx.month, j, true
}

// monthOK reports whether the month word at i reads as a month: English
// "may", "march", "august" need a capital; abbreviations need a number.
func (p *parser) monthOK(i int, withNumber bool) bool {
	t := p.tk(i)
	if t.lx.abbr && !withNumber {
		return false
	}
	switch t.w {
	case "may", "march", "august", "mar", "jan", "june", "april":
		if !t.cap {
			return false
		}
	case "mars", "mai":
		if !withNumber && t.cap && !p.frenchish() {
			return false
		}
	}
	if t.cap && t.lx.abbr && t.w == "jan" && !withNumber {
		return false
	}
	return true
}

func (p *parser) frenchish() bool { return p.lang == "fr" || p.lang == "de" }

// yearAfter reads a year (or "this year") at i for "May 1921", "May of
// 1921", "May, 1921", "mai 1921 г.": it returns the atom fields.
func (p *parser) yearAt(i int, a *atom) (int, bool) {
	j := i
	if p.isP(j, ",") {
		j++
	}
	if p.lx(j) != nil && p.lx(j).of && p.tk(j).k == kWord {
		// of 1921, of this year, of last year, of the same year
		k := j + 1
		if y, e, ok := p.yearNum(k, a); ok {
			a.y, a.hasY = y, true
			return e, true
		}
		if e, ok := p.relYear(k, a); ok {
			return e, true
		}
		return i, false
	}
	if y, e, ok := p.yearNum(j, a); ok {
		a.y, a.hasY = y, true
		return e, true
	}
	return i, false
}

// relYear reads "this year", "last year", "the same year", "l'année
// dernière" at i.
func (p *parser) relYear(i int, a *atom) (int, bool) {
	k := i
	if p.lx(k) != nil && p.lx(k).article {
		k++
	}
	if l := p.lx(k); l != nil && l.dir != 0 && p.lx(k+1) != nil && p.lx(k+1).unit == unitYear {
		switch l.dir {
		case 2:
			if p.isW(k, "same", "that", "même", "том", "того", "selben") {
				a.sameYear = true
			} else {
				a.yearDir, a.deictic = 2, true
			}
		default:
			a.yearDir, a.deictic = l.dir, true
			if p.isW(k, "following", "next", "suivant", "suivante") && p.tk(i).k == kWord && p.lx(i).article {
				a.yearDir, a.deictic, a.sameYear = 1, false, false
				a.relUnit, a.relN = unitYear, 1
			}
		}
		e := k + 2
		if p.isW(e, "же") {
			e++
		}
		return e, true
	}
	if l := p.lx(k); l != nil && l.unit == unitYear && p.lx(k+1) != nil && p.lx(k+1).dir != 0 {
		// l'année dernière, l'année suivante
		d := p.lx(k + 1).dir
		a.yearDir, a.deictic = d, true
		if d == 2 {
			a.sameYear, a.yearDir, a.deictic = true, 0, false
		}
		return k + 2, true
	}
	return i, false
}

// yearNum reads a year at i: 1921, 1921 г., 1921 года, 44 BC, AD 1066.
func (p *parser) yearNum(i int, a *atom) (int, int, bool) {
	t := p.tk(i)
	if p.isW(i, "ad") && t.cap || p.isW(i, "a") && p.isP(i+1, ".") && p.isW(i+2, "d") {
		k := i + 1
		if p.isW(i, "a") {
			k = i + 3
		}
		if p.isP(k, ".") {
			k++
		}
		if n := p.tk(k); n.k == kNum && n.nd <= 4 && !n.glued && n.n > 0 {
			return n.n, k + 1, true
		}
	}
	if t.k != kNum || t.glued && !t.sufAE || t.ord || t.dec {
		return 0, i, false
	}
	if e, ok := p.era(i + 1); ok && t.n > 0 && t.nd <= 4 {
		if e < 0 {
			a.bce = true
			return 1 - t.n, p.eraEnd(i + 1), true
		}
		return t.n, p.eraEnd(i + 1), true
	}
	if !p.yearTok(i) {
		// в 862 году, 862 г.: a short year with the Russian year word
		if t.nd <= 4 && t.n > 0 && !t.glued && p.freeNumber(i) && p.yearSuffix(i+1) > i+1 && !p.isW(i+1, "год") {
			e := p.yearSuffix(i + 1)
			if era, ok := p.era(e); ok {
				if era < 0 {
					a.bce = true
					return 1 - t.n, p.eraEnd(e), true
				}
				return t.n, p.eraEnd(e), true
			}
			return t.n, e, true
		}
		return 0, i, false
	}
	return t.n, p.yearSuffix(i + 1), true
}

// yearSuffix skips the Russian "г.", "года", "году", "гг." after a year.
func (p *parser) yearSuffix(j int) int {
	if p.isW(j, "г", "гг") {
		j++
		if p.isP(j, ".") {
			j++
		}
		return j
	}
	if p.isW(j, "года", "году", "год") {
		return j + 1
	}
	return j
}

var eraForms = []struct {
	s   string
	dir int
}{
	{"b.c.e.", -1}, {"b.c.e", -1}, {"bce", -1}, {"b.c.", -1}, {"b.c", -1}, {"bc", -1},
	{"av. j.-c.", -1}, {"av. j.-c", -1}, {"av. j-c", -1}, {"avant j.-c.", -1}, {"avant jésus-christ", -1},
	{"до н. э.", -1}, {"до н.э.", -1}, {"до н. э", -1}, {"до н.э", -1}, {"v. chr.", -1}, {"vor christus", -1}, {"v. u. z.", -1},
	{"c.e.", 1}, {"ce", 1}, {"a.d.", 1}, {"ad", 1}, {"ap. j.-c.", 1}, {"apr. j.-c.", 1}, {"н. э.", 1}, {"н.э.", 1}, {"n. chr.", 1},
}

// era reads BC, BCE, av. J.-C., до н. э. at token i.
func (p *parser) era(i int) (int, bool) {
	t := p.tk(i)
	if t.k != kWord || !t.sp || t.lx == nil || t.lx.era == 0 {
		return 0, false
	}
	rest := p.text[t.s:min(len(p.text), t.s+24)]
	low := strings.ToLower(rest)
	for _, f := range eraForms {
		if strings.HasPrefix(low, f.s) {
			end := len(f.s)
			if end < len(low) && isLetterAt(low, end) {
				continue
			}
			if f.s == "ce" && !strings.HasPrefix(rest, "CE") || f.s == "ad" && !strings.HasPrefix(rest, "AD") {
				continue
			}
			return f.dir, true
		}
	}
	return 0, false
}

// eraEnd returns the index of the first token after the era at i.
func (p *parser) eraEnd(i int) int {
	t := p.tk(i)
	low := strings.ToLower(p.text[t.s:min(len(p.text), t.s+24)])
	for _, f := range eraForms {
		if strings.HasPrefix(low, f.s) {
			end := t.s + len(f.s)
			j := i
			for j < len(p.t) && p.t[j].s < end {
				j++
			}
			return j
		}
	}
	return i + 1
}

// core reads the date itself at i (after any article, qualifier or
// approximation): numeric dates, day and month, month and year, seasons,
// decades, centuries and years.
func (p *parser) core(i int, a *atom) (int, bool) {
	t := p.tk(i)
	// numeric forms: 1944-11-19, 19.11.1944, 19/11/1944, 11/19/1944
	if t.k == kNum && !t.glued && !t.ord && !t.dec && !p.inURL(t.s) && (i == 0 || t.sp || p.tk(i-1).k == kPunct && p.tk(i-1).w != "/" && p.tk(i-1).w != ".") {
		if e, ok := p.numeric(i, a); ok {
			return e, true
		}
	}
	// day month [year]
	if d, j, ok := p.dayTok(i); ok {
		k := j
		if p.isW(k, "of", "de", "d'") && t.k == kWord || p.isW(k, "of") {
			k++
		}
		if m, e, ok := p.monthTok(k); ok && p.monthOK(k, true) && validDay(2000, m, d) {
			a.d, a.m, a.hasD, a.hasM = d, m, true, true
			if e2, ok := p.yearAt(e, a); ok {
				e = e2
			} else if p.isW(e, "last", "dernier", "ult", "ultimo") {
				a.lastNext, a.deictic = -1, true
				e = p.dotAfter(e + 1)
			} else if p.isW(e, "next", "prochain", "prox", "proximo") {
				a.lastNext, a.deictic = 1, true
				e = p.dotAfter(e + 1)
			}
			return e, true
		}
		// the 19th inst., the 5th ult.
		if t.k == kNum && t.ord && p.isW(j, "inst", "instant", "ult", "ultimo", "prox", "proximo") {
			a.d, a.hasD = d, true
			switch p.tk(j).w {
			case "inst", "instant":
				a.relDir = 2
			case "ult", "ultimo":
				a.relDir = -1
			default:
				a.relDir = 1
			}
			a.deictic = true
			a.relUnit = unitMonth
			return p.dotAfter(j + 1), true
		}
	}
	// month day [, year] / month [of] year / month
	if m, j, ok := p.monthTok(i); ok {
		if d, k, ok := p.dayTok(j); ok && p.tk(j).k == kNum && p.monthOK(i, true) && validDay(2000, m, d) && !(p.tk(j).n >= 1000) {
			// November 19, 1944; Nov. 19 1944; February 20; October 19 last
			if !(p.isP(k, ".") && p.tk(k+1).k == kNum) && !(p.tk(k).k == kWord && quantityNouns[p.tk(k).w]) && !(p.isP(k, ":") && p.tk(k+1).k == kNum && !p.tk(k+1).sp) {
				a.d, a.m, a.hasD, a.hasM = d, m, true, true
				e := k
				if e2, ok := p.yearAt(e, a); ok {
					e = e2
				} else if p.isW(e, "last", "dernier") {
					a.lastNext, a.deictic = -1, true
					e++
				} else if p.isW(e, "next", "prochain") {
					a.lastNext, a.deictic = 1, true
					e++
				}
				return e, true
			}
		}
		if e, ok := p.yearAt(j, a); ok && p.monthOK(i, true) {
			a.m, a.hasM = m, true
			if a.hasY && !a.bce {
				a.yearOnly = true
			}
			return e, true
		}
		if n := p.tk(j); n.k == kWord && n.cap && n.lx == nil && p.isW(i-1, "the", "la", "le") {
			return i, false // the February Revolution, the October Plenum
		}
		if p.monthOK(i, false) && p.bareMonthContext(i) {
			a.m, a.hasM = m, true
			if p.isW(j, "last", "dernier") {
				a.lastNext, a.deictic = -1, true
				j++
			} else if p.isW(j, "next", "prochain") {
				a.lastNext, a.deictic = 1, true
				j++
			}
			return j, true
		}
		return i, false
	}
	// seasons
	if t.k == kWord && t.lx != nil && t.lx.season > 0 {
		if !p.seasonContext(i) {
			return i, false
		}
		a.season = t.lx.season
		j := i + 1
		k := j
		if p.lx(k) != nil && p.lx(k).of {
			k++
		}
		if y, e, ok := p.yearNum(k, a); ok {
			a.y, a.hasY = y, true
			// l'hiver 1920-1921, winter 1920/21
			if (p.isP(e, "-") || p.isP(e, "/")) && !p.tk(e).sp {
				n := p.tk(e + 1)
				if n.k == kNum && !n.sp && (n.nd == 4 && n.n == y+1 || n.nd == 2 && n.n == (y+1)%100) {
					a.y2 = y + 1
					e += 2
				}
			}
			return p.yearSuffix(e), true
		}
		if e, ok := p.relYear(k, a); ok && k > j {
			return e, true
		}
		// l'été suivant, the following summer (handled by the caller), the summer
		if l := p.lx(j); l != nil && l.dir != 0 && p.tk(j).k == kWord && !p.isW(j, "that", "this", "ce", "cet", "cette") {
			a.relDir = l.dir
			return j + 1, true
		}
		return j, true
	}
	// decades: 1920s, the 1920s, les années 1920, 1920-е годы, die 1920er Jahre
	if t.k == kNum && t.dec && p.freeDecade(i) {
		y := t.n
		if t.nd == 2 {
			y += 1900
		}
		a.y, a.hasY, a.decade, a.yearOnly = y, true, true, true
		j := i + 1
		if p.lx(j) != nil && p.lx(j).decadeW {
			j++
			if p.isP(j, ".") && p.isW(j-1, "гг") {
				j++
			}
		}
		return j, true
	}
	// the twenties, the Thirties: the decade of the anchors' century
	if t.k == kWord && p.isW(i-1, "the") {
		if y, ok := englishDecades[t.w]; ok && !p.isW(i-2, "his", "her", "their", "my", "your", "our", "early", "late", "mid") {
			a.y, a.hasY, a.decade, a.decadeRel = y, true, true, true
			return i + 1, true
		}
	}
	if p.isW(i, "années", "annees") && p.tk(i+1).k == kNum && p.tk(i+1).nd == 4 && p.tk(i+1).n%10 == 0 {
		a.y, a.hasY, a.decade = p.tk(i+1).n, true, true
		return i + 2, true
	}
	if p.isW(i, "années", "annees") {
		if y, ok := frenchDecades[p.tk(i+1).w]; ok {
			a.y, a.hasY, a.decade = y, true, true
			return i + 2, true
		}
	}
	// centuries: the 20th century, the nineteenth century, XIXe siècle, XIX век
	if n, j, ok := p.centuryNum(i); ok {
		if l := p.lx(j); l != nil && l.century {
			a.y, a.hasY, a.century, a.yearOnly = (n-1)*100, true, true, true
			e := j + 1
			if era, ok := p.era(e); ok {
				if era < 0 {
					a.y = 1 - n*100
					a.bce = true
				}
				e = p.eraEnd(e)
			}
			return e, true
		}
	}
	// a year
	if y, e, ok := p.yearNum(i, a); ok {
		a.y, a.hasY = y, true
		if !a.bce {
			a.yearOnly = true
		}
		// the year 1920
		return e, true
	}
	if p.isW(i, "year", "année", "an") && p.tk(i+1).k == kNum {
		if y, e, ok := p.yearNum(i+1, a); ok {
			a.y, a.hasY = y, true
			return e, true
		}
	}
	return i, false
}

var englishDecades = map[string]int{"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}

var frenchDecades = map[string]int{"vingt": 1920, "trente": 1930, "quarante": 1940, "cinquante": 1950, "soixante": 1960, "soixante-dix": 1970, "quatre-vingt": 1980}

func (p *parser) freeDecade(i int) bool {
	t := p.tk(i)
	if p.inURL(t.s) {
		return false
	}
	if t.nd == 2 {
		// the 20s, the '20s: only after "the" or an apostrophe
		return p.isP(i-1, "'") || p.isW(i-1, "the") || p.lx(i-1) != nil && p.lx(i-1).qual > 0
	}
	if i > 0 && !t.sp {
		pv := p.tk(i - 1)
		if pv.k == kNum || pv.k == kWord && (pv.lx == nil || pv.lx.qual == 0) {
			return false
		}
		if pv.w == "-" && p.tk(i-2).k == kWord && (p.lx(i-2) == nil || p.lx(i-2).qual == 0) {
			return false
		}
	}
	return true
}

func (p *parser) dotAfter(j int) int {
	if p.isP(j, ".") && !p.tk(j).sp {
		return j + 1
	}
	return j
}

// bareMonthContext reports whether a month name standing alone at i reads
// as a date: after "in", "since", "of", a qualifier, a range word, or
// before "last"/"next".
func (p *parser) bareMonthContext(i int) bool {
	if p.isW(i+1, "last", "next", "dernier", "prochain") {
		return true
	}
	j := i - 1
	if p.lx(j) != nil && p.lx(j).article {
		j--
	}
	if l := p.lx(j); l != nil && (l.prep != 0 || l.qual > 0 || l.of || l.dir != 0) && p.tk(j).k == kWord {
		// "this May", "last July", "in May", "of June", "early April", "from May";
		// after "to" a capitalised word is a name: "to April Smith"
		if l.prep == prepTo && l.qual == 0 && !l.of && l.dir == 0 {
			if n := p.tk(i + 1); n.k == kWord && n.cap && n.lx == nil {
				return false
			}
		}
		return true
	}
	if p.isP(i-1, "-") && p.lx(i-2) != nil && p.lx(i-2).qual > 0 {
		return true // mid-May, mi-mai
	}
	// May and June; between May and July
	if l := p.lx(i + 1); l != nil && l.prep&(prepAnd|prepTo) != 0 {
		if m := p.lx(i + 2); m != nil && m.month > 0 {
			return true
		}
	}
	return false
}

// centuryNum reads the ordinal of a century at i: 20th, twentieth, XIXe, XX.
func (p *parser) centuryNum(i int) (int, int, bool) {
	t := p.tk(i)
	if c1, c2 := p.lx(i+1), p.lx(i+2); !(c1 != nil && c1.century || c2 != nil && c2.century) {
		return 0, i, false
	}
	switch t.k {
	case kNum:
		if t.nd <= 2 && t.n >= 1 && t.n <= 21 && (t.ord || p.isP(i+1, ".") && p.lx(i+2) != nil && p.lx(i+2).century) {
			j := i + 1
			if p.isP(j, ".") {
				j++
			}
			return t.n, j, true
		}
	case kWord:
		if t.lx != nil && t.lx.day > 0 && t.lx.day <= 21 {
			return t.lx.day, i + 1, true
		}
		w := t.w
		for _, s := range []string{"ème", "eme", "th", "e"} {
			if strings.HasSuffix(w, s) && len(w) > len(s) {
				w = strings.TrimSuffix(w, s)
				break
			}
		}
		if n := roman(w); n > 0 && n <= 21 && strings.ToUpper(p.text[t.s:t.s+len(w)]) == p.text[t.s:t.s+len(w)] {
			return n, i + 1, true
		}
	}
	return 0, i, false
}

func roman(s string) int {
	n, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v := 0
		switch s[i] {
		case 'i':
			v = 1
		case 'v':
			v = 5
		case 'x':
			v = 10
		case 'l':
			v = 50
		case 'c':
			v = 100
		default:
			return 0
		}
		if v < prev {
			n -= v
		} else {
			n += v
			prev = v
		}
	}
	return n
}

// numeric reads 1944-11-19, 1944-11, 19.11.1944, 19/11/1944, 11/19/1944.
func (p *parser) numeric(i int, a *atom) (int, bool) {
	t := p.tk(i)
	s1, n2, s2, n3 := p.tk(i+1), p.tk(i+2), p.tk(i+3), p.tk(i+4)
	tight := func(toks ...*tok) bool {
		for _, x := range toks {
			if x.sp || x.k == 0 {
				return false
			}
		}
		return true
	}
	after := p.tk(i + 5)
	endOK := func(x *tok) bool {
		return x.k == 0 || x.sp || x.k == kPunct && x.w != "-" && x.w != "/" && !(x.w == "." && p.tk(i+6).k == kNum && !p.tk(i+6).sp)
	}
	if t.nd == 4 && s1.w == "-" && n2.k == kNum && n2.nd == 2 && tight(s1, n2) && !n2.glued {
		if s2.w == "-" && n3.k == kNum && n3.nd == 2 && tight(s2, n3) && !n3.glued && endOK(after) {
			if validDay(t.n, n2.n, n3.n) {
				a.y, a.m, a.d, a.hasY, a.hasM, a.hasD = t.n, n2.n, n3.n, true, true, true
				return i + 5, true
			}
			return i, false
		}
		if n2.n >= 1 && n2.n <= 12 && n2.n <= t.n%100 && endOK(s2) && !(s2.w == "-" || s2.w == "/") && p.yearTok(i) {
			a.y, a.m, a.hasY, a.hasM = t.n, n2.n, true, true
			return i + 3, true
		}
		return i, false
	}
	if t.nd <= 2 && (s1.w == "." || s1.w == "/") && s2.w == s1.w && n2.k == kNum && n2.nd <= 2 && n3.k == kNum && n3.nd == 4 && tight(s1, n2, s2, n3) && !n3.glued && endOK(after) {
		d, m := t.n, n2.n
		if s1.w == "/" && p.lang == "en" && m <= 31 && d <= 12 && validDay(n3.n, d, m) {
			d, m = m, d // 11/19/1944
		}
		if validDay(n3.n, m, d) {
			a.y, a.m, a.d, a.hasY, a.hasM, a.hasD = n3.n, m, d, true, true, true
			return i + 5, true
		}
	}
	return i, false
}

// seasonContext reports whether a season word at i reads as a season: with
// a year after it, or after an article, a preposition or "this", "last"
// ("a été" is a verb, "summer camp" no date).
func (p *parser) seasonContext(i int) bool {
	if l := p.lx(i - 1); l != nil && p.tk(i-1).k == kWord && (l.article || l.prep&^prepTo != 0 || l.of || l.dir != 0 || l.qual > 0) {
		if p.isW(i, "fall") && !(l.article || l.dir != 0 || l.qual > 0 || p.isW(i-1, "in", "of")) {
			return false // to fall, will fall
		}
		return true
	}
	if p.isW(i, "été", "ete") {
		return false
	}
	j := i + 1
	if p.lx(j) != nil && p.lx(j).of {
		j++
	}
	return p.tk(j).k == kNum && p.tk(j).nd == 4
}
