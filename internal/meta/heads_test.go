package meta

import (
	"strings"
	"testing"
)

// pageNumRef is pageNum as it was, splitting the whole line.
func pageNumRef(s string) (head, num string, ok bool) {
	if len(s) > 100 {
		return "", "", false
	}
	f := strings.Fields(s)
	if len(f) < 2 {
		return "", "", false
	}
	switch {
	case len(f[0]) <= 4 && isNumber(f[0]):
		return strings.Join(f[1:], " "), f[0], true
	case len(f[len(f)-1]) <= 4 && isNumber(f[len(f)-1]):
		return strings.Join(f[:len(f)-1], " "), f[len(f)-1], true
	}
	return "", "", false
}

func checkPageNum(t *testing.T, s string) {
	h, n, ok := pageNum(s)
	rh, rn, rok := pageNumRef(s)
	if h != rh || n != rn || ok != rok {
		t.Fatalf("pageNum(%q) = %q, %q, %v; want %q, %q, %v", s, h, n, ok, rh, rn, rok)
	}
}

func TestPageNum(t *testing.T) {
	for _, s := range []string{"", "160", "160 Another view of Stalin", "Another view of Stalin 161", "  12\u00a0 Chapter  one \t",
		"Chapter\u2003one\u2003 3", "12345 too long", "1 2", "a b", " 7 ", "x\u3000\u3000 9", "\xff 12", "12 \xff", "iv Preface",
		"A" + strings.Repeat(" b", 60)} {
		checkPageNum(t, s)
	}
}

func FuzzPageNum(f *testing.F) {
	for _, s := range []string{"160 Another view", "view 161", "\u00a012 x", "a\u2003 9"} {
		f.Add(s)
	}
	f.Fuzz(checkPageNum)
}
