package refs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ref is one parsed reference, in CSL-like fields.
type Ref struct {
	Type, Author, Title, Container, Publisher, Place, Year, Volume, Issue, Pages, URL string
	Archive                                                                           *Archive
	// Short says the reference repeats an earlier one: "ibid", "op. cit.",
	// "loc. cit." or "short" (a short title).
	Short string
}

// chunk is a piece of a string with its offset.
type chunk struct {
	text  string
	start int
}

// splitTop splits s at sep outside brackets and quotation marks.
func splitTop(s string, sep byte) []chunk {
	var out []chunk
	depth, start := 0, 0
	inQuote := rune(0)
	for i, r := range s {
		switch {
		case inQuote != 0:
			if r == inQuote {
				inQuote = 0
			}
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case r == '“':
			inQuote = '”'
		case r == '«':
			inQuote = '»'
		case r == '„':
			inQuote = '“'
		case r == '"' && (i == 0 || s[i-1] == ' ' || s[i-1] == '('):
			inQuote = '"'
		case r == '`':
			inQuote = '\''
		case depth == 0 && byte(r) == sep && r < 0x80:
			out = append(out, chunk{s[start:i], start})
			start = i + 1
		}
	}
	return append(out, chunk{s[start:], start})
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "\"“‘'`«„( "))
	return unicode.IsUpper(r)
}

var (
	reURL      = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"“”]+`)
	reAccessed = regexp.MustCompile(`(?i)\(?\s*(?:accessed|consulted|retrieved|last accessed|consulté le|viewed)[^)]*\)?`)
	reYear     = regexp.MustCompile(`\b(1[4-9]\d\d|20\d\d)[a-z]?\b`)
	rePages    = regexp.MustCompile(`(?:^|[\s,;(])(?:pp?|cols?|pgs?|s|S|стр|Стр|с|С|sheets?|pages?)\.?\s*(\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?(?:\s*(?:,|and)\s*\d+(?:\s*[-–—]\s*\d+)?)*)`)
	reVolume   = regexp.MustCompile(`(?i)(?:^|[\s,;(])(?:vol|vols|volume|t|tome|bd|band|т)\.?\s*(\d+|[IVXLC]+)\b`)
	reIssue    = regexp.MustCompile(`(?i)(?:^|[\s,;(])(?:no|nos|n°|№|nr|issue|number|вып)\.?\s*(\d+(?:\s*[-–/]\s*\d+)?)`)
	reVolIssue = regexp.MustCompile(`\b(\d{1,4})\s*\((\d{1,4}(?:[-–/]\d{1,4})?)\)`)
	// (London: Harrow & Finch, 2016) / (Paris, 1921) / (Toronto: Lakeshore University Press, 2009)
	reImprintParen = regexp.MustCompile(`\(([^()]*?)(?:,\s*|\s+)(1[4-9]\d\d|20\d\d)[a-z]?\s*\)`)
	// London: Harrow & Finch, 2016.
	reImprintBare  = regexp.MustCompile(`(?:^|[.,]\s+)([A-Z][\p{L}'’.-]*(?:\s[A-Z][\p{L}'’-]*){0,3}(?:,\s*[A-Z]{2})?):\s*([^:;()]{2,80}?),\s*(1[4-9]\d\d|20\d\d)\b`)
	reQuoted       = regexp.MustCompile("“([^”]{2,})”|\"([^\"]{2,})\"|`([^']{2,}(?:'[a-z][^']*)*)'|‘([^’]{2,}(?:’[a-z][^’]*)*)’|«\\s*([^»]{2,}?)\\s*»|„([^“]{2,})“")
	reShort        = regexp.MustCompile(`(?i)(?:^|[\s,;(])(ibid(?:em)?\.?|op\.?\s*cit\.?|loc\.?\s*cit\.?|ouvr\.\s*cit\.?|art\.\s*cit\.?|ebd\.|ebenda|a\.\s?a\.\s?O\.|там же|указ\.\s*соч\.?|цит\.\s*соч\.?)`)
	reIdem         = regexp.MustCompile(`^(?:Id\.|Idem\b|Ead\.|Eadem\b)`)
	reDate         = regexp.MustCompile(`(?i)\b(?:\d{1,2}(?:st|nd|rd|th|er)?\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\.?\s+(?:\d{1,2},?\s+)?(1[4-9]\d\d|20\d\d)\b`)
	reLetter       = regexp.MustCompile(`^([A-Z][\p{L}.'’ -]{1,40}?) to (?:the )?([A-Z][^,]{1,80})`)
	reGenre        = regexp.MustCompile(`(?i)^(?:speech|address|lecture|letter|telegram|memorandum|report|interview|statement|note|despatch|dispatch|minute|circular|discours|lettre|rapport|речь|письмо|доклад)\b`)
	reParliament   = regexp.MustCompile(`(?i)\b(?:stenographic|parliamentary|hansard|debates|congressional record|journal officiel|sitting|session|legislature|стенографический)\b`)
	reNumberBefore = regexp.MustCompile(`(?i)(?:^|[\s,;(])(?:f|ф|fond|op|оп|d|д|l|л|ll|ff|fol|no|nos|nr|№|p|pp|col|cols|vol|t|s|art|box|file|item)\.?\s*$`)
	// Title. Cambridge University Press, 1989 (a publisher without a place).
	reImprintPub  = regexp.MustCompile(`(?:[.]\s+)([^.,:;()]{0,60}?\b(?:Press|Publishers?|Verlag|Books|Éditions|Editions|Publishing|Izdatel'stvo|Издательство)\b[^.,:;()]{0,30}),\s*(1[4-9]\d\d|20\d\d)\b`)
	rePlaceYear   = regexp.MustCompile(`,\s+([A-Z][\p{L}'’-]+(?:[ -][A-Z][\p{L}'’.-]*){0,2})\s+(1[4-9]\d\d|20\d\d)[a-z]?\b`)
	reInPrefix    = regexp.MustCompile(`^(?:[Ii]n|[Dd]ans|[Ii]m|[Вв])\s*:?\s+`)
	reEditorChunk = regexp.MustCompile(`(?i)(?:\((?:ed|eds|edd|hg|hrsg|dir|éd|éds|red)\.?\)|^(?:ed|eds|edited by|éd|dir|hrsg\. v|под ред)\.?\s|,?\s(?:ed|eds|edd)\.?$)`)
	reMonthDay    = regexp.MustCompile(`(?i)^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}$`)
)

