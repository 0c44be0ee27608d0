package refs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// expandInitials replaces an author's initials with given names the
// document spells out for the same surname: "P.-É. Garnier" is
// "Paul-Émile Garnier" where the text names him so. The initials must agree
// with the given names' first letters; an author without initials is kept.
func expandInitials(doc, author string) string {
	f := strings.Fields(author)
	if len(f) < 2 || strings.ContainsAny(author, ",;&") || strings.Contains(author, " and ") {
		return author
	}
	var initials []rune
	for _, w := range f[:len(f)-1] {
		if !isInitials(w) {
			return author
		}
		for p := range strings.FieldsFuncSeq(w, func(r rune) bool { return r == '.' || r == '-' }) {
			r, _ := utf8.DecodeRuneInString(p)
			initials = append(initials, unicode.ToUpper(r))
		}
	}
	sur := f[len(f)-1]
	if utf8.RuneCountInString(sur) < 2 || len(initials) == 0 {
		return author
	}
	re, err := regexp.Compile(`((?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+){1,3})` + regexp.QuoteMeta(sur) + `\b`)
	if err != nil {
		return author
	}
	best, bestN := "", 0
	for _, m := range re.FindAllStringSubmatch(doc, 50) {
		given := strings.Fields(m[1])
		var letters []rune
		for _, g := range given {
			for p := range strings.SplitSeq(g, "-") {
				r, _ := utf8.DecodeRuneInString(p)
				letters = append(letters, r)
			}
		}
		// The given names may drop a middle name, never add one.
		if len(letters) > len(initials) || letters[0] != initials[0] || nonName[given[0]] {
			continue
		}
		ok := true
		for i, r := range letters {
			if r != initials[i] {
				ok = false
			}
		}
		if ok && len(letters) > bestN {
			best, bestN = strings.Join(given, " ")+" "+sur, len(letters)
		}
	}
	if best == "" {
		return author
	}
	return best
}
