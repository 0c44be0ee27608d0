package extract

import (
	"unicode"
	"unicode/utf8"
)

// Runs joins paragraphs that a layout broke in the middle of a sentence
// (a PDF's line ends): a paragraph that does not end a sentence, followed,
// across whitespace only, by one of the same kind that starts with a
// lower-case letter or a digit. Running heads are left out.
func (d *Doc) Runs() []Para {
	var out []Para
	for _, p := range d.Paras {
		if p.Kind == "running_head" || p.Span.Start < 0 || p.Span.End > len(d.Text) || p.Span.Start >= p.Span.End {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Kind == p.Kind && continues(d.Text, out[n-1].Span.End, p.Span.Start) {
			out[n-1].Span.End = p.Span.End
			continue
		}
		out = append(out, p)
	}
	return out
}

func continues(text string, end, start int) bool {
	if start < end {
		return false
	}
	for _, c := range text[end:start] {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(text[:end])
	switch last {
	case '.', '!', '?', ':', ';', '"', '»', '”', ')', ']', '’', '\'':
		return false
	}
	first, _ := utf8.DecodeRuneInString(text[start:])
	return unicode.IsLower(first) || unicode.IsDigit(first)
}
