package quotes

import (
	"testing"

	"github.com/quellen/quellen/internal/names"
)

func TestGivenNameGenderForms(t *testing.T) {
	for n, want := range map[string]byte{
		"Lizzy Hollis": 'f', "Hal": 'm', "Teddy": 'm', "Alex": 'm', // pet forms
		"André Gide": 'm', "Hélène": 'f', // accents kept, or not
		"Claude": 0, "Sasha": 0, "Jean Valjean": 0, // names given to both
	} {
		if got := givenNameGender(n); got != want {
			t.Errorf("givenNameGender(%q) = %q, want %q", n, got, want)
		}
	}
	// a name given to both is still a given name
	if names.Gender("Claude") == 0 || names.Gender("Hal") != 0 {
		t.Errorf("names.Gender: Claude %q, Hal %q", names.Gender("Claude"), names.Gender("Hal"))
	}
}

func TestSameGiven(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Harry", "Henry", true}, {"Carrie", "caroline", true}, {"Mary", "MARY", true},
		{"Edward", "Theodore", false}, {"Henry", "John", false},
	} {
		if got := sameGiven(tt.a, tt.b); got != tt.want {
			t.Errorf("sameGiven(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
