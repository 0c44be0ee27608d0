package numbers

import (
	"strings"
	"testing"
)

// TestLowerASCII holds the scanner's lower-casing to strings.ToLower, and
// the words it made to their values after many more are made.
func TestLowerASCII(t *testing.T) {
	var sc scanner
	words := []string{"Twenty", "THOUSAND", "Km", "a", "", "Été", "O’Clock", strings.Repeat("X", 5000), "MiLLion"}
	var made []string
	for round := 0; round < 2000; round++ {
		for _, w := range words {
			got, ok := sc.lowerASCII(w)
			if !ok {
				continue
			}
			if want := strings.ToLower(w); got != want {
				t.Fatalf("lowerASCII(%q) = %q, want %q", w, got, want)
			}
			made = append(made, got)
		}
	}
	i := 0
	for round := 0; round < 2000; round++ {
		for _, w := range words {
			if _, ok := sc.lowerASCII(w); !ok {
				continue
			}
			if made[i] != strings.ToLower(w) {
				t.Fatalf("word %d (%q) became %q", i, w, made[i])
			}
			i++
		}
	}
	for _, w := range []string{"Été", "O’Clock"} {
		if _, ok := sc.lowerASCII(w); ok {
			t.Errorf("lowerASCII(%q) took a word outside ASCII", w)
		}
	}
}

func FuzzLowerASCII(f *testing.F) {
	f.Add("Hundred")
	f.Fuzz(func(t *testing.T, w string) {
		var sc scanner
		if got, ok := sc.lowerASCII(w); ok && got != strings.ToLower(w) {
			t.Errorf("lowerASCII(%q) = %q, want %q", w, got, strings.ToLower(w))
		}
	})
}
