package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/quellen/quellen"
)

func TestJSONLOrder(t *testing.T) {
	var b bytes.Buffer
	j := NewJSONL(&b)
	f := quellen.Finding{Kind: quellen.KindQuote, Raw: quellen.Span{Start: 3, End: 9}, Line: 1, EndLine: 1, Text: "a <b> & c",
		Attrs: quellen.Attrs{"speaker": "X", "block": false, "note": nil}}
	if err := j.Write("d.txt", []quellen.Finding{f}); err != nil {
		t.Fatal(err)
	}
	j.Flush()
	want := `{"doc": "d.txt", "kind": "quote", "line": 1, "end_line": 1, "start": 3, "end": 9, "text": "a <b> & c", "block": false, "note": null, "speaker": "X"}` + "\n"
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
}

func TestTimeline(t *testing.T) {
	docs := []TimelineDoc{{Name: "a.txt", Findings: []quellen.Finding{
		{Kind: quellen.KindDate, Text: "1923", Line: 4, Attrs: quellen.Attrs{"from": "1923", "to": "1923"}},
		{Kind: quellen.KindDate, Text: "spring 1921", Line: 2, Attrs: quellen.Attrs{"from": "1921-03", "to": "1921-05"}},
		{Kind: quellen.KindDate, Text: "bad", Attrs: quellen.Attrs{"from": "x"}},
		{Kind: quellen.KindEntity, Text: "X"},
	}}}
	var b bytes.Buffer
	if err := Timeline(&b, docs); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Events []struct {
			Start struct{ Year, Month int }  `json:"start_date"`
			End   *struct{ Year, Month int } `json:"end_date"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 2 || got.Events[0].Start.Year != 1921 || got.Events[0].End == nil || got.Events[0].End.Month != 5 || got.Events[1].End != nil {
		t.Errorf("events: %s", b.String())
	}
}

func TestGraphML(t *testing.T) {
	docs := []GraphDoc{{Name: "r.txt", Author: "Ann Smith", Findings: []quellen.Finding{
		{Kind: quellen.KindEntity, Attrs: quellen.Attrs{"canonical": "Jan Volk", "type": "person"}},
		{Kind: quellen.KindQuote, Attrs: quellen.Attrs{"speaker": "Jan Volk"}},
		{Kind: quellen.KindQuote, Attrs: quellen.Attrs{"speaker": "Jan Volk"}},
		{Kind: quellen.KindStance, Attrs: quellen.Attrs{"target": "Bo <Brisk>", "verdict": "false"}},
	}}}
	var b bytes.Buffer
	if err := GraphML(&b, docs); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	var g struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatalf("not XML: %v\n%s", err, s)
	}
	if len(g.Graph.Nodes) != 3 || len(g.Graph.Edges) != 2 {
		t.Errorf("nodes %d edges %d:\n%s", len(g.Graph.Nodes), len(g.Graph.Edges), s)
	}
	if !strings.Contains(s, `<data key="weight">2</data>`) || !strings.Contains(s, "Bo &lt;Brisk&gt;") {
		t.Errorf("weights or escaping wrong:\n%s", s)
	}
}
