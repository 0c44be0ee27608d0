package dates

// anchors are what relative expressions are resolved against: the
// document's date and the last dates of the narrative.
type anchors struct {
	doc      Point // the document's date (speech time)
	from, to Point // the last date of the narrative
	para     Point // the last date in the current paragraph
	paraTo   Point
	paraDoc  bool // the paragraph's last date was read from the document's date
}

// base is the anchor for a relative expression: deictic ones (yesterday,
// last year, Friday next) read the document's date, anaphoric ones (the
// next day, two days later) the narrative's last date.
func (an *anchors) base(deictic, forward bool) Point {
	if deictic && !an.doc.IsZero() {
		return an.doc
	}
	if !an.para.IsZero() {
		if forward {
			return an.paraTo
		}
		return an.para
	}
	if !an.from.IsZero() {
		if forward {
			return an.to
		}
		return an.from
	}
	return an.doc
}

// yearBase gives the year of a date written without one: the paragraph's
// last date (unless it is a bare year in a dated newspaper or letter),
// else the document's date when it is a day, else the narrative's. It
// reports whether the document's date was taken.
func (an *anchors) yearBase() (Point, bool) {
	switch {
	case !an.para.IsZero() && (an.doc.P != Day || an.paraTo.P >= Month):
		if an.paraDoc {
			return an.doc, true
		}
		return an.paraTo, false
	case an.doc.P == Day:
		return an.doc, true
	case !an.to.IsZero():
		return an.to, false
	}
	return an.doc, false
}

var seasonMonths = [5][2]int{{}, {3, 5}, {6, 8}, {9, 11}, {12, 14}}

// span gives the months of a season in year y (winter runs into y+1),
// narrowed by a qualifier.
func seasonSpan(season, y, qual int) (Point, Point) {
	m1, m2 := seasonMonths[season][0], seasonMonths[season][1]
	switch qual {
	case qualEarly:
		m2 = m1
	case qualMid:
		m1 = m1 + 1
		m2 = m1
	case qualLate:
		m1 = m2
	case qualEnd:
		m1 = m2
		if season == 4 {
			m2 = m1 + 1 // the end of winter runs into March
		}
	}
	a := Point{Y: y, M: 1, P: Month}.addMonths(m1 - 1)
	b := Point{Y: y, M: 1, P: Month}.addMonths(m2 - 1)
	return a, b
}

