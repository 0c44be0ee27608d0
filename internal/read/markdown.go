package read

import (
	"regexp"
	"sort"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// Markdown reads Markdown (CommonMark with footnotes). Source is the raw
// file; Text is the source with the markup mapped out: heading #s and
// setext underlines, emphasis and code markers, "> " prefixes, list
// markers, link targets ([text](url) reads as text), thematic breaks,
// reference definitions and inline HTML tags. A YAML front matter block
// gives Meta (title, author, date, ...) and is left out of Text.
//
// Footnote references [^n] read as their label ("n", a note_ref block
// whose raw bytes are the whole "[^n]"; Attrs "number", "target"); a
// footnote definition "[^n]: text" reads as "n. text" and is a note block
// (Attrs "number", "id"). Other blocks: heading (Attrs "level"),
// blockquote, list_item, paragraph.
type Markdown struct{}

func init() { Register("markdown", Markdown{}) }

// mdEdit replaces src[start:end] with repl.
type mdEdit struct {
	start, end int
	repl       string
}

type mdParser struct {
	s      string
	edits  []mdEdit
	blocks []Block // spans in s, mapped to Text at the end
	meta   quellen.Metadata
}

var (
	mdHeadingRe  = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)`)
	mdClosingRe  = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	mdQuoteRe    = regexp.MustCompile(`^ {0,3}> ?`)
	mdListRe     = regexp.MustCompile(`^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)`)
	mdNoteDefRe  = regexp.MustCompile(`^ {0,3}\[\^([^\]\s]{1,40})\]:[ \t]*`)
	mdRefDefRe   = regexp.MustCompile(`^ {0,3}\[[^\]^][^\]]{0,200}\]:\s*\S+`)
	mdBreakRe    = regexp.MustCompile(`^ {0,3}([-*_])[ \t]*(?:[-*_][ \t]*){2,}$`)
	mdSetextRe   = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	mdFenceRe    = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	mdFrontKeyRe = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:\s*(.*)$`)
)

// Read implements Reader.
func (Markdown) Read(name string, data []byte, opts Options) (*Result, error) {
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	dec, m0, probs := Decode(name, data)
	text, m1, blocks, meta := parseMarkdown(dec)
	return &Result{Format: "markdown", Source: string(data), Text: text, Map: compose(m0, m1), Blocks: blocks, Meta: meta, Problems: probs}, nil
}

type mdLine struct {
	start, end int // the line without its "\n"
}

func parseMarkdown(s string) (string, *text.Map, []Block, quellen.Metadata) {
	p := &mdParser{s: s}
	var lines []mdLine
	for i := 0; i <= len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			if i < len(s) {
				lines = append(lines, mdLine{i, len(s)})
			}
			break
		}
		end := i + j
		if end > i && s[end-1] == '\r' {
			end--
		}
		lines = append(lines, mdLine{i, end})
		i += j + 1
	}
	n := p.frontMatter(lines)
	p.blocksOf(lines[n:], 0)

	sort.SliceStable(p.edits, func(i, j int) bool { return p.edits[i].start < p.edits[j].start })
	b := text.NewBuilder(s)
	for _, e := range p.edits {
		if e.start < b.Pos() {
			continue
		}
		b.CopyTo(e.start)
		if e.repl == "" {
			b.Delete(e.end)
		} else {
			b.Replace(e.start, e.end, e.repl)
		}
	}
	out, m := b.Finish()
	var blocks []Block
	for _, bl := range p.blocks {
		st, en := m.OutSpan(bl.Span.Start, bl.Span.End)
		for en > st && isHSpace(out[en-1]) {
			en--
		}
		for st < en && isHSpace(out[st]) {
			st++
		}
		if en <= st {
			continue
		}
		bl.Span = quellen.Span{Start: st, End: en}
		blocks = append(blocks, bl)
	}
	sort.SliceStable(blocks, func(i, j int) bool {
		if blocks[i].Span.Start != blocks[j].Span.Start {
			return blocks[i].Span.Start < blocks[j].Span.Start
		}
		return blocks[i].Span.End > blocks[j].Span.End
	})
	return out, m, blocks, p.meta
}

