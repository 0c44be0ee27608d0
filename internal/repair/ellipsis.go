package repair

import (
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// ellipsisStage joins a line break inside a spaced ellipsis (": :\n:",
// ". . .\n."): the marks are kept as written, the break becomes a space. One
// layout fix per ellipsis joined.
func ellipsisStage(in string, st *state) stageResult {
	if !strings.Contains(in, ":\n") && !strings.Contains(in, ": \n") && !strings.Contains(in, ".\n") {
		return stageResult{}
	}
	b := text.NewBuilder(in)
	var fixes []Fix
	for i := 0; i < len(in); i++ {
		c := in[i]
		if (c != ':' && c != '.') || i < b.Pos() {
			continue
		}
		// A run of the mark with single spaces, broken by line ends.
		k := i + 1
		marks := 1
		brk := -1 // start of the first break
		brkEnd := -1
		for k < len(in) {
			j := k
			nl := 0
			for j < len(in) && (in[j] == ' ' || in[j] == '\t' || in[j] == '\n' || in[j] == '\r') {
				if in[j] == '\n' {
					nl++
				}
				j++
			}
			if j >= len(in) || in[j] != c || j-k > 4 || j == k {
				break
			}
			if nl > 0 && brk < 0 {
				brk, brkEnd = k, j
			}
			marks++
			k = j + 1
		}
		if marks < 3 || brk < 0 {
			i = k - 1
			continue
		}
		b.CopyTo(i)
		o := b.Len()
		b.CopyTo(brk)
		b.Replace(brk, brkEnd, " ")
		b.CopyTo(k)
		fixes = append(fixes, Fix{Kind: KindLayout, What: "ellipsis", In: quellen.Span{Start: i, End: k}, Out: quellen.Span{Start: o, End: b.Len()}})
		i = k - 1
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes}
}
