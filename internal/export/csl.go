package export

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/quellen/quellen"
)

// CSLName is a CSL-JSON name: a person's family and given names, or an
// organisation as a literal.
type CSLName struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	Literal             string `json:"literal,omitempty"`
}

// CSLDate is a CSL-JSON date: date-parts, or a literal when the year
// cannot be read.
type CSLDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// CSLItem is one CSL-JSON item, as Zotero and citeproc read it.
type CSLItem struct {
	ID              string    `json:"id"`
	Type            string    `json:"type"`
	Author          []CSLName `json:"author,omitempty"`
	Title           string    `json:"title,omitempty"`
	ContainerTitle  string    `json:"container-title,omitempty"`
	Publisher       string    `json:"publisher,omitempty"`
	PublisherPlace  string    `json:"publisher-place,omitempty"`
	Issued          *CSLDate  `json:"issued,omitempty"`
	Volume          string    `json:"volume,omitempty"`
	Issue           string    `json:"issue,omitempty"`
	Page            string    `json:"page,omitempty"`
	URL             string    `json:"URL,omitempty"`
	Archive         string    `json:"archive,omitempty"`
	ArchiveLocation string    `json:"archive_location,omitempty"`
	Note            string    `json:"note,omitempty"`
}

// CSLDoc is one document's reference findings.
type CSLDoc struct {
	Name     string
	Findings []quellen.Finding // other kinds are skipped
}

// cslTypes maps the contract's reference types to CSL types.
var cslTypes = map[string]string{
	"book": "book", "chapter": "chapter", "article": "article-journal", "newspaper": "article-newspaper",
	"web": "webpage", "speech": "speech", "letter": "personal_communication", "archival": "manuscript", "other": "document",
}

// CSL writes the references of documents as a CSL-JSON array (see CSLItems).
func CSL(w io.Writer, docs []CSLDoc) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(CSLItems(docs))
}

// cslCite is one citation of a work: where it stands and what it cites.
type cslCite struct {
	doc   string
	line  int
	pages string
	loc   string // the full archival call number
}

// CSLItems returns the works the documents' references cite, one item a
// work in order of first citation: references that cite the same work
// (an Ibid. or op. cit. resolved to its antecedent, or the same book cited
// twice, in one document or several) are merged. The pages or folios a
// merged item's citations point at differ from citation to citation; they
// are kept in the note, with where each citation stands, and in page only
// when they are the item's own range (an article, a chapter) or all agree.
func CSLItems(docs []CSLDoc) []CSLItem {
	var items []CSLItem
	var cites [][]cslCite
	byKey := map[string]int{}
	type docLine struct {
		doc  string
		line int
	}
	byLine := map[docLine]int{}
	ids := map[string]int{}
	for _, d := range docs {
		for _, f := range d.Findings {
			if f.Kind != quellen.KindReference {
				continue
			}
			it, key := cslItem(f)
			if key == "" {
				continue
			}
			c := cslCite{doc: d.Name, line: f.Line, pages: it.Page}
			if ar := archive(f.Attrs); ar != nil {
				c.loc = callNumber(ar)
			}
			i, ok := byKey[key]
			if from, isInt := number(f.Attrs["resolved_from_line"]); isInt {
				if j, found := byLine[docLine{d.Name, from}]; found {
					i, ok = j, true
				}
			}
			if _, seen := byLine[docLine{d.Name, f.Line}]; !seen && ok {
				byLine[docLine{d.Name, f.Line}] = i
			}
			if ok {
				cites[i] = append(cites[i], c)
				if items[i].Page == "" && it.Page != "" && f.Attrs["resolved_from_line"] == nil {
					items[i].Page = it.Page
				}
				continue
			}
			it.ID = cslID(it, ids)
			byKey[key] = len(items)
			if _, seen := byLine[docLine{d.Name, f.Line}]; !seen {
				byLine[docLine{d.Name, f.Line}] = len(items)
			}
			items = append(items, it)
			cites = append(cites, []cslCite{c})
		}
	}
	for i := range items {
		it, cs := &items[i], cites[i]
		same := true
		for _, c := range cs[1:] {
			same = same && c.pages == cs[0].pages
		}
		switch {
		case it.Type == "manuscript" || (it.ArchiveLocation != "" && strings.HasPrefix(it.Page, "l. ")):
			if same && cs[0].loc != "" {
				it.ArchiveLocation = cs[0].loc
			}
			it.Page = ""
		case !same && !slices.Contains([]string{"article-journal", "article-newspaper", "chapter"}, it.Type):
			it.Page = ""
		}
		var where []string
		for _, c := range cs {
			s := fmt.Sprintf("%s:%d", c.doc, c.line)
			if !same && c.pages != "" {
				s += " (" + c.pages + ")"
			}
			where = append(where, s)
		}
		note := "Cited in " + strings.Join(where, ", ")
		if it.Note != "" {
			note = it.Note + "\n" + note
		}
		it.Note = note
	}
	if items == nil {
		items = []CSLItem{}
	}
	return items
}