func (p *mdParser) del(start, end int) {
	if end > start {
		p.edits = append(p.edits, mdEdit{start, end, ""})
	}
}

func (p *mdParser) block(kind string, start, end int, a quellen.Attrs) {
	if end > start {
		p.blocks = append(p.blocks, Block{Kind: kind, Span: quellen.Span{Start: start, End: end}, Attrs: a})
	}
}

// frontMatter reads a leading YAML block and returns the lines it used.
func (p *mdParser) frontMatter(lines []mdLine) int {
	if len(lines) < 2 || p.s[lines[0].start:lines[0].end] != "---" {
		return 0
	}
	for i := 1; i < len(lines) && i < 200; i++ {
		l := p.s[lines[i].start:lines[i].end]
		if l == "---" || l == "..." {
			for _, ln := range lines[1:i] {
				m := mdFrontKeyRe.FindStringSubmatch(p.s[ln.start:ln.end])
				if m == nil {
					continue
				}
				v := strings.Trim(strings.TrimSpace(m[2]), `"'`)
				switch strings.ToLower(m[1]) {
				case "title":
					p.meta.Title = v
				case "author", "authors", "creator":
					p.meta.Author = strings.Trim(v, "[]")
				case "date":
					p.meta.Date = isoDate(v)
				case "published":
					p.meta.Published = isoDate(v)
				case "source":
					p.meta.Source = v
				case "translator":
					p.meta.Translator = v
				case "url", "link", "canonical":
					p.meta.URL = v
				case "lang", "language":
					p.meta.Language = primaryLang(v)
				case "original_language":
					p.meta.OriginalLanguage = v
				case "summary", "description":
					p.meta.Summary = v
				}
			}
			end := lines[i].end
			if i+1 < len(lines) {
				end = lines[i+1].start
			}
			p.del(lines[0].start, end)
			return i + 1
		}
	}
	return 0
}

func (p *mdParser) blank(l mdLine) bool { return strings.TrimSpace(p.s[l.start:l.end]) == "" }

// maxQuoteDepth is how deeply block quotes nest; deeper ">" are text.
const maxQuoteDepth = 16

// blocksOf reads the lines of the document, or of a block quote whose
// prefixes are already deleted (depth is the quote's nesting).
func (p *mdParser) blocksOf(lines []mdLine, depth int) {
	for i := 0; i < len(lines); {
		l := lines[i]
		line := p.s[l.start:l.end]
		switch {
		case p.blank(l):
			i++
		case mdFenceRe.MatchString(line):
			fence := strings.TrimSpace(line)[:3]
			p.del(l.start, min(l.end+1, len(p.s)))
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(strings.TrimSpace(p.s[lines[j].start:lines[j].end]), fence) {
				j++
			}
			if j > i+1 {
				p.block("paragraph", lines[i+1].start, lines[j-1].end, quellen.Attrs{"code": true})
			}
			if j < len(lines) {
				p.del(lines[j].start, lines[j].end)
			}
			i = j + 1
		case mdHeadingRe.MatchString(line):
			m := mdHeadingRe.FindStringSubmatchIndex(line)
			p.del(l.start, l.start+m[1])
			end := l.end
			if c := mdClosingRe.FindStringIndex(line); c != nil && c[0] >= m[1] {
				p.del(l.start+c[0], l.end)
				end = l.start + c[0]
			}
			p.inline(l.start+m[1], end)
			p.block("heading", l.start+m[1], end, quellen.Attrs{"level": m[3] - m[2]})
			i++
		case mdBreakRe.MatchString(line):
			p.del(l.start, l.end)
			i++
		case mdQuoteRe.MatchString(line) && depth < maxQuoteDepth:
			j := i
			var inner []mdLine
			for j < len(lines) && !p.blank(lines[j]) {
				lj := lines[j]
				if m := mdQuoteRe.FindStringIndex(p.s[lj.start:lj.end]); m != nil {
					p.del(lj.start, lj.start+m[1])
					inner = append(inner, mdLine{lj.start + m[1], lj.end})
				} else if j > i && !p.startsBlock(lj) {
					inner = append(inner, lj) // a lazy continuation line
				} else {
					break
				}
				j++
			}
			if len(inner) > 0 {
				p.block("blockquote", inner[0].start, inner[len(inner)-1].end, nil)
				p.blocksOf(inner, depth+1)
			}
			i = j
		case mdNoteDefRe.MatchString(line):
			m := mdNoteDefRe.FindStringSubmatchIndex(line)
			label := line[m[2]:m[3]]
			p.edits = append(p.edits, mdEdit{l.start, l.start + m[1], label + ". "})
			j := p.item(lines, i, l.start+m[1])
			p.block("note", l.start, lines[j-1].end, quellen.Attrs{"number": label, "id": label})
			i = j
		case mdRefDefRe.MatchString(line):
			p.del(l.start, l.end)
			i++
		case mdListRe.MatchString(line):
			m := mdListRe.FindStringSubmatchIndex(line)
			p.del(l.start, l.start+m[1])
			j := p.item(lines, i, l.start+m[1])
			p.block("list_item", l.start+m[1], lines[j-1].end, nil)
			i = j
		default:
			j := i + 1
			for j < len(lines) && !p.blank(lines[j]) && !p.startsBlock(lines[j]) {
				if mdSetextRe.MatchString(p.s[lines[j].start:lines[j].end]) {
					break
				}
				j++
			}
			kind := "paragraph"
			var a quellen.Attrs
			if j < len(lines) && mdSetextRe.MatchString(p.s[lines[j].start:lines[j].end]) && !p.blank(lines[j]) {
				kind = "heading"
				level := 1
				if strings.TrimSpace(p.s[lines[j].start:lines[j].end])[0] == '-' {
					level = 2
				}
				a = quellen.Attrs{"level": level}
				p.del(lines[j-1].end, lines[j].end)
				p.inline(l.start, lines[j-1].end)
				p.block(kind, l.start, lines[j-1].end, a)
				i = j + 1
				continue
			}
			p.inline(l.start, lines[j-1].end)
			p.block(kind, l.start, lines[j-1].end, a)
			i = j
		}
	}
}

