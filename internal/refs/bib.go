package refs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bibliography style: "A. Cau, R. Kuiper, and W.-P. de Roever. Title.
// Container, 4(2), 127-136, 1992." or "Gent, I. P., & Walsh, T. (1994a).
// Title. Journal, 70, 335-345." The authors end at a point after a word
// that is not an initial, at a bracketed year, or at a comma before a
// quoted title or before words that are not a name.

var (
	reBibYearTok   = regexp.MustCompile(`^\(\s*(?:1[4-9]\d\d|20\d\d)[a-z]?\s*\)[.,:]?$`)
	reBibYear      = regexp.MustCompile(`^\(?\s*(1[4-9]\d\d|20\d\d)[a-z]?\s*\)?\s*[.,:]?\s*`)
	reEditorsTag   = regexp.MustCompile(`(?i)^(?:in:?\s+)?(.*?)[,(]?\s*\(?\b(?:editors?|eds?\.?)\)?[,.:]?\s*$`)
	rePubWords     = regexp.MustCompile(`(?i)\b(?:press|publishers?|publishing|verlag|springer|kluwer|wiley|elsevier|addison[- ]wesley|morgan[- ]kaufmann?|prentice[- ]hall|mcgraw[- ]hill|north[- ]holland|academic|pergamon|birkh[aä]user|reidel|ablex|erlbaum|wadsworth|norton|harper|basic books|routledge|penguin|macmillan|longman|blackwell|sage|gallimard|seuil|fayard|[ée]ditions|nauka|izdatel|издательство|books|co\.|inc\.|ltd\.?|sons|benjamin|cummings|freeman|dover|siam|ieee computer society|acm press|aaai press|o'reilly|mit|methuen|plenum|dekker|crc)\b`)
	reContainerW   = regexp.MustCompile(`(?i)\b(?:proc|proceedings|conference|conf|symposium|workshop|journal|j\.|trans|transactions|review|letters|bulletin|annals|quarterly|magazine|lecture notes|advances|international|report|memo|thesis|dissertation)\b`)
	reBarePages    = regexp.MustCompile(`^(?:pages?\s+|pp?\.\s*)?(\d+\s*[-–—]+\s*\d+|\d+\s*[-–]\s*)\.?$`)
	reVolChunk     = regexp.MustCompile(`^(?:(?:vol(?:ume)?\.?|v\.)\s*)?(\d{1,4})\s*(?:\(\s*(\d{1,4}(?:[-–/]\d{1,4})?)\s*\))?(?:\s*[:,]\s*(\d+\s*[-–]+\s*\d+))?\.?$`)
	reIssueChunk   = regexp.MustCompile(`(?i)^(?:no|nos|number|issue|n°)\.?\s*(\d+)\.?$`)
	reParenVol     = regexp.MustCompile(`(?i)^(.*?)\s*\((?:vol(?:ume)?\.?|v\.)\s*(\d+)\)$`)
	rePlacePub     = regexp.MustCompile(`(?:^|[.,]\s+)([A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+){0,2}(?:,\s*[A-Z]{2}\.?)?):\s*([^,.;:]+)`)
	reInstitution  = regexp.MustCompile(`(?i)\b(?:universit|university|universiteit|department|dept|laborator|institut|school|college|cent(?:er|re)|faculty|division|corporation|corp)`)
	reMonth        = regexp.MustCompile(`(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$`)
	reTrailingYear = regexp.MustCompile(`^(.*\D)\s+(1[4-9]\d\d|20\d\d)$`)
	reQuoteOpen    = regexp.MustCompile("^(?:``|\"|“|‘|'|«)")
)

// bibAuthors returns where the author list at the start of s ends (the
// index after its closing punctuation) and the list itself, or -1.
func bibAuthors(s string) (int, string, byte) {
	i := 0
	for i < len(s) {
		// The next token.
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		tok := s[i:j]
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		rest := s[k:]
		switch {
		case reBibYearTok.MatchString(tok):
			if name := strings.TrimRight(strings.TrimSpace(s[:i]), ",;"); authorList(name) {
				return i, name, '('
			}
			return -1, "", 0
		case tok == "al." && strings.HasSuffix(strings.TrimSpace(s[:i]), " et") && authorList(strings.TrimSpace(s[:j])):
			return k, strings.TrimSpace(s[:j]), '.' // "Gurney, M. E. et al. Title"
		case isInitials(tok) && rest != "" && !surnameNext(rest) && !nextIsName(rest) && authorList(strings.TrimSpace(s[:j])):
			// "…, & Martin, M. Information deficits …": the list ends at
			// an initial before words that are not a name.
			return k, strings.TrimSpace(s[:j]), '.'
		case strings.HasSuffix(tok, ".") && !isInitials(tok) && !isNameAbbrev(tok):
			if name := strings.TrimSpace(s[:j]); authorList(strings.TrimSuffix(name, ".")) {
				return k, strings.TrimSuffix(name, "."), '.'
			}
			return -1, "", 0
		case strings.HasSuffix(tok, ":"):
			if name := strings.TrimSpace(s[:j-1]); authorList(name) {
				return k, name, ':'
			}
			return -1, "", 0
		case strings.HasSuffix(tok, ","):
			// A comma before a quoted title, a year, or words that are
			// not a name closes the list.
			name := strings.TrimSpace(s[:j-1])
			if reQuoteOpen.MatchString(rest) || reBibYear.MatchString(rest) && !startsUpper(rest) {
				if authorList(name) {
					return k, name, ','
				}
				return -1, "", 0
			}
			if !nextIsName(rest) && authorList(name) {
				return k, name, ','
			}
		}
		if k >= len(s) || i > 400 {
			break
		}
		i = k
	}
	return -1, "", 0
}

