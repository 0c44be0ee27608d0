package export

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// TEINS is the TEI namespace.
const TEINS = "http://www.tei-c.org/ns/1.0"

// TEIOptions tune a TEI export.
type TEIOptions struct {
	// Paras are the paragraphs of the document's clean text, in order; nil
	// splits the text at blank lines.
	Paras []quellen.Span
}

// TEI writes one document as TEI P5: a teiHeader from its metadata, a
// standOff with the people, bodies and places it names (quotations point
// at their speaker with @who, names at their entry with @ref) and the
// findings that could not be nested, and the repaired text in
// <text><body>, one <p> a paragraph, with the findings inline:
//
//	quote        <q who="#pers-…" xml:lang rend="block">, without its marks
//	scare_quote  <soCalled>
//	note_marker  <ref type="noteAnchor" target="#n3">
//	note         <note n="3" xml:id="n3">, without its number
//	reference    <bibl type> with <author>, <title>, <publisher>, <pubPlace>,
//	             <date>, <biblScope>, <idno> around the parts found in it
//	date         <date when | from to, cert="low" when approximate>
//	entity       <persName>, <orgName>, <placeName> (@ref), <name type> (@key)
//	number       <num value> or <measure quantity unit>, @atLeast/@atMost
//	stance       <seg type="stance" subtype="VERDICT">
//
// A finding that overlaps another without nesting in it, or runs over
// paragraphs, is written as a pair of <anchor>s in the text and a <span
// from to> in the standOff. The output is always well-formed.
func TEI(w io.Writer, d *quellen.Document, opts TEIOptions) error {
	t := newTEI(d, opts)
	bw := bufio.NewWriter(w)
	t.write(bw)
	return bw.Flush()
}

// teiEl is one element to place on the text.
type teiEl struct {
	sp       quellen.Span
	name     string
	attrs    [][2]string
	id       string
	rank     int  // among elements of the same span, the lower is outer
	prio     int  // where elements overlap, the lower stays inline
	optional bool // dropped, not stood off, when it cannot nest
	kind     string
	sub      string
	who      string // @ana of a stood-off span
	children []*teiEl
}

type teiAnchor struct {
	pos int
	id  string
}

type teiEntry struct{ id, name, kind string }

type teiWriter struct {
	d       *quellen.Document
	clean   string
	paras   []quellen.Span
	langs   []string
	entries map[string]*teiEntry // by kind+"\x00"+canonical name
	order   []*teiEntry
	ids     map[string]bool
	next    map[string]int // the last suffix given to an id's base
	roots   [][]*teiEl     // per paragraph
	anchors [][]teiAnchor
	spans   []*teiEl // stood off
	docLang string
}

var reBlank = regexp.MustCompile(`\n[ \t]*\n\s*`)

// splitParas returns the paragraphs of s: the runs between blank lines,
// without their surrounding white space.
func splitParas(s string) []quellen.Span {
	var out []quellen.Span
	add := func(a, b int) {
		for a < b && strings.ContainsRune(" \t\r\n", rune(s[a])) {
			a++
		}
		for b > a && strings.ContainsRune(" \t\r\n", rune(s[b-1])) {
			b--
		}
		if a < b {
			out = append(out, quellen.Span{Start: a, End: b})
		}
	}
	at := 0
	for _, m := range reBlank.FindAllStringIndex(s, -1) {
		add(at, m[0])
		at = m[1]
	}
	add(at, len(s))
	return out
}

func newTEI(d *quellen.Document, opts TEIOptions) *teiWriter {
	t := &teiWriter{d: d, clean: d.Clean, entries: map[string]*teiEntry{}, ids: map[string]bool{}, next: map[string]int{}, docLang: d.Meta.Language}
	paras := opts.Paras
	if paras == nil {
		paras = splitParas(d.Clean)
	}
	end := 0
	for _, p := range paras {
		if p.Start >= end && p.End <= len(d.Clean) && p.Start < p.End {
			t.paras = append(t.paras, p)
			end = p.End
		}
	}
	t.langs = make([]string, len(t.paras))
	t.roots = make([][]*teiEl, len(t.paras))
	t.anchors = make([][]teiAnchor, len(t.paras))
	t.build()
	return t
}