// startsBlock says whether a line interrupts a paragraph.
func (p *mdParser) startsBlock(l mdLine) bool {
	line := p.s[l.start:l.end]
	return mdHeadingRe.MatchString(line) || mdQuoteRe.MatchString(line) || mdFenceRe.MatchString(line) ||
		mdNoteDefRe.MatchString(line) || mdBreakRe.MatchString(line) ||
		mdListRe.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "1") && !isDigit(strings.TrimSpace(line)[0])
}

// item reads a list item or footnote definition that starts at line i
// with content from offset from; it returns the index after its last line.
func (p *mdParser) item(lines []mdLine, i, from int) int {
	j := i + 1
	for j < len(lines) {
		lj := lines[j]
		line := p.s[lj.start:lj.end]
		if p.blank(lj) {
			// A blank line continues the item only when an indented line follows.
			if j+1 < len(lines) && (strings.HasPrefix(p.s[lines[j+1].start:lines[j+1].end], "    ") || strings.HasPrefix(p.s[lines[j+1].start:lines[j+1].end], "\t")) && !p.blank(lines[j+1]) {
				j++
				continue
			}
			break
		}
		indented := strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
		if !indented && (p.startsBlock(lj) || mdListRe.MatchString(line)) {
			break
		}
		if indented {
			k := 0
			for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
				k++
			}
			p.del(lj.start, lj.start+k)
		}
		j++
	}
	// inline markup of each content line
	p.inline(from, lines[i].end)
	for k := i + 1; k < j; k++ {
		p.inline(lines[k].start, lines[k].end)
	}
	return j
}