// surnameNext: the next word is a capitalised one closing a name ("Klein,"
// or "Roever.").
func surnameNext(rest string) bool {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return false
	}
	w := f[0]
	return startsUpper(w) && (strings.HasSuffix(w, ",") || strings.HasSuffix(w, ".") || strings.HasSuffix(w, ":")) && !isInitials(w)
}

// isNameAbbrev: "Jr.", "Sr.", "al." inside an author list.
func isNameAbbrev(tok string) bool {
	t := strings.ToLower(strings.Trim(tok, ",;"))
	return t == "jr." || t == "sr." || t == "al." || t == "st."
}

// nextIsName: the words after a comma start another author: initials, a
// capitalised surname followed by initials or a comma, "and".
func nextIsName(rest string) bool {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return false
	}
	w := f[0]
	if w == "and" || w == "&" || isInitials(strings.TrimRight(w, ",")) || particles[w] || w == "et" {
		return true
	}
	if !startsUpper(w) {
		return false
	}
	if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 3 && !nonName[strings.TrimSuffix(w, ".")] {
		return true // "Lind, Maria. Title": the given name closes the list
	}
	// Surname, I. / Given Surname, / Given Surname.
	for n, x := range f[1:min(len(f), 4)] {
		x = strings.TrimRight(x, ",.;")
		if isInitials(x+".") && len(x) <= 3 || strings.HasSuffix(f[n+1], ",") || x == "and" || x == "&" {
			return true
		}
		if !startsUpper(x) && !particles[x] {
			return false
		}
	}
	return len(f) <= 3
}

// authorList reports whether s reads as a list of personal names.
func authorList(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 400 {
		return false
	}
	s = reEtAl.ReplaceAllString(s, "")
	parts := reAuthorSep.Split(s, -1)
	words := 0
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		for _, w := range strings.Fields(p) {
			if isInitials(w) || isInitials(w+".") && utf8.RuneCountInString(w) <= 2 || particles[strings.ToLower(w)] || isNameAbbrev(w) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) || nonName[w] || strings.ContainsAny(w, "0123456789()\"“”:") {
				return false
			}
			words++
		}
	}
	return words > 0
}

// parseBib reads a bibliography-style entry; ok is false when s does not
// open with an author list closed by a point, a colon or a year.
func parseBib(s string) (Ref, byte, bool) {
	end, authors, closer := bibAuthors(s)
	if end < 0 {
		return Ref{}, 0, false
	}
	var r Ref
	r.Author = authors
	rest := s[end:]
	if m := reBibYear.FindStringSubmatch(rest); m != nil && (strings.HasPrefix(strings.TrimSpace(rest), "(") || strings.HasPrefix(rest, m[1]+".") || strings.HasPrefix(rest, m[1]+",")) {
		r.Year = m[1]
		rest = rest[len(m[0]):]
	}
	// The title: quoted, or up to the next sentence point.
	rest = strings.TrimSpace(rest)
	if m := reQuoted.FindStringSubmatchIndex(rest); m != nil && m[0] <= 2 {
		for i := 2; i < len(m); i += 2 {
			if m[i] >= 0 {
				r.Title = strings.TrimRight(strings.TrimSpace(rest[m[i]:m[i+1]]), ",.")
				break
			}
		}
		rest = strings.TrimLeft(rest[m[1]:], ",.;: ")
	} else if strings.HasPrefix(rest, "``") {
		if k := strings.Index(rest, "''"); k > 0 {
			r.Title = strings.TrimRight(strings.TrimSpace(rest[2:k]), ",.")
			rest = strings.TrimLeft(rest[k+2:], ",.;: ")
		}
	} else if closer == ',' {
		c := splitTop(rest, ',')
		r.Title = strings.TrimSpace(c[0].text)
		rest = ""
		if len(c) > 1 {
			rest = rest0(c)
		}
	} else {
		k := titleEnd(rest)
		r.Title = strings.TrimSpace(rest[:k])
		r.Title = strings.TrimRight(r.Title, ",.;")
		rest = strings.TrimLeft(rest[k:], ",.;: ")
	}
	bibRest(&r, rest)
	if closer == ',' && r.Container == "" && r.Publisher == "" {
		return Ref{}, 0, false // "Author, Title, p. 4": a note's short form
	}
	if r.Year == "" {
		r.Year = pickYear(rest)
	}
	switch {
	case r.URL != "" && r.Container == "" && r.Publisher == "":
		r.Type = "web"
	case r.Container != "" && reProceedings.MatchString(r.Container):
		r.Type = "chapter"
	case r.Container != "":
		r.Type = "article"
	case r.Publisher != "":
		r.Type = "book"
	default:
		r.Type = "other"
	}
	return r, closer, true
}

