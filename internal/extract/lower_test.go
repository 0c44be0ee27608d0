package extract

import (
	"strings"
	"testing"
)

func TestLower(t *testing.T) {
	for _, s := range []string{"", "abc", "Notes", "TRANSLATOR'S NOTES", "The Claim IS False.", "Примечания", "Это НЕВЕРНО",
		"İ", "İstanbul", "ǅ", strings.Repeat("Ab", 100), strings.Repeat("AbC ", 300)} {
		if got, want := Lower(s, nil), strings.ToLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLower(f *testing.F) {
	f.Add("The Claim IS False.")
	f.Add("Notes to Chapter 3")
	f.Fuzz(func(t *testing.T, s string) {
		var buf [8]byte
		if got, want := Lower(s, buf[:0]), strings.ToLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
	})
}
