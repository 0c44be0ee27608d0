package quotes

import (
	"strings"
	"testing"
	"time"
)

// TestLinear runs inputs that could make a careless scanner quadratic
// (stacks of open marks, runs of names, thousands of quotations in one
// paragraph) at two sizes: ten times the input must take nowhere near a
// hundred times as long.
func TestLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	rows := map[string]string{
		"opening marks":      "“",
		"closing marks":      "”",
		"ascii doubles":      "\" ",
		"ticks":              "`a ",
		"possessives":        "the workers' movement ",
		"unclosed per para":  "“never closed\n\n",
		"short quotes":       "He said “yes.” ",
		"names and pronouns": "Mr. Jan Volkar said that he would. He adds: “No.” ",
		"one long sentence":  "and Volkar ",
		"notes":              "“x” [1] ",
	}
	for name, unit := range rows {
		t.Run(name, func(t *testing.T) {
			n := 12000 / len(unit)
			run := func(k int) time.Duration {
				s := strings.Repeat(unit, k) + " said “x”."
				best := time.Hour
				for range 3 {
					start := time.Now()
					(Extractor{}).Extract(doc(s))
					best = min(best, time.Since(start))
				}
				return best
			}
			t1, t2 := run(n), run(10*n)
			if t2 > 40*t1+500*time.Millisecond { // linear: 10×, quadratic: 100×
				t.Errorf("10× the input took %v against %v: not linear", t2, t1)
			}
		})
	}
}
