package xref

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/quellen/quellen"
)

// claim is a sentence with what cross-examination compares: the people,
// bodies and places it names, its dates and numbers, its event words and
// content words.
type claim struct {
	doc        int
	start, end int
	lang       string
	ents       map[string]bool
	ctx        map[string]bool // entities of the paragraph around it
	ctxDates   []dateVal       // dates of the paragraph around it
	dates      []dateVal
	nums       []numVal
	events     map[string]bool
	named      []namedDate // a named event with the date written next to it
	words      map[string]bool
}

// namedDate is a named kind of event and the date written beside its word
// ("the famine of 1932-33", "le pacte du 23 août 1939").
type namedDate struct {
	class string
	date  dateVal
}

type dateVal struct{ from, to, raw string }

type numVal struct {
	value float64
	unit  string
	raw   string
}

func (d dateVal) day() bool { return len(d.from) == 10 && d.from == d.to }

// yearSpan reports whether the date is a span of whole years ("1932-33").
func (d dateVal) yearSpan() bool { return len(d.from) == 4 && len(d.to) == 4 && d.from != d.to }

// claims cuts each document into sentences with their features.
func claims(docs []Doc) []claim {
	var out []claim
	for di, d := range docs {
		ents := d.Of(quellen.KindEntity)
		dates := d.Of(quellen.KindDate)
		nums := d.Of(quellen.KindNumber)
		paras := d.Paras
		if len(paras) == 0 {
			paras = []quellen.Span{{Start: 0, End: len(d.Clean)}}
		}
		for _, p := range paras {
			if p.End > len(d.Clean) || p.Start >= p.End {
				continue
			}
			pctx := map[string]bool{}
			for _, e := range within(ents, p.Start, p.End) {
				pctx[entityKey(e)] = true
			}
			var pdates []dateVal
			for _, f := range within(dates, p.Start, p.End) {
				pdates = append(pdates, dateVal{f.Attrs.String("from"), f.Attrs.String("to"), f.Text})
			}
			for _, s := range sentences(d.Clean[p.Start:p.End]) {
				if covered(d, p.Start+s.start, p.Start+s.end, quellen.KindReference) >= 0.5 {
					continue // a citation, not a statement about the event
				}
				c := claim{doc: di, start: p.Start + s.start, end: p.Start + s.end, ctx: pctx, ctxDates: pdates,
					ents: map[string]bool{}, events: map[string]bool{}, words: map[string]bool{}}
				if d.Lang != nil {
					c.lang = d.Lang(c.start)
				}
				for _, e := range within(ents, c.start, c.end) {
					c.ents[entityKey(e)] = true
				}
				for _, f := range within(dates, c.start, c.end) {
					c.dates = append(c.dates, dateVal{f.Attrs.String("from"), f.Attrs.String("to"), f.Text})
				}
				for _, f := range within(nums, c.start, c.end) {
					if v, ok := number(f.Attrs["value"]); ok {
						c.nums = append(c.nums, numVal{v, f.Attrs.String("unit"), f.Text})
					}
				}
				cdates := within(dates, c.start, c.end)
				for _, t := range tokenize(d.Clean[c.start:c.end]) {
					if stopwords[t.word] || len(t.word) < 3 {
						continue
					}
					if ev := eventClass(t.word); ev != "" {
						c.events[ev] = true
						if namedEvents[ev] {
							ws, we := c.start+t.start, c.start+t.end
							for _, f := range cdates {
								if (f.Clean.Start >= we && f.Clean.Start-we <= 40) || (f.Clean.End <= ws && ws-f.Clean.End <= 25) {
									c.named = append(c.named, namedDate{ev, dateVal{f.Attrs.String("from"), f.Attrs.String("to"), f.Text}})
								}
							}
						}
					}
					c.words[stem(t.word)] = true
					if tr, ok := bilingual[t.word]; ok {
						c.words[stem(tr)] = true
					}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

func entityKey(f quellen.Finding) string {
	name := f.Attrs.String("canonical")
	if name == "" {
		name = f.Text
	}
	return fold(name)
}

// stem cuts a folded word to a prefix that English and French cognates,
// and inflections, share ("concession", "concessions"; "présence",
// "presence").
func stem(w string) string {
	r := []rune(w)
	if len(r) > 6 {
		r = r[:6]
	}
	return string(r)
}

func within(fs []quellen.Finding, start, end int) []quellen.Finding {
	i, _ := slices.BinarySearchFunc(fs, start, func(f quellen.Finding, s int) int { return cmp.Compare(f.Clean.Start, s) })
	var out []quellen.Finding
	for ; i < len(fs) && fs[i].Clean.Start < end; i++ {
		if fs[i].Clean.End <= end {
			out = append(out, fs[i])
		}
	}
	return out
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// EventOptions tune event and conflict detection.
type EventOptions struct {
	MinScore float64 // the least similarity for two sentences to be about one event (default 3.5)
}

// pairScore says how strongly two claims speak of one event, and what
// they share.
type pairScore struct {
	a, b      int // claim indices
	score     float64
	sharedDay bool
	shared    []string // shared entities
	event     string   // the shared kind of event that names the pair
	named     bool     // a named event with overlapping dates beside it is shared
	namedA    dateVal  // its dates on each side
	namedB    dateVal
}

// Events finds passages of different documents about the same event, and
// among them those that disagree on a date or a number.
func Events(docs []Doc, opts EventOptions) []quellen.Link {
	if opts.MinScore == 0 {
		opts.MinScore = 3.5
	}
	cs := claims(docs)
	df := map[string]int{}
	for _, c := range cs {
		for e := range c.ents {
			df[e]++
		}
	}
	n := float64(len(cs) + 1)
	idf := func(e string) float64 { return math.Log(n / float64(df[e]+1)) }

	// Candidate pairs share an entity or a day.
	byKey := map[string][]int{}
	for i, c := range cs {
		for e := range c.ents {
			byKey["e:"+e] = append(byKey["e:"+e], i)
		}
		for ev := range c.events {
			if namedEvents[ev] {
				byKey["v:"+ev] = append(byKey["v:"+ev], i)
			}
		}
		days := map[string]bool{}
		for _, d := range append(c.dates, c.ctxDates...) {
			if d.day() && !days[d.from] {
				days[d.from] = true
				byKey["d:"+d.from] = append(byKey["d:"+d.from], i)
			}
		}
	}
	seen := map[[2]int]bool{}
	var pairs []pairScore
	for _, ids := range byKey {
		if len(ids) > 200 {
			continue // too common to tell events apart
		}
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				i, j := ids[x], ids[y]
				if cs[i].doc == cs[j].doc {
					continue
				}
				if cs[i].doc > cs[j].doc {
					i, j = j, i
				}
				k := [2]int{i, j}
				if seen[k] {
					continue
				}
				seen[k] = true
				if p := score(cs[i], cs[j], idf); p.score >= opts.MinScore && anchored(p) {
					p.a, p.b = i, j
					pairs = append(pairs, p)
				}
			}
		}
	}
	// Best first; ties (scores are sums over maps, so equal ones may
	// differ in their last bits) in claim order, so that the same corpus
	// always gives the same links.
	slices.SortFunc(pairs, func(x, y pairScore) int {
		return cmp.Or(cmp.Compare(math.Round(y.score*1e6), math.Round(x.score*1e6)), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})

	// Keep the best pair for each sentence and other document.
	used := map[[2]int]bool{}
	var out []quellen.Link
	for _, p := range pairs {
		a, b := cs[p.a], cs[p.b]
		if used[[2]int{p.a, b.doc}] || used[[2]int{p.b, a.doc}] {
			continue
		}
		used[[2]int{p.a, b.doc}], used[[2]int{p.b, a.doc}] = true, true
		pa, pb := docs[a.doc].Passage(a.start, a.end), docs[b.doc].Passage(b.start, b.end)
		name := eventName(a, b, p)
		conflict, what := disagree(a, b, p)
		l := quellen.Link{Kind: "same_event", A: pa, B: pb, Event: name, Score: round3(math.Min(1, p.score/10))}
		switch {
		case conflict:
			l.Kind, l.Relation = "conflict", "disagree"
			l.Attrs = quellen.Attrs{"differs": what}
		case onlyOneGivesFigures(a, b):
			l.Relation = "related"
		default:
			l.Relation = "agree"
		}
		out = append(out, l)
	}
	return out
}

// anchored reports whether a pair shares more than a name in passing: a
// day, a kind of event, or two names.
func anchored(p pairScore) bool {
	return p.sharedDay || p.event != "" || len(p.shared) >= 2
}

func score(a, b claim, idf func(string) float64) pairScore {
	var p pairScore
	for e := range a.ents {
		if b.ents[e] {
			p.score += math.Min(idf(e), 3)
			p.shared = append(p.shared, e)
		} else if b.ctx[e] {
			p.score += 0.3 * math.Min(idf(e), 3)
		}
	}
	for e := range b.ents {
		if !a.ents[e] && a.ctx[e] {
			p.score += 0.3 * math.Min(idf(e), 3)
		}
	}
	for _, x := range a.dates {
		for _, y := range b.dates {
			switch {
			case x.day() && y.day() && x.from == y.from:
				p.score += 3
				p.sharedDay = true
			case overlaps(x, y):
				p.score += 1
			case sameMonthOrYear(x, y):
				p.score += 0.5
			}
		}
	}
	if !p.sharedDay {
		// A day the paragraphs around them share, when the sentences do not.
	ctx:
		for _, x := range append(a.dates, a.ctxDates...) {
			for _, y := range append(b.dates, b.ctxDates...) {
				if x.day() && y.day() && x.from == y.from {
					p.score += 1.5
					break ctx
				}
			}
		}
	}
	for ev := range a.events {
		if b.events[ev] {
			p.score += 1.5
			if p.event == "" || (namedEvents[ev] && !namedEvents[p.event]) || (namedEvents[ev] == namedEvents[p.event] && ev < p.event) {
				p.event = ev
			}
		}
	}
	// "The famine of 1932-33" and "the famine of 1931-1934" are one famine.
	for _, x := range a.named {
		for _, y := range b.named {
			if x.class == y.class && overlaps(x.date, y.date) && !p.named {
				p.score += 2.5
				p.named = true
				p.event = x.class
				p.namedA, p.namedB = x.date, y.date
			}
		}
	}
	shared := 0
	for w := range a.words {
		if b.words[w] {
			shared++
		}
	}
	p.score += 0.25 * float64(shared)
	slices.Sort(p.shared)
	return p
}

func overlaps(x, y dateVal) bool {
	if x.from == "" || y.from == "" {
		return false
	}
	xt, yt := endOf(x.to), endOf(y.to)
	return x.from <= yt && y.from <= xt
}

// endOf turns a partial ISO date into the last day it covers, for
// comparison as a string.
func endOf(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		return d + "-31"
	}
	return d
}

func sameMonthOrYear(x, y dateVal) bool {
	return len(x.from) >= 4 && len(y.from) >= 4 && x.from[:4] == y.from[:4]
}

// namedEvents are the kinds of event that a word and a date name alone
// ("the famine of 1932-33", "the pact", "the trial"), so that two passages
// sharing the word and overlapping dates are about one event.
var namedEvents = map[string]bool{
	"famine": true, "treaty": true, "trial": true, "purge": true, "strike": true, "war": true, "congress": true,
}

// disagree reports whether two claims about one event give different
// figures of one unit, different days of one month for one kind of event,
// or different spans of years for one named event ("the famine of
// 1931-1934" against "of 1932-33").
func disagree(a, b claim, p pairScore) (bool, string) {
	for _, x := range a.nums {
		for _, y := range b.nums {
			if x.unit != "" && x.unit == y.unit && !durations[x.unit] && !close(x.value, y.value) && !sharesValue(a.nums, y) && !sharesValue(b.nums, x) {
				return true, fmt.Sprintf("%s vs %s", x.raw, y.raw)
			}
		}
	}
	if p.event != "" {
		for _, x := range a.dates {
			for _, y := range b.dates {
				if x.day() && y.day() && x.from != y.from && x.from[:7] == y.from[:7] {
					return true, fmt.Sprintf("%s vs %s", x.raw, y.raw)
				}
			}
		}
	}
	if x, y := p.namedA, p.namedB; p.named && x.yearSpan() && y.yearSpan() && (x.from != y.from || x.to != y.to) {
		return true, fmt.Sprintf("%s vs %s", x.raw, y.raw)
	}
	return false, ""
}

func sharesValue(ns []numVal, y numVal) bool {
	for _, x := range ns {
		if x.unit == y.unit && close(x.value, y.value) {
			return true
		}
	}
	return false
}

func close(x, y float64) bool { return math.Abs(x-y) <= 0.01*math.Max(math.Abs(x), math.Abs(y)) }

// durations are units whose figures differ between two accounts of one
// event without contradicting each other (ages, delays, lengths of stay).
var durations = map[string]bool{
	"years": true, "months": true, "weeks": true, "days": true, "hours": true, "minutes": true, "seconds": true,
}

// factUnits are the units of figures that state a fact about an event
// (how many died, voted, were paid, how far), as against durations and
// counts of things said in passing.
var factUnits = map[string]bool{
	"people": true, "votes": true, "percent": true, "km": true, "metres": true, "m3": true, "tonnes": true,
	"francs": true, "pounds": true, "dollars": true, "roubles": true, "rubles": true, "marks": true, "crowns": true,
	"lire": true, "guilders": true, "zloty": true, "dead": true, "deaths": true,
}

// onlyOneGivesFigures reports whether one passage gives a figure of fact
// that the other neither confirms nor contradicts: the two are related,
// not in agreement.
func onlyOneGivesFigures(a, b claim) bool {
	fa, fb := factFigures(a), factFigures(b)
	if (fa == 0) == (fb == 0) {
		return false
	}
	for _, x := range a.nums {
		if sharesValue(b.nums, x) {
			return false
		}
	}
	return true
}

func factFigures(c claim) int {
	n := 0
	for _, x := range c.nums {
		if factUnits[x.unit] {
			n++
		}
	}
	return n
}

// eventName names an event by what the two passages share: its kind, the
// names they both give, and its date.
func eventName(a, b claim, p pairScore) string {
	var parts []string
	if p.event != "" {
		parts = append(parts, p.event)
	}
	for i, e := range p.shared {
		if i == 2 {
			break
		}
		parts = append(parts, titleCase(e))
	}
	for _, x := range a.dates {
		for _, y := range b.dates {
			if overlaps(x, y) {
				parts = append(parts, x.from)
				return strings.Join(parts, ", ")
			}
		}
	}
	if len(a.dates) > 0 {
		parts = append(parts, a.dates[0].from)
	}
	return strings.Join(parts, ", ")
}

func titleCase(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		r := []rune(x)
		r[0] = unicode.ToUpper(r[0])
		w[i] = string(r)
	}
	return strings.Join(w, " ")
}
