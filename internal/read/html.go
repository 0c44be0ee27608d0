package read

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// HTML reads HTML and XHTML pages. Source is the raw file; Text is the
// visible text: block elements are separated by "\n\n", <br> by "\n",
// whitespace runs are collapsed to one space (except in <pre>), the content
// of head, script, style, noscript, template and svg is dropped, and
// character references are decoded exactly once, each mapped to its bytes.
//
// Blocks: paragraph (p, and bare text in div/td/body, Attrs "class"),
// heading (Attrs "level"), blockquote, list_item, note_ref (a footnote
// marker: a <sup> or a link to a note; its span is the marker text, Attrs
// "number" and "target"), note (a footnote body, without a trailing or
// leading back link; Attrs "number", "id") and quote (<q>, whose quotation
// marks the reader writes, mapped to the tags; Attrs "who").
type HTML struct{}

func init() { Register("html", HTML{}) }

// Read implements Reader.
func (HTML) Read(name string, data []byte, opts Options) (*Result, error) {
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	dec, m0, probs := decodeDeclared(name, data)
	p := parseHTML(dec, nil)
	r := &Result{Format: "html", Source: string(data), Text: p.text, Blocks: p.blocks, Meta: p.meta, Problems: probs}
	r.Map = compose(m0, p.m)
	return r, nil
}

// htmlPage is what parseHTML makes of one page.
type htmlPage struct {
	text   string
	m      *text.Map // text back to the parsed string
	blocks []Block
	meta   quellen.Metadata
	title  string              // the raw <title>, decoded and trimmed
	refs   map[string][]string // note refs to other pages: their file -> ids
}

// hTok is one token of the page with its byte range in the input.
type hTok struct {
	typ        html.TokenType
	start, end int
	name       string
	attrs      []html.Attribute
}

