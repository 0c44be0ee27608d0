package read

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// EPUB reads EPUB 2 and 3 books: META-INF/container.xml names the package
// (OPF) file, whose metadata gives Meta (dc:title, dc:creator, dc:date,
// dc:publisher, dc:language, dc:identifier as URL when it is one, a
// contributor with role trl as Translator) and whose spine gives the
// order of the XHTML files. Each is read by the HTML reader; their texts
// are joined with "\n\n", one chapter block a spine item (Attrs "href").
// epub:type footnote, endnote and rearnote give note blocks and noteref
// note_ref blocks, as in HTML.
//
// Source is the extracted text itself (Map identity): the store keeps it
// with the document. Archives that would inflate past the limits (a zip
// bomb) are refused with InputError "epub.bomb".
type EPUB struct{}

func init() { Register("epub", EPUB{}) }

// Limits against zip bombs.
const (
	epubMaxMembers   = 10000
	epubRatioMinSize = 4 << 20 // members larger than this...
	epubMaxRatio     = 100     // ...may not inflate more than this
)

type epubReader struct {
	name  string
	zr    *zip.Reader
	files map[string]*zip.File
	max   int64
	total int64
}

func (e *epubReader) fail(code string, format string, args ...any) error {
	return &quellen.InputError{Path: e.name, Code: code, Err: fmt.Errorf(format, args...)}
}

// member reads one file of the archive within the limits.
func (e *epubReader) member(f *zip.File) ([]byte, error) {
	size := f.UncompressedSize64
	if size > uint64(e.max) || int64(size) > e.max-e.total {
		return nil, e.fail("epub.bomb", "member %s would inflate to %d bytes, over the limit of %d", f.Name, size, e.max)
	}
	if size > epubRatioMinSize && f.CompressedSize64 > 0 && size/f.CompressedSize64 > epubMaxRatio {
		return nil, e.fail("epub.bomb", "member %s inflates %d:1 (%d bytes from %d), a zip bomb", f.Name, size/f.CompressedSize64, size, f.CompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, e.fail("epub.damaged", "cannot open member %s: %v", f.Name, err)
	}
	defer rc.Close()
	limit := e.max - e.total
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(data)) > limit {
		return nil, e.fail("epub.bomb", "member %s inflates past the limit of %d bytes", f.Name, e.max)
	}
	if n := uint64(len(data)); n > epubRatioMinSize && f.CompressedSize64 > 0 && n/f.CompressedSize64 > epubMaxRatio {
		return nil, e.fail("epub.bomb", "member %s inflates %d:1, a zip bomb", f.Name, n/f.CompressedSize64)
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, e.fail("epub.damaged", "cannot read member %s: %v", f.Name, err)
	}
	e.total += int64(len(data))
	return data, nil
}

type epubContainer struct {
	Rootfiles []struct {
		FullPath  string `xml:"full-path,attr"`
		MediaType string `xml:"media-type,attr"`
	} `xml:"rootfiles>rootfile"`
}

type epubText struct {
	ID    string     `xml:"id,attr"`
	Role  string     `xml:"role,attr"` // opf:role (EPUB 2)
	Value string     `xml:",chardata"`
	Attrs []xml.Attr `xml:",any,attr"`
}

