package xref

import (
	"fmt"

	"github.com/quellen/quellen"
)

// refuting verdicts: a claim judged so in one document and stated in
// another is a conflict between them.
var refuting = map[string]bool{"false": true, "unsupported": true, "misleading": true, "disputed": true}

// minVerdictEvent is the least score of a same-event link that carries a
// verdict to the other passage: a weak likeness would make a conflict of a
// verdict on something else.
const minVerdictEvent = 0.6

// Verdicts joins the verdicts (stance findings) to the corpus's links: a
// claim a document judges false (or unsupported, misleading, disputed) that
// another document states — the two passages linked by reuse, translation
// or as one event — is a conflict, with relation disagree.
func Verdicts(docs []Doc, links []quellen.Link) []quellen.Link {
	var out []quellen.Link
	seen := map[[4]int]bool{}
	for _, d := range docs {
		for _, s := range d.Of(quellen.KindStance) {
			verdict := s.Attrs.String("verdict")
			if !refuting[verdict] {
				continue
			}
			judged := d.Passage(s.Clean.Start, s.Clean.End)
			for _, l := range links {
				if l.Kind == "conflict" || (l.Kind == "same_event" && l.Score < minVerdictEvent) {
					continue
				}
				var mine, other quellen.Passage
				switch {
				case l.A.Doc == d.Name:
					mine, other = l.A, l.B
				case l.B.Doc == d.Name:
					mine, other = l.B, l.A
				default:
					continue
				}
				if mine.Raw.Start >= judged.Raw.End || judged.Raw.Start >= mine.Raw.End {
					continue
				}
				k := [4]int{judged.Raw.Start, judged.Raw.End, other.Raw.Start, other.Raw.End}
				if seen[k] {
					continue
				}
				seen[k] = true
				judge := s.Attrs.String("judge")
				if judge == "" {
					judge = d.Name
				}
				out = append(out, quellen.Link{
					Kind: "conflict", Relation: "disagree", A: judged, B: other, Event: l.Event, Score: l.Score,
					Attrs: quellen.Attrs{
						"differs": fmt.Sprintf("judged %s by %s, stated in %s", verdict, judge, other.Doc),
						"verdict": verdict, "via": l.Kind,
					},
				})
			}
		}
	}
	return out
}