// resolve turns an atom into a span of dates. future says whether the
// sentence looks forward (a bare weekday is then the next one).
func (an *anchors) resolve(a atom, future bool) (from, to Point, approx, relative bool, anchor Point, ok bool) {
	approx = a.approx
	// deictic and anaphoric days
	if a.rel != 0 {
		off := map[int]int{relYesterday: -1, relToday: 0, relTomorrow: 1, relNextDay: 1, relPrevDay: -1, relDayBefore: -2, relDayAfter: 2}[a.rel]
		b := an.base(a.deictic, off > 0)
		if b.IsZero() {
			return from, to, approx, true, b, false
		}
		if b.P != Day {
			return b, b, true, true, b, true
		}
		r := b.addDays(off)
		return r, r, approx, true, b, true
	}
	if a.weekday > 0 {
		b := an.base(true, true)
		if a.relDir != 0 && a.lastNext == 0 {
			a.lastNext = a.relDir
		}
		if b.IsZero() || b.P != Day {
			return from, to, approx, true, b, false
		}
		want := a.weekday % 7 // Sunday = 0
		cur := b.weekday()
		var r Point
		switch {
		case a.lastNext > 0 && a.lastNext != 2, a.lastNext == 0 && future:
			d := (want - cur + 7) % 7
			if d == 0 {
				d = 7
			}
			r = b.addDays(d)
		case a.lastNext == 2:
			r = b.addDays(want - cur)
		case a.lastNext < 0:
			d := (cur - want + 7) % 7
			if d == 0 {
				d = 7
			}
			r = b.addDays(-d)
		default:
			r = b.addDays(-((cur - want + 7) % 7))
		}
		return r, r, approx, true, b, true
	}
	if a.relUnit != 0 && !a.hasD {
		b := an.base(a.deictic, a.relN > 0 || a.relDir > 0)
		if b.IsZero() {
			return from, to, approx, true, b, false
		}
		n := a.relN
		if a.relDir != 0 {
			n = a.relDir
			if n == 2 {
				n = 0
			}
		}
		switch a.relUnit {
		case unitDay:
			if b.P != Day {
				return b, b, true, true, b, true
			}
			r := b.addDays(n)
			return r, r, approx, true, b, true
		case unitWeek:
			if b.P != Day {
				return b, b, true, true, b, true
			}
			if a.relDir != 0 {
				// this week, last week: Monday to Sunday
				mon := b.addDays(-((b.weekday() + 6) % 7) + 7*n)
				return mon, mon.addDays(6), approx, true, b, true
			}
			r := b.addDays(7 * n)
			return r, r, approx, true, b, true
		case unitMonth:
			if b.P == Year {
				return b, b, true, true, b, true
			}
			r := Point{Y: b.Y, M: b.M, P: Month}
			r = r.addMonths(n)
			return r, r, approx, true, b, true
		case unitYear:
			r := Point{Y: b.Y + n, P: Year}
			return r, r, approx, true, b, true
		}
	}
	// relative months and seasons: last July, this spring, l'été suivant
	if (a.season > 0 || a.hasM && !a.hasD) && !a.hasY && (a.relDir != 0 || a.lastNext != 0) {
		dir := a.relDir
		if dir == 0 {
			dir = a.lastNext
		}
		b := an.base(a.deictic, dir > 0)
		if b.IsZero() {
			return from, to, approx, true, b, false
		}
		bm := b.M
		if b.P == Year {
			bm = 6
		}
		first := a.m
		if a.season > 0 {
			first = seasonMonths[a.season][0]
		}
		y := b.Y
		switch dir {
		case 1:
			if first <= bm {
				y++
			}
		case -1:
			last := first
			if a.season > 0 {
				last = seasonMonths[a.season][1]
			}
			if last >= bm {
				y--
			}
		}
		if a.season > 0 {
			f, t := seasonSpan(a.season, y, a.qual)
			return f, t, true, true, b, true
		}
		r := Point{Y: y, M: a.m, P: Month}
		return r, r, approx || a.qual > 0, true, b, true
	}
	if a.hasD && a.lastNext != 0 && !a.hasY {
		// October 19 last, the 5th prox.
		b := an.base(true, a.lastNext > 0)
		if b.IsZero() {
			return from, to, approx, true, b, false
		}
		y := b.Y
		c := Point{Y: y, M: a.m, D: a.d, P: Day}
		if a.lastNext < 0 && !c.Before(b) {
			y--
		} else if a.lastNext > 0 && !b.Before(c) {
			y++
		}
		if !validDay(y, a.m, a.d) {
			return from, to, approx, true, b, false
		}
		r := Point{Y: y, M: a.m, D: a.d, P: Day}
		return r, r, approx, true, b, true
	}
	if a.hasD && !a.hasM && a.relUnit == unitMonth {
		// the 19th inst.
		b := an.base(true, false)
		if b.IsZero() || b.P == Year {
			return from, to, approx, true, b, false
		}
		n := a.relDir
		if n == 2 {
			n = 0
		}
		m := Point{Y: b.Y, M: b.M, P: Month}.addMonths(n)
		if !validDay(m.Y, m.M, a.d) {
			return from, to, approx, true, b, false
		}
		r := Point{Y: m.Y, M: m.M, D: a.d, P: Day}
		return r, r, approx, true, b, true
	}
	if a.decadeRel {
		b, _ := an.yearBase()
		c := 1900
		if !b.IsZero() {
			c = floorDiv(b.Y, 100) * 100
		}
		return Point{Y: c + a.y, P: Year}, Point{Y: c + a.y + 9, P: Year}, approx, false, Point{}, true
	}
	// the year: written, "of this year", "of the same year", or from the anchors
	y := a.y
	if !a.hasY {
		var b Point
		switch {
		case a.yearDir != 0:
			b = an.base(true, false)
			relative = true
		case a.sameYear:
			b = an.base(false, false)
			relative = true
		default:
			var fromDoc bool
			b, fromDoc = an.yearBase()
			relative = true
			if fromDoc && (a.hasM || a.season > 0) && !b.IsZero() && b.P >= Month {
				// a month of the document's year: the last one before it,
				// or the next one when the sentence looks forward
				m := a.m
				if a.season > 0 {
					m = seasonMonths[a.season][0]
				}
				switch {
				case !future && m > b.M:
					b = Point{Y: b.Y - 1, P: Year}
				case future && m < b.M:
					b = Point{Y: b.Y + 1, P: Year}
				}
			}
		}
		if b.IsZero() {
			return from, to, approx, true, b, false
		}
		anchor = b
		y = b.Y
		switch a.yearDir {
		case 1, -1:
			y += a.yearDir
		}
		if !a.hasM && a.season == 0 && !a.hasD && a.qual == 0 {
			r := Point{Y: y, P: Year}
			return r, r, approx, true, b, true
		}
	}
	switch {
	case a.hasD:
		if !validDay(y, a.m, a.d) {
			return from, to, approx, relative, anchor, false
		}
		r := Point{Y: y, M: a.m, D: a.d, P: Day}
		return r, r, approx, relative, anchor, true
	case a.hasM:
		r := Point{Y: y, M: a.m, P: Month}
		return r, r, approx || a.qual > 0, relative, anchor, true
	case a.season > 0:
		if a.y2 != 0 {
			y = a.y2 - 1
		}
		f, t := seasonSpan(a.season, y, a.qual)
		return f, t, true, relative, anchor, true
	case a.century:
		lo, hi := 0, 99
		switch a.qual {
		case qualEarly:
			hi = 32
		case qualMid:
			lo, hi = 33, 66
		case qualLate, qualEnd:
			lo = 67
		}
		return Point{Y: y + lo, P: Year}, Point{Y: y + hi, P: Year}, approx, relative, anchor, true
	case a.decade:
		lo, hi := 0, 9
		switch a.qual {
		case qualEarly:
			hi = 3
		case qualMid:
			lo, hi = 4, 6
		case qualLate, qualEnd:
			lo = 7
		}
		return Point{Y: y + lo, P: Year}, Point{Y: y + hi, P: Year}, approx, relative, anchor, true
	}
	switch a.qual {
	case qualEarly:
		return Point{Y: y, M: 1, P: Month}, Point{Y: y, M: 3, P: Month}, true, relative, anchor, true
	case qualMid:
		return Point{Y: y, M: 5, P: Month}, Point{Y: y, M: 8, P: Month}, true, relative, anchor, true
	case qualLate:
		return Point{Y: y, M: 10, P: Month}, Point{Y: y, M: 12, P: Month}, true, relative, anchor, true
	case qualEnd:
		return Point{Y: y, M: 11, P: Month}, Point{Y: y, M: 12, P: Month}, true, relative, anchor, true
	}
	r := Point{Y: y, P: Year}
	return r, r, approx, relative, anchor, true
}
