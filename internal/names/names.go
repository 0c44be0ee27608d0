package names

import (
	_ "embed"
	"iter"
	"strings"

	"github.com/quellen/quellen/internal/translit"
)

//go:embed given.txt
var givenTXT string

// Genders of a given name.
const (
	Male   byte = 'm'
	Female byte = 'f'
	Either byte = 'x' // given to both, or not known
)

// lexicon is the parsed file.
type lexicon struct {
	// list holds the name lines in the file's order.
	list []entry
	// gender holds, per key, a name's gender.
	gender map[string]byte
	// groups holds, per key, the groups of pet forms a name or form is in.
	groups map[string][]int
	// formGender holds, per key, the gender of a form from its groups,
	// where the groups' names agree.
	formGender map[string]byte
}

type entry struct {
	name   string
	gender byte
}

var lex = parse(givenTXT)

// parse reads the file; a line that is neither a name with its gender nor
// a group is skipped.
func parse(s string) *lexicon {
	x := &lexicon{gender: map[string]byte{}, groups: map[string][]int{}, formGender: map[string]byte{}}
	var forms [][]string
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '=' {
			forms = append(forms, strings.Fields(line[1:]))
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || len(f[1]) != 1 || !strings.Contains("mfx", f[1]) {
			continue
		}
		x.list = append(x.list, entry{f[0], f[1][0]})
		for _, k := range keys(f[0]) {
			if _, ok := x.gender[k]; !ok {
				x.gender[k] = f[1][0]
			}
		}
	}
	for i, g := range forms {
		for _, w := range g {
			for _, k := range keys(w) {
				if gs := x.groups[k]; len(gs) == 0 || gs[len(gs)-1] != i {
					x.groups[k] = append(gs, i)
				}
			}
		}
	}
	// a group's gender: that of its names, Either where they disagree
	group := make([]byte, len(forms))
	for i, g := range forms {
		for _, w := range g {
			switch n := get(x.gender, w); {
			case n != Male && n != Female:
			case group[i] == 0:
				group[i] = n
			case group[i] != n:
				group[i] = Either
			}
		}
	}
	for k, gs := range x.groups {
		var g byte
		for _, i := range gs {
			switch {
			case group[i] == 0:
			case g == 0:
				g = group[i]
			case g != group[i]:
				g = Either
			}
		}
		if g == Male || g == Female {
			x.formGender[k] = g
		}
	}
	return x
}

// keys returns the look-up keys of a name: lower case, and lower case
// without accents where that differs (André: "andré", "andre").
func keys(w string) []string {
	l, f := strings.ToLower(w), translit.Fold(w)
	if l == f {
		return []string{l}
	}
	return []string{l, f}
}

// get looks a word up in m, case ignored, without allocating for a short
// ASCII word.
func get[V any](m map[string]V, w string) V {
	if len(w) <= 32 {
		var buf [32]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				return m[strings.ToLower(w)]
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return m[string(buf[:len(w)])]
	}
	return m[strings.ToLower(w)]
}

// Gender returns the gender of a given name: Male, Female or Either; 0 for
// a word that is no given name (a pet form known only as a form, such as
// "Hal", is none). Case and accents are ignored.
func Gender(w string) byte { return get(lex.gender, w) }

// Given reports whether w is a given name.
func Given(w string) bool { return get(lex.gender, w) != 0 }

// FormGender returns the gender of a given name or of a pet form: the
// name's own where it is Male or Female, else the one its groups' names
// agree on ("Lizzy": Female; "Alex": Male, from Alexander); 0 where it is
// not known.
func FormGender(w string) byte {
	if g := get(lex.gender, w); g == Male || g == Female {
		return g
	}
	return get(lex.formGender, w)
}

// Groups returns the numbers of the groups of pet forms and spellings that
// w is in (Harry: Henry's group), nil for none. The slice is shared: it
// must not be changed.
func Groups(w string) []int { return get(lex.groups, w) }

// Same reports whether two given names are one (case ignored), or forms of
// one ("Harry", "Henry").
func Same(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	ga, gb := Groups(a), Groups(b)
	for _, x := range ga {
		for _, y := range gb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// All returns the given names as they are written, with their genders, in
// the file's order.
func All() iter.Seq2[string, byte] {
	return func(yield func(string, byte) bool) {
		for _, e := range lex.list {
			if !yield(e.name, e.gender) {
				return
			}
		}
	}
}
