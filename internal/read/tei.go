package read

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// TEI reads TEI P5 XML. A file that is not well-formed XML is an
// InputError "xml.malformed" whose message gives the line. Source is the
// raw file; Text is the text of <text> (front, body, back), whitespace
// collapsed, one block a paragraph: p, ab, head (heading), item
// (list_item), l (lines of an lg, one a line), quote and cit set off as
// blocks (blockquote), sp, speaker, stage, label, cell, the title page's
// parts.
//
// Notes are moved: the text of each <note> is taken out of the sentence
// it interrupts and placed after the body (Builder.Skip, then Append), as
// a note block (Attrs "number": @n or the note's place in the sequence,
// "place", "id", "type"). Where an inline note stood, the reader writes
// its number as a marker, mapped to the note's start tag: a note_ref
// block whose text is the number (Attrs "number", "target"). A note that
// points at its anchor (@target), or that sits in <back>, gets no marker;
// a <ref target="#id"> to a note is then its note_ref.
//
// Inline blocks: quote (q, said, quote and cit inside a paragraph; Attrs
// "who"), date (Attrs "when", "from", "to", "notBefore", "notAfter"),
// entity (persName, placeName, orgName, name; Attrs "type" person, place,
// org, "ref", "key"). The teiHeader gives Meta.
type TEI struct{}

func init() { Register("tei", TEI{}) }

type xTok struct {
	kind       int // 0 text, 1 start, 2 end, 3 other
	start, end int
	name       string
	attrs      map[string]string
	data       string // decoded character data
	cdata      bool
}

const (
	xText = iota
	xStart
	xEnd
	xOther
)

// xmlTokens reads every token of s with its byte range; the error is a
// syntax error with its line.
func xmlTokens(s string) ([]xTok, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	var toks []xTok
	prev := int64(0)
	for {
		t, err := d.Token()
		off := d.InputOffset()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		xt := xTok{start: int(prev), end: int(off)}
		switch t := t.(type) {
		case xml.StartElement:
			xt.kind = xStart
			xt.name = t.Name.Local
			if len(t.Attr) > 0 {
				xt.attrs = make(map[string]string, len(t.Attr))
				for _, a := range t.Attr {
					k := a.Name.Local
					if a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
						k = "xml:" + k
					}
					xt.attrs[k] = a.Value
				}
			}
		case xml.EndElement:
			xt.kind = xEnd
			xt.name = t.Name.Local
		case xml.CharData:
			xt.kind = xText
			xt.data = string(t)
			xt.cdata = strings.HasPrefix(s[xt.start:xt.end], "<![CDATA[")
		default:
			xt.kind = xOther
		}
		toks = append(toks, xt)
		prev = off
	}
	return toks, nil
}

// Read implements Reader.
func (TEI) Read(name string, data []byte, opts Options) (*Result, error) {
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	dec, m0, probs := decodeDeclared(name, data)
	toks, err := xmlTokens(dec)
	if err != nil {
		line := 0
		if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
			line = se.Line
		}
		return nil, &quellen.InputError{Path: name, Code: "xml.malformed", Err: fmt.Errorf("not well-formed XML at line %d: %w", line, err)}
	}
	p := &teiParser{flow: flow{s: dec, b: text.NewBuilder(dec)}, toks: toks}
	p.onContent = p.started
	out, m1, blocks := p.run()
	r := &Result{Format: "tei", Source: string(data), Text: out, Map: compose(m0, m1), Blocks: blocks, Problems: probs}
	r.Meta = teiMeta(toks)
	return r, nil
}

type tElem struct {
	name   string
	tok    int
	start  int // output offset of its first content, -1 before any
	kind   string
	attrs  quellen.Attrs
	hidden bool
	note   int // index into notes, for a note element; -1 otherwise
}

// teiNote is a note taken out of the text: its span in the first-pass
// output, to be moved after the body.
type teiNote struct {
	span  quellen.Span
	attrs quellen.Attrs
	ref   int // index of its note_ref block, or -1
}

type teiParser struct {
	flow
	toks   []xTok
	stack  []*tElem
	unset  int
	blocks []Block // first-pass spans
	notes  []teiNote
	noteID map[string]int    // xml:id of a note -> its number in notes order (1-based)
	noteNs map[string]string // xml:id of a note -> its @n
	inText bool
	seq    int
}

