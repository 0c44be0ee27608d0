package quotes

import (
	"strings"

	"github.com/quellen/quellen/internal/names"
)

// givenGender gives the given names of the project's lexicon
// (internal/names: European, Russian and English names with their familiar
// forms) their gender, 'm', 'f' or 'x' (either, or not known): a general
// lexicon, for pronoun agreement when the text's own pronouns do not tell.
// Any entry is a given name. The table is the lexicon's own, shared: it is
// never changed.
var givenGender = names.GenderTable()

// givenNameGender gives a name its gender from its first given name, or
// from the names whose pet form it is ("Lizzy", "Teddy").
func givenNameGender(n string) byte {
	ws := strings.Fields(n)
	if len(ws) < 1 {
		return 0
	}
	return names.FormGender(ws[0])
}

// hypocorisms groups the usual English pet forms and spellings of a given
// name with it (Henry, Harry, Hal; John, Jack; Caroline, Carrie): a general
// lexicon (internal/names), so that "Harry" and "Lord Henry" of one
// document, where no other Henry or Harry is, lead to one person. A form
// may belong to two groups (Teddy: Edward, Theodore). The table is the
// lexicon's own, shared: it is never changed.
var hypocorisms = names.GroupTable()

// sameGiven reports whether two given names are one, or forms of one
// ("Harry", "Henry").
func sameGiven(a, b string) bool { return names.Same(a, b) }
