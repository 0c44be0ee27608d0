package repair

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// residueStage decodes HTML character references left as text
// ("Delorme&#8217;s", "&amp;", "&eacute;"; in HTML, what is left after the
// reader's one level of decoding) and, in plain text, drops stray tags and
// tag fragments ("<br>", "[4]/a>"). A word holding a reference is one
// repair fix covering the whole word; a dropped tag is a layout fix.
func residueStage(in string, st *state) stageResult {
	if strings.IndexByte(in, '&') < 0 && (st.format != "text" || strings.IndexByte(in, '>') < 0) {
		return stageResult{}
	}
	b := text.NewBuilder(in)
	var fixes []Fix
	tags := st.format == "text" || st.format == ""
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == '&':
			n := charRef(in, i)
			if n == 0 {
				i++
				continue
			}
			// The damaged word: the word runes and references around it.
			ws, we := i, i+n
			for ws > b.Pos() {
				r, sz := utf8.DecodeLastRuneInString(in[:ws])
				if !isWordRune(r) {
					break
				}
				ws -= sz
			}
			for we < len(in) {
				if in[we] == '&' {
					if m := charRef(in, we); m > 0 {
						we += m
						continue
					}
				}
				r, sz := utf8.DecodeRuneInString(in[we:])
				if !isWordRune(r) {
					break
				}
				we += sz
			}
			clean := decodeRefs(in[ws:we])
			b.CopyTo(ws)
			o := b.Len()
			b.Replace(ws, we, clean)
			fixes = append(fixes, Fix{Kind: KindRepair, What: "entity", In: quellen.Span{Start: ws, End: we}, Out: quellen.Span{Start: o, End: b.Len()}, Clean: clean})
			i = we
		case tags && (c == '<' || c == '>'):
			ts, te, ok := tagAt(in, i)
			if !ok || ts < b.Pos() {
				i++
				continue
			}
			b.CopyTo(ts)
			o := b.Len()
			// A tag between two words leaves a space, not a glued word.
			before, _ := utf8.DecodeLastRuneInString(in[:ts])
			after, _ := utf8.DecodeRuneInString(in[te:])
			if ts > 0 && te < len(in) && isWordRune(before) && isWordRune(after) {
				b.Replace(ts, te, " ")
			} else {
				b.Delete(te)
			}
			fixes = append(fixes, Fix{Kind: KindLayout, What: "tag", In: quellen.Span{Start: ts, End: te}, Out: quellen.Span{Start: o, End: b.Len()}})
			i = te
		default:
			i++
		}
	}
	if len(fixes) == 0 {
		return stageResult{}
	}
	out, m := b.Finish()
	return stageResult{text: out, m: m, fixes: fixes}
}

// charRef returns the length of the HTML character reference at s[i:]
// ("&#8217;", "&#x2019;", "&eacute;"; "&amp;#8217;", escaped twice, is
// read as one), or 0.
func charRef(s string, i int) int {
	if i >= len(s) || s[i] != '&' {
		return 0
	}
	n := refBody(s, i+1)
	if n == 0 {
		return 0
	}
	if s[i+1:i+1+n] == "amp;" {
		if m := refBody(s, i+1+n); m > 0 {
			return 1 + n + m
		}
	}
	return 1 + n
}

// refBody returns the length of a reference's body at s[j:], after its
// "&": "#8217;", "#x2019;", "eacute;"; or 0.
func refBody(s string, j int) int {
	start := j
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		k := j
		for k < len(s) && k-j < 7 && (isDigit(s[k]) || (hex && isHexLetter(s[k]))) {
			k++
		}
		if k == j || k >= len(s) || s[k] != ';' {
			return 0
		}
		return k + 1 - start
	}
	k := j
	for k < len(s) && k-j < 10 && (isASCIILetter(s[k]) || (k > j && isDigit(s[k]))) {
		k++
	}
	if k == j || k >= len(s) || s[k] != ';' {
		return 0
	}
	ref := "&" + s[j:k+1]
	if d := html.UnescapeString(ref); d == ref || strings.HasSuffix(d, ";") {
		return 0 // not a reference HTML knows
	}
	return k + 1 - start
}

// decodeRefs decodes the references of s, as many levels as were encoded
// ("&amp;#8217;" is "’").
func decodeRefs(s string) string {
	for range 4 {
		d := html.UnescapeString(s)
		if d == s {
			break
		}
		s = d
	}
	return s
}

// htmlTags are the tag names read as residue in plain text.
var htmlTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "blockquote": true, "br": true, "cite": true, "code": true,
	"div": true, "em": true, "font": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "hr": true, "i": true, "img": true, "li": true, "ol": true, "p": true, "q": true,
	"s": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true, "table": true,
	"td": true, "th": true, "tr": true, "u": true, "ul": true,
}

// tagAt finds a tag or a tag fragment touching s[i] ('<' or '>'):
// "<br>", "</p>", `<a href="...">`, or a fragment that lost its "<" such as
// "/a>" or "/sup>". It returns the span to drop.
func tagAt(s string, i int) (int, int, bool) {
	if s[i] == '<' {
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		k := j
		for k < len(s) && k-j < 10 && (isASCIILetter(s[k]) || (k > j && isDigit(s[k]))) {
			k++
		}
		if k == j || !htmlTags[strings.ToLower(s[j:k])] {
			return 0, 0, false
		}
		end := strings.IndexByte(s[k:min(len(s), k+300)], '>')
		if end < 0 {
			return 0, 0, false
		}
		rest := s[k : k+end]
		if strings.ContainsAny(rest, "<\n") || (rest != "" && rest[0] != ' ' && rest != "/") {
			return 0, 0, false
		}
		return i, k + end + 1, true
	}
	// s[i] == '>': a closing fragment "/name>" whose "<" was lost.
	k := i
	for k > 0 && isASCIILetter(s[k-1]) && i-k < 10 {
		k--
	}
	if k == i || k == 0 || s[k-1] != '/' || !htmlTags[strings.ToLower(s[k:i])] {
		return 0, 0, false
	}
	start := k - 1
	if start > 0 && s[start-1] == '<' {
		start--
	}
	return start, i + 1, true
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isHexLetter(c byte) bool   { return c|0x20 >= 'a' && c|0x20 <= 'f' }
