package refs

import (
	"regexp"
	"strings"
)

// Archive is an archival call number: Russian fond/opis/delo/list, or a
// Western series (fond), piece (delo) and folio (list), opis empty.
type Archive struct {
	Repository, Fond, Opis, Delo, List string
}

// Attr returns the archive as the contract's object.
func (a *Archive) Attr() map[string]any {
	if a == nil {
		return nil
	}
	v := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	return map[string]any{"repository": v(a.Repository), "fond": v(a.Fond), "opis": v(a.Opis), "delo": v(a.Delo), "list": v(a.List)}
}

var (
	// f. 1402, op. 2, d. 57, l. 31-48 / ф. 17, оп. 3, д. 45, л. 12об.
	reRussian = regexp.MustCompile(`(?i)(?:^|[\s,;(])(?:f|ф|fond|фонд)\.?\s*([A-ZА-Я]?-?\d+[a-zа-я]?)\s*[,;.]?\s*` +
		`(?:(?:op|оп|opis'?|опись)\.?\s*(\d+[a-zа-я]?)\s*[,;.]?\s*)?` +
		`(?:(?:d|д|delo|дело|ed\.\s*khr|ед\.\s*хр)\.?\s*(\d+[a-zа-я]?)\s*[,;.]?\s*)?` +
		`(?:(?:ll|лл|l|л|list|листы|лист|ff|f)\.?\s*(\d+\s*(?:ob|об)?\.?(?:\s*[-–—]\s*\d+\s*(?:ob|об)?\.?)?))?`)
	// FO 371/9312, CAB 24/158
	reSeriesPiece = regexp.MustCompile(`\b([A-Z]{1,5}\s?\d{1,4})/(\d+[A-Z]?(?:/\d+)?)`)
	// F/7/13090, AJ/40/12
	reSlashed = regexp.MustCompile(`\b([A-Z]{1,3}(?:/\d+[A-Z]?)+)/(\d+[A-Z]?)\b`)
	// 65 AQ E 412, 1 AP 3
	reNumberLetters = regexp.MustCompile(`\b(\d{1,3}\s?[A-Z]{1,3})\s+([A-Z]{0,2}\s?\d+(?:\s?[A-Z])?)\b`)
	reBoxFolder     = regexp.MustCompile(`(?i)\b((?:RG|MG|MS|MSS|Series|Collection|Coll\.)\s*[A-Z]?\d+[A-Z]?)\s*,\s*(box\s+\d+[A-Z]?)(?:\s*,\s*(folder\s+\d+[A-Z]?|file\s+\d+))?`)
	reFolio         = regexp.MustCompile(`(?:^|[\s,;(])(?:ff|f|fol|fols|fos|fo)\.\s*(\d+[rv]?(?:\s*[-–—]\s*\d+[rv]?)?)`)
	reAbbrevParen   = regexp.MustCompile(`\s*\([A-ZА-Я][A-Za-zА-Яа-я]{1,9}\)`)
	reAcronym       = regexp.MustCompile(`^[A-ZА-Я][A-ZА-Я]{1,7}$|^[A-Z][a-z]?[A-Z][A-Za-z]{0,5}$`)
)

// archiveWords mark a chunk of a citation as the name of a repository.
var archiveWords = []string{"archive", "archiv", "archief", "archivo", "archivio", "record office", "library",
	"bibliothèque", "bibliothek", "biblioteca", "museum", "musée", "institute", "institut", "collection",
	"архив", "библиотека", "papers", "national archives", "public record"}

func isRepository(chunk string) bool {
	c := strings.ToLower(chunk)
	for _, w := range archiveWords {
		if strings.Contains(c, w) {
			return true
		}
	}
	return reAcronym.MatchString(strings.Trim(strings.TrimSpace(reAbbrevParen.ReplaceAllString(chunk, "")), ".:"))
}

