package refs

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugAny(t *testing.T) {
	fld := os.Getenv("FIELD")
	if fld == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("/work/shared/external/anystyle-gold/gold.xml")
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	var plain []string
	gold := ""
	cur := ""
	var buf strings.Builder
	n := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "sequence" {
				plain, gold = nil, ""
			} else {
				cur = e.Name.Local
				buf.Reset()
			}
		case xml.CharData:
			buf.Write(e)
		case xml.EndElement:
			if e.Name.Local == "sequence" {
				r := Parse(strings.Join(plain, " "))
				got := refFields(r)[fld]
				if strings.Join(fieldTokens(fld, gold), " ") != strings.Join(fieldTokens(fld, got), " ") && n < 30 {
					n++
					fmt.Printf("GOLD %q\nGOT  %q\n  %s\n", gold, got, strings.Join(plain, " "))
				}
				continue
			}
			v := strings.TrimSpace(buf.String())
			if cur != "citation-number" && v != "" {
				plain = append(plain, v)
			}
			if anystyleFields[cur] == fld {
				gold += " " + v
			}
			cur = ""
		}
	}
}