// id returns a fresh xml:id from base (an NCName).
func (t *teiWriter) id(base string) string {
	id := base
	for t.ids[id] {
		t.next[base]++
		id = base + "-" + strconv.Itoa(t.next[base]+1)
	}
	t.ids[id] = true
	return id
}

// slug makes a name into the tail of an NCName: letters and digits, the
// rest as single hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) ||
			r >= 0xC0 && r < 0x2000 && unicode.IsLetter(r) && r != 0xD7 && r != 0xF7 && r != 0x37E
		if ok {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

var entryPrefix = map[string]string{"person": "pers", "org": "org", "place": "place"}

// entry returns the standOff entry of a person, body or place, creating it.
func (t *teiWriter) entry(kind, name string) *teiEntry {
	name = strings.TrimSpace(name)
	if name == "" || entryPrefix[kind] == "" {
		return nil
	}
	k := kind + "\x00" + name
	if e, ok := t.entries[k]; ok {
		return e
	}
	base := entryPrefix[kind]
	if s := slug(name); s != "" {
		base += "-" + s
	}
	e := &teiEntry{id: t.id(base), name: name, kind: kind}
	t.entries[k] = e
	t.order = append(t.order, e)
	return e
}

// speaker returns the entry of who is quoted: a body or place of that
// name when the document names one, else a person.
func (t *teiWriter) speaker(name string) *teiEntry {
	name = strings.TrimSpace(name)
	for _, k := range []string{"person", "org", "place"} {
		if e, ok := t.entries[k+"\x00"+name]; ok {
			return e
		}
	}
	return t.entry("person", name)
}

var reISO = regexp.MustCompile(`^-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// build makes the elements of the findings and places them.
func (t *teiWriter) build() {
	d := t.d
	var els []*teiEl
	// Notes first, so that markers can point at them.
	type noteKey struct {
		number string
		line   int
	}
	notes := map[noteKey]string{}
	firstNote := map[string]string{}
	for _, f := range d.Findings {
		if f.Kind != quellen.KindNote {
			continue
		}
		n := text(f.Attrs["number"])
		base := "note"
		if s := slug(n); s != "" {
			base = "n" + s
		}
		el := &teiEl{sp: inner(t.clean, f), name: "note", id: t.id(base), rank: 0, kind: "note"}
		if n != "" {
			el.attrs = append(el.attrs, [2]string{"n", n})
			notes[noteKey{n, f.Line}] = el.id
			if _, ok := firstNote[n]; !ok {
				firstNote[n] = el.id
			}
		}
		els = append(els, el)
	}
	for _, f := range d.Findings {
		if f.Kind == quellen.KindEntity {
			t.entry(f.Attrs.String("type"), cmp.Or(strings.TrimSpace(f.Attrs.String("canonical")), f.Text))
		}
	}
	for _, f := range d.Findings {
		a := f.Attrs
		s := func(k string) string { return strings.TrimSpace(text(a[k])) }
		var el *teiEl
		switch f.Kind {
		case quellen.KindLanguage:
			if l := s("lang"); l != "" {
				if i := t.paraAt(f.Clean.Start); i >= 0 && t.langs[i] == "" {
					t.langs[i] = l
				}
			}
		case quellen.KindQuote:
			el = &teiEl{sp: inner(t.clean, f), name: "q", rank: 3, kind: "quote"}
			if e := t.speaker(s("speaker")); e != nil {
				el.attrs = append(el.attrs, [2]string{"who", "#" + e.id})
				el.who = "#" + e.id
			}
			if l := s("lang"); l != "" {
				el.attrs = append(el.attrs, [2]string{"xml:lang", l})
			}
			if b, _ := a["block"].(bool); b {
				el.attrs = append(el.attrs, [2]string{"rend", "block"})
			}
		case quellen.KindScareQuote:
			el = &teiEl{sp: inner(t.clean, f), name: "soCalled", rank: 4, kind: "scare_quote"}
		case quellen.KindNoteMarker:
			n := s("number")
			el = &teiEl{sp: f.Clean, name: "ref", rank: 9, kind: "note_marker", attrs: [][2]string{{"type", "noteAnchor"}}}
			target := firstNote[n]
			if nl, ok := a["note_line"].(int); ok {
				target = cmp.Or(notes[noteKey{n, nl}], target)
			} else if nl, ok := a["note_line"].(float64); ok {
				target = cmp.Or(notes[noteKey{n, int(nl)}], target)
			}
			if target != "" {
				el.attrs = append(el.attrs, [2]string{"target", "#" + target})
			}
			if n != "" {
				el.attrs = append(el.attrs, [2]string{"n", n})
			}
		case quellen.KindReference:
			el = &teiEl{sp: f.Clean, name: "bibl", rank: 1, kind: "reference"}
			if ty := s("type"); ty != "" {
				el.attrs = append(el.attrs, [2]string{"type", ty})
			}
			els = append(els, t.biblParts(f)...)
		case quellen.KindDate:
			el = &teiEl{sp: f.Clean, name: "date", rank: 6, kind: "date"}
			from, to := s("from"), s("to")
			switch {
			case reISO.MatchString(from) && (to == "" || to == from):
				el.attrs = append(el.attrs, [2]string{"when", from})
			case reISO.MatchString(from) && reISO.MatchString(to):
				el.attrs = append(el.attrs, [2]string{"from", from}, [2]string{"to", to})
			}
			if ap, _ := a["approx"].(bool); ap {
				el.attrs = append(el.attrs, [2]string{"cert", "low"})
			}
		case quellen.KindEntity:
			canon, ty := cmp.Or(s("canonical"), f.Text), s("type")
			el = &teiEl{sp: f.Clean, rank: 7, kind: "entity", sub: ty}
			switch ty {
			case "person", "org", "place":
				el.name = map[string]string{"person": "persName", "org": "orgName", "place": "placeName"}[ty]
				if e := t.entry(ty, canon); e != nil {
					el.attrs = append(el.attrs, [2]string{"ref", "#" + e.id})
				}
			default:
				el.name = "name"
				if ty != "" {
					el.attrs = append(el.attrs, [2]string{"type", ty})
				}
				if canon != "" {
					el.attrs = append(el.attrs, [2]string{"key", canon})
				}
			}
		case quellen.KindNumber:
			el = &teiEl{sp: f.Clean, name: "num", rank: 8, kind: "number"}
			v, vmax, unit := s("value"), s("value_max"), s("unit")
			if unit != "" {
				el.name = "measure"
				el.attrs = append(el.attrs, [2]string{"unit", unit})
				if v != "" {
					el.attrs = append(el.attrs, [2]string{"quantity", v})
				}
			} else if v != "" && vmax == "" {
				el.attrs = append(el.attrs, [2]string{"value", v})
			}
			if v != "" && vmax != "" {
				el.attrs = append(el.attrs, [2]string{"atLeast", v}, [2]string{"atMost", vmax})
			}
		case quellen.KindStance:
			el = &teiEl{sp: f.Clean, name: "seg", rank: 2, kind: "stance", attrs: [][2]string{{"type", "stance"}}}
			if v := s("verdict"); v != "" {
				el.attrs = append(el.attrs, [2]string{"subtype", v})
				el.sub = v
			}
		}
		if el != nil {
			els = append(els, el)
		}
	}
	t.place(els)
}

// biblParts are the parts of a reference found verbatim in its text.
func (t *teiWriter) biblParts(f quellen.Finding) []*teiEl {
	sp := f.Clean
	if sp.Start < 0 || sp.End > len(t.clean) || sp.Start >= sp.End {
		return nil
	}
	body := t.clean[sp.Start:sp.End]
	var taken []quellen.Span
	var out []*teiEl
	find := func(val string, from int) int {
		for at := from; at <= len(body); {
			i := strings.Index(body[at:], val)
			if i < 0 {
				return -1
			}
			s := quellen.Span{Start: at + i, End: at + i + len(val)}
			free := true
			for _, o := range taken {
				free = free && !o.Overlaps(s)
			}
			if free {
				return s.Start
			}
			at += i + 1
		}
		return -1
	}
	add := func(val, name string, attrs [][2]string, from int) int {
		val = strings.TrimSpace(val)
		if val == "" {
			return from
		}
		i := find(val, from)
		if i < 0 {
			return from
		}
		s := quellen.Span{Start: i, End: i + len(val)}
		taken = append(taken, s)
		out = append(out, &teiEl{sp: quellen.Span{Start: sp.Start + s.Start, End: sp.Start + s.End}, name: name, attrs: attrs, rank: 5, optional: true})
		return s.End
	}
	a := f.Attrs
	level := [][2]string{{"level", "m"}}
	if ty := a.String("type"); ty == "article" || ty == "newspaper" || ty == "chapter" {
		level = [][2]string{{"level", "a"}}
	}
	add(text(a["author"]), "author", nil, 0)
	add(text(a["title"]), "title", level, 0)
	clevel := "m"
	if ty := a.String("type"); ty == "article" || ty == "newspaper" {
		clevel = "j"
	}
	add(text(a["container"]), "title", [][2]string{{"level", clevel}}, 0)
	add(text(a["publisher"]), "publisher", nil, 0)
	add(text(a["place"]), "pubPlace", nil, 0)
	if y := text(a["year"]); reISO.MatchString(y) {
		add(y, "date", [][2]string{{"when", y}}, 0)
	}
	add(text(a["volume"]), "biblScope", [][2]string{{"unit", "volume"}}, 0)
	add(text(a["issue"]), "biblScope", [][2]string{{"unit", "issue"}}, 0)
	add(text(a["pages"]), "biblScope", [][2]string{{"unit", "page"}}, 0)
	if u := text(a["url"]); u != "" {
		add(u, "ptr", [][2]string{{"target", u}}, 0)
	}
	if ar := archive(a); ar != nil {
		at := add(ar["repository"], "orgName", [][2]string{{"role", "repository"}}, 0)
		for _, p := range archiveFields[1:] {
			at = add(ar[p], "idno", [][2]string{{"type", p}}, at)
		}
	}
	return out
}

// paraAt returns the paragraph holding offset off, or -1.
func (t *teiWriter) paraAt(off int) int {
	i, found := slices.BinarySearchFunc(t.paras, off, func(p quellen.Span, off int) int {
		switch {
		case p.End <= off:
			return -1
		case p.Start > off:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}

// place nests the elements in their paragraphs; those that cannot nest
// are stood off between anchors.
func (t *teiWriter) place(els []*teiEl) {
	slices.SortStableFunc(els, func(a, b *teiEl) int {
		return cmp.Or(cmp.Compare(a.sp.Start, b.sp.Start), cmp.Compare(b.sp.End, a.sp.End), cmp.Compare(a.rank, b.rank))
	})
	type spanName struct {
		sp   quellen.Span
		name string
	}
	have := map[spanName]bool{}
	for _, el := range els {
		if el.sp.Start >= 0 && el.sp.End <= len(t.clean) {
			el.sp = runeSpan(t.clean, el.sp)
		}
	}
	for _, el := range els {
		if !el.optional {
			have[spanName{el.sp, el.name}] = true
		}
	}
	els = slices.DeleteFunc(els, func(el *teiEl) bool { return el.optional && have[spanName{el.sp, el.name}] })
	// Which elements stay inline is decided in order of importance: an
	// element that overlaps one already kept without nesting is stood off
	// (or, if optional, dropped).
	prio := map[string]int{"note": 0, "reference": 1, "quote": 2, "scare_quote": 3, "note_marker": 4, "date": 5, "entity": 6, "number": 7, "stance": 8}
	for _, el := range els {
		el.prio = 9
		if p, ok := prio[el.kind]; ok {
			el.prio = p
		}
	}
	byPrio := slices.Clone(els)
	slices.SortStableFunc(byPrio, func(a, b *teiEl) int { return cmp.Compare(a.prio, b.prio) })
	kept := make([][]*teiEl, len(t.paras))
	inline := map[*teiEl]bool{}
	for _, el := range byPrio {
		if el.sp.Start < 0 || el.sp.End > len(t.clean) || el.sp.Start >= el.sp.End {
			continue
		}
		pi := t.paraAt(el.sp.Start)
		ok := pi >= 0 && el.sp.End <= t.paras[pi].End
		if ok {
			for _, o := range kept[pi] {
				if o.sp.Overlaps(el.sp) && (!o.sp.Contains(el.sp) && !el.sp.Contains(o.sp) || el.optional && o.name == el.name) {
					ok = false // a part of a reference is not put in a <date> or <title> of the same name
					break
				}
			}
		}
		if ok {
			kept[pi] = append(kept[pi], el)
			inline[el] = true
		} else if !el.optional {
			t.standOff(el)
		}
	}
	els = slices.DeleteFunc(els, func(el *teiEl) bool { return !inline[el] })
	stacks := make([][]*teiEl, len(t.paras))
	for _, el := range els {
		pi := t.paraAt(el.sp.Start)
		st := stacks[pi]
		for len(st) > 0 && st[len(st)-1].sp.End <= el.sp.Start {
			st = st[:len(st)-1]
		}
		if len(st) > 0 {
			p := st[len(st)-1]
			p.children = append(p.children, el)
		} else {
			t.roots[pi] = append(t.roots[pi], el)
		}
		stacks[pi] = append(st, el)
	}
	slices.SortStableFunc(t.spans, func(a, b *teiEl) int {
		return cmp.Or(cmp.Compare(a.sp.Start, b.sp.Start), cmp.Compare(b.sp.End, a.sp.End))
	})
	for i := range t.anchors {
		slices.SortStableFunc(t.anchors[i], func(a, b teiAnchor) int { return cmp.Compare(a.pos, b.pos) })
	}
}

// standOff puts an element that cannot nest between two anchors; its
// ends are moved into the nearest paragraph when they fall between them.
func (t *teiWriter) standOff(el *teiEl) {
	sp := el.sp
	si := slices.IndexFunc(t.paras, func(p quellen.Span) bool { return p.End > sp.Start })
	ei := -1
	for i := len(t.paras) - 1; i >= 0; i-- {
		if t.paras[i].Start < sp.End {
			ei = i
			break
		}
	}
	if si < 0 || ei < 0 || si > ei {
		return
	}
	start, end := max(sp.Start, t.paras[si].Start), min(sp.End, t.paras[ei].End)
	if el.id == "" {
		el.id = t.id(cmp.Or(el.kind, el.name))
	}
	from, to := t.id(el.id+"-start"), t.id(el.id+"-end")
	t.anchors[si] = append(t.anchors[si], teiAnchor{start, from})
	t.anchors[ei] = append(t.anchors[ei], teiAnchor{end, to})
	el.attrs = append(el.attrs, [2]string{"from", "#" + from}, [2]string{"to", "#" + to})
	t.spans = append(t.spans, el)
}

// xw writes XML by hand, escaping every text and attribute.
type xw struct {
	w   *bufio.Writer
	tmp bytes.Buffer
}

// text escapes character data, keeping line breaks and tabs as they are.
func (x *xw) text(s string) {
	last := 0
	for i, r := range s {
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '\r':
			rep = "&#xD;"
		case r == '\n' || r == '\t':
			continue
		case r == utf8.RuneError && strings.HasPrefix(s[i:], "\uFFFD"):
			continue
		case r == utf8.RuneError || !isXMLChar(r):
			rep = "\uFFFD"
		default:
			continue
		}
		x.w.WriteString(s[last:i])
		x.w.WriteString(rep)
		_, size := utf8.DecodeRuneInString(s[i:])
		last = i + size
	}
	x.w.WriteString(s[last:])
}

// isXMLChar reports whether r may stand in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// esc escapes an attribute value (line breaks as character references).
func (x *xw) esc(s string) {
	x.tmp.Reset()
	xml.EscapeText(&x.tmp, []byte(s))
	x.w.Write(x.tmp.Bytes())
}

func (x *xw) open(name string, attrs [][2]string, empty bool) {
	x.w.WriteByte('<')
	x.w.WriteString(name)
	for _, a := range attrs {
		x.w.WriteByte(' ')
		x.w.WriteString(a[0])
		x.w.WriteString(`="`)
		x.esc(a[1])
		x.w.WriteByte('"')
	}
	if empty {
		x.w.WriteString("/>")
	} else {
		x.w.WriteByte('>')
	}
}

