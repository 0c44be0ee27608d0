package entities

import (
	"slices"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// titleSegmentsRef is titleSegments as first written, every segment's
// words looked up however few capitals it has: the reference the faster
// one is held to.
func (x *run) titleSegmentsRef(ts []tok, out []bool) []bool {
	clear(out)
	from := 0
	flush := func(to int) {
		caps, others := 0, 0
		for k := from; k < to; k++ {
			if t := &ts[k]; t.word && !t.digit && t.cap && !t.is(lxPersonTitle) && !(t.sent && t.is(lxStop)) {
				caps++
			}
		}
		for k := from; k < to && 4*others <= caps; k++ {
			if t := &ts[k]; t.word && !t.digit && !t.cap && !t.is(lxStop|lxPersonTitle) {
				others++
			}
		}
		if words := caps + others; words >= 3 && caps*5 >= words*4 {
			common := 0
			for k := from; k < to && common < 2; k++ {
				if t := &ts[k]; t.word && !t.digit && t.cap && !t.is(lxPersonTitle) && !(t.sent && t.is(lxStop)) {
					if x.low(t) || t.is(lxStop) {
						common++
					} else if l, ok := x.g.learnt.get(t.f); ok && l.common() > 2*l.entity() {
						common++
					}
				}
			}
			if common >= 2 {
				for k := from; k < to; k++ {
					out[k] = true
				}
			}
		}
		from = to + 1
	}
	for i := range ts {
		if t := &ts[i]; !t.word && closesSegment(t.w) && !abbrevDot(ts, i) {
			flush(i)
		}
	}
	flush(len(ts))
	return out
}

// checkTitleSegments compares titleSegments with the reference over every
// paragraph (blank-line separated) of text.
func checkTitleSegments(t *testing.T, text string) {
	t.Helper()
	d := &extract.Doc{Text: text}
	off := 0
	for _, p := range strings.SplitAfter(text, "\n\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: off, End: off + len(p)}, Kind: "paragraph"})
		off += len(p)
	}
	x := &run{}
	x.reset(d, Default())
	x.paragraphs()
	for _, ts := range x.paras {
		got := x.titleSegments(ts, make([]bool, len(ts)))
		want := x.titleSegmentsRef(ts, make([]bool, len(ts)))
		if !slices.Equal(got, want) {
			t.Fatalf("titleSegments(%q) = %v, want %v", text[ts[0].s:ts[len(ts)-1].e], got, want)
		}
	}
}

func TestTitleSegmentsMatchReference(t *testing.T) {
	checkTitleSegments(t, "In The Rise And Fall Of The Third Reich, Money and Myth, the author wrote.\n\nRails, Money And Myth: A Study Of Cotton Kings.\n\nMr. Smith, Mrs. Jones and General Lee.")
	for _, text := range devTexts(t) {
		checkTitleSegments(t, text)
	}
}

func FuzzTitleSegments(f *testing.F) {
	f.Add("Rails, Money And Myth: A Study Of Cotton Kings. The King Of France, said Mr. Brown.")
	f.Fuzz(func(t *testing.T, s string) { checkTitleSegments(t, s) })
}
