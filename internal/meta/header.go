package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// line is one non-blank line of the text.
type line struct {
	text      string // trimmed
	span      quellen.Span
	paraStart bool // a blank line (or the start of the text) comes before it
}

// maxHeaderLines bounds the header: the metadata of a document stands in
// its first lines.
const maxHeaderLines = 40

// maxLine is the most of a line that is read.
const maxLine = 2000

// textLines returns the non-blank lines of the text's first limit bytes, leaving
// out running heads and notes (which the repair stage moved to the end).
func textLines(d *extract.Doc, limit int) []line {
	skip := func(off int) bool {
		i := d.ParaAt(off)
		return i >= 0 && (d.Paras[i].Kind == "running_head" || d.Paras[i].Kind == "note")
	}
	var out []line
	blank := true
	off := 0
	for raw := range strings.SplitSeq(d.Text, "\n") {
		start := off
		off += len(raw) + 1
		t := markup(strings.TrimSpace(raw))
		if t == "" {
			blank = true
			continue
		}
		if skip(start) {
			blank = true
			continue
		}
		lead := strings.Index(raw, t)
		span := quellen.Span{Start: start + lead, End: start + lead + len(t)}
		if len(t) > maxLine {
			// Body text for sure: keep enough of it to say so.
			cut := maxLine
			for cut > 0 && !utf8.RuneStart(t[cut]) {
				cut--
			}
			t = t[:cut]
		}
		out = append(out, line{text: t, span: span, paraStart: blank})
		blank = false
		if off > limit {
			break
		}
	}
	return out
}

// header is what the first lines of a document say.
type header struct {
	labels       map[string][]string // field → values, in order
	title        *line
	titleSpan    quellen.Span
	chapterTitle string
	chapterSpan  quellen.Span
	byline       string
	bylineDate   string
	nameLine     string
	nameYear     string
	dateLine     string
	serial       string // a journal or issue line, with the masthead before it
	serialDate   string
	imprint      string
	imprintYear  string
	book         string // the title line before an imprint
	url          string
	sourceSpan   quellen.Span
	firstSpan    quellen.Span // the first line's
	texts        []string
}