// cslItem maps one reference finding to an item without id, and returns
// the key under which references to the same work merge ("" for a
// reference that names nothing).
func cslItem(f quellen.Finding) (CSLItem, string) {
	a := f.Attrs
	s := func(k string) string { return strings.TrimSpace(text(a[k])) }
	typ := s("type")
	it := CSLItem{Type: cslTypes[typ], Title: s("title"), ContainerTitle: s("container"), Publisher: s("publisher"),
		PublisherPlace: s("place"), Volume: s("volume"), Issue: s("issue"), Page: s("pages"), URL: s("url")}
	if it.Type == "" {
		it.Type = "document"
	}
	it.Author = CSLNames(s("author"))
	if y := s("year"); y != "" {
		it.Issued = cslIssued(y)
	}
	ar := archive(a)
	if ar != nil {
		// The folios are the citation's; the call number without them is
		// the file's. CSLItems puts them back when every citation agrees.
		it.Archive = ar["repository"]
		file := maps.Clone(ar)
		delete(file, "list")
		it.ArchiveLocation = callNumber(file)
		if l := ar["list"]; l != "" && it.Page == "" {
			it.Page = "l. " + l
		}
	}
	if it.Title == "" && it.ContainerTitle == "" && it.URL == "" && ar == nil && len(it.Author) == 0 {
		if f.Text == "" {
			return it, ""
		}
		it.Title = f.Text
	}
	if typ == "other" || typ == "" {
		it.Note = f.Text
	}
	family := ""
	if len(it.Author) > 0 {
		family = cmp.Or(it.Author[0].Family, it.Author[0].Literal)
	}
	key := strings.Join([]string{it.Type, fold(family), fold(s("year")), firstWords(it.Title, 3), firstWords(it.ContainerTitle, 3),
		fold(it.Volume), fold(it.URL), fold(it.Archive), fold(it.ArchiveLocation)}, "\x00")
	if it.Title == "" && it.ContainerTitle == "" {
		key += "\x00" + fold(it.Publisher) + "\x00" + fold(it.Issue)
	}
	return it, key
}

// firstWords returns the first n words of s, folded: a short title and
// the full one agree on them.
func firstWords(s string, n int) string {
	f := strings.Fields(fold(s))
	return strings.Join(f[:min(n, len(f))], " ")
}

// number reads an attribute that holds an integer.
func number(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), v == float64(int(v))
	case json.Number:
		n, err := v.Int64()
		return int(n), err == nil
	}
	return 0, false
}

// fold is the form in which two spellings of a field compare equal.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

var reYears = regexp.MustCompile(`\d{3,4}`)

// cslIssued reads a year, or a span of years ("1921–1923").
func cslIssued(y string) *CSLDate {
	ms := reYears.FindAllString(y, 2)
	if len(ms) == 0 {
		return &CSLDate{Literal: y}
	}
	d := &CSLDate{}
	for _, m := range ms {
		n, _ := strconv.Atoi(m)
		d.DateParts = append(d.DateParts, []int{n})
	}
	if len(d.DateParts) == 2 && d.DateParts[0][0] >= d.DateParts[1][0] {
		d.DateParts = d.DateParts[:1]
	}
	return d
}

// cslID makes a citation key: the first author's family name, the year and
// the first long word of the title ("brisk2016republic"), unique among ids.
func cslID(it CSLItem, ids map[string]int) string {
	var b strings.Builder
	if len(it.Author) > 0 {
		n := it.Author[0]
		b.WriteString(firstWord(cmp.Or(n.Family, n.Literal)))
	}
	if it.Issued != nil && len(it.Issued.DateParts) > 0 {
		b.WriteString(strconv.Itoa(it.Issued.DateParts[0][0]))
	}
	title := cmp.Or(it.Title, cmp.Or(it.ContainerTitle, it.Archive))
	for w := range strings.FieldsSeq(fold(title)) {
		if len([]rune(w)) > 3 && !slices.Contains([]string{"the", "une", "der", "die", "das", "les", "des", "with", "from"}, w) {
			b.WriteString(w)
			break
		}
	}
	id := b.String()
	if u, err := url.Parse(it.URL); id == "" && err == nil && u.Host != "" {
		id = strings.ReplaceAll(fold(strings.TrimPrefix(u.Host, "www.")), " ", "")
	}
	if id == "" {
		id = "ref"
	}
	ids[id]++
	if n := ids[id]; n > 1 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	return id
}

