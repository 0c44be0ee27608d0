package meta

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small date parser for the metadata of a document: the day-month-year
// forms of English, French, German and Russian, month-year, seasons of a
// year, bare years and ranges of them. The full one is internal/dates;
// this one only needs to read header lines.

// months maps month names and abbreviations to their number.
var months = map[string]int{}

func init() {
	lists := [][]string{
		// English
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"", "febr", "", "", "", "", "", "", "sept", "", "", ""},
		// French
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"janv", "févr", "", "avr", "", "", "juil", "aout", "", "", "", "déc"},
		{"", "fevrier", "", "", "", "", "", "", "", "", "", "decembre"},
		{"", "fevr", "", "", "", "", "", "", "", "", "", "dec"},
		// German
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"jänner", "", "marz", "", "", "", "", "", "", "okt", "", "dez"},
		// Russian: genitive, nominative, abbreviations
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		{"янв", "фев", "мар", "апр", "", "", "", "авг", "сент", "окт", "нояб", "дек"},
		{"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"},
	}
	for _, l := range lists {
		for i, m := range l {
			if m != "" {
				months[m] = i + 1
			}
		}
	}
	// Any word stands where a month may: build checks it is one. (An
	// alternation of every month name is ten times slower.)
	mo := `(\p{L}+)\.?`
	b, e := "", "" // boundaries are checked by findDates
	day := `(\d{1,2})(?:er|st|nd|rd|th|e|-?го)?\.?`
	year := `(\d{4})(?:\s*(?:г\.|года|год))?`
	dateRes = []*regexp.Regexp{
		regexp.MustCompile(b + `(\d{4})-(\d{1,2})-(\d{1,2})` + e),            // ISO
		regexp.MustCompile(b + day + `\s+` + mo + `,?\s+` + year + e),        // 11 May 1923
		regexp.MustCompile(b + mo + `\s+` + day + `,?\s+` + year + e),        // May 11, 1923
		regexp.MustCompile(b + `(\d{1,2})\.(\d{1,2})\.(\d{4})` + e),          // 11.05.1923
		regexp.MustCompile(b + mo + `\s*[/–-]\s*` + mo + `,?\s+` + year + e), // May/June 2005
		regexp.MustCompile(b + `(spring|summer|autumn|fall|winter)\s+(?:of\s+)?` + year + e),
		regexp.MustCompile(b + mo + `,?\s+` + year + e),   // May 1923
		regexp.MustCompile(b + `(1[5-9]\d\d|20\d\d)` + e), // 1923
	}
}

var dateRes []*regexp.Regexp

// date is a date or a span found in a string.
type date struct {
	from, to   string
	start, end int
	kind       int // index of the pattern: lower is more precise
}

func (d date) iso() string {
	if d.to == "" || d.to == d.from {
		return d.from
	}
	return d.from + "/" + d.to
}

// findDates returns the dates in s, in order, a range as one.
func findDates(s string) []date {
	if !hasYear(s) {
		return nil // every form has a year of four digits
	}
	s = lowerSameLen(s)
	var found []date
	taken := make([]bool, len(s)+1)
	for k, re := range dateRes {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			// The match may include the boundary characters.
			start, end := m[2], m[len(m)-1]
			for i := 2; i < len(m); i += 2 {
				if m[i] >= 0 && m[i] < start {
					start = m[i]
				}
				if m[i+1] > end {
					end = m[i+1]
				}
			}
			if overlapsTaken(taken, start, end) || !boundary(s, start, end) {
				continue
			}
			g := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return s[m[2*i]:m[2*i+1]]
			}
			d, ok := build(k, g)
			if !ok {
				continue
			}
			d.start, d.end, d.kind = start, end, k
			for i := start; i < end; i++ {
				taken[i] = true
			}
			found = append(found, d)
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	return mergeRanges(s, found)
}

