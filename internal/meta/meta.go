// Package meta reads a document's metadata: title, author, date, publisher
// or source, translator, original language and URL, from citation blocks
// ("Citation:", "Source:", "Translated:"), first lines (a title, a date, a
// "by X" line, an author, an imprint, a journal or issue line), the
// running heads of a book, and the format's own headers, which win where
// they are set.
package meta

import (
	"strings"
	"unicode"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/lang"
)

// Read returns the metadata of d and the finding that carries it. The
// reader's header metadata (d.Meta on entry) wins where it is set.
func Read(d *extract.Doc) (md quellen.Metadata, f *quellen.Finding) {
	defer func() {
		if p := recover(); p != nil {
			// Damaged input gives what the reader knew, never a crash.
			md, f = d.Meta, finding(d.Meta, quellen.Span{}, "")
		}
	}()
	h := readHeader(textLines(d, 1<<16))
	m := h.metadata(d)
	span, text := h.titleSpan, m.Title
	if span == (quellen.Span{}) {
		span = findTitle(d.Text, m.Title)
	}
	if span == (quellen.Span{}) {
		span = h.firstSpan // a title from the reader's headers, not in the text
	}
	if text == "" {
		text = m.Source
		if h.sourceSpan != (quellen.Span{}) {
			span = h.sourceSpan
		}
	}
	return m, finding(m, span, text)
}

func finding(m quellen.Metadata, span quellen.Span, text string) *quellen.Finding {
	val := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	return &quellen.Finding{
		Kind:  quellen.KindMetadata,
		Clean: span,
		Text:  text,
		Attrs: quellen.Attrs{
			"title":             val(m.Title),
			"author":            val(m.Author),
			"date":              val(m.Date),
			"published":         val(m.Published),
			"source":            val(m.Source),
			"translator":        val(m.Translator),
			"original_language": val(m.OriginalLanguage),
			"url":               val(m.URL),
		},
	}
}

// metadata puts together what the header, the running heads and the
// reader say.
func (h *header) metadata(d *extract.Doc) quellen.Metadata {
	m := d.Meta
	set := func(p *string, vals ...string) {
		if *p != "" {
			return
		}
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				*p = v
				return
			}
		}
	}
	heads := runningHeads(d)
	var headAuthor, headBook string
	for _, s := range heads {
		switch {
		case headAuthor == "" && isPersonName(s):
			headAuthor = s
		case headBook == "" && !isPersonName(s) && !strings.EqualFold(s, h.chapterTitle):
			headBook = s
		}
	}

	// Title.
	if m.Title != "" {
		m.Title = stripSiteSuffix(m.Title)
	}
	title := h.field(fTitle)
	if title == "" && h.chapterTitle != "" {
		title, h.titleSpan = h.chapterTitle, h.chapterSpan
	}
	if title == "" && h.title != nil {
		title, h.titleSpan = h.title.text, h.title.span
	}
	set(&m.Title, cleanTitle(title))
	if d.Meta.Title != "" {
		h.titleSpan = quellen.Span{}
	}

	// Author.
	set(&m.Author, leadingNameOr(h.field(fAuthor)), h.byline, h.nameLine, headAuthor)

	// Translator and original language.
	text := h.allText()
	translator := leadingNameOr(h.field(fTranslator))
	if v := h.field(fTranslated); translator == "" && v != "" && !strings.Contains(strings.ToLower(v), " by ") {
		translator = leadingName(v) // "Translated: John G. Wright"
	}
	if translator == "" {
		for _, re := range translatorRes {
			if loc := re.FindStringIndex(text); loc != nil {
				if n := leadingName(text[loc[1]:]); n != "" {
					translator = n
					break
				}
			}
		}
	}
	set(&m.Translator, translator)
	orig := h.field(fOrigLang)
	if orig != "" {
		if c := lang.FromName(orig); c != "" {
			orig = c
		}
	}
	if orig == "" {
		for _, re := range fromLangRes {
			if sm := re.FindStringSubmatch(text); sm != nil {
				orig = lang.FromName(sm[1])
				if orig != "" {
					break
				}
			}
		}
	}
	translated := m.Translator != "" || h.field(fTranslated) != "" || translationRe.MatchString(text)
	if orig == "" && !translated {
		orig = primaryTag(d.Meta.Language)
		if lang.IsTransliterated(orig) {
			orig = "ru"
		}
	}
	set(&m.OriginalLanguage, orig)
	if l := h.field(fLanguage); l != "" && m.Language == "" {
		m.Language = lang.FromName(l)
	}
	m.Language = primaryTag(m.Language)

	// Source: a citation, a journal or issue line, a book and its imprint,
	// the book of the running heads.
	source := h.field(fSource)
	book := h.book
	if book == "" && h.title != nil && h.chapterTitle != "" && !strings.EqualFold(h.title.text, h.chapterTitle) {
		// The book's title stands elsewhere in the header than before the imprint.
		book = h.title.text
	}
	var bookSource string
	switch {
	case h.imprint != "" && book != "":
		bookSource = cleanTitle(book) + ", " + h.imprint
	case h.imprint != "":
		bookSource = h.imprint
	case book != "":
		bookSource = cleanTitle(book)
	}
	publisher := h.field(fPublisher)
	set(&m.Source, strings.TrimRight(source, " ;,"), h.serial, bookSource, headBook, publisher, notJustDate(h.field(fPublished)))

	// Dates.
	published := ""
	if v := h.field(fPublished); v != "" {
		if ds := findDates(v); len(ds) > 0 {
			published = ds[0].iso()
		}
	}
	set(&published, h.serialDate, h.imprintYear)
	labelDate := ""
	if v := h.field(fDate); v != "" {
		if ds := findDates(v); len(ds) > 0 {
			labelDate = ds[0].iso()
		}
	}
	citeDate := ""
	if c := h.field(fSource); c != "" {
		if ds := findDates(c); len(ds) > 0 && ds[0].kind < 7 {
			citeDate = ds[0].iso()
		}
	}
	set(&m.Date, labelDate, h.dateLine, h.bylineDate, h.nameYear, citeDate, published)
	set(&m.Published, published)

	// URL and summary.
	set(&m.URL, firstURL(h.field(fURL)), firstURL(h.field(fSource)), h.url)
	set(&m.Summary, h.field(fSummary))
	return m
}