// ParseArchive finds an archival call number in s. It returns the archive,
// the byte offset in s where the repository (or the call number) begins,
// and the place between the repository and the call number.
func ParseArchive(s string) (a *Archive, start int, place string) {
	if m := reRussian.FindStringSubmatchIndex(s); m != nil && (m[4] >= 0 || m[6] >= 0) {
		a = &Archive{Fond: sub(s, m, 1), Opis: sub(s, m, 2), Delo: sub(s, m, 3), List: cleanList(sub(s, m, 4))}
		at := m[0]
		for at < len(s) && (s[at] == ' ' || s[at] == ',' || s[at] == ';' || s[at] == '(') {
			at++
		}
		repo, rs, pl := repositoryBefore(s, at)
		a.Repository = repo
		if repo == "" {
			rs = at
		}
		return a, rs, pl
	}
	// RG 59, Box 123, Folder 4: a series with boxes and folders.
	if m := reBoxFolder.FindStringSubmatchIndex(s); m != nil {
		repo, rs, pl := repositoryBefore(s, m[0])
		a = &Archive{Repository: repo, Fond: normSpace(sub(s, m, 1)), Delo: normSpace(sub(s, m, 2))}
		if f := sub(s, m, 3); f != "" {
			a.Delo += ", " + normSpace(f)
		}
		if f := reFolio.FindStringSubmatch(s[m[1]:]); f != nil {
			a.List = cleanList(f[1])
		}
		if repo == "" {
			rs = m[0]
		}
		return a, rs, pl
	}
	type west struct {
		re          *regexp.Regexp
		needsRepo   bool
		fond, piece int
	}
	for _, w := range []west{{reSeriesPiece, false, 1, 2}, {reSlashed, true, 1, 2}, {reNumberLetters, true, 1, 2}} {
		for _, m := range w.re.FindAllStringSubmatchIndex(s, -1) {
			repo, rs, pl := repositoryBefore(s, m[0])
			if repo == "" && w.needsRepo {
				continue
			}
			a = &Archive{Repository: repo, Fond: normSpace(sub(s, m, w.fond)), Delo: normSpace(sub(s, m, w.piece))}
			if f := reFolio.FindStringSubmatch(s[m[1]:]); f != nil {
				a.List = cleanList(f[1])
			}
			if repo == "" {
				rs = m[0]
			}
			return a, rs, pl
		}
	}
	return nil, -1, ""
}

// repositoryBefore reads back from the call number at 'at' over the
// comma-separated chunks before it: the nearest that names a repository,
// and the chunks between (a place such as Kew).
func repositoryBefore(s string, at int) (repo string, start int, place string) {
	head := s[:at]
	// A call number in brackets: "(APRF, f. 45, ...)" reads from the
	// bracket.
	base := 0
	if i := strings.LastIndexByte(head, '('); i >= 0 && !strings.Contains(head[i:], ")") {
		base = i + 1
		head = head[base:]
	}
	chunks := splitTop(head, ',')
	for i := range chunks {
		chunks[i].start += base
	}
	var places []string
	for i := len(chunks) - 1; i >= 0 && i >= len(chunks)-3; i-- {
		c := strings.TrimSpace(chunks[i].text)
		if c == "" {
			continue
		}
		if isRepository(c) {
			start = chunks[i].start + strings.Index(chunks[i].text, c)
			for _, pre := range []string{"in ", "In ", "at ", "held in ", "see ", "See "} {
				if strings.HasPrefix(c, pre) {
					c = c[len(pre):]
					start += len(pre)
				}
			}
			repo = strings.Trim(strings.TrimSpace(reAbbrevParen.ReplaceAllString(c, "")), ".: ")
			for j := len(places) - 1; j >= 0; j-- {
				if place != "" {
					place += ", "
				}
				place += places[j]
			}
			return repo, start, place
		}
		if len(strings.Fields(c)) > 3 || !startsUpper(c) {
			break
		}
		places = append(places, c)
	}
	return "", at, ""
}

func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

func cleanList(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".,; ")
	if strings.HasSuffix(s, "ob") || strings.HasSuffix(s, "об") {
		return s + "."
	}
	return s
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