// inline maps out the inline markup of s[start:end].
func (p *mdParser) inline(start, end int) {
	s := p.s
	type delim struct {
		pos, n int
		c      byte
	}
	var open []delim
	for i := start; i < end; {
		c := s[i]
		switch {
		case c == '\\' && i+1 < end && strings.IndexByte("\\`*_{}[]()#+-.!~<>|\"'^", s[i+1]) >= 0:
			p.del(i, i+1)
			i += 2
		case c == '`':
			n := 1
			for i+n < end && s[i+n] == '`' {
				n++
			}
			close := strings.Index(s[i+n:min(end, i+n+4096)], strings.Repeat("`", n))
			if close < 0 {
				i += n
				continue
			}
			p.del(i, i+n)
			p.del(i+n+close, i+n+close+n)
			i = i + n + close + n
		case c == '[' && i+1 < end && s[i+1] == '^':
			j := strings.IndexByte(s[i+2:min(end, i+2+42)], ']')
			if j <= 0 || strings.ContainsAny(s[i+2:i+2+j], " \t[") || i+2+j+1 < end && s[i+2+j+1] == ':' {
				i++
				continue
			}
			label := s[i+2 : i+2+j]
			p.edits = append(p.edits, mdEdit{i, i + 2 + j + 1, label})
			p.block("note_ref", i, i+2+j+1, quellen.Attrs{"number": label, "target": label})
			i += 2 + j + 1
		case c == '!' && i+1 < end && s[i+1] == '[':
			if k := p.link(i+1, end); k > 0 {
				p.del(i, i+1)
				i = k
				continue
			}
			i++
		case c == '[':
			if k := p.link(i, end); k > 0 {
				i = k
				continue
			}
			i++
		case c == '<':
			j := strings.IndexByte(s[i:min(end, i+2048)], '>')
			if j > 1 {
				tag := s[i+1 : i+j]
				switch {
				case strings.HasPrefix(tag, "http://") || strings.HasPrefix(tag, "https://") || strings.HasPrefix(tag, "mailto:"):
					p.del(i, i+1)
					p.del(i+j, i+j+1)
				case tag == "br" || tag == "br/" || tag == "br /":
					p.edits = append(p.edits, mdEdit{i, i + j + 1, "\n"})
				case isAlpha(tag[0]) || tag[0] == '/' && len(tag) > 1 && isAlpha(tag[1]) || strings.HasPrefix(tag, "!--"):
					p.del(i, i+j+1)
				}
				i += j + 1
				continue
			}
			i++
		case c == '*' || c == '_' || c == '~':
			n := 1
			for i+n < end && s[i+n] == c {
				n++
			}
			before := byte(' ')
			if i > start {
				before = s[i-1]
			}
			after := byte(' ')
			if i+n < end {
				after = s[i+n]
			}
			leftFlank := !isHSpace(after)
			rightFlank := !isHSpace(before)
			if c == '_' {
				// no intraword emphasis with underscores
				if isWordByte(before) && isWordByte(after) {
					i += n
					continue
				}
			}
			if c == '~' && n < 2 {
				i += n
				continue
			}
			matched := false
			if rightFlank {
				for k := len(open) - 1; k >= 0; k-- {
					if open[k].c == c && open[k].n == n {
						p.del(open[k].pos, open[k].pos+n)
						p.del(i, i+n)
						open = open[:k]
						matched = true
						break
					}
				}
			}
			if !matched && leftFlank && n <= 3 {
				open = append(open, delim{i, n, c})
			}
			i += n
		default:
			i++
		}
	}
}

func isWordByte(c byte) bool { return isAlpha(c) || isDigit(c) || c >= 0x80 }

// link maps out a link [text](url) or [text][ref] starting at '[' at i and
// returns the offset after it, or 0 when there is no link there.
func (p *mdParser) link(i, end int) int {
	s := p.s
	depth := 0
	j := -1
	for k := i; k < end && k < i+300; k++ {
		switch s[k] {
		case '\\':
			k++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				j = k
			}
		}
		if j >= 0 {
			break
		}
	}
	if j < 0 || j+1 >= end {
		return 0
	}
	switch s[j+1] {
	case '(':
		k := strings.IndexByte(s[j+1:min(end, j+1+2048)], ')')
		if k < 0 {
			return 0
		}
		p.del(i, i+1)
		p.inline(i+1, j)
		p.del(j, j+1+k+1)
		return j + 1 + k + 1
	case '[':
		k := strings.IndexByte(s[j+1:min(end, j+1+512)], ']')
		if k < 0 {
			return 0
		}
		p.del(i, i+1)
		p.inline(i+1, j)
		p.del(j, j+1+k+1)
		return j + 1 + k + 1
	}
	return 0
}