var (
	teiContainers = set("text", "front", "body", "back", "group", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7",
		"list", "listBibl", "lg", "sp", "table", "row", "titlePage", "docTitle", "opener", "closer", "argument", "epigraph",
		"floatingText", "figure", "listPerson", "listPlace", "listOrg", "castList", "spGrp")
	teiParas = set("p", "ab", "head", "item", "label", "speaker", "stage", "cell", "titlePart", "byline", "docImprint",
		"docDate", "dateline", "salute", "signed", "trailer", "l", "docAuthor", "castItem", "caption")
	teiMaybeBlock = set("quote", "cit", "bibl", "biblStruct", "said", "q")
	teiHidden     = set("teiHeader", "fw", "del", "figDesc", "interp", "interpGrp", "index", "facsimile", "standOff", "sourceDoc", "rdg", "surplus", "metamark")
	teiChoiceHide = set("orig", "abbr", "sic")
)

func (p *teiParser) hasText() bool {
	for _, t := range p.toks {
		if t.kind == xStart && t.name == "text" {
			return true
		}
	}
	return false
}

func (p *teiParser) run() (string, *text.Map, []Block) {
	p.noteID = map[string]int{}
	p.noteNs = map[string]string{}
	n := 0
	for _, t := range p.toks {
		if t.kind == xStart && t.name == "note" {
			n++
			if id := t.attrs["xml:id"]; id != "" {
				p.noteID[id] = n
				p.noteNs[id] = t.attrs["n"]
			}
		}
	}
	whole := !p.hasText()
	for i := range p.toks {
		t := &p.toks[i]
		if !p.inText && !whole {
			if t.kind == xStart && t.name == "text" {
				p.inText = true
			} else {
				continue
			}
		}
		switch t.kind {
		case xText:
			if p.hiddenNow() {
				continue
			}
			if t.cdata {
				raw := p.s[t.start:t.end]
				inner := strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
				if strings.TrimSpace(inner) != "" {
					p.flush()
					p.b.Delete(t.start + 9)
					p.b.CopyTo(t.start + 9 + len(inner))
				}
				continue
			}
			p.text(t.start, p.s[t.start:t.end])
		case xStart:
			p.open(i)
		case xEnd:
			p.close(i)
			if t.name == "text" && !whole && p.nearestIdx("text") < 0 {
				p.inText = false
			}
		}
	}
	for len(p.stack) > 0 {
		p.pop()
	}
	p.b.Delete(len(p.s))
	mid, m1 := p.b.Finish()

	// Second pass: move the notes after the body.
	b2 := text.NewBuilder(mid)
	order := make([]int, len(p.notes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p.notes[order[a]].span.Start < p.notes[order[b]].span.Start })
	for _, i := range order {
		sp := p.notes[i].span
		if sp.Start < b2.Pos() {
			continue // inside another note
		}
		b2.CopyTo(sp.Start)
		b2.Skip(sp.End)
	}
	b2.CopyTo(len(mid))
	type moved struct {
		note int
		span quellen.Span
	}
	var placed []moved
	for _, i := range order {
		sp := p.notes[i].span
		if sp.Len() == 0 {
			continue
		}
		if len(placed) > 0 && sp.Start < placed[len(placed)-1].span.End {
			continue
		}
		if b2.Len() > 0 {
			b2.Insert("\n\n")
		}
		b2.Append(sp.Start, sp.End)
		placed = append(placed, moved{i, sp})
	}
	out, m2 := b2.Finish()

	var blocks []Block
	for _, bl := range p.blocks {
		// A block that ends with a note ends where the note was taken out.
		for k := len(placed) - 1; k >= 0; k-- {
			ns := placed[k].span
			if bl.Span.Start < ns.Start && ns.Start < bl.Span.End && bl.Span.End <= ns.End {
				bl.Span.End = ns.Start
			}
		}
		s, e := m2.OutSpan(bl.Span.Start, bl.Span.End)
		if e > s {
			bl.Span = quellen.Span{Start: s, End: e}
			blocks = append(blocks, bl)
		}
	}
	for _, pl := range placed {
		off := m2.Out(pl.span.Start)
		blocks = append(blocks, Block{Kind: "note", Span: quellen.Span{Start: off, End: off + pl.span.Len()}, Attrs: p.notes[pl.note].attrs})
	}
	sort.SliceStable(blocks, func(i, j int) bool {
		if blocks[i].Span.Start != blocks[j].Span.Start {
			return blocks[i].Span.Start < blocks[j].Span.Start
		}
		return blocks[i].Span.End > blocks[j].Span.End
	})
	return out, m1.Then(m2), blocks
}