func rest0(c []chunk) string {
	var b []string
	for _, x := range c[1:] {
		b = append(b, x.text)
	}
	return strings.TrimSpace(strings.Join(b, ","))
}

// titleEnd: the title ends at ". ", "? " or "! " before an upper-case
// letter, "In " or a digit, not after an initial.
func titleEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] != ' ' {
			continue
		}
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if c == '.' {
			w := lastWord(s[:i])
			if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
				continue // an initial inside the title
			}
		}
		if j >= len(s) {
			return i + 1
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.HasPrefix(s[j:], "in ") {
			return i + 1
		}
	}
	// No point: the title runs to the first comma before a locator.
	for _, c := range splitTop(s, ',') {
		if c.start > 0 && (isLocator(c.text) || reYear.MatchString(c.text) && len(strings.TrimSpace(c.text)) < 20) {
			return c.start
		}
	}
	return len(s)
}

// bibRest reads container, editors, volume, issue, pages, publisher and
// place from what follows the title.
func bibRest(r *Ref, rest string) {
	if m := reURL.FindString(rest); m != "" {
		r.URL = strings.TrimRight(m, ".,;)")
		rest = strings.Replace(rest, m, "", 1)
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "In ") || strings.HasPrefix(rest, "in ") || strings.HasPrefix(rest, "In: ") || strings.HasPrefix(rest, "in: ") {
		rest = strings.TrimLeft(rest[2:], ": ")
	}
	// "Place: Publisher, Year" anywhere.
	if m := reImprintBare.FindStringSubmatchIndex(" " + rest); m != nil {
		r.Place, r.Publisher = strings.TrimSpace((" " + rest)[m[2]:m[3]]), strings.TrimSpace((" " + rest)[m[4]:m[5]])
		if r.Year == "" {
			r.Year = (" " + rest)[m[6]:m[7]]
		}
	}
	// "Denver, CO: Morgan Kaufmann" without a year.
	if r.Publisher == "" {
		if m := rePlacePub.FindStringSubmatch(rest); m != nil && rePubWords.MatchString(m[2]) {
			r.Place, r.Publisher = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
		}
	}
	chunks := splitPoints(splitTop(rest, ','))
	// Editors: "C. B. Jones, R. C. Shaw, and T. Denvir, editors".
	for i, c := range chunks {
		t := strings.TrimSpace(c.text)
		if m := reEditorsTag.FindStringSubmatch(t); m != nil && i < 8 {
			chunks = chunks[i+1:]
			break
		}
		if i > 8 {
			break
		}
	}
	for i := 0; i < len(chunks); i++ {
		t := strings.TrimSpace(strings.Trim(strings.TrimSpace(chunks[i].text), "."))
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		inner := t
		if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
			inner = strings.TrimSpace(t[1 : len(t)-1])
		}
		isYear := reYear.MatchString(t) && (len(t) < 22 && (reDate.MatchString(t) || reYearOnly.MatchString(t) || reMonthYear.MatchString(t)))
		switch {
		case isYear:
			if r.Year == "" {
				r.Year = reYear.FindStringSubmatch(t)[1]
			}
		case reBarePages.MatchString(t) || rePages.MatchString(" "+t) && len(t) < 40:
			if r.Pages == "" {
				if m := rePageRange.FindString(t); m != "" {
					r.Pages = normSpace(strings.ReplaceAll(m, "--", "-"))
				}
			}
			// "pp. 62-68 Sydney, Australia": a place after the pages.
			if m := rePlaceAfterPages.FindStringSubmatch(t); m != nil && r.Place == "" && placeLike(m[1]) {
				r.Place = strings.Trim(m[1], ".")
				if i+1 < len(chunks) && stateLike(chunks[i+1].text) {
					r.Place += ", " + strings.Trim(strings.TrimSpace(chunks[i+1].text), ".()")
					i++
				}
			}
		case reVolChunk.MatchString(inner) && r.Container != "" && r.Volume == "":
			m := reVolChunk.FindStringSubmatch(inner)
			r.Volume, r.Issue = m[1], m[2]
			yearIssue(r)
			if m[3] != "" && r.Pages == "" {
				r.Pages = normSpace(m[3])
			}
		case reVolume.MatchString(" "+t) && (len(t) < 20 || reVolumeOf.MatchString(t)):
			r.Volume = reVolume.FindStringSubmatch(" " + t)[1]
		case reIssueChunk.MatchString(t):
			r.Issue = reIssueChunk.FindStringSubmatch(t)[1]
		case r.Publisher == "" && rePubWords.MatchString(t) && !reContainerW.MatchString(t):
			r.Publisher = strings.TrimRight(strings.Trim(t, "() "), ":")
			if k := strings.Index(r.Publisher, ":"); k > 0 {
				r.Place, r.Publisher = strings.TrimSpace(r.Publisher[:k]), strings.TrimSpace(r.Publisher[k+1:])
			}
			// A place may follow: "Morgan Kaufmann, San Mateo, CA".
			for i+1 < len(chunks) && placeLike(chunks[i+1].text) && r.Place == "" {
				r.Place = strings.Trim(strings.TrimSpace(chunks[i+1].text), ".()")
				i++
				if i+1 < len(chunks) && stateLike(chunks[i+1].text) {
					r.Place += ", " + strings.Trim(strings.TrimSpace(chunks[i+1].text), ".()")
					i++
				}
			}
		case r.Container == "" && i < 3:
			r.Container = strings.TrimRight(t, ":")
			// A volume glued to the journal: "Artificial Intelligence 70".
			if m := reParenVol.FindStringSubmatch(r.Container); m != nil {
				r.Container, r.Volume = strings.TrimSpace(m[1]), m[2]
			}
			if m := reTrailingYear.FindStringSubmatch(r.Container); m != nil {
				r.Container = strings.TrimSpace(m[1])
				if r.Year == "" {
					r.Year = m[2]
				}
			}
			if m := reGluedVolume.FindStringSubmatch(r.Container); m != nil && !reYear.MatchString(m[2]) {
				r.Container, r.Volume, r.Issue = strings.TrimSpace(m[1]), m[2], m[3]
				yearIssue(r)
				if m[4] != "" {
					r.Pages = normSpace(m[4])
				}
			}
		case placeLike(t) && r.Place == "":
			r.Place = strings.Trim(t, "().:")
			if i+1 < len(chunks) && stateLike(chunks[i+1].text) {
				r.Place += ", " + strings.Trim(strings.TrimSpace(chunks[i+1].text), ".()")
				i++
			}
		}
	}
}

