package lang

import (
	"strings"
	"testing"
)

func checkStop(t *testing.T, w string) {
	t.Helper()
	m, ok := stop.get([]byte(w))
	rm, rok := stopMap[w]
	if m != rm || ok != rok {
		t.Fatalf("stop.get(%q) = %b, %v; the map has %b, %v", w, m, ok, rm, rok)
	}
}

// TestStopTableIsTheMap: the table finds every function word with its
// languages, and nothing else (prefixes, extensions, long words).
func TestStopTableIsTheMap(t *testing.T) {
	for w := range stopMap {
		checkStop(t, w)
		checkStop(t, w+"s")
		checkStop(t, w[:len(w)-1])
		checkStop(t, strings.ToUpper(w))
	}
	for _, w := range []string{"", "the", "thee", "a\x00", "\x00", "unsereunsere", "kotoraia", "kotoraiaa", "eshchë", strings.Repeat("x", 40)} {
		checkStop(t, w)
	}
}

func FuzzStopTable(f *testing.F) {
	for _, w := range []string{"the", "les", "kotorye", "nibud'"} {
		f.Add(w)
	}
	f.Fuzz(checkStop)
}
