package numbers

import (
	"math"
	"sort"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{extract.Func{N: "numbers", F: Extract}}
}

// Extract finds the quantities of a document, paragraph by paragraph
// (running heads left out), skipping dates and footnote markers found by
// the extractors before it.
func Extract(d *extract.Doc) []quellen.Finding {
	var taken []quellen.Span
	markers := map[int]bool{}
	for _, f := range d.Findings {
		switch f.Kind {
		case quellen.KindDate:
			taken = append(taken, f.Clean)
		case quellen.KindNoteMarker:
			taken = append(taken, f.Clean)
			markers[f.Clean.Start] = true
		}
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i].Start < taken[j].Start })
	skip := func(s, e int) bool {
		k := sort.Search(len(taken), func(i int) bool { return taken[i].End > s })
		return k < len(taken) && taken[k].Start < e
	}
	var out []quellen.Finding
	var f Finder
	defer f.sc.release()
	paras := d.Runs()
	if len(d.Paras) == 0 && d.Text != "" {
		paras = []extract.Para{{Span: quellen.Span{Start: 0, End: len(d.Text)}, Kind: "paragraph"}}
	}
	for _, p := range paras {
		if p.Kind == "running_head" || p.Span.Start < 0 || p.Span.End > len(d.Text) || p.Span.Start >= p.Span.End {
			continue
		}
		lang := p.Lang
		if lang == "" {
			lang = d.Meta.Language
		}
		f.Find(d.Text, p.Span.Start, p.Span.End, Options{Lang: lang, Skip: skip, Markers: markers}, func(q Quantity) {
			out = append(out, Finding(q))
		})
	}
	return out
}

// Finding turns a quantity into a number finding of the contract.
func Finding(q Quantity) quellen.Finding {
	a := quellen.Attrs{"raw": q.Text, "value": jsonNumber(q.Value), "value_max": nil, "unit": q.Unit, "about": nil}
	if q.HasMax {
		a["value_max"] = jsonNumber(q.Max)
	}
	if q.About != "" {
		a["about"] = q.About
	}
	return quellen.Finding{Kind: quellen.KindNumber, Clean: quellen.Span{Start: q.Start, End: q.End}, Text: q.Text, Attrs: a}
}

// jsonNumber gives an integral value as an int, so that it prints as one.
func jsonNumber(v float64) any {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return int64(v)
	}
	return v
}
