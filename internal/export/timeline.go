package export

import (
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/quellen/quellen"
)

// TimelineDoc is a document's dated findings for the timeline: each date
// with the sentence it stands in.
type TimelineDoc struct {
	Name     string
	Title    string
	Findings []quellen.Finding // date findings
	Context  func(f quellen.Finding) string
}

// TimelineDate is a TimelineJS date: year, and month and day when known.
type TimelineDate = tlDate

// TimelineEvent is one TimelineJS event with its source.
type TimelineEvent = tlEvent

type tlDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tlEvent struct {
	Start  tlDate  `json:"start_date"`
	End    *tlDate `json:"end_date,omitempty"`
	Text   tlText  `json:"text"`
	Group  string  `json:"group,omitempty"`
	Source struct {
		Doc  string `json:"doc"`
		Line int    `json:"line"`
	} `json:"source"`
}

// Timeline writes the dated events of documents as TimelineJS JSON
// ({"events": [...]}), sorted by date; each event names its source
// document and line.
func Timeline(w io.Writer, docs []TimelineDoc) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"events": TimelineEvents(docs)})
}

// TimelineEvents returns the dated events of documents, sorted by date.
func TimelineEvents(docs []TimelineDoc) []TimelineEvent {
	evs := []tlEvent{}
	for _, d := range docs {
		for _, f := range d.Findings {
			if f.Kind != quellen.KindDate {
				continue
			}
			from, ok := parseISO(f.Attrs.String("from"))
			if !ok {
				continue
			}
			e := tlEvent{Start: from, Group: d.Name}
			if to, ok := parseISO(f.Attrs.String("to")); ok && to != from {
				e.End = &to
			}
			e.Text.Headline = f.Text
			if d.Context != nil {
				e.Text.Text = d.Context(f)
			}
			e.Source.Doc, e.Source.Line = d.Name, f.Line
			evs = append(evs, e)
		}
	}
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Start, evs[j].Start
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Day < b.Day
	})
	return evs
}

// parseISO reads YYYY, YYYY-MM or YYYY-MM-DD (a leading "-" for BCE).
func parseISO(s string) (tlDate, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	parts := strings.Split(s, "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) < 3 {
		return tlDate{}, false
	}
	var d tlDate
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return tlDate{}, false
		}
		switch i {
		case 0:
			d.Year = n
		case 1:
			d.Month = n
		case 2:
			d.Day = n
		}
	}
	if neg {
		d.Year = -d.Year
	}
	return d, true
}

// SentenceOf returns the sentence of s that holds the start of span sp,
// as context for a timeline event.
func SentenceOf(s string, sp quellen.Span) string {
	a, b := sp.Start, sp.End
	for a > 0 && sp.Start-a < 300 && !(s[a-1] == '\n' || (a >= 2 && s[a-1] == ' ' && (s[a-2] == '.' || s[a-2] == '!' || s[a-2] == '?'))) {
		a--
	}
	for b < len(s) && b-sp.End < 300 && s[b] != '\n' && !((s[b] == '.' || s[b] == '!' || s[b] == '?') && (b+1 == len(s) || s[b+1] == ' ')) {
		b++
	}
	if b < len(s) && s[b] != '\n' {
		b++
	}
	for a < len(s) && s[a]&0xC0 == 0x80 {
		a++
	}
	for b < len(s) && s[b]&0xC0 == 0x80 {
		b++
	}
	return s[a:b]
}
