package lang

import "testing"

func TestFromName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russian", "ru"},
		{"from the Russian", "ru"},
		{"du russe", "ru"},
		{"de l'allemand", "de"},
		{"aus dem Russischen", "ru"},
		{"с французского", "fr"},
		{"Русский", "ru"},
		{"French", "fr"},
		{"fr", "fr"},
		{"Lesnian", ""},
		{"", ""},
		{"  .  ", ""},
		{"Translation - English", "en"},
	}
	for _, tt := range tests {
		if got := FromName(tt.in); got != tt.want {
			t.Errorf("FromName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
