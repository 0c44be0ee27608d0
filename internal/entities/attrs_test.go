package entities

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/testutil"
)

// findingsRef is findings as first written, one attribute map made for
// every finding: the reference the shared maps are held to.
func (x *run) findingsRef() []quellen.Finding {
	d := x.d
	var out []quellen.Finding
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		raw := m.text(d.Text)
		braw := any(raw)
		bcanon := braw
		if m.canon != raw {
			bcanon = any(m.canon)
		}
		f := quellen.Finding{
			Kind:  quellen.KindEntity,
			Clean: quellen.Span{Start: m.s, End: m.e},
			Text:  raw,
			Attrs: quellen.Attrs{"raw": braw, "canonical": bcanon, "type": boxType(m.typ)},
		}
		if m.titleS >= 0 && m.titleS < m.s && m.typ == "person" {
			f.Attrs["title"] = strings.Join(strings.Fields(d.Text[m.titleS:m.s]), " ")
		}
		out = append(out, f)
	}
	return out
}

// checkFindings compares findings with the reference on text, and checks
// that the maps shared are shared only between findings of equal
// attributes.
func checkFindings(t *testing.T, text string) {
	t.Helper()
	d := &extract.Doc{Text: text, Meta: quellen.Metadata{Language: "en"}}
	off := 0
	for _, p := range strings.SplitAfter(text, "\n\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: off, End: off + len(p)}, Kind: "paragraph", Lang: "en"})
		off += len(p)
	}
	x := &run{}
	x.stages(d, Default())
	x.canonical()
	want := x.findingsRef()
	got := x.findings()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("findings differ from the reference on %.80q:\n got %v\nwant %v", text, got, want)
	}
	first := map[uintptr]int{} // a map's identity -> the first finding with it
	for i := range got {
		id := uintptr(reflect.ValueOf(got[i].Attrs).UnsafePointer())
		j, shared := first[id]
		if !shared {
			first[id] = i
			continue
		}
		if _, titled := got[i].Attrs["title"]; titled {
			t.Fatalf("a titled finding's attributes are shared: %v", got[i])
		}
		if !reflect.DeepEqual(want[i].Attrs, want[j].Attrs) {
			t.Fatalf("findings %v and %v share attributes the reference makes different", want[i], want[j])
		}
	}
}

func TestFindingsMatchReference(t *testing.T) {
	checkFindings(t, "Mr. Smith met Stalin in Moscow. Stalin said to Mr. Smith that Moscow was cold.\n\nGeneral Lee, Lee and Smith; the Ministry of Communications.")
	for _, text := range devTexts(t) {
		checkFindings(t, text)
	}
}

func FuzzFindings(f *testing.F) {
	f.Add("Mr. Smith met Stalin in Moscow. Stalin said to Mr. Smith that Moscow was cold.")
	f.Fuzz(func(t *testing.T, s string) { checkFindings(t, s) })
}

// devTexts is the text of each of ../shared/dev's .txt files.
func devTexts(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testutil.Shared(t, "dev"), "*.txt"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