func overlapsTaken(taken []bool, start, end int) bool {
	for i := start; i < end; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

func build(k int, g func(int) string) (date, bool) {
	switch k {
	case 0:
		return ymd(g(1), g(2), g(3))
	case 1:
		return ymd(g(3), month(g(2)), g(1))
	case 2:
		return ymd(g(3), month(g(1)), g(2))
	case 3:
		return ymd(g(3), g(2), g(1))
	case 4:
		a, ok1 := ymd(g(3), month(g(1)), "")
		b, ok2 := ymd(g(3), month(g(2)), "")
		return date{from: a.from, to: b.from}, ok1 && ok2 && a.from <= b.from
	case 5:
		y := g(2)
		switch strings.ToLower(g(1)) {
		case "spring":
			return date{from: y + "-03", to: y + "-05"}, true
		case "summer":
			return date{from: y + "-06", to: y + "-08"}, true
		case "autumn", "fall":
			return date{from: y + "-09", to: y + "-11"}, true
		}
		return date{from: y + "-12", to: next(y) + "-02"}, true
	case 6:
		return ymd(g(2), month(g(1)), "")
	case 7:
		return date{from: g(1), to: g(1)}, true
	}
	return date{}, false
}

func next(y string) string {
	n, _ := strconv.Atoi(y)
	return strconv.Itoa(n + 1)
}

func month(name string) string {
	m := months[strings.ToLower(strings.TrimSuffix(name, "."))]
	if m == 0 {
		return ""
	}
	return strconv.Itoa(m)
}

// ymd makes an ISO date from its parts; day may be "".
func ymd(y, m, d string) (date, bool) {
	yi, err := strconv.Atoi(y)
	if err != nil || yi < 1000 || yi > 2100 {
		return date{}, false
	}
	mi, err := strconv.Atoi(m)
	if err != nil || mi < 1 || mi > 12 {
		return date{}, false
	}
	iso := fmt.Sprintf("%04d-%02d", yi, mi)
	if d != "" {
		di, err := strconv.Atoi(d)
		if err != nil || di < 1 || di > daysIn(yi, mi) {
			return date{}, false
		}
		iso += fmt.Sprintf("-%02d", di)
	}
	return date{from: iso, to: iso}, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

var rangeSep = regexp.MustCompile(`(?i)^\s*(?:-|–|—|/|to|until|till|au|à|bis|по|до)\s*$`)

// mergeRanges joins two dates separated by a dash or "to" into one span.
func mergeRanges(s string, ds []date) []date {
	var out []date
	for i := 0; i < len(ds); i++ {
		d := ds[i]
		if i+1 < len(ds) && rangeSep.MatchString(s[d.end:ds[i+1].start]) && d.from <= ds[i+1].from {
			n := ds[i+1]
			d.to, d.end = n.to, n.end
			if n.kind < d.kind {
				d.kind = n.kind
			}
			i++
		}
		out = append(out, d)
	}
	return out
}

// wholeDate returns the date s is, when s is a date and little else: a
// weekday, a place before it, a time after it ("Velgrad, 11 May 1923, 10.15
// a.m."), brackets.
func wholeDate(s string) (date, bool) {
	ds := findDates(s)
	if len(ds) != 1 {
		return date{}, false
	}
	d := ds[0]
	rest := s[:d.start] + " " + s[d.end:]
	letters := 0
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !isLetter(r) }) {
		if weekdays[strings.ToLower(w)] || dateFiller[strings.ToLower(w)] {
			continue
		}
		letters += len([]rune(w))
	}
	return d, letters <= 12
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
	"понедельник": true, "вторник": true, "среда": true, "четверг": true, "пятница": true, "суббота": true, "воскресенье": true,
}

var dateFiller = map[string]bool{
	"le": true, "the": true, "of": true, "am": true, "den": true, "a": true, "m": true, "p": true, "pm": true,
	"dated": true, "date": true, "late": true, "early": true, "mid": true, "circa": true, "c": true, "ca": true,
	"fin": true, "début": true, "mi": true, "h": true, "г": true, "года": true, "on": true,
}

// boundary reports whether s[start:end] is not part of a longer word or
// number.
func boundary(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if isLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if isLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// hasYear reports a run of four digits.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// lowerSameLen lower-cases s, leaving the letters whose lower case is
// longer or shorter in UTF-8 as they are, so that offsets stay.
func lowerSameLen(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
			i++
			continue
		}
		if l := unicode.ToLower(r); utf8.RuneLen(l) == size {
			r = l
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}
