package repair

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	f := os.Getenv("REPAIR_DUMP")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	lex := NewLexicon()
	lex.Learn(string(data))
	r := Run(string(data), Options{Format: "text", Lexicon: lex})
	fmt.Println(r.Text)
	for _, x := range r.Fixes {
		if x.Kind == "repair" {
			fmt.Printf("FIX %s %q -> %q\n", x.What, string(data)[x.In.Start:x.In.End], x.Clean)
		}
	}
	for _, b := range r.Blocks {
		fmt.Printf("BLOCK %s %v %q\n", b.Kind, b.Attrs, r.Text[b.Span.Start:b.Span.End])
	}
}
