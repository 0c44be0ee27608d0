package refs

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/quellen/quellen/internal/extract"
)

var reOwnFolio = regexp.MustCompile(`(?:^|[\s,;(])(?:ll|лл|l|л|ff|f|fol|fols)\.\s*(\d+\s*(?:ob|об|r|v)?\.?(?:\s*[-–—]\s*\d+\s*(?:ob|об|r|v)?\.?)?)`)

// resolve fills Ibid., op. cit., loc. cit. and short-title references from
// their antecedents, in document order.
func resolve(d *extract.Doc, fs []found) {
	line := func(off int) int {
		if d.RawLine == nil {
			return 0
		}
		return d.RawLine(off)
	}
	for i := range fs {
		r := &fs[i].ref
		switch r.Short {
		case "ibid":
			if i == 0 {
				continue
			}
			ante := fs[i-1]
			own := *r
			*r = ante.ref
			r.Short = "ibid"
			fs[i].from = line(ante.span.Start)
			if r.Archive != nil {
				a := *r.Archive
				if m := reOwnFolio.FindStringSubmatch(" " + fs[i].text); m != nil {
					a.List = cleanList(m[1])
				}
				r.Archive = &a
			}
			if own.Pages != "" {
				r.Pages = own.Pages
			}
		case "op. cit.", "loc. cit.", "short":
			j := antecedent(fs, i)
			if j < 0 {
				continue
			}
			ante := fs[j].ref
			own := *r
			*r = ante
			r.Short = own.Short
			fs[i].from = line(fs[j].span.Start)
			if own.Short == "short" {
				r.Title = own.Title
			}
			if own.Pages != "" || own.Short != "loc. cit." {
				r.Pages = own.Pages
			}
			if own.Archive != nil {
				r.Archive = own.Archive
			}
		}
	}
}

// antecedent finds the reference an op. cit., loc. cit. or short title
// repeats: the latest earlier one by the same author (a full one for op.
// cit. and short titles; any for loc. cit., whose page it repeats).
func antecedent(fs []found, i int) int {
	r := fs[i].ref
	sur := surname(r.Author)
	if sur == "" {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		a := fs[j].ref
		if surname(a.Author) != sur {
			continue
		}
		if r.Short == "loc. cit." {
			return j
		}
		if a.Short != "" {
			continue
		}
		if r.Short == "short" && !titleMatches(r.Title, a.Title) {
			continue
		}
		return j
	}
	return -1
}

func surname(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// titleMatches: a short title is the opening words of the full one, or
// most of its words are in it.
func titleMatches(short, full string) bool {
	s, f := fold(short), fold(full)
	if s == "" || f == "" {
		return false
	}
	if strings.HasPrefix(f, s) {
		return true
	}
	fw := map[string]bool{}
	for w := range strings.FieldsSeq(f) {
		fw[w] = true
	}
	n, in := 0, 0
	for w := range strings.FieldsSeq(s) {
		n++
		if fw[w] {
			in++
		}
	}
	return n > 0 && in*4 >= n*3
}

func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