type epubPackage struct {
	Lang     string `xml:"lang,attr"`
	Metadata struct {
		Titles       []epubText `xml:"title"`
		Creators     []epubText `xml:"creator"`
		Contributors []epubText `xml:"contributor"`
		Dates        []epubText `xml:"date"`
		Publishers   []epubText `xml:"publisher"`
		Languages    []epubText `xml:"language"`
		Identifiers  []epubText `xml:"identifier"`
		Sources      []epubText `xml:"source"`
		Descriptions []epubText `xml:"description"`
		Metas        []struct {
			Refines  string `xml:"refines,attr"`
			Property string `xml:"property,attr"`
			Name     string `xml:"name,attr"`
			Content  string `xml:"content,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Manifest []struct {
		ID        string `xml:"id,attr"`
		Href      string `xml:"href,attr"`
		MediaType string `xml:"media-type,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef  string `xml:"idref,attr"`
		Linear string `xml:"linear,attr"`
	} `xml:"spine>itemref"`
}

// Read implements Reader.
func (EPUB) Read(name string, data []byte, opts Options) (*Result, error) {
	e := &epubReader{name: name, max: opts.MaxBytes}
	if e.max <= 0 {
		e.max = DefaultMaxBytes
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, e.fail("epub.not_zip", "not a zip archive, so not an EPUB: %v", err)
	}
	if len(zr.File) > epubMaxMembers {
		return nil, e.fail("epub.bomb", "the archive has %d members, over the limit of %d", len(zr.File), epubMaxMembers)
	}
	e.zr = zr
	e.files = make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		e.files[f.Name] = f
	}
	cf := e.files["META-INF/container.xml"]
	if cf == nil {
		return nil, e.fail("epub.no_container", "no META-INF/container.xml: not an EPUB")
	}
	cdata, err := e.member(cf)
	if err != nil {
		return nil, err
	}
	var c epubContainer
	if err := xml.Unmarshal(cdata, &c); err != nil {
		return nil, e.fail("epub.container", "META-INF/container.xml is not well-formed: %v", err)
	}
	opfPath := ""
	for _, rf := range c.Rootfiles {
		if rf.FullPath != "" && (opfPath == "" || rf.MediaType == "application/oebps-package+xml") {
			opfPath = rf.FullPath
		}
	}
	if opfPath == "" {
		return nil, e.fail("epub.no_opf", "META-INF/container.xml names no package file")
	}
	of := e.files[opfPath]
	if of == nil {
		return nil, e.fail("epub.no_opf", "the package file %s named by container.xml is missing", opfPath)
	}
	odata, err := e.member(of)
	if err != nil {
		return nil, err
	}
	var pkg epubPackage
	if err := xml.Unmarshal(odata, &pkg); err != nil {
		return nil, e.fail("epub.opf", "the package file %s is not well-formed: %v", opfPath, err)
	}
	dir := path.Dir(opfPath)
	hrefs := map[string]string{}
	for _, it := range pkg.Manifest {
		hrefs[it.ID] = it.Href
	}
	var sb strings.Builder
	var blocks []Block
	var probs []quellen.Problem
	lang := ""
	targets := map[string]map[string]bool{} // spine file -> ids that note refs elsewhere point to
	for _, ir := range pkg.Spine {
		href, ok := hrefs[ir.IDRef]
		if !ok {
			probs = append(probs, quellen.Problem{Severity: "warning", Code: "epub.spine", Offset: -1,
				Message: fmt.Sprintf("%s: spine item %q is not in the manifest", name, ir.IDRef)})
			continue
		}
		p := href
		if u, err := url.PathUnescape(href); err == nil {
			p = u
		}
		p = path.Join(dir, p)
		f := e.files[p]
		if f == nil {
			probs = append(probs, quellen.Problem{Severity: "warning", Code: "epub.missing", Offset: -1,
				Message: fmt.Sprintf("%s: spine item %s is missing from the archive", name, p)})
			continue
		}
		raw, err := e.member(f)
		if err != nil {
			return nil, err
		}
		page, _, _ := decodeDeclared(name, raw)
		pg := parseHTML(page, targets[p])
		for file, ids := range pg.refs {
			if u, err := url.PathUnescape(file); err == nil {
				file = u
			}
			file = path.Join(path.Dir(p), file)
			if targets[file] == nil {
				targets[file] = map[string]bool{}
			}
			for _, id := range ids {
				targets[file][id] = true
			}
		}
		if strings.TrimSpace(pg.text) == "" {
			continue
		}
		if lang == "" {
			lang = pg.meta.Language
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		off := sb.Len()
		sb.WriteString(pg.text)
		blocks = append(blocks, Block{Kind: "chapter", Span: quellen.Span{Start: off, End: sb.Len()}, Attrs: quellen.Attrs{"href": href}})
		for _, b := range pg.blocks {
			b.Span.Start += off
			b.Span.End += off
			blocks = append(blocks, b)
		}
	}
	out := sb.String()
	if strings.TrimSpace(out) == "" {
		return nil, e.fail("epub.no_text", "the book's spine holds no text")
	}
	r := &Result{Format: "epub", Source: out, Text: out, Map: text.Identity(len(out)), Blocks: blocks, Problems: probs}
	r.Meta = epubMeta(&pkg)
	if r.Meta.Language == "" {
		r.Meta.Language = lang
	}
	return r, nil
}

func epubMeta(pkg *epubPackage) quellen.Metadata {
	md := pkg.Metadata
	var m quellen.Metadata
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	firstOf := func(ts []epubText) string {
		for _, t := range ts {
			if v := clean(t.Value); v != "" {
				return v
			}
		}
		return ""
	}
	roles := map[string]string{}
	for _, mt := range md.Metas {
		if mt.Property == "role" && mt.Refines != "" {
			roles[strings.TrimPrefix(mt.Refines, "#")] = clean(mt.Value)
		}
	}
	role := func(t epubText) string {
		if t.Role != "" {
			return t.Role
		}
		for _, a := range t.Attrs {
			if a.Name.Local == "role" {
				return a.Value
			}
		}
		return roles[t.ID]
	}
	m.Title = firstOf(md.Titles)
	var authors, translators []string
	for _, t := range append(append([]epubText{}, md.Creators...), md.Contributors...) {
		v := clean(t.Value)
		if v == "" {
			continue
		}
		switch r := role(t); {
		case r == "trl":
			translators = append(translators, v)
		case r == "aut" || r == "" && containsText(md.Creators, t):
			authors = append(authors, v)
		}
	}
	m.Author = strings.Join(authors, "; ")
	m.Translator = strings.Join(translators, "; ")
	if d := firstOf(md.Dates); d != "" {
		m.Date = isoDate(d)
		m.Published = m.Date
	}
	m.Source = firstOf(md.Sources)
	if m.Source == "" {
		m.Source = firstOf(md.Publishers)
	}
	m.Language = primaryLang(firstOf(md.Languages))
	if m.Language == "" {
		m.Language = primaryLang(pkg.Lang)
	}
	for _, id := range md.Identifiers {
		v := clean(id.Value)
		switch {
		case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
			m.URL = v
		case strings.HasPrefix(strings.ToLower(v), "doi:") || strings.HasPrefix(strings.ToLower(v), "urn:doi:"):
			m.URL = "https://doi.org/" + v[strings.LastIndex(strings.ToLower(v), "doi:")+4:]
		}
		if m.URL != "" {
			break
		}
	}
	m.Summary = firstOf(md.Descriptions)
	return m
}

func containsText(ts []epubText, t epubText) bool {
	for _, x := range ts {
		if x.Value == t.Value && x.ID == t.ID {
			return true
		}
	}
	return false
}
