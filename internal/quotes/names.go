package quotes

import (
	"strings"

	"github.com/quellen/quellen/internal/names"
)

// givenNameGender gives a name its gender from its first given name, or
// from the names whose pet form it is ("Lizzy", "Teddy").
func givenNameGender(n string) byte {
	ws := strings.Fields(n)
	if len(ws) < 1 {
		return 0
	}
	return names.FormGender(ws[0])
}

// sameGiven reports whether two given names are one, or forms of one
// ("Harry", "Henry").
func sameGiven(a, b string) bool { return names.Same(a, b) }
