package export

import (
	"bytes"
	"testing"

	"github.com/quellen/quellen"
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

// Write must write what WriteRecord(Record(...)) writes, for every kind
// of attribute value and a status.
func TestJSONLWriteEqualsRecord(t *testing.T) {
	fs := []quellen.Finding{
		{Kind: quellen.KindQuote, Raw: quellen.Span{Start: 3, End: 40}, Line: 2, EndLine: 3, Text: "« Non » \"x\"\n",
			Attrs: quellen.Attrs{"speaker": "Marie", "lang": nil, "block": false, "note": 12, "score": 0.5, "tiny": 1e-7, "big": 1e21,
				"neg": -2.25, "whole": 3.0, "list": []string{"a", "<b>"}, "nilList": []string(nil), "any": []any{1, "x", nil},
				"map": map[string]any{"z": 1, "a": []int{1, 2}}, "text": "shadowed", "doc": "shadowed"}},
		{Kind: quellen.KindDate, Status: quellen.Status("corrected"), Attrs: quellen.Attrs{"status": "attr", "from": "1887-05-01"}},
		{Kind: quellen.KindDate, Attrs: quellen.Attrs{"status": "attr kept when automatic"}},
		{Kind: quellen.KindEntity},
	}
	var fast, slow bytes.Buffer
	jf, js := NewJSONL(&fast), NewJSONL(&slow)
	if err := jf.Write("d1.txt", fs); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if err := js.WriteRecord(Record("d1.txt", f)); err != nil {
			t.Fatal(err)
		}
	}
	jf.Flush()
	js.Flush()
	if fast.String() != slow.String() {
		t.Errorf("Write:\n%s\nWriteRecord(Record):\n%s", fast.String(), slow.String())
	}
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range []float64{0, 1, -1, 0.5, 1e-7, 1e21, 123456789.125, 1e-300, -3e25} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		want, err := marshal(v)
		got, err2 := appendValue(nil, v)
		if (err == nil) != (err2 == nil) || err == nil && string(got) != string(want) {
			t.Fatalf("appendValue(%v) = %s, %v; want %s, %v", v, got, err2, want, err)
		}
	})
}