func (p *teiParser) hiddenNow() bool {
	return len(p.stack) > 0 && p.stack[len(p.stack)-1].hidden
}

func (p *teiParser) nearestIdx(name string) int {
	for j := len(p.stack) - 1; j >= 0; j-- {
		if p.stack[j].name == name {
			return j
		}
	}
	return -1
}

// inPara says whether the innermost block open is paragraph-like.
func (p *teiParser) inPara() bool {
	for j := len(p.stack) - 1; j >= 0; j-- {
		e := p.stack[j]
		if e.note >= 0 {
			return true
		}
		if teiParas[e.name] || e.kind == "blockquote" {
			return true
		}
		if teiContainers[e.name] {
			return false
		}
	}
	return false
}

func (p *teiParser) open(i int) {
	t := &p.toks[i]
	e := &tElem{name: t.name, tok: i, start: -1, note: -1}
	if p.hiddenNow() {
		e.hidden = true
		p.push(e)
		return
	}
	parent := ""
	if len(p.stack) > 0 {
		parent = p.stack[len(p.stack)-1].name
	}
	switch {
	case teiHidden[t.name], teiChoiceHide[t.name] && parent == "choice", t.name == "note" && p.insideNote():
		// A note inside a note stays in its note; other hidden parts go.
		if t.name != "note" {
			e.hidden = true
		}
	case t.name == "note":
		p.seq++
		a := quellen.Attrs{}
		num := strings.TrimSpace(t.attrs["n"])
		if num == "" {
			num = strconv.Itoa(p.seq)
		}
		a["number"] = num
		for _, k := range []string{"place", "type"} {
			if v := t.attrs[k]; v != "" {
				a[k] = v
			}
		}
		if id := t.attrs["xml:id"]; id != "" {
			a["id"] = id
		}
		ref := -1
		if t.attrs["target"] == "" && p.nearestIdx("back") < 0 {
			// the marker, written where the note stood
			p.flush()
			st := p.b.Len()
			p.b.Replace(t.start, t.end, num)
			ref = len(p.blocks)
			p.blocks = append(p.blocks, Block{Kind: "note_ref", Span: quellen.Span{Start: st, End: p.b.Len()}, Attrs: quellen.Attrs{"number": num, "target": a["id"]}})
			if a["id"] == nil {
				p.blocks[ref].Attrs["target"] = nil
			}
		}
		e.note = len(p.notes)
		p.notes = append(p.notes, teiNote{span: quellen.Span{Start: -1, End: -1}, attrs: a, ref: ref})
		// The note's text starts without a separator: it will be moved.
		p.pend = sepNone
		p.noSep = true
	case t.name == "lb":
		if t.attrs["break"] != "no" {
			p.sep(sepSpace, t.start, t.end)
		}
	case t.name == "pb" || t.name == "cb" || t.name == "milestone":
		p.sep(sepSpace, t.start, t.end)
	case t.name == "l":
		e.kind = "line"
		p.sep(sepLine, t.start, t.end)
	case teiParas[t.name]:
		e.kind = "paragraph"
		switch t.name {
		case "head", "titlePart":
			e.kind = "heading"
		case "item":
			e.kind = "list_item"
		}
		p.sep(sepPara, t.start, t.end)
	case teiMaybeBlock[t.name]:
		if p.inPara() {
			if t.name == "q" || t.name == "quote" || t.name == "said" {
				e.kind = "quote"
			}
		} else {
			e.kind = "blockquote"
			if t.name == "bibl" || t.name == "biblStruct" {
				e.kind = "paragraph"
			}
			p.sep(sepPara, t.start, t.end)
		}
		if e.kind == "quote" || e.kind == "blockquote" {
			if who := t.attrs["who"]; who != "" {
				e.attrs = quellen.Attrs{"who": strings.TrimPrefix(who, "#")}
			}
		}
	case teiContainers[t.name]:
		p.sep(sepPara, t.start, t.end)
		if t.name == "lg" {
			e.kind = "paragraph"
			e.attrs = quellen.Attrs{"verse": true}
		}
	case t.name == "date":
		e.kind = "date"
		e.attrs = quellen.Attrs{}
		for _, k := range []string{"when", "from", "to", "notBefore", "notAfter"} {
			if v := t.attrs[k]; v != "" {
				e.attrs[k] = v
			}
		}
	case t.name == "persName" || t.name == "placeName" || t.name == "orgName" || t.name == "name" || t.name == "geogName":
		e.kind = "entity"
		typ := map[string]string{"persName": "person", "placeName": "place", "geogName": "place", "orgName": "org"}[t.name]
		if t.name == "name" {
			switch t.attrs["type"] {
			case "person", "pers", "persName":
				typ = "person"
			case "place", "placeName":
				typ = "place"
			case "org", "organisation", "organization", "orgName":
				typ = "org"
			default:
				typ = "other"
			}
		}
		e.attrs = quellen.Attrs{"type": typ}
		for _, k := range []string{"ref", "key"} {
			if v := t.attrs[k]; v != "" {
				e.attrs[k] = v
			}
		}
	case t.name == "ref" || t.name == "ptr":
		if tg := strings.TrimPrefix(t.attrs["target"], "#"); p.noteID[tg] > 0 {
			e.kind = "note_ref"
			num := strconv.Itoa(p.noteID[tg])
			if n := p.noteN(tg); n != "" {
				num = n
			}
			e.attrs = quellen.Attrs{"number": num, "target": tg}
		}
	}
	p.push(e)
}