func (h *header) field(f string) string {
	if v := h.labels[f]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (h *header) allText() string { return strings.Join(h.texts, "\n") }

var (
	chapterRe  = regexp.MustCompile(`(?i)^(?:chapter|chapitre|kapitel|capitolo|capítulo|глава|part|partie|teil|часть|book|livre)\s+(?:[0-9]+|[IVXLC]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|premier|première|[\p{L}]+ième)\b[.:—–-]?\s*(.*)$`)
	bylineRe   = regexp.MustCompile(`(?i)^(?:by|par|von|автор)\s+(\p{Lu}.*)$`)
	serialRe   = regexp.MustCompile(`(?i)(?:^|[\s,(])(?:vol\.?|volume|no\.|nos\.|nr\.|issue|tome|t\.|bd\.|jg\.|heft|№|n°|том|вып\.)\s*[\dIVXLC]`)
	pagesRe    = regexp.MustCompile(`(?i)\bpp?\.\s*\d`)
	imprintRe  = regexp.MustCompile(`^\p{Lu}[\p{L}.'’ -]{1,30}?\s*[,:]\s*\S.*,\s*(1[5-9]\d\d|20\d\d)\.?$`)
	nameYearRe = regexp.MustCompile(`^(.*\S)\s*[,(]?\s*(1[5-9]\d\d|20\d\d)\)?$`)
)

// readHeader reads the first lines, up to the first line of body text.
func readHeader(lines []line) *header {
	h := &header{labels: map[string][]string{}}
	if len(lines) > 0 {
		h.firstSpan = lines[0].span
	}
	var kept []line // the header's unlabelled lines
	stopAfter := false
	for i := 0; i < len(lines) && i < maxHeaderLines && !stopAfter; i++ {
		l := lines[i]
		if f, v, ok := label(l.text); ok {
			span := l.span
			if v == "" && i+1 < len(lines) {
				// The value is the next paragraph.
				j := i + 1
				var parts []string
				span = lines[j].span
				span.End = span.Start
				for ; j < len(lines); j++ {
					if j > i+1 && lines[j].paraStart {
						break
					}
					if _, _, isLabel := label(lines[j].text); isLabel {
						break
					}
					parts = append(parts, lines[j].text)
					span.End = lines[j].span.End
				}
				v = strings.Join(parts, " ")
				i = j - 1
			}
			if v != "" {
				h.labels[f] = append(h.labels[f], v)
				h.texts = append(h.texts, l.text, v)
				if f == fSource && h.sourceSpan == (quellen.Span{}) {
					h.sourceSpan = span
				}
			}
			if f == fContents {
				stopAfter = true
			}
			continue
		}
		if m := bareLabelRe.FindStringSubmatch(l.text); m != nil {
			h.texts = append(h.texts, l.text)
			continue
		}
		if isBody(l.text) {
			break
		}
		h.texts = append(h.texts, l.text)
		kept = append(kept, l)
	}
	h.classify(kept)
	return h
}

// classify gives each unlabelled header line its role.
func (h *header) classify(ls []line) {
	type role int
	const (
		other role = iota
		titleLike
		used
	)
	roles := make([]role, len(ls))
	for i, l := range ls {
		if roles[i] == used {
			continue
		}
		t := l.text
		switch {
		case urlRe.MatchString(t) && len(firstURL(t)) > len(t)/2:
			if h.url == "" {
				h.url = firstURL(t)
			}
			roles[i] = used
		case chapterRe.MatchString(t):
			m := chapterRe.FindStringSubmatch(t)
			rest := strings.TrimSpace(m[1])
			if h.chapterTitle == "" {
				if rest != "" {
					h.chapterTitle = cleanTitle(rest)
					s := l.span.End - len(rest)
					h.chapterSpan = quellen.Span{Start: s, End: s + len(cleanTitle(rest))}
				} else if i+1 < len(ls) && titleish(ls[i+1].text) {
					h.chapterTitle = cleanTitle(ls[i+1].text)
					h.chapterSpan = ls[i+1].span
					roles[i+1] = used
				}
			}
			roles[i] = used
		case bylineRe.MatchString(t):
			rest := bylineRe.FindStringSubmatch(t)[1]
			if h.byline == "" {
				h.byline = leadingName(rest)
				if ds := findDates(rest); len(ds) > 0 {
					h.bylineDate = ds[0].iso()
				}
			}
			roles[i] = used
		case serialRe.MatchString(t) && (len(findDates(t)) > 0 || pagesRe.MatchString(t)) && len(t) < 200:
			if h.serial == "" {
				var mast bool
				h.serial, h.serialDate, mast = serialSource(t, ls, i)
				if mast && h.title != nil && h.title.span == ls[i-1].span {
					h.title = nil // that was the masthead
				}
			}
			roles[i] = used
		case len(t) <= 80 && imprintRe.MatchString(t) && !serialRe.MatchString(t):
			if h.imprint == "" {
				h.imprint = strings.TrimRight(t, ".")
				h.imprintYear = imprintRe.FindStringSubmatch(t)[1]
				if i > 0 && roles[i-1] != used && titleish(ls[i-1].text) {
					h.book = ls[i-1].text
				}
			}
			roles[i] = used
		default:
			if m := nameYearRe.FindStringSubmatch(t); m != nil && isPersonName(m[1]) {
				if h.nameLine == "" {
					h.nameLine, h.nameYear = m[1], m[2]
				}
				roles[i] = used
				continue
			}
			if d, ok := wholeDate(t); ok {
				if h.dateLine == "" {
					h.dateLine = d.iso()
				}
				roles[i] = used
				continue
			}
			if isPersonName(t) {
				if h.nameLine == "" {
					h.nameLine = t
				}
				roles[i] = used
				continue
			}
			if name, title, span, ok := byTitle(l); ok && h.title == nil && h.chapterTitle == "" {
				if h.byline == "" {
					h.byline = name
				}
				h.title = &line{text: title, span: span, paraStart: l.paraStart}
				roles[i] = used
				continue
			}
			if titleish(t) {
				roles[i] = titleLike
				if h.title == nil && h.chapterTitle == "" { // after a chapter heading comes its text
					h.title = &ls[i]
					// A title broken over two lines of one paragraph.
					if i+1 < len(ls) && !ls[i+1].paraStart && startsLower(ls[i+1].text) && titleish(ls[i+1].text) {
						joined := ls[i]
						joined.text += " " + ls[i+1].text
						joined.span.End = ls[i+1].span.End
						h.title = &joined
						roles[i+1] = used
					}
				}
			}
		}
	}
	// A book title line directly before the imprint is not the document's
	// title when a chapter title is there.
	if h.title != nil && h.book != "" && h.chapterTitle != "" && h.title.text == h.book {
		h.title = nil
	}
	// "Leon Davidson: The School of Lies", when no other line names the
	// author (a title's first words may read as a name).
	if h.title != nil && h.nameLine == "" && h.byline == "" {
		if name, title, span, ok := nameColonTitle(*h.title); ok {
			h.nameLine = name
			h.title = &line{text: title, span: span, paraStart: h.title.paraStart}
		}
	}
}

// serialSource makes the source of a journal or issue line: the line
// itself when it names its journal ("Review of X, vol. 41, no. 2
// (2017)"), else the masthead before it and the volume and number, the
// date left out ("The Herald, Vol. IX, No. 1412").
func serialSource(t string, ls []line, i int) (src, date string, masthead bool) {
	ds := findDates(t)
	if len(ds) > 0 {
		date = ds[0].iso()
	}
	loc := serialRe.FindStringIndex(t)
	lead := strings.TrimSpace(t[:loc[0]])
	if len(ds) > 0 && ds[0].start <= loc[0] {
		lead = strings.TrimSpace(t[:ds[0].start])
	}
	if strings.TrimFunc(lead, func(r rune) bool { return !unicode.IsLetter(r) }) != "" {
		return strings.TrimRight(t, " .·•|"), date, false
	}
	// The masthead is the line before.
	rest := t
	for k := len(ds) - 1; k >= 0; k-- {
		rest = rest[:ds[k].start] + rest[ds[k].end:]
	}
	var parts []string
	for _, w := range strings.Fields(rest) {
		if weekdays[strings.ToLower(strings.Trim(w, ",.;·•|"))] {
			continue
		}
		parts = append(parts, w)
	}
	rest = strings.Trim(strings.Join(parts, " "), " ,.;·•|–—-")
	if i > 0 && titleish(ls[i-1].text) {
		mast := ls[i-1].text
		for _, sep := range []string{"...", "…", " – ", " — ", " - ", " | ", ": "} {
			if k := strings.Index(mast, sep); k > 0 {
				mast = mast[:k]
			}
		}
		mast = strings.TrimSpace(mast)
		if mast != "" {
			return mast + ", " + rest, date, true
		}
	}
	return rest, date, false
}

// titleish reports a line that may be a title: short, not a sentence.
func titleish(t string) bool {
	n := utf8.RuneCountInString(t)
	if n < 3 || n > 200 || isBody(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		return false // a salutation or the start of a list
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") {
		// A sentence, unless it is short and in title case.
		return n <= 60 && strings.Count(t, " ") < 6 && titleCase(t)
	}
	return true
}

// titleCase reports whether the words of t other than its small words
// are capitalised.
func titleCase(t string) bool {
	for _, w := range strings.Fields(t) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isBody reports a line of running text: long, or a sentence in lower
// case.
func isBody(t string) bool {
	n := utf8.RuneCountInString(t)
	if n >= 250 {
		return true
	}
	if n < 70 {
		return false
	}
	words := strings.Fields(t)
	if len(words) < 8 {
		return false
	}
	content, capital := 0, 0
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		content++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		}
	}
	return content > 0 && capital*2 < content
}