func firstWord(s string) string {
	f := strings.Fields(fold(s))
	if len(f) == 0 {
		return ""
	}
	return strings.Join(f, "")
}

// orgWords mark a name as an organisation's.
var orgWords = map[string]bool{
	"ministry": true, "committee": true, "commission": true, "council": true, "university": true, "press": true,
	"archive": true, "archives": true, "office": true, "society": true, "société": true, "institute": true,
	"institut": true, "party": true, "association": true, "department": true, "bureau": true, "agency": true,
	"government": true, "diet": true, "academy": true, "company": true, "ltd": true, "inc": true, "bank": true,
	"banque": true, "library": true, "museum": true, "foundation": true, "league": true, "union": true,
	"board": true, "service": true, "staff": true, "command": true, "embassy": true, "legation": true,
	"editors": true, "editorial": true, "news": true, "agence": true, "cie": true, "co": true, "nkvd": true,
	"комитет": true, "министерство": true, "архив": true, "институт": true, "партия": true,
}

// particles are the lowercase words that stand before a family name.
var particles = map[string]bool{"de": true, "du": true, "des": true, "la": true, "le": true, "van": true, "von": true,
	"der": true, "den": true, "di": true, "da": true, "del": true, "della": true, "ter": true, "zu": true, "dos": true}

var reAnd = regexp.MustCompile(`\s*;\s*|\s+(?:and|und|et|и)\s+`)

// CSLNames splits an author field into CSL names: several authors at ";"
// or "and"; "Brisk, A." and "A. Brisk" into family and given names (a
// particle such as "de" kept as the non-dropping particle); an
// organisation, or anything that does not read as a person's name, as a
// literal.
func CSLNames(s string) []CSLName {
	s = strings.TrimSpace(strings.Trim(s, " ,;"))
	if w := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '.' || r == '-' }); len(w) > 0 && len([]rune(w[len(w)-1])) > 2 {
		s = strings.TrimRight(s, ".") // "Anton Brisk." but not "Brisk, A."
	}
	if s == "" {
		return nil
	}
	if isOrg(s) {
		return []CSLName{{Literal: s}}
	}
	parts := reAnd.Split(s, -1)
	// "Brisk, A., Volk, J." and "A. Brisk, J. Volk" list several.
	if len(parts) == 1 {
		if c := strings.Split(s, ", "); len(c) > 2 {
			parts = c
			if len(c)%2 == 0 && looksInitials(c[1]) {
				parts = nil
				for i := 0; i+1 < len(c); i += 2 {
					parts = append(parts, c[i]+", "+c[i+1])
				}
			}
		}
	} else if last := parts[len(parts)-1]; len(parts) == 2 && strings.Contains(parts[0], ", ") && !strings.Contains(last, ",") {
		// "A. Brisk, J. Volk and K. Lang"
		parts = append(strings.Split(parts[0], ", "), last)
	}
	var out []CSLName
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if len(strings.Fields(p)) > 4 {
			return []CSLName{{Literal: s}} // not a list of names
		}
		out = append(out, personName(p))
	}
	return out
}

func isOrg(s string) bool {
	if strings.Contains(s, "&") {
		return true
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if orgWords[w] {
			return true
		}
	}
	return len(words) > 8
}

func looksInitials(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !strings.Contains(s, ".") {
		return false
	}
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '.' || r == '-' || r == ' ' }) {
		if len([]rune(w)) > 2 {
			return false
		}
	}
	return true
}

// personName splits one person's name.
func personName(s string) CSLName {
	if fam, given, ok := strings.Cut(s, ","); ok {
		fam, given = strings.TrimSpace(fam), strings.TrimSpace(given)
		n := CSLName{Family: fam, Given: given}
		if w := strings.Fields(fam); len(w) > 1 && particles[w[0]] {
			n.NonDroppingParticle, n.Family = w[0], strings.Join(w[1:], " ")
		}
		if given == "" {
			n.Given = ""
		}
		return n
	}
	w := strings.Fields(s)
	if len(w) == 1 {
		return CSLName{Family: w[0]}
	}
	// "Ivanov I. I.": family name first, initials after.
	if !looksInitials(w[0]) && looksInitials(strings.Join(w[1:], " ")) {
		return CSLName{Family: w[0], Given: strings.Join(w[1:], " ")}
	}
	i := len(w) - 1
	for i > 1 && particles[w[i-1]] {
		i--
	}
	n := CSLName{Given: strings.Join(w[:i], " "), Family: w[len(w)-1]}
	if i < len(w)-1 {
		n.NonDroppingParticle = strings.Join(w[i:len(w)-1], " ")
	}
	return n
}
