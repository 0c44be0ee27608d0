package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// benchDoc makes a document the size of a generated corpus file: about
// 44 KB of text and 1,250 findings, as the pipeline gives today.
func benchDoc(i int) *quellen.Document {
	var b strings.Builder
	for p := 0; b.Len() < 44000; p++ {
		fmt.Fprintf(&b, "Paragraph %d of document %d: the dockers of Harrow Quay walked out on 8 August 1887, some 4,000 men.\n\n", p, i)
	}
	text := b.String()
	d := storetest.Doc(fmt.Sprintf("d%06d.txt", i), text)
	d.Findings = nil
	for j := 0; j < 1250; j++ {
		s := (j * 35) % (len(text) - 40)
		kind := []quellen.Kind{quellen.KindEntity, quellen.KindEntity, quellen.KindEntity, quellen.KindDate, quellen.KindQuote, quellen.KindLanguage}[j%6]
		d.Findings = append(d.Findings, quellen.Finding{
			Kind: kind, Clean: quellen.Span{Start: s, End: s + 30}, Raw: quellen.Span{Start: s, End: s + 30},
			Line: j, EndLine: j, Text: text[s : s+30],
			Attrs:     quellen.Attrs{"raw": text[s : s+30], "canonical": "Harrow Quay", "type": "place", "lang": "en"},
			Extractor: string(kind), Status: quellen.StatusAutomatic,
		})
	}
	return d
}

// BenchmarkPut stores documents one after the other: Put does it all;
// Writer is what is left to the single writer of an ingest once the
// workers have prepared the documents (Prepare, not timed).
func BenchmarkPut(b *testing.B) {
	docs := make([]*quellen.Document, 64)
	for i := range docs {
		docs[i] = benchDoc(i)
	}
	next := func(i int) *quellen.Document {
		d := *docs[i%len(docs)]
		d.Raw = append([]byte(fmt.Sprintf("%d\n", i)), d.Raw...) // new bytes each time
		d.SHA256 = ""
		d.Findings = append([]quellen.Finding(nil), d.Findings...)
		return &d
	}
	for _, prepared := range []bool{false, true} {
		name := "Put"
		if prepared {
			name = "Writer"
		}
		b.Run(name, func(b *testing.B) {
			s, err := Open(b.Context(), filepath.Join(b.TempDir(), "q.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.SetBytes(int64(len(docs[0].Raw)))
			i := 0
			for b.Loop() {
				d := next(i)
				i++
				if !prepared {
					if _, err := s.Put(b.Context(), d); err != nil {
						b.Fatal(err)
					}
					continue
				}
				b.StopTimer()
				p, err := Prepare(d)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.PutPrepared(b.Context(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