// primaryTag returns a language tag's language ("en" for "en-US"), and
// keeps "ru-Latn".
func primaryTag(tag string) string {
	if tag == lang.RussianLatin {
		return tag
	}
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

func leadingNameOr(s string) string {
	if s == "" {
		return ""
	}
	if n := leadingName(s); n != "" {
		return n
	}
	return strings.TrimRight(s, ".;, ")
}

// stripSiteSuffix drops a web page title's site name: "The ledger |
// Digitised press archive".
func stripSiteSuffix(t string) string {
	for _, sep := range []string{" | ", " || ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// cleanTitle drops an "(excerpt)" and the spaces of a title.
func cleanTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	for {
		i := strings.LastIndexAny(t, "([")
		if i <= 0 || !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "]") {
			break
		}
		inner := strings.ToLower(strings.Trim(t[i:], "()[] "))
		if !excerptWords[inner] {
			break
		}
		t = strings.TrimSpace(t[:i])
	}
	return strings.TrimRight(t, " .:,;")
}

var excerptWords = map[string]bool{
	"extrait": true, "extraits": true, "excerpt": true, "excerpts": true, "extract": true,
	"extracts": true, "fragment": true, "fragments": true, "abridged": true, "auszug": true,
	"auszüge": true, "отрывок": true, "выдержка": true, "выдержки": true, "фрагмент": true,
	"excerpted": true, "abrégé": true,
}

// findTitle returns the span of the title in the first part of the text,
// or an empty span.
func findTitle(text, title string) quellen.Span {
	if title == "" {
		return quellen.Span{}
	}
	head := text
	if len(head) > 20000 {
		head = head[:20000]
	}
	if i := strings.Index(head, title); i >= 0 {
		return quellen.Span{Start: i, End: i + len(title)}
	}
	// Case-insensitively, line by line.
	off := 0
	for l := range strings.SplitSeq(head, "\n") {
		t := strings.TrimSpace(l)
		if t != "" && strings.EqualFold(t, title) {
			s := off + strings.Index(l, t)
			return quellen.Span{Start: s, End: s + len(t)}
		}
		off += len(l) + 1
	}
	return quellen.Span{}
}

// notJustDate returns s when it says more than a date ("New International,
// April 1938"), else "".
func notJustDate(s string) string {
	rest := s
	ds := findDates(s)
	for k := len(ds) - 1; k >= 0; k-- {
		rest = rest[:ds[k].start] + rest[ds[k].end:]
	}
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	return strings.TrimRight(s, " .;,")
}