func (x *xw) close(name string) {
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

// elem writes <name attrs>text</name> on its own line, or nothing when
// text is empty.
func (x *xw) elem(indent, name string, attrs [][2]string, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	x.w.WriteString(indent)
	x.open(name, attrs, false)
	x.esc(text)
	x.close(name)
	x.w.WriteByte('\n')
}

func (t *teiWriter) write(w *bufio.Writer) {
	x := &xw{w: w}
	m := t.d.Meta
	w.WriteString(xml.Header)
	x.open("TEI", [][2]string{{"xmlns", TEINS}}, false)
	w.WriteString("\n  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n")
	x.elem("        ", "title", nil, cmp.Or(m.Title, t.d.Name))
	x.elem("        ", "author", nil, m.Author)
	if m.Translator != "" {
		w.WriteString("        <respStmt>\n          <resp>translated by</resp>\n")
		x.elem("          ", "name", nil, m.Translator)
		w.WriteString("        </respStmt>\n")
	}
	w.WriteString("      </titleStmt>\n      <publicationStmt>\n        <p>Exported by quellen from ")
	x.esc(t.d.Name)
	w.WriteString("; the text is the repaired text its findings refer to.</p>\n      </publicationStmt>\n")
	w.WriteString("      <sourceDesc>\n        <bibl>\n")
	x.elem("          ", "author", nil, m.Author)
	x.elem("          ", "title", nil, m.Title)
	if m.Date != "" {
		var attrs [][2]string
		if from, to, ok := strings.Cut(m.Date, "/"); ok && reISO.MatchString(from) && reISO.MatchString(to) {
			attrs = [][2]string{{"from", from}, {"to", to}}
		} else if reISO.MatchString(m.Date) {
			attrs = [][2]string{{"when", m.Date}}
		}
		x.elem("          ", "date", attrs, m.Date)
	}
	if m.Published != "" && m.Published != m.Date {
		x.elem("          ", "date", [][2]string{{"type", "published"}}, m.Published)
	}
	x.elem("          ", "note", [][2]string{{"type", "source"}}, m.Source)
	if m.URL != "" {
		x.elem("          ", "ref", [][2]string{{"target", m.URL}}, m.URL)
	}
	if m.OriginalLanguage != "" && m.Translator != "" {
		x.elem("          ", "textLang", [][2]string{{"mainLang", m.OriginalLanguage}}, m.OriginalLanguage)
	}
	w.WriteString("        </bibl>\n      </sourceDesc>\n    </fileDesc>\n")
	var langs []string
	for _, l := range append([]string{t.docLang}, t.langs...) {
		if l != "" && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	if len(langs) > 0 || m.Summary != "" {
		w.WriteString("    <profileDesc>\n")
		if m.Summary != "" {
			w.WriteString("      <abstract>\n")
			x.elem("        ", "p", nil, m.Summary)
			w.WriteString("      </abstract>\n")
		}
		if len(langs) > 0 {
			w.WriteString("      <langUsage>\n")
			for _, l := range langs {
				w.WriteString("        ")
				x.open("language", [][2]string{{"ident", l}}, false)
				x.esc(l)
				x.close("language")
				w.WriteByte('\n')
			}
			w.WriteString("      </langUsage>\n")
		}
		w.WriteString("    </profileDesc>\n")
	}
	w.WriteString("  </teiHeader>\n")
	if len(t.order) > 0 || len(t.spans) > 0 {
		w.WriteString("  <standOff>\n")
		for _, kind := range []string{"person", "org", "place"} {
			names := map[string][3]string{"person": {"listPerson", "person", "persName"}, "org": {"listOrg", "org", "orgName"},
				"place": {"listPlace", "place", "placeName"}}[kind]
			list, item, name := names[0], names[1], names[2]
			first := true
			for _, e := range t.order {
				if e.kind != kind {
					continue
				}
				if first {
					w.WriteString("    <" + list + ">\n")
					first = false
				}
				w.WriteString("      ")
				x.open(item, [][2]string{{"xml:id", e.id}}, false)
				x.open(name, nil, false)
				x.esc(e.name)
				x.close(name)
				x.close(item)
				w.WriteByte('\n')
			}
			if !first {
				w.WriteString("    </" + list + ">\n")
			}
		}
		if len(t.spans) > 0 {
			w.WriteString("    <spanGrp type=\"overlapping\">\n")
			for _, el := range t.spans {
				attrs := [][2]string{{"xml:id", el.id}, {"type", cmp.Or(el.kind, el.name)}}
				if el.sub != "" {
					attrs = append(attrs, [2]string{"subtype", el.sub})
				}
				if el.who != "" {
					attrs = append(attrs, [2]string{"ana", el.who})
				}
				for _, a := range el.attrs {
					if a[0] == "from" || a[0] == "to" {
						attrs = append(attrs, a)
					}
				}
				w.WriteString("      ")
				x.open("span", attrs, false)
				x.text(t.clean[el.sp.Start:el.sp.End])
				x.close("span")
				w.WriteByte('\n')
			}
			w.WriteString("    </spanGrp>\n")
		}
		w.WriteString("  </standOff>\n")
	}
	w.WriteString("  <text")
	if t.docLang != "" {
		w.WriteString(` xml:lang="`)
		x.esc(t.docLang)
		w.WriteByte('"')
	}
	w.WriteString(">\n    <body>\n")
	for i, p := range t.paras {
		w.WriteString("      ")
		var attrs [][2]string
		if l := t.langs[i]; l != "" && l != t.docLang {
			attrs = [][2]string{{"xml:lang", l}}
		}
		x.open("p", attrs, false)
		r := &teiRender{x: x, s: t.clean, at: p.Start, anchors: t.anchors[i]}
		r.run(p.Start, p.End, t.roots[i])
		r.text(p.End, true)
		x.close("p")
		w.WriteByte('\n')
	}
	w.WriteString("    </body>\n  </text>\n</TEI>\n")
}

// teiRender writes one paragraph's text with its elements and anchors.
type teiRender struct {
	x       *xw
	s       string
	at      int // text written up to here
	anchors []teiAnchor
}

// text writes the text up to end, with the anchors before it (and those
// at end when all is set).
func (r *teiRender) text(end int, all bool) {
	for len(r.anchors) > 0 && (r.anchors[0].pos < end || all && r.anchors[0].pos == end) {
		a := r.anchors[0]
		r.anchors = r.anchors[1:]
		pos := min(max(a.pos, r.at), end)
		r.x.text(r.s[r.at:pos])
		r.at = pos
		r.x.open("anchor", [][2]string{{"xml:id", a.id}}, true)
	}
	if end > r.at {
		r.x.text(r.s[r.at:end])
		r.at = end
	}
}

func (r *teiRender) run(start, end int, els []*teiEl) {
	for _, el := range els {
		r.text(el.sp.Start, false)
		attrs := el.attrs
		if el.id != "" {
			attrs = append([][2]string{{"xml:id", el.id}}, attrs...)
		}
		r.x.open(el.name, attrs, false)
		r.run(el.sp.Start, el.sp.End, el.children)
		r.text(el.sp.End, false)
		r.x.close(el.name)
	}
	r.text(end, false)
}