// splitPoints splits a chunk at ". " where what follows is a publisher, a
// place or a year: "pages 266-273. Morgan Kaufmann".
func splitPoints(cs []chunk) []chunk {
	var out []chunk
	for _, c := range cs {
		t := c.text
		base := c.start
		for {
			i := strings.Index(t, ". ")
			for i >= 0 {
				tail := strings.TrimSpace(t[i+2:])
				if rePubWords.MatchString(tail) && !reContainerW.MatchString(tail) || placeLike(tail) || reYear.MatchString(tail) && len(tail) < 8 {
					break
				}
				j := strings.Index(t[i+2:], ". ")
				if j < 0 {
					i = -1
					break
				}
				i += 2 + j
			}
			if i < 0 {
				out = append(out, chunk{t, base})
				break
			}
			out = append(out, chunk{t[:i], base})
			base += i + 2
			t = t[i+2:]
		}
	}
	return out
}

// yearIssue: "41 (2017)" is a volume and its year, not an issue.
func yearIssue(r *Ref) {
	if len(r.Issue) == 4 && reYear.MatchString(r.Issue) {
		if r.Year == "" {
			r.Year = r.Issue
		}
		r.Issue = ""
	}
}

// placeLike: one to three capitalised words, no digits, not a body or a
// periodical.
func placeLike(t string) bool {
	t = strings.Trim(strings.TrimSpace(t), ".():")
	f := strings.Fields(t)
	if len(f) == 0 || len(f) > 3 || strings.ContainsAny(t, "0123456789") || reContainerW.MatchString(t) || rePubWords.MatchString(t) || reInstitution.MatchString(t) || reMonth.MatchString(t) {
		return false
	}
	for _, w := range f {
		if !startsUpper(w) {
			return false
		}
	}
	return true
}

func stateLike(t string) bool {
	t = strings.Trim(strings.TrimSpace(t), ".()")
	return reState.MatchString(t) && !reMonth.MatchString(t) && !reInstitution.MatchString(t)
}