// nonName are words that do not occur in personal names but do in the
// names of works, bodies and periodicals.
var nonName = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq(`Review Journal History Historical Studies Studies Press University Archive Archives
		Reports Report Committee State Diet Republic Society Proceedings Conference Symposium Workshop Quarterly
		Bulletin Gazette Herald Times Post News Magazine Annals Annales Revue Zeitschrift Journal Transactions
		Library Museum Institute National Ministry Minutes Papers Records Review Yearbook Studies Series
		Concession The A An Of In On And For To Le La Les Des Du De Un Une Der Die Das Und Im Vom
		Statuts Deed Letter Speech Rails Politics Railway Railways Notes Documents Collected Works Selected Ibid`) {
		nonName[w] = true
	}
}

var particles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "den": true, "la": true,
	"le": true, "du": true, "di": true, "da": true, "dos": true, "del": true, "ten": true, "ter": true, "af": true, "zu": true, "y": true}

// IsName reports whether s reads as one or more personal names: "Anton
// Brisk", "P.-É. Garnier", "N. A. Sveshnikov", "Brisk", "Smith and Jones".
func IsName(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "et al."))
	if s == "" || len(s) > 120 {
		return false
	}
	for _, part := range reNameSep.Split(s, -1) {
		if !isOneName(part) {
			return false
		}
	}
	return true
}

func isOneName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	words := 0
	for i, w := range f {
		w = strings.Trim(w, ",")
		if particles[w] && i > 0 && i < len(f)-1 {
			continue
		}
		if isInitials(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || nonName[w] {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
				return false
			}
		}
		if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 3 {
			return false
		}
		words++
	}
	if words == 0 || words > 4 {
		return false
	}
	last := strings.Trim(f[len(f)-1], ",")
	return !isInitials(last) || len(f) > 1 && words > 0
}