// noteN returns the @n of the note with this xml:id.
func (p *teiParser) noteN(id string) string { return p.noteNs[id] }

func (p *teiParser) insideNote() bool {
	for _, e := range p.stack {
		if e.note >= 0 {
			return true
		}
	}
	return false
}

func (p *teiParser) push(e *tElem) {
	p.stack = append(p.stack, e)
}

func (p *teiParser) close(i int) {
	t := &p.toks[i]
	j := p.nearestIdx(t.name)
	if j < 0 {
		return
	}
	for len(p.stack) > j {
		e := p.pop()
		if e.note >= 0 {
			// what the note asked for stays with it
			p.pend, p.noSep = sepNone, false
		} else if !e.hidden && (e.kind == "paragraph" || e.kind == "heading" || e.kind == "list_item" || e.kind == "blockquote" || teiContainers[e.name]) {
			p.sep(sepPara, t.start, t.end)
		}
	}
}

func (p *teiParser) pop() *tElem {
	n := len(p.stack) - 1
	e := p.stack[n]
	p.stack = p.stack[:n]
	if p.unset > n {
		p.unset = n
	}
	if e.hidden || e.start < 0 {
		if e.note >= 0 {
			// an empty note keeps no text
			p.notes[e.note].span = quellen.Span{Start: p.b.Len(), End: p.b.Len()}
		}
		return e
	}
	span := quellen.Span{Start: e.start, End: p.b.Len()}
	if e.note >= 0 {
		p.notes[e.note].span = span
		return e
	}
	switch e.kind {
	case "", "line":
		return e
	}
	p.blocks = append(p.blocks, Block{Kind: e.kind, Span: span, Attrs: e.attrs})
	return e
}

// started gives every open element without a start the current position.
func (p *teiParser) started() {
	for _, e := range p.stack[min(p.unset, len(p.stack)):] {
		if e.start < 0 {
			e.start = p.b.Len()
		}
	}
	p.unset = len(p.stack)
}

