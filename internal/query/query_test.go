package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want quellen.SearchQuery
		err  bool
	}{
		{"Сталин", quellen.SearchQuery{Terms: []quellen.Term{{Text: "Сталин"}}}, false},
		{`"the pact" stal* -Trotsky ~rumou`, quellen.SearchQuery{Terms: []quellen.Term{
			{Text: "the pact", Phrase: true}, {Text: "stal", Prefix: true}, {Text: "Trotsky", Not: true}, {Text: "rumou", Fragment: true}}}, false},
		{`kind:quote,note speaker:"Maurice Thorez" lang:fr from:1939 to:1945-06 limit:5`, quellen.SearchQuery{
			Kinds: []quellen.Kind{"quote", "note"}, Speaker: "Maurice Thorez", Lang: "fr", From: "1939", To: "1945-06", Limit: 5}, false},
		{"«ledger» 12:30", quellen.SearchQuery{Terms: []quellen.Term{{Text: "ledger", Phrase: true}, {Text: "12:30"}}}, false},
		{"colour:red", quellen.SearchQuery{}, true},
		{"limit:x", quellen.SearchQuery{}, true},
		{"", quellen.SearchQuery{}, false},
		{`"unclosed phrase`, quellen.SearchQuery{Terms: []quellen.Term{{Text: `"unclosed phrase`}}}, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("Parse(%q) error %v", tt.in, err)
			continue
		}
		if !tt.err {
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, d)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, s := range []string{`"the pact" stal* -Trotsky kind:quote speaker:"Maurice Thorez"`, "Сталин lang:ru offset:20"} {
		q, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		q2, err := Parse(String(q))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(q, q2); d != "" {
			t.Errorf("round trip of %q: %s", s, d)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`"a b" kind:quote -x ~y z*`)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if _, err := Parse(String(q)); err != nil {
			t.Fatalf("String(%q) does not parse: %v", s, err)
		}
	})
}
