package read

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/quellen/quellen"
)

// htmlMeta gathers what a page's head says about it: <title>, <meta>
// (name or property: author, citation_*, DC.*, dcterms.*, og:*, article:*)
// and <link rel=canonical>.
type htmlMeta struct {
	title     string
	vals      map[string][]string // lower-cased meta name -> contents, in order
	canonical string
}

func (m *htmlMeta) tag(t *hTok) {
	switch t.name {
	case "meta":
		content := strings.TrimSpace(t.attr("content"))
		if content == "" {
			return
		}
		for _, k := range []string{t.attr("name"), t.attr("property"), t.attr("itemprop")} {
			if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
				m.add(k, content)
			}
		}
		if k := strings.ToLower(t.attr("http-equiv")); k != "" {
			m.add("http-equiv:"+k, content)
		}
	case "link":
		if hasWord(t.attr("rel"), "canonical") && m.canonical == "" {
			m.canonical = strings.TrimSpace(t.attr("href"))
		}
	}
}

func (m *htmlMeta) add(k, v string) {
	if m.vals == nil {
		m.vals = map[string][]string{}
	}
	m.vals[k] = append(m.vals[k], v)
}

// first returns the first value of the first key that has one.
func (m *htmlMeta) first(keys ...string) string {
	for _, k := range keys {
		if vs := m.vals[k]; len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

func (m *htmlMeta) metadata(lang string) quellen.Metadata {
	var md quellen.Metadata
	sites := m.vals["og:site_name"]
	sites = append(sites, m.vals["application-name"]...)
	title := stripSite(m.title, sites)
	og := m.first("og:title", "twitter:title")
	switch {
	case m.first("citation_title", "dc.title", "dcterms.title") != "":
		md.Title = m.first("citation_title", "dc.title", "dcterms.title")
	case og != "" && (title == "" || strings.Contains(m.title, og)):
		md.Title = stripSite(og, sites)
	default:
		md.Title = title
	}
	if vs := m.vals["citation_author"]; len(vs) > 0 {
		md.Author = strings.Join(vs, "; ")
	} else if vs := m.vals["dc.creator"]; len(vs) > 0 {
		md.Author = strings.Join(vs, "; ")
	} else if vs := m.vals["dcterms.creator"]; len(vs) > 0 {
		md.Author = strings.Join(vs, "; ")
	} else {
		for _, k := range []string{"author", "article:author", "byl", "parsely-author", "sailthru.author"} {
			if v := m.first(k); v != "" && !strings.HasPrefix(v, "http") {
				md.Author = strings.TrimPrefix(strings.TrimPrefix(v, "By "), "by ")
				break
			}
		}
	}
	md.Published = isoDate(m.first("citation_publication_date", "citation_online_date", "dcterms.issued", "article:published_time", "og:published_time", "datepublished", "pubdate", "publish-date"))
	md.Date = isoDate(m.first("citation_publication_date", "citation_date", "dc.date", "dcterms.date", "dcterms.issued", "dcterms.created", "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date.issued"))
	if src := m.first("citation_journal_title", "citation_conference_title", "citation_book_title", "citation_inbook_title", "dc.source", "dcterms.source", "dcterms.ispartof", "dc.relation.ispartof"); src != "" {
		if v := m.first("citation_volume"); v != "" {
			src += ", vol. " + v
		}
		if v := m.first("citation_issue"); v != "" {
			src += ", no. " + v
		}
		md.Source = src
	}
	md.Translator = m.first("citation_translator", "dc.contributor.translator", "translator")
	md.URL = m.canonical
	if md.URL == "" {
		md.URL = m.first("og:url", "citation_public_url", "citation_fulltext_html_url", "citation_abstract_html_url")
	}
	if md.URL == "" {
		if v := m.first("dc.identifier", "dcterms.identifier"); strings.HasPrefix(v, "http") {
			md.URL = v
		} else if v := m.first("citation_doi"); v != "" {
			md.URL = "https://doi.org/" + strings.TrimPrefix(v, "doi:")
		}
	}
	md.Language = lang
	if md.Language == "" {
		md.Language = primaryLang(m.first("dc.language", "dcterms.language", "citation_language", "http-equiv:content-language", "og:locale"))
	}
	md.Summary = m.first("description", "og:description", "dc.description", "dcterms.abstract", "citation_abstract")
	return md
}

// siteWords are words that mark a title's tail as a site's name.
var siteWords = set("archive", "archives", "press", "news", "times", "herald", "journal", "magazine", "blog", "library",
	"museum", "online", "wiki", "wikipedia", "review", "gazette", "tribune", "post", "daily", "university", "society",
	"digital", "project", "database", "collection", "collections", "encyclopedia", "encyclopaedia", "network", "portal",
	"media", "radio", "tv", "site", "home", "org", "com", "net", "edu", "info", "guardian", "monde", "zeitung", "pravda", "gallica")

// stripSite removes a site's name from a <title>: " | Site", " – Site",
// " — Site", " - Site" (the last one only when the tail looks like a
// site's name), or a leading "Site | ".
func stripSite(title string, sites []string) string {
	title = strings.TrimSpace(title)
	isSite := func(s string) bool {
		for _, x := range sites {
			if strings.EqualFold(strings.TrimSpace(x), s) {
				return true
			}
		}
		return false
	}
	if h, t, ok := strings.Cut(title, " | "); ok && isSite(strings.TrimSpace(h)) {
		return strings.TrimSpace(t)
	}
	for _, sep := range []string{" | ", " || ", " – ", " — ", " :: ", " · ", " • ", " - ", " » "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if tail == "" || head == "" {
			continue
		}
		if isSite(tail) {
			return head
		}
		words := strings.Fields(tail)
		if len(words) > 6 {
			continue
		}
		if sep == " | " || sep == " || " || sep == " :: " || hasSiteWord(words) || len(tail) < len(head) && titleCase(words) {
			return head
		}
	}
	return title
}

func hasSiteWord(words []string) bool {
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,:;()"))
		if siteWords[lw] || strings.Contains(lw, ".") && !strings.HasSuffix(lw, ".") {
			return true
		}
	}
	return false
}

// titleCase says whether a short tail is in title case ("Le Monde", "Der
// Spiegel").
func titleCase(words []string) bool {
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if len(r) > 3 && !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

var (
	isoDateRe  = regexp.MustCompile(`^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?`)
	dmyDateRe  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+([\p{L}]+)\.?,?\s+(\d{4})\b`)
	mdyDateRe  = regexp.MustCompile(`(?i)\b([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dotDateRe  = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
	monthNames = func() map[string]int {
		m := map[string]int{}
		for i, names := range [][]string{
			{"january", "jan", "janvier", "janv", "januar", "jänner", "января", "январь"},
			{"february", "feb", "février", "fevrier", "févr", "fevr", "februar", "февраля", "февраль"},
			{"march", "mar", "mars", "märz", "marz", "марта", "март"},
			{"april", "apr", "avril", "avr", "апреля", "апрель"},
			{"may", "mai", "мая", "май"},
			{"june", "jun", "juin", "juni", "июня", "июнь"},
			{"july", "jul", "juillet", "juil", "juli", "июля", "июль"},
			{"august", "aug", "août", "aout", "августа", "август"},
			{"september", "sep", "sept", "septembre", "сентября", "сентябрь"},
			{"october", "oct", "octobre", "oktober", "okt", "октября", "октябрь"},
			{"november", "nov", "novembre", "ноября", "ноябрь"},
			{"december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "декабря", "декабрь"},
		} {
			for _, n := range names {
				m[n] = i + 1
			}
		}
		return m
	}()
)

// isoDate normalises a date as a header writes it to ISO (YYYY, YYYY-MM or
// YYYY-MM-DD), or returns "".
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		y := m[1]
		if m[2] == "" {
			return y
		}
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return y
		}
		if m[3] == "" {
			return fmt.Sprintf("%s-%02d", y, mo)
		}
		d, _ := strconv.Atoi(m[3])
		if d < 1 || d > 31 {
			return fmt.Sprintf("%s-%02d", y, mo)
		}
		return fmt.Sprintf("%s-%02d-%02d", y, mo, d)
	}
	return textDate(s)
}

// textDate finds a written date ("12 May 1923", "May 12, 1923",
// "12.05.1923") in s and returns it in ISO, or "".
func textDate(s string) string {
	if m := dmyDateRe.FindStringSubmatch(s); m != nil {
		if mo := monthNames[strings.ToLower(m[2])]; mo > 0 {
			d, _ := strconv.Atoi(m[1])
			if d >= 1 && d <= 31 {
				return fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
			}
		}
	}
	if m := mdyDateRe.FindStringSubmatch(s); m != nil {
		if mo := monthNames[strings.ToLower(m[1])]; mo > 0 {
			d, _ := strconv.Atoi(m[2])
			if d >= 1 && d <= 31 {
				return fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
			}
		}
	}
	if m := dotDateRe.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
		}
	}
	return ""
}
