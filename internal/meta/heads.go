package meta

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/extract"
)

// A book's running heads name its author on one side of the spread and its
// title (or the chapter's) on the other, each beside a page number. They
// come from the repair stage as paragraphs of kind "running_head"; in text
// that was not repaired, they are found as short lines that recur with
// changing page numbers.

// pageNum splits a line into a page number, first or last, and the rest.
func pageNum(s string) (head, num string, ok bool) {
	if len(s) > 100 {
		return "", "", false
	}
	// the first and last fields, found without splitting the line (most
	// lines have no page number)
	t := strings.TrimFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(t, unicode.IsSpace)
	if i < 0 {
		return "", "", false // fewer than two fields
	}
	first := t[:i]
	j := strings.LastIndexFunc(t, unicode.IsSpace)
	_, n := utf8.DecodeRuneInString(t[j:])
	last := t[j+n:]
	switch {
	case len(first) <= 4 && isNumber(first):
		return strings.Join(strings.Fields(t[i:]), " "), first, true
	case len(last) <= 4 && isNumber(last):
		return strings.Join(strings.Fields(t[:j]), " "), last, true
	}
	return "", "", false
}

// runningHeads returns the distinct texts of the running heads, the most
// frequent first, page numbers left out.
func runningHeads(d *extract.Doc) []string {
	counts := map[string]int{}
	var order []string
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if head, _, ok := pageNum(s); ok {
			s = head
		}
		s = strings.TrimSpace(s)
		if s == "" || isNumber(s) || len(s) > 100 {
			return
		}
		if counts[s] == 0 {
			order = append(order, s)
		}
		counts[s]++
	}
	repaired := false
	for _, p := range d.Paras {
		if p.Kind == "running_head" && p.Span.End <= len(d.Text) {
			repaired = true
			for l := range strings.SplitSeq(d.Text[p.Span.Start:p.Span.End], "\n") {
				add(l)
			}
		}
	}
	if !repaired {
		// Lines that recur beside a page number, in the first megabyte.
		lines := textLines(d, 1<<20)
		seen := map[string]map[string]bool{}
		for _, l := range lines {
			head, num, ok := pageNum(l.text)
			if !ok || chapterRe.MatchString(l.text) {
				continue
			}
			if seen[head] == nil {
				seen[head] = map[string]bool{}
			}
			seen[head][num] = true
		}
		for _, l := range lines {
			head, _, ok := pageNum(l.text)
			if ok && len(seen[head]) >= 2 && !strings.ContainsAny(head, ".,;:") && !chapterRe.MatchString(l.text) {
				add(l.text)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	var out []string
	for _, s := range order {
		if counts[s] >= 2 || repaired {
			out = append(out, s)
		}
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
