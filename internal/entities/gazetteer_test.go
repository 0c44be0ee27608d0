package entities

import "testing"

func TestGiven(t *testing.T) {
	g := NewGazetteer()
	for w, want := range map[string]bool{
		"Henry": true, "HENRY": true, "André": true, "Andre": true, "Фёдор": true, "Федор": true,
		"Claude": true, "Sasha": true, "Kate": true, // from the one lexicon, whatever the gender
		"Hal": false, "Kit": false, // pet forms only
		"Smith": false, "London": false, "": false,
	} {
		if got := g.Given(w); got != want {
			t.Errorf("Given(%q) = %v, want %v", w, got, want)
		}
	}
}
