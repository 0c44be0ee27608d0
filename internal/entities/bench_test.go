package entities_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/extract"
)

// BenchmarkExtractCorpus runs the extractor over the documents of a
// directory of text files (QUELLEN_BENCH_DIR, for instance a corpus made by
// ../shared/bench/gencorpus.py), each cut into paragraphs at blank lines
// (English), as the pipeline would give them without its other layers.
func BenchmarkExtractCorpus(b *testing.B) {
	dir := os.Getenv("QUELLEN_BENCH_DIR")
	if dir == "" {
		b.Skip("set QUELLEN_BENCH_DIR to a directory of .txt files")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) == 0 {
		b.Skipf("no .txt files in %s", dir)
	}
	var docs []*extract.Doc
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		d := &extract.Doc{Name: filepath.Base(p), Format: "text", Text: text, Meta: quellen.Metadata{Language: "en"}}
		start := 0
		for _, para := range strings.Split(text, "\n\n") {
			d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: start, End: start + len(para)}, Kind: "paragraph", Lang: "en"})
			start += len(para) + 2
		}
		docs = append(docs, d)
		size += len(text)
	}
	g := entities.Default()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			entities.Extract(d, g)
		}
	}
}
