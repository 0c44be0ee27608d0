package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Point is known.
type Precision int

// The precisions of a Point.
const (
	None  Precision = iota // no date
	Year                   // YYYY
	Month                  // YYYY-MM
	Day                    // YYYY-MM-DD
)

// Point is a calendar date known to a precision. Years are astronomical
// (1 BCE is 0, 44 BCE is -43).
type Point struct {
	Y, M, D int
	P       Precision
}

// IsZero reports whether p holds no date.
func (p Point) IsZero() bool { return p.P == None }

// String formats p as ISO 8601 at its precision: YYYY, YYYY-MM or
// YYYY-MM-DD (a year below 0 or above 9999 gets a sign).
func (p Point) String() string {
	if p.P == None {
		return ""
	}
	if p.Y < -9999 || p.M < 0 || p.D < 0 {
		return p.slowString() // what fmt makes of the rare and the odd
	}
	var buf [24]byte
	b := buf[:0]
	switch {
	case p.Y < 0:
		b = appendPad(append(b, '-'), -p.Y, 4)
	case p.Y > 9999:
		b = strconv.AppendInt(append(b, '+'), int64(p.Y), 10)
	default:
		b = appendPad(b, p.Y, 4)
	}
	switch p.P {
	case Year:
		return string(b)
	case Month:
		return string(appendPad(append(b, '-'), p.M, 2))
	}
	return string(appendPad(append(appendPad(append(b, '-'), p.M, 2), '-'), p.D, 2))
}

// appendPad appends v (not negative) in decimal, zero-padded to w digits,
// as fmt's %0wd.
func appendPad(b []byte, v, w int) []byte {
	var tmp [20]byte
	d := strconv.AppendInt(tmp[:0], int64(v), 10)
	for k := len(d); k < w; k++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

// slowString is String through fmt.
func (p Point) slowString() string {
	var y string
	switch {
	case p.Y < 0:
		y = fmt.Sprintf("-%04d", -p.Y)
	case p.Y > 9999:
		y = "+" + strconv.Itoa(p.Y)
	default:
		y = fmt.Sprintf("%04d", p.Y)
	}
	switch p.P {
	case Year:
		return y
	case Month:
		return fmt.Sprintf("%s-%02d", y, p.M)
	}
	return fmt.Sprintf("%s-%02d-%02d", y, p.M, p.D)
}

// ParsePoint reads an ISO partial date (YYYY, YYYY-MM, YYYY-MM-DD, with an
// optional leading '-' for BCE years in astronomical numbering). A span
// START/END gives START.
func ParsePoint(s string) (Point, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '/'); i > 0 {
		s = s[:i]
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || parts[0] == "" {
		return Point{}, false
	}
	var v [3]int
	for i, x := range parts {
		n, err := strconv.Atoi(x)
		if err != nil || n < 0 {
			return Point{}, false
		}
		v[i] = n
	}
	p := Point{Y: v[0], M: v[1], D: v[2], P: Precision(len(parts))}
	if neg {
		p.Y = -p.Y
	}
	if p.P >= Month && (p.M < 1 || p.M > 12) || p.P == Day && (p.D < 1 || p.D > daysIn(p.Y, p.M)) {
		return Point{}, false
	}
	return p, true
}

// time returns the first day p covers.
func (p Point) time() time.Time {
	m, d := p.M, p.D
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(p.Y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}

func fromTime(t time.Time, prec Precision) Point {
	return Point{Y: t.Year(), M: int(t.Month()), D: t.Day(), P: prec}.trim()
}

// trim zeroes the fields beyond p's precision.
func (p Point) trim() Point {
	switch p.P {
	case Year:
		p.M, p.D = 0, 0
	case Month:
		p.D = 0
	}
	return p
}

// addDays moves a day-precision point by n days.
func (p Point) addDays(n int) Point { return fromTime(p.time().AddDate(0, 0, n), Day) }

// addMonths moves a point by n months, keeping its precision (a day is
// clamped to the end of a shorter month).
func (p Point) addMonths(n int) Point {
	mi := p.Y*12 + (max(p.M, 1) - 1) + n
	q := Point{Y: floorDiv(mi, 12), M: mi - floorDiv(mi, 12)*12 + 1, D: p.D, P: p.P}
	if q.P == Day {
		q.D = min(q.D, daysIn(q.Y, q.M))
	}
	return q.trim()
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		return 31
	}
	return time.Date(y, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

func validDay(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// weekday returns the day of the week of a day-precision point.
func (p Point) weekday() int { return int(p.time().Weekday()) }

// Before reports whether p starts before q.
func (p Point) Before(q Point) bool {
	a, b := p.time(), q.time()
	return a.Before(b)
}

// julianOffset is the number of days the Gregorian calendar runs ahead of
// the Julian on a Julian date in year y (after the Julian leap day).
func julianOffset(y, m int) int {
	if m <= 2 {
		y-- // the Julian leap day of a century year falls at the end of February
	}
	c := floorDiv(y, 100)
	return c - floorDiv(c, 4) - 2
}

// Julian converts a Julian (Old Style) day to the Gregorian calendar.
func julianToGregorian(p Point) Point {
	if p.P != Day {
		return p
	}
	return p.addDays(julianOffset(p.Y, p.M))
}
