package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchRead(b *testing.B, name string, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(name, data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

var benchProse = strings.Repeat("The harbour master wrote to the board on the fourteenth of February, and the board \u201cvoted\u201d to hire a third tug.\n", 2000)

func BenchmarkPlain(b *testing.B) { benchRead(b, "b.txt", []byte(benchProse)) }

// BenchmarkPlainSingleLine reads one long line, as a 200 MB file of one
// line would be read (set QUELLEN_BENCH_MB for other sizes).
func BenchmarkPlainSingleLine(b *testing.B) {
	benchRead(b, "b.txt", []byte(strings.Repeat("word and word, ", benchMB()<<20/15)))
}

func BenchmarkMarkdown(b *testing.B) {
	benchRead(b, "b.md", []byte(strings.Repeat("Some *emphasis* and a [link](http://x.org) with a note[^1].\n\n", 2000)))
}

func BenchmarkMarkdownSingleLine(b *testing.B) {
	benchRead(b, "b.md", []byte(strings.Repeat("word *emph* [x](y) `c` [^1] [open ", benchMB()<<20/35)))
}

func BenchmarkHTML(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<html><head><title>T | Site</title><style>p{}</style></head><body>")
	for i := range 2000 {
		sb.WriteString("<p>The harbour master&rsquo;s <i>letter</i> to the board")
		if i%10 == 0 {
			sb.WriteString(`<sup><a href="#fn1">1</a></sup>`)
		}
		sb.WriteString(" &amp; its <b>answer</b>.</p>\n")
	}
	sb.WriteString(`<div class="footnotes"><p id="fn1">1. A note. <a href="#r1">&#8617;</a></p></div></body></html>`)
	benchRead(b, "b.html", []byte(sb.String()))
}

func BenchmarkD4(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("/work/shared/dev", "d4.html"))
	if err != nil {
		b.Skip(err)
	}
	benchRead(b, "d4.html", data)
}

func benchMB() int {
	if s := os.Getenv("QUELLEN_BENCH_MB"); s != "" {
		n := 0
		for _, c := range s {
			n = n*10 + int(c-'0')
		}
		if n > 0 {
			return n
		}
	}
	return 20
}