// smallWords are the function words of titles, left out when counting
// capitals.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "in": true, "on": true,
	"at": true, "to": true, "for": true, "by": true, "with": true, "from": true, "as": true, "but": true,
	"le": true, "la": true, "les": true, "de": true, "des": true, "du": true, "et": true, "un": true,
	"une": true, "en": true, "au": true, "aux": true, "der": true, "die": true, "das": true, "und": true,
	"von": true, "im": true, "zu": true, "и": true, "в": true, "на": true, "с": true, "о": true,
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// markup strips the Markdown of a header line: "# Title", "*by X*",
// "**Source:** Y".
func markup(t string) string {
	t = strings.TrimSpace(strings.TrimLeft(t, "#>"))
	for _, m := range []string{"**", "__", "*", "_"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
			t = strings.TrimSpace(t[len(m) : len(t)-len(m)])
		}
	}
	return t
}

// nameColonTitle splits "Leon Davidson: The School of Lies".
func nameColonTitle(l line) (name, title string, span quellen.Span, ok bool) {
	t := l.text
	if i := strings.Index(t, ": "); i > 0 && isPersonName(t[:i]) {
		rest := strings.TrimSpace(t[i+2:])
		if titleish(rest) && l.span.Len() == len(t) {
			s := l.span.Start + strings.Index(t, rest)
			return t[:i], rest, quellen.Span{Start: s, End: s + len(rest)}, true
		}
	}
	return "", "", span, false
}

// byTitle splits "The School of Lies, by Leon Davidson".
func byTitle(l line) (name, title string, span quellen.Span, ok bool) {
	t := l.text
	if !titleish(t) {
		return "", "", span, false
	}
	for _, sep := range []string{", by ", " by ", ", par ", ", von "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			n := strings.TrimRight(t[i+len(sep):], " .")
			if isPersonName(n) && titleish(t[:i]) {
				return n, t[:i], quellen.Span{Start: l.span.Start, End: l.span.Start + i}, true
			}
		}
	}
	return "", "", span, false
}