func (t *hTok) attr(key string) string {
	for _, a := range t.attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (t *hTok) has(key string) bool {
	for _, a := range t.attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}

// tokenize splits s into tokens that cover it without gaps.
func tokenize(s string) []hTok {
	z := html.NewTokenizer(strings.NewReader(s))
	toks := make([]hTok, 0, len(s)/24+16)
	pos := 0
	for {
		tt := z.Next()
		raw := len(z.Raw())
		if tt == html.ErrorToken {
			break
		}
		t := hTok{typ: tt, start: pos, end: pos + raw}
		pos += raw
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			n, more := z.TagName()
			t.name = string(n)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				t.attrs = append(t.attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
		}
		toks = append(toks, t)
	}
	if pos < len(s) {
		// Whatever the tokenizer left at the end is text.
		toks = append(toks, hTok{typ: html.TextToken, start: pos, end: len(s)})
	}
	return toks
}

// hElem is an open element.
type hElem struct {
	name      string
	tok       int // index of its start token, -1 for an implicit paragraph
	start     int // output offset of its first content, -1 before any
	block     bool
	hidden    bool
	implicit  bool
	container bool // a footnotes container
	noteAttr  bool // its attributes or an anchor inside say it is a note
	noteID    string
	noteRef   bool
	target    string
	quote     bool
	items     int // list items seen (ol/ul)
	ordinal   int // its number in an ol (li)
	notes     int // note blocks inside it
}

type htmlParser struct {
	flow
	toks   []hTok
	stack  []*hElem
	unset  int // stack[unset:] have no start yet
	blocks []Block
	hidden int
	lang   string

	ids        map[string]int  // id (or a name) -> start token
	refTargets map[string]bool // ids that note_ref links point to
	refLinks   map[int]bool    // start tokens of <a> that are note refs
	linked     bool            // the page has linked note refs
	meta       htmlMeta
	inHead     bool
	gotTitle   bool
	content    bool   // visible text seen
	dateline   string // the date of a dateline or issue line, or of a <time>
}

// parseHTML reads one page. targets are ids on the page that note refs
// on other pages point to (an EPUB's notes file), or nil.
func parseHTML(s string, targets map[string]bool) htmlPage {
	p := &htmlParser{flow: flow{s: s, b: text.NewBuilder(s)}, toks: tokenize(s)}
	p.onContent = p.started
	p.scan()
	for id := range targets {
		p.refTargets[id] = true
	}
	for i := 0; i < len(p.toks); i++ {
		i = p.token(i)
	}
	for len(p.stack) > 0 {
		p.pop()
	}
	p.b.Delete(len(s))
	out, m := p.b.Finish()
	sort.SliceStable(p.blocks, func(i, j int) bool {
		a, b := p.blocks[i].Span, p.blocks[j].Span
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	pg := htmlPage{text: out, m: m, blocks: p.blocks, title: p.meta.title, refs: map[string][]string{}}
	for i := range p.refLinks {
		href := p.toks[i].attr("href")
		if file, frag, ok := strings.Cut(href, "#"); ok && file != "" && frag != "" {
			pg.refs[file] = append(pg.refs[file], frag)
		}
	}
	pg.meta = p.meta.metadata(p.lang)
	if pg.meta.Date == "" && p.dateline != "" {
		pg.meta.Date = p.dateline
		if pg.meta.Published == "" {
			pg.meta.Published = p.dateline
		}
	}
	return pg
}

// scan is the first pass: ids, which links are note refs, and the
// page language.
func (p *htmlParser) scan() {
	p.ids = map[string]int{}
	p.refTargets = map[string]bool{}
	p.refLinks = map[int]bool{}
	for i := range p.toks {
		t := &p.toks[i]
		if t.typ != html.StartTagToken && t.typ != html.SelfClosingTagToken {
			continue
		}
		if id := t.attr("id"); id != "" {
			if _, ok := p.ids[id]; !ok {
				p.ids[id] = i
			}
		}
		if t.name == "a" {
			if n := t.attr("name"); n != "" {
				if _, ok := p.ids[n]; !ok {
					p.ids[n] = i
				}
			}
		}
		if t.name == "html" && p.lang == "" {
			p.lang = primaryLang(t.attr("lang"))
			if p.lang == "" {
				p.lang = primaryLang(t.attr("xml:lang"))
			}
		}
	}
	sup := 0
	for i := range p.toks {
		t := &p.toks[i]
		switch {
		case t.name == "sup" && t.typ == html.StartTagToken:
			sup++
		case t.name == "sup" && t.typ == html.EndTagToken && sup > 0:
			sup--
		case t.name == "a" && t.typ == html.StartTagToken:
			if p.isNoteRefLink(i, sup > 0) {
				p.refLinks[i] = true
				p.refTargets[fragment(t.attr("href"))] = true
				p.linked = true
			}
		}
	}
}

// isNoteRefLink says whether the <a> at token i is a footnote marker.
func (p *htmlParser) isNoteRefLink(i int, inSup bool) bool {
	t := &p.toks[i]
	href := t.attr("href")
	frag := fragment(href)
	if frag == "" {
		return false
	}
	if j, ok := p.ids[frag]; ok && j < i {
		// A link back to an earlier marker is a note's back link.
		tt := &p.toks[j]
		if tt.name == "sup" || (tt.name == "a" && fragment(tt.attr("href")) != "") {
			return false
		}
	}
	if isNoteRefAttr(t) {
		return true
	}
	label := strings.TrimSpace(html.UnescapeString(p.innerRaw(i, "a")))
	if !markerLike(label) {
		return false
	}
	if inSup || p.wrapsSup(i) {
		return true
	}
	if j, ok := p.ids[frag]; ok && noteAttrs(&p.toks[j]) {
		return true
	}
	return noteName(frag)
}

// wrapsSup says whether the <a> at token i holds a <sup>.
func (p *htmlParser) wrapsSup(i int) bool {
	for j := i + 1; j < len(p.toks) && j < i+8; j++ {
		t := &p.toks[j]
		if t.name == "a" && t.typ == html.EndTagToken {
			return false
		}
		if t.name == "sup" && t.typ == html.StartTagToken {
			return true
		}
	}
	return false
}

// innerRaw returns the text tokens' raw bytes inside the element whose
// start tag is token i (at most a few tokens ahead).
func (p *htmlParser) innerRaw(i int, name string) string {
	var sb strings.Builder
	depth := 0
	for j := i + 1; j < len(p.toks) && j < i+40; j++ {
		t := &p.toks[j]
		switch t.typ {
		case html.TextToken:
			sb.WriteString(p.s[t.start:t.end])
		case html.StartTagToken:
			if t.name == name {
				depth++
			}
		case html.EndTagToken:
			if t.name == name {
				if depth == 0 {
					return sb.String()
				}
				depth--
			}
		}
	}
	return sb.String()
}

// matchEnd returns the index of the end tag closing the element started at
// token i, or -1.
func (p *htmlParser) matchEnd(i int, name string) int {
	depth := 0
	for j := i + 1; j < len(p.toks) && j < i+40; j++ {
		t := &p.toks[j]
		if t.name != name {
			continue
		}
		switch t.typ {
		case html.StartTagToken:
			depth++
		case html.EndTagToken:
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return -1
}

func fragment(href string) string {
	_, f, ok := strings.Cut(href, "#")
	if !ok {
		return ""
	}
	return f
}

var (
	markerRe    = regexp.MustCompile(`^(\[\s*)?\(?([0-9]{1,4}|[ivxlc]{1,6}|[a-z]|[*†‡§¶#]{1,3})\)?(\s*\])?$`)
	noteIDRe    = regexp.MustCompile(`(?i)^(_?ftn\d+|_?edn\d+|fn[-_:.]?[a-z]*\d+|fn|(foot|end|rear)?notes?[-_:.]?[a-z]*\d+|(foot|end|rear)notes?([-_:.].*)?|notes|cite[-_]note.*|sdfootnote\d+|sdendnote\d+|nt\d+)$`)
	noteClassRe = regexp.MustCompile(`(?i)^((foot|end|rear)notes?([-_].*)?|fn|notes|reflist|references)$`)
	refNameRe   = regexp.MustCompile(`(?i)ref|anc|back|return|call|mark`)
	leadNumRe   = regexp.MustCompile(`^\s*(?:[\[(]\s*([0-9]{1,4}|[a-z]|[ivxlc]{1,6}|[*†‡§¶]{1,3})\s*[\])]|([0-9]{1,4})(?:[.):]|\s)|([ivxlc]{1,6}|[a-z])[.)]\s|([*†‡§¶]{1,3}))`)
	digitsRe    = regexp.MustCompile(`[0-9]+`)
	datelineRe  = regexp.MustCompile(`(?i)date|issue|published|timestamp|byline`)
)

func markerLike(s string) bool { return markerRe.MatchString(strings.ToLower(s)) }

// noteName says whether an id names a footnote body.
func noteName(id string) bool {
	return id != "" && noteIDRe.MatchString(id) && !refNameRe.MatchString(id)
}

func isNoteRefAttr(t *hTok) bool {
	if hasWord(t.attr("epub:type"), "noteref") || hasWord(t.attr("role"), "doc-noteref") {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(t.attr("class"))) {
		switch c {
		case "noteref", "footnote-ref", "footnoteref", "fnref", "footnote-reference", "endnote-ref", "footnote-link", "fn-ref":
			return true
		}
	}
	return false
}

// noteAttrs says whether an element's own attributes make it a note (or a
// notes container).
func noteAttrs(t *hTok) bool {
	et := strings.ToLower(t.attr("epub:type"))
	for _, w := range []string{"footnote", "endnote", "rearnote", "footnotes", "endnotes", "rearnotes"} {
		if hasWord(et, w) {
			return true
		}
	}
	role := strings.ToLower(t.attr("role"))
	if hasWord(role, "doc-footnote") || hasWord(role, "doc-endnote") || hasWord(role, "doc-endnotes") {
		return true
	}
	if noteName(t.attr("id")) {
		return true
	}
	for _, c := range strings.Fields(t.attr("class")) {
		if noteClassRe.MatchString(c) && !refNameRe.MatchString(c) {
			return true
		}
	}
	return false
}

// containerAttrs says whether an element's attributes name a list of notes.
func containerAttrs(t *hTok) bool {
	et := strings.ToLower(t.attr("epub:type"))
	if hasWord(et, "footnotes") || hasWord(et, "endnotes") || hasWord(et, "rearnotes") {
		return true
	}
	if hasWord(strings.ToLower(t.attr("role")), "doc-endnotes") {
		return true
	}
	for _, v := range append(strings.Fields(t.attr("class")), t.attr("id")) {
		switch strings.ToLower(v) {
		case "footnotes", "endnotes", "notes", "rearnotes", "reflist", "references", "footnote-list", "endnote-list":
			return true
		}
	}
	return false
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

func primaryLang(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s, _, _ = strings.Cut(s, "-")
	s, _, _ = strings.Cut(s, "_")
	return strings.ToLower(s)
}

var (
	hiddenTags = set("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video", "select", "datalist", "head")
	voidTags   = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "frame")
	blockTags  = set("address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "legend", "listing", "xmp", "plaintext", "body", "frameset", "noframes", "option", "optgroup", "textarea")
	paraLike   = set("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "address", "figcaption", "caption", "summary", "legend", "listing", "xmp", "plaintext", "textarea", "option")
	headTags   = set("title", "meta", "link", "style", "script", "base", "noscript", "template", "head", "html")
	closesP    = set("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "listing", "xmp", "plaintext")
)

// maxHTMLDepth is how deep inline elements are tracked.
const maxHTMLDepth = 256

func set(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

// token handles token i and returns the index of the last token it used.
func (p *htmlParser) token(i int) int {
	t := &p.toks[i]
	switch t.typ {
	case html.TextToken:
		if p.hidden > 0 {
			return i
		}
		raw := p.s[t.start:t.end]
		if p.inHead {
			if strings.TrimSpace(raw) == "" {
				return i
			}
			p.closeTag("head")
		}
		p.text(t.start, raw)
	case html.StartTagToken, html.SelfClosingTagToken:
		return p.start(i)
	case html.EndTagToken:
		p.end(i)
	}
	return i
}

func (p *htmlParser) start(i int) int {
	t := &p.toks[i]
	name := t.name
	self := t.typ == html.SelfClosingTagToken
	p.meta.tag(t)
	if name == "title" && !p.gotTitle && !p.content {
		p.gotTitle = true
		if j := i + 1; j < len(p.toks) && p.toks[j].typ == html.TextToken {
			p.meta.title = strings.Join(strings.Fields(html.UnescapeString(p.s[p.toks[j].start:p.toks[j].end])), " ")
			i = j
		}
		if j := i + 1; j < len(p.toks) && p.toks[j].typ == html.EndTagToken && p.toks[j].name == "title" {
			i = j
		}
		return i
	}
	if p.inHead && !headTags[name] {
		p.closeTag("head")
	}
	if name == "body" {
		p.closeTag("head")
	}
	if name == "head" {
		if !self {
			p.inHead = true
			p.push(&hElem{name: name, tok: i, start: -1, hidden: true})
		}
		return i
	}
	if p.hidden > 0 || hiddenTags[name] || invisible(t) {
		if !self && !voidTags[name] {
			p.push(&hElem{name: name, tok: i, start: -1, hidden: true})
		}
		return i
	}
	switch name {
	case "br":
		p.sep(sepLine, t.start, t.end)
		return i
	case "hr":
		p.closeImplicit()
		p.sep(sepPara, t.start, t.end)
		return i
	case "li":
		p.closeUpTo("li", "ul", "ol", "menu", "dir")
	case "dt", "dd":
		p.closeUpTo("dt", "dl")
		p.closeUpTo("dd", "dl")
	case "td", "th":
		p.closeUpTo("td", "tr", "table")
		p.closeUpTo("th", "tr", "table")
	case "tr":
		p.closeUpTo("tr", "table")
	case "option":
		p.closeUpTo("option", "select")
	}
	if closesP[name] {
		p.closeUpTo("p", "div", "td", "th", "li", "blockquote", "section", "article", "body", "table")
	}
	if voidTags[name] {
		return i
	}
	if len(p.stack) >= maxHTMLDepth && !blockTags[name] {
		// Past this depth (unclosed <font>s, say) inline elements are not
		// tracked, so that the reader stays linear.
		return i
	}
	e := &hElem{name: name, tok: i, start: -1, block: blockTags[name]}
	if e.block {
		p.closeImplicit()
		p.sep(sepPara, t.start, t.end)
		e.container = containerAttrs(t)
		e.noteAttr = noteAttrs(t) && !e.container
		if e.noteAttr || p.refTargets[t.attr("id")] {
			e.noteAttr = true
			e.noteID = t.attr("id")
		}
		if name == "li" {
			if l := p.nearest("ol", "ul", "menu", "dir"); l != nil {
				l.items++
				e.ordinal = l.items
				if v, err := strconv.Atoi(p.toks[l.tok].attr("start")); err == nil && p.toks[l.tok].name == "ol" {
					e.ordinal = v + l.items - 1
				}
			}
			if v, err := strconv.Atoi(t.attr("value")); err == nil {
				e.ordinal = v
			}
		}
	} else {
		// An inline anchor that a note ref points to makes its block a note.
		id := t.attr("id")
		if id == "" && name == "a" {
			id = t.attr("name")
		}
		if id != "" && p.refTargets[id] {
			if bl := p.nearestBlock(); bl != nil && !bl.container {
				bl.noteAttr = true
				if bl.noteID == "" {
					bl.noteID = id
				}
			}
		}
		switch name {
		case "a":
			if p.refLinks[i] {
				e.noteRef = true
				e.target = fragment(t.attr("href"))
			} else if p.inNote() && fragment(t.attr("href")) != "" {
				label := strings.TrimSpace(html.UnescapeString(p.innerRaw(i, "a")))
				if isBackLabel(label) {
					// A back link (↩) is not part of the note: drop it.
					if j := p.matchEnd(i, "a"); j > i {
						return j
					}
				}
			}
		case "sup":
			if !p.linked && !self {
				label := strings.TrimSpace(html.UnescapeString(p.innerRaw(i, "sup")))
				if markerLike(label) && !p.exponent(label) && !p.inNote() {
					e.noteRef = true
				}
			}
		case "q":
			e.quote = true
		case "time":
			if p.dateline == "" {
				p.dateline = isoDate(t.attr("datetime"))
			}
		}
	}
	if self {
		if e.block {
			p.sep(sepPara, t.start, t.end)
		}
		return i
	}
	p.push(e)
	switch name {
	case "pre", "listing", "xmp", "textarea", "plaintext":
		p.pre++ // undone in pop
	}
	if e.quote {
		p.emit(t.start, t.end, openQuote(p.lang))
	}
	return i
}

// invisible says whether an element's attributes hide it: hidden,
// style display:none or visibility:hidden.
func invisible(t *hTok) bool {
	if t.has("hidden") {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(t.attr("style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// exponent says whether a superscript label right after the text so far
// reads as a unit's power (m², km³) or an ordinal's ending (XIVᵉ, 1ᵒ)
// rather than a note.
func (p *htmlParser) exponent(label string) bool {
	out := p.b.String()
	if out == "" || p.pend != sepNone {
		return false
	}
	c := out[len(out)-1]
	switch {
	case label == "2" || label == "3":
		return c >= 'a' && c <= 'z'
	case len(label) == 1 && isAlpha(label[0]):
		// an ordinal's ending: XIVe siècle, 1o, 2d
		return isDigit(c) || strings.IndexByte("IVXLCM", c) >= 0
	}
	return false
}

func isBackLabel(s string) bool {
	switch strings.ToLower(strings.Trim(s, " []()")) {
	case "↩", "↩︎", "↑", "^", "⤴", "⮐", "back", "return", "retour", "zurück", "назад", "top", "↵", "⬆", "↥":
		return true
	}
	return s == ""
}

func openQuote(lang string) string {
	switch lang {
	case "fr", "ru":
		return "«"
	case "de":
		return "„"
	}
	return "“"
}

func closeQuote(lang string) string {
	switch lang {
	case "fr", "ru":
		return "»"
	case "de":
		return "“"
	}
	return "”"
}

func (p *htmlParser) end(i int) {
	t := &p.toks[i]
	name := t.name
	if name == "br" {
		p.sep(sepLine, t.start, t.end)
		return
	}
	if name == "p" && p.nearestIdx("p") < 0 && p.hidden == 0 {
		// A stray </p> is an empty paragraph.
		p.sep(sepPara, t.start, t.end)
		return
	}
	j := p.nearestIdx(name)
	if j < 0 {
		return
	}
	if p.stack[j].quote && p.hidden == 0 {
		// close what is inside, then write the closing mark
		for len(p.stack) > j+1 {
			p.pop()
		}
		p.emit(t.start, t.end, closeQuote(p.lang))
	}
	for len(p.stack) > j {
		e := p.pop()
		if e.block {
			p.sep(sepPara, t.start, t.end)
		}
	}
	if name == "head" {
		p.inHead = false
	}
}

func (p *htmlParser) closeTag(name string) {
	j := p.nearestIdx(name)
	if j < 0 {
		if name == "head" {
			p.inHead = false
		}
		return
	}
	for len(p.stack) > j {
		p.pop()
	}
	if name == "head" {
		p.inHead = false
	}
}

// closeUpTo closes an open element name unless one of the stop elements
// is nearer.
func (p *htmlParser) closeUpTo(name string, stop ...string) {
	for j := len(p.stack) - 1; j >= 0; j-- {
		n := p.stack[j].name
		if n == name {
			for len(p.stack) > j {
				p.pop()
			}
			return
		}
		for _, s := range stop {
			if n == s {
				return
			}
		}
	}
}

func (p *htmlParser) closeImplicit() {
	for j := len(p.stack) - 1; j >= 0; j-- {
		if p.stack[j].implicit {
			for len(p.stack) > j {
				p.pop()
			}
			return
		}
		if p.stack[j].block {
			return
		}
	}
}

func (p *htmlParser) nearestIdx(name string) int {
	for j := len(p.stack) - 1; j >= 0; j-- {
		if p.stack[j].name == name {
			return j
		}
	}
	return -1
}

func (p *htmlParser) nearest(names ...string) *hElem {
	for j := len(p.stack) - 1; j >= 0; j-- {
		for _, n := range names {
			if p.stack[j].name == n {
				return p.stack[j]
			}
		}
	}
	return nil
}

func (p *htmlParser) nearestBlock() *hElem {
	for j := len(p.stack) - 1; j >= 0; j-- {
		if p.stack[j].block {
			return p.stack[j]
		}
	}
	return nil
}

func (p *htmlParser) inNote() bool {
	for _, e := range p.stack {
		if e.noteAttr {
			return true
		}
	}
	return false
}

func (p *htmlParser) push(e *hElem) {
	if e.hidden {
		p.hidden++
	}
	if e.start >= 0 && p.unset == len(p.stack) {
		p.unset++
	}
	p.stack = append(p.stack, e)
}

// pop closes the top element and records its block.
func (p *htmlParser) pop() *hElem {
	n := len(p.stack) - 1
	e := p.stack[n]
	p.stack = p.stack[:n]
	if p.unset > n {
		p.unset = n
	}
	if e.hidden {
		p.hidden--
		return e
	}
	switch e.name {
	case "pre", "listing", "xmp", "textarea", "plaintext":
		p.pre--
	}
	if e.start < 0 {
		return e
	}
	span := quellen.Span{Start: e.start, End: p.b.Len()}
	if b := p.record(e, span); b != nil {
		p.blocks = append(p.blocks, *b)
		if b.Kind == "note" {
			for _, a := range p.stack {
				a.notes++
			}
		}
	}
	return e
}

// record makes the block of a closed element, or nil.
func (p *htmlParser) record(e *hElem, span quellen.Span) *Block {
	out := p.b.String()
	trim := func(s quellen.Span) quellen.Span {
		for s.End > s.Start && isHSpace(out[s.End-1]) {
			s.End--
		}
		for s.Start < s.End && isHSpace(out[s.Start]) {
			s.Start++
		}
		return s
	}
	if e.noteRef {
		span = trim(span)
		if span.Len() == 0 {
			return nil
		}
		label := out[span.Start:span.End]
		a := quellen.Attrs{"number": markerNumber(label)}
		if e.target != "" {
			a["target"] = e.target
		}
		return &Block{Kind: "note_ref", Span: span, Attrs: a}
	}
	if e.quote {
		a := quellen.Attrs{}
		if e.tok >= 0 {
			t := &p.toks[e.tok]
			for _, k := range []string{"who", "data-who", "data-speaker"} {
				if v := t.attr(k); v != "" {
					a["who"] = v
					break
				}
			}
		}
		if len(a) == 0 {
			a = nil
		}
		return &Block{Kind: "quote", Span: span, Attrs: a}
	}
	if !e.block && !e.implicit {
		return nil
	}
	span = trim(span)
	if span.Len() == 0 {
		return nil
	}
	body := out[span.Start:span.End]
	if p.isNote(e, body) {
		a := quellen.Attrs{}
		num := ""
		if n := leadNumber(body); n != "" {
			num = n
		} else if e.ordinal > 0 {
			num = strconv.Itoa(e.ordinal)
		} else if d := digitsRe.FindAllString(e.noteID, -1); len(d) > 0 {
			num = d[len(d)-1]
		}
		if num != "" {
			a["number"] = num
		}
		id := e.noteID
		if id == "" && e.tok >= 0 {
			id = p.toks[e.tok].attr("id")
		}
		if id != "" {
			a["id"] = id
		}
		return &Block{Kind: "note", Span: span, Attrs: a}
	}
	if e.container {
		return nil
	}
	var a quellen.Attrs
	if e.tok >= 0 {
		t := &p.toks[e.tok]
		if c := strings.TrimSpace(t.attr("class")); c != "" {
			a = quellen.Attrs{"class": c}
		}
		if p.dateline == "" && datelineRe.MatchString(t.attr("class")+" "+t.attr("id")) {
			p.dateline = textDate(body)
		}
	}
	switch {
	case e.implicit, e.name == "p", e.name == "dt", e.name == "dd", e.name == "pre", e.name == "address",
		e.name == "figcaption", e.name == "caption", e.name == "summary", e.name == "legend", e.name == "listing", e.name == "xmp", e.name == "plaintext", e.name == "textarea":
		return &Block{Kind: "paragraph", Span: span, Attrs: a}
	case len(e.name) == 2 && e.name[0] == 'h' && e.name[1] >= '1' && e.name[1] <= '6':
		if a == nil {
			a = quellen.Attrs{}
		}
		a["level"] = int(e.name[1] - '0')
		return &Block{Kind: "heading", Span: span, Attrs: a}
	case e.name == "blockquote":
		return &Block{Kind: "blockquote", Span: span, Attrs: a}
	case e.name == "li":
		return &Block{Kind: "list_item", Span: span, Attrs: a}
	}
	return nil
}

// isNote decides whether a closed block is a footnote body.
func (p *htmlParser) isNote(e *hElem, body string) bool {
	if e.notes > 0 || e.container {
		return false
	}
	if e.noteAttr {
		return true
	}
	// An item of a notes container: a list item, or a block right inside
	// the container that starts with a number.
	for j := len(p.stack) - 1; j >= 0; j-- {
		a := p.stack[j]
		if !a.container {
			continue
		}
		if e.name == "li" {
			return true
		}
		direct := j == len(p.stack)-1
		return (direct || e.implicit) && leadNumRe.MatchString(body+" ")
	}
	return false
}

// leadNumber returns the number a note body starts with ("1." "[2]"
// "(3)" "a)" "*"), or "".
func leadNumber(body string) string {
	m := leadNumRe.FindStringSubmatch(body + " ")
	for _, g := range m[min(1, len(m)):] {
		if g != "" {
			return g
		}
	}
	return ""
}

func markerNumber(label string) string {
	if d := digitsRe.FindString(label); d != "" {
		return d
	}
	return strings.Trim(label, " []()")
}

// started is called by the flow before each piece of content: it opens
// an implicit paragraph for bare text and gives every open element
// without a start the current position.
func (p *htmlParser) started() {
	p.content = true
	// Bare text in a container is an implicit paragraph, opened under the
	// inline elements that hold the text.
	k := len(p.stack)
	for k > 0 && !p.stack[k-1].block && !p.stack[k-1].implicit {
		k--
	}
	if k == 0 || (!p.stack[k-1].implicit && !paraLike[p.stack[k-1].name]) {
		p.stack = append(p.stack, nil)
		copy(p.stack[k+1:], p.stack[k:])
		p.stack[k] = &hElem{name: "#p", tok: -1, start: -1, implicit: true}
		p.unset = min(p.unset, k)
	}
	for _, e := range p.stack[p.unset:] {
		if e.start < 0 {
			e.start = p.b.Len()
		}
	}
	p.unset = len(p.stack)
}
