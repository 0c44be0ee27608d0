package export

import (
	"testing"
)

// appendString must write exactly what encoding/json writes (HTML
// escaping off), so that the fast path changes no byte of the output.
func TestAppendString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `say "no"`, `back\slash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f", "\b\f",
		"<b>&amp;</b>", "Сталин « Staline »", "line\u2028sep\u2029para", "bad \xff\xfe utf8", "\xe2\x80", "\ufffd", "😀 emoji",
	} {
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("l’Humanité \"x\" \\ \n \u2028 \xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