// isInitials: "P.", "P.-É.", "W.-P.", "Ch.", "A.B."
func isInitials(w string) bool {
	if !strings.HasSuffix(w, ".") {
		return false
	}
	for p := range strings.SplitSeq(strings.ReplaceAll(w, "-", "."), ".") {
		if p == "" {
			continue
		}
		if utf8.RuneCountInString(p) > 2 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// Parse reads one reference.
func Parse(s string) Ref {
	var r Ref
	s = strings.TrimSpace(s)
	work := s

	// A URL, and what follows it (accessed ...), is not part of the rest.
	if m := reURL.FindStringIndex(work); m != nil {
		r.URL = strings.TrimRight(work[m[0]:m[1]], ".,;:)]")
		work = work[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + work[m[1]:]
	}
	if m := reAccessed.FindStringIndex(work); m != nil {
		work = work[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + work[m[1]:]
	}

	// Repetitions.
	if m := reShort.FindStringSubmatchIndex(work); m != nil {
		w := strings.ToLower(work[m[2]:m[3]])
		switch {
		case strings.HasPrefix(w, "ibid"), strings.HasPrefix(w, "ebd"), strings.HasPrefix(w, "ebenda"), strings.HasPrefix(w, "там"):
			r.Short = "ibid"
		case strings.HasPrefix(w, "loc"):
			r.Short = "loc. cit."
		default:
			r.Short = "op. cit."
		}
		before := strings.Trim(work[:m[0]], " ,;:")
		if strings.HasSuffix(before, ".") && !isInitials(lastField(before)) {
			before = strings.TrimSuffix(before, ".")
		}
		if before != "" && r.Short != "ibid" {
			r.Author = before
		}
	} else if reIdem.MatchString(work) {
		r.Short = "ibid"
	}

	// A bibliography entry: authors, then a point (or a comma, where the
	// list has several names or a note's reading finds no periodical).
	if r.Short == "" && !hasArchive(work) && reImprintParen.FindString(work) == "" {
		if b, closer, ok := parseBib(work); ok {
			b.URL = r.URL
			if b.Pages == "" {
				b.Pages = r.Pages
			}
			if closer != ',' || strings.ContainsAny(b.Author, ",&") || strings.Contains(b.Author, " and ") {
				return b
			}
			n := parseNote(r, s, work)
			if n.Type == "speech" || n.Type == "letter" || n.Type == "newspaper" || filled(n) > filled(b) {
				return n
			}
			return b
		}
	}
	return parseNote(r, s, work)
}

// parseNote reads a reference as a note cites it: "Author, Title (Place:
// Publisher, Year), p. 4", "Author, “Title”, Journal 4 (1990), pp. 1-9",
// "Newspaper, 3 May 1923, p. 2", "Repository, f. 1, op. 2, d. 3, l. 4".
func parseNote(r Ref, s, work string) Ref {
	// An archival call number: the repository and what follows are not the
	// title.
	head := work
	if a, at, place := ParseArchive(work); a != nil {
		r.Archive = a
		r.Place = place
		if at >= 0 && at <= len(work) {
			head = work[:at]
		}
	}

	// Locators.
	if m := rePages.FindStringSubmatch(work); m != nil {
		r.Pages = normSpace(m[1])
	}
	if m := reVolume.FindStringSubmatch(work); m != nil {
		r.Volume = m[1]
	}
	if m := reIssue.FindStringSubmatch(work); m != nil {
		r.Issue = m[1]
	}

	// The imprint: (Place: Publisher, Year) or Place: Publisher, Year.
	imprintAt := -1
	if m := reImprintParen.FindStringSubmatchIndex(head); m != nil {
		inner := strings.TrimSpace(head[m[2]:m[3]])
		r.Year = head[m[4]:m[5]]
		if i := strings.LastIndex(inner, ":"); i >= 0 {
			r.Place, r.Publisher = strings.TrimSpace(inner[:i]), strings.TrimSpace(inner[i+1:])
		} else if inner != "" {
			if c := splitTop(inner, ','); len(c) >= 2 && len(strings.Fields(c[0].text)) <= 3 {
				r.Place, r.Publisher = strings.TrimSpace(c[0].text), strings.TrimSpace(inner[c[1].start:])
			} else {
				r.Place = inner
			}
		}
		imprintAt = m[0]
	} else if m := reImprintBare.FindStringSubmatchIndex(head); m != nil {
		r.Place, r.Publisher, r.Year = strings.TrimSpace(head[m[2]:m[3]]), strings.TrimSpace(head[m[4]:m[5]]), head[m[6]:m[7]]
		imprintAt = m[2]
	} else if m := reImprintPub.FindStringSubmatchIndex(head); m != nil {
		r.Publisher, r.Year = strings.TrimSpace(head[m[2]:m[3]]), head[m[4]:m[5]]
		imprintAt = m[2]
	} else if m := rePlaceYear.FindStringSubmatchIndex(head); m != nil && placeLike(head[m[2]:m[3]]) && !isDateOrIssue(head[m[2]:m[5]]) && r.Archive == nil {
		// "…, New York 1966": a place and a year.
		r.Place, r.Year = strings.TrimSpace(head[m[2]:m[3]]), head[m[4]:m[5]]
		imprintAt = m[2]
	}
	if r.Year == "" {
		r.Year = pickYear(work)
	}

	// Head: author, title, container.
	if imprintAt >= 0 {
		head = head[:imprintAt]
	}
	parseHead(&r, head, work, imprintAt >= 0)
	r.Type = pickType(&r, work, imprintAt >= 0)
	if r.Archive != nil {
		// Numbers in a call number's surroundings (despatch No. 88) are
		// not a periodical's.
		r.Pages, r.Volume, r.Issue = "", "", ""
	}
	return r
}

// filled counts the fields a reading found.
func filled(r Ref) int {
	n := 0
	for _, v := range []string{r.Author, r.Title, r.Container, r.Publisher, r.Place, r.Year, r.Volume, r.Pages} {
		if v != "" {
			n++
		}
	}
	return n
}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func hasArchive(s string) bool { a, _, _ := ParseArchive(s); return a != nil }

// pickYear: a parenthesised year, else the year of a date, else any year.
func pickYear(s string) string {
	if m := reParenYear.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := reDate.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	for _, m := range reYear.FindAllStringSubmatchIndex(s, -1) {
		// Not a call number or a page: the year stands alone.
		if m[0] > 0 && (s[m[0]-1] == '/' || s[m[0]-1] == '-') || reNumberBefore.MatchString(s[:m[0]]) {
			continue
		}
		return s[m[2]:m[3]]
	}
	return ""
}

// parseHead reads the author, title and container from the part of a
// reference before its imprint or call number.
func parseHead(r *Ref, head, work string, imprint bool) {
	head = strings.TrimSpace(head)
	head = strings.TrimRight(head, " ,;:.")
	if head == "" {
		return
	}
	if r.Short == "ibid" {
		return
	}
	if r.Short != "" {
		if r.Author != "" && !IsName(r.Author) {
			// "Brisk, A Republic, op. cit." keeps a title.
			c := splitTop(r.Author, ',')
			if IsName(c[0].text) {
				r.Author = strings.TrimSpace(c[0].text)
			}
		}
		return
	}
	if m := reLetter.FindStringSubmatch(head); m != nil && IsName(m[1]) {
		r.Author = strings.TrimSpace(m[1])
		r.Type = "letter"
		return
	}
	quoted := ""
	qAt := -1
	if m := reQuoted.FindStringSubmatchIndex(head); m != nil {
		for i := 2; i < len(m); i += 2 {
			if m[i] >= 0 {
				quoted = head[m[i]:m[i+1]]
				break
			}
		}
		qAt = m[0]
		r.Title = strings.TrimRight(strings.TrimSpace(quoted), ",")
	}
	chunks := splitTop(head, ',')
	var texts []string
	for _, c := range chunks {
		if t := strings.TrimSpace(c.text); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) == 0 {
		return
	}
	i := 0
	if IsName(texts[0]) && (qAt < 0 || qAt > chunks[0].start) && len(texts) > 1 {
		// A name followed by a date or an issue is a periodical: "Lesni
		// Glas, 14 July 1921".
		if !isDateOrIssue(texts[1]) {
			r.Author = texts[0]
			i = 1
		}
	}
	if i < len(texts) && reGenre.MatchString(texts[i]) && r.Title == "" {
		r.Title = texts[i]
		i++
		if lt := strings.ToLower(r.Title); r.Author != "" && (strings.HasPrefix(lt, "speech") || strings.HasPrefix(lt, "address") || strings.HasPrefix(lt, "lecture")) {
			r.Type = "speech"
		}
	}
	if r.Title != "" {
		// The container follows the title.
		rest := texts[i:]
		if qAt >= 0 {
			after := head[qAt:]
			if m := reQuoted.FindStringIndex(after); m != nil {
				rest = nil
				for _, c := range splitTop(after[m[1]:], ',') {
					if t := strings.TrimSpace(c.text); t != "" {
						rest = append(rest, t)
					}
				}
			}
		}
		in := false
		for _, t := range rest {
			if isDateOrIssue(t) || isLocator(t) {
				continue
			}
			if m := reInPrefix.FindStringIndex(t); m != nil {
				in = true
				t = t[m[1]:]
			}
			if reEditorChunk.MatchString(t) {
				in = true
				continue // "in M. Smith (ed.)", "ed. M. Smith"
			}
			r.Container = containerName(r, t)
			if in && r.Type == "" {
				r.Type = "chapter"
			}
			break
		}
		return
	}
	if i >= len(texts) {
		return
	}
	t := texts[i]
	if !imprint && i+1 < len(texts) && startsUpper(t) && !isLocator(texts[i+1]) && (isDateOrIssue(texts[i+1]) || reVolume.MatchString(" "+texts[i+1]) || reVolIssue.MatchString(texts[i+1])) && !reParliament.MatchString(t) {
		r.Container = containerName(r, t) // a periodical
		return
	}
	if !imprint && i == len(texts)-1 && reVolIssue.MatchString(t) {
		r.Container = containerName(r, t)
		return
	}
	// The title runs to the imprint; when there is none, it is the chunk.
	if imprint {
		r.Title = strings.TrimSpace(strings.TrimRight(head[chunks[min(i, len(chunks)-1)].start:], " ,.;:"))
		if i > 0 {
			r.Title = strings.TrimSpace(strings.TrimRight(headFrom(head, chunks, texts[i]), " ,.;:"))
		}
	} else {
		r.Title = t
		if r.Author != "" && !isLocator(t) {
			r.Short = "short"
		}
	}
	if isLocator(r.Title) || isDateOrIssue(r.Title) {
		r.Title = ""
	}
}

func headFrom(head string, chunks []chunk, first string) string {
	for _, c := range chunks {
		if strings.TrimSpace(c.text) == first {
			return head[c.start:]
		}
	}
	return first
}

// containerName strips a volume number and a place in brackets from a
// periodical's name, keeping the place.
func containerName(r *Ref, t string) string {
	if m := reTrailingParen.FindStringSubmatch(t); m != nil && !reYear.MatchString(m[2]) {
		if r.Place == "" {
			r.Place = m[2]
		}
		t = m[1]
	}
	if m := reTrailingVolume.FindStringSubmatch(t); m != nil {
		if r.Volume == "" {
			r.Volume = m[2]
		}
		t = m[1]
	}
	if m := reVolIssue.FindStringSubmatchIndex(t); m != nil {
		t = strings.TrimSpace(t[:m[0]])
	}
	return strings.TrimSpace(t)
}

func isDateOrIssue(t string) bool {
	t = strings.TrimSpace(t)
	if reDate.MatchString(t) && len(t) < 40 || reMonthDay.MatchString(t) {
		return true
	}
	return reIssueStart.MatchString(t) || reYearAlone.MatchString(t)
}

func isLocator(t string) bool {
	t = strings.TrimSpace(t)
	return rePages.MatchString(" "+t) && len(t) < 30 || reArticle.MatchString(t)
}

// pickType decides the reference's type from what was found.
func pickType(r *Ref, work string, imprint bool) string {
	switch {
	case r.Type == "letter" || r.Type == "speech" || r.Type == "chapter" && r.Archive == nil:
		return r.Type
	case r.Archive != nil:
		if r.Author != "" && reLetterWord.MatchString(work) {
			return "letter"
		}
		return "archival"
	case r.Short == "ibid" || r.Short == "op. cit." || r.Short == "loc. cit.":
		return "book"
	case r.URL != "" && r.Title == "" && r.Container == "" && r.Author == "":
		return "web"
	case imprint && r.Publisher != "" || imprint && r.Container == "":
		if reParliament.MatchString(r.Title) && !imprint {
			return "other"
		}
		if reIn.MatchString(strings.TrimSpace(r.Title)) {
			return "chapter"
		}
		return "book"
	case r.Container != "":
		if reDate.MatchString(work) && !reVolIssue.MatchString(work) && r.Volume == "" {
			return "newspaper"
		}
		return "article"
	case r.Title != "" && reParliament.MatchString(r.Title+" "+work):
		return "other"
	case r.Short == "short":
		return "book"
	case r.URL != "":
		return "web"
	}
	return "other"
}