// teiMeta reads the teiHeader.
func teiMeta(toks []xTok) quellen.Metadata {
	var md quellen.Metadata
	var path []string
	var authors, translators []string
	publisher := ""
	in := func(names ...string) bool {
		k := 0
		for _, n := range path {
			if k < len(names) && n == names[k] {
				k++
			}
		}
		return k == len(names)
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		switch t.kind {
		case xStart:
			if len(path) == 0 && t.name == "TEI" || t.name == "text" && md.Language == "" {
				if l := t.attrs["xml:lang"]; l != "" && md.Language == "" {
					md.Language = primaryLang(l)
				}
			}
			path = append(path, t.name)
			if !in("teiHeader") {
				if t.name == "text" {
					return finishMeta(md, authors, translators, publisher)
				}
				continue
			}
			switch {
			case t.name == "title" && in("titleStmt", "title") && !in("sourceDesc"):
				if md.Title == "" || t.attrs["type"] == "main" {
					md.Title = elemText(toks, i)
				}
			case t.name == "author" && in("titleStmt", "author") && !in("sourceDesc"):
				authors = append(authors, elemText(toks, i))
			case t.name == "editor" && in("titleStmt") && isTranslatorRole(t.attrs["role"]):
				translators = append(translators, elemText(toks, i))
			case t.name == "respStmt" && in("titleStmt"):
				if resp, nm := respStmt(toks, i); isTranslatorRole(resp) && nm != "" {
					translators = append(translators, nm)
				}
			case t.name == "date" && in("publicationStmt", "date"):
				if md.Published == "" {
					md.Published = teiDate(t, elemText(toks, i))
				}
			case t.name == "publisher" && in("publicationStmt") && publisher == "":
				publisher = elemText(toks, i)
			case t.name == "idno" && (strings.EqualFold(t.attrs["type"], "URI") || strings.EqualFold(t.attrs["type"], "URL")):
				if md.URL == "" {
					md.URL = elemText(toks, i)
				}
			case (t.name == "bibl" || t.name == "biblStruct" || t.name == "biblFull") && in("sourceDesc") && md.Source == "":
				md.Source = elemText(toks, i)
				for j := i + 1; j < len(toks) && j < i+400; j++ {
					if toks[j].kind == xEnd && toks[j].name == t.name {
						break
					}
					if toks[j].kind == xStart && toks[j].name == "date" && md.Date == "" {
						md.Date = teiDate(&toks[j], elemText(toks, j))
					}
					if toks[j].kind == xStart && toks[j].name == "textLang" && md.OriginalLanguage == "" {
						md.OriginalLanguage = primaryLang(toks[j].attrs["mainLang"])
					}
				}
			case t.name == "date" && (in("profileDesc", "creation") || in("correspDesc", "correspAction")):
				// The date the document was written (or a letter sent), not
				// the date of the edition in publicationStmt.
				if md.Date == "" {
					md.Date = teiDate(t, elemText(toks, i))
				}
			case t.name == "language" && in("langUsage"):
				if md.Language == "" {
					md.Language = primaryLang(t.attrs["ident"])
				}
			case t.name == "abstract" && in("profileDesc"):
				md.Summary = elemText(toks, i)
			}
		case xEnd:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	return finishMeta(md, authors, translators, publisher)
}

func finishMeta(md quellen.Metadata, authors, translators []string, publisher string) quellen.Metadata {
	if md.Source == "" {
		md.Source = publisher
	}
	md.Author = strings.Join(nonEmpty(authors), "; ")
	md.Translator = strings.Join(nonEmpty(translators), "; ")
	if md.Date == "" {
		md.Date = md.Published
	}
	return md
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isTranslatorRole(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "transl") || strings.Contains(s, "trad") || strings.Contains(s, "trl") || strings.Contains(s, "übers") || strings.Contains(s, "перев")
}

// respStmt returns the resp and name of a respStmt at token i.
func respStmt(toks []xTok, i int) (resp, name string) {
	for j := i + 1; j < len(toks) && j < i+200; j++ {
		t := &toks[j]
		if t.kind == xEnd && t.name == "respStmt" {
			break
		}
		if t.kind == xStart && t.name == "resp" {
			resp = elemText(toks, j)
		}
		if t.kind == xStart && (t.name == "name" || t.name == "persName") && name == "" {
			name = elemText(toks, j)
		}
	}
	return resp, name
}

func teiDate(t *xTok, txt string) string {
	for _, k := range []string{"when", "when-iso"} {
		if v := isoDate(t.attrs[k]); v != "" {
			return v
		}
	}
	if f, to := isoDate(t.attrs["from"]), isoDate(t.attrs["to"]); f != "" && to != "" {
		return f + "/" + to
	}
	if f, to := isoDate(t.attrs["notBefore"]), isoDate(t.attrs["notAfter"]); f != "" && to != "" {
		return f + "/" + to
	}
	if v := isoDate(txt); v != "" {
		return v
	}
	return txt
}

// elemText returns the whitespace-normalised text of the element that
// starts at token i.
func elemText(toks []xTok, i int) string {
	var sb strings.Builder
	depth := 0
	for j := i + 1; j < len(toks); j++ {
		t := &toks[j]
		switch t.kind {
		case xText:
			sb.WriteString(t.data)
		case xStart:
			if t.name == "textLang" || t.name == "note" {
				// what a bibl says about its language or adds in a note is
				// not part of its text
				if k := skipElem(toks, j); k > j {
					j = k
					continue
				}
			}
			depth++
			sb.WriteByte(' ')
		case xEnd:
			if depth == 0 {
				return strings.Join(strings.Fields(sb.String()), " ")
			}
			depth--
			sb.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// skipElem returns the index of the end token of the element that starts
// at token i, or i when it has none.
func skipElem(toks []xTok, i int) int {
	depth := 0
	for j := i + 1; j < len(toks); j++ {
		switch toks[j].kind {
		case xStart:
			depth++
		case xEnd:
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return i
}
