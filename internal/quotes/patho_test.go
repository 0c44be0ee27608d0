package quotes

import (
	"strings"
	"testing"
	"time"
)

// TestPathological runs inputs that could make a careless scanner
// quadratic: each must finish in well under a second per megabyte.
func TestPathological(t *testing.T) {
	rows := map[string]string{
		"opening marks":      strings.Repeat("“", 200000),
		"closing marks":      strings.Repeat("”", 200000),
		"ascii doubles":      strings.Repeat("\" ", 200000),
		"ticks":              strings.Repeat("`a ", 100000),
		"possessives":        strings.Repeat("the workers' movement ", 30000),
		"unclosed per para":  strings.Repeat("“never closed\n\n", 30000),
		"short quotes":       strings.Repeat("He said “yes.” ", 30000),
		"names and pronouns": strings.Repeat("Mr. Jan Volkar said that he would. He adds: “No.” ", 10000),
		"one long sentence":  strings.Repeat("and Volkar ", 100000) + "said “x”.",
		"notes":              strings.Repeat("“x” [1] ", 50000),
	}
	for name, s := range rows {
		start := time.Now()
		(Extractor{}).Extract(doc(s))
		if d := time.Since(start); d > time.Duration(len(s)/1000+500)*time.Millisecond {
			t.Errorf("%s: %d bytes took %v", name, len(s), d)
		}
	}
}
