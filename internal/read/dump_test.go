package read

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
)

var dumpFile = flag.String("dump", "", "print what the readers make of this file (a debugging aid)")

// TestDump prints the text, blocks and metadata of the file named by -dump.
func TestDump(t *testing.T) {
	if *dumpFile == "" {
		t.Skip("no -dump file")
	}
	data, err := os.ReadFile(*dumpFile)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Read(*dumpFile, data, Options{PDFToText: os.Getenv("PDFTOTEXT") != ""})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("%s\n=====\n", r.Text)
	trunc := func(s string) string {
		if len(s) > 70 {
			return s[:35] + "…" + s[len(s)-30:]
		}
		return s
	}
	for _, b := range r.Blocks {
		s, e := r.Map.InSpan(b.Span.Start, b.Span.End)
		j, _ := json.Marshal(b.Attrs)
		fmt.Printf("%-10s %v raw[%d,%d) %s %q | %q\n", b.Kind, b.Span, s, e, j, trunc(r.Text[b.Span.Start:b.Span.End]), trunc(r.Source[s:e]))
	}
	j, _ := json.MarshalIndent(r.Meta, "", " ")
	fmt.Println(string(j), r.Problems)
}
