package lang

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readInputs reads strings written as "<len>\n<bytes>", one after another
// (QUELLEN_DETECT_INPUTS: for instance what the quotation extractor asks
// Detect on a generated corpus).
func readInputs(tb testing.TB) []string {
	p := os.Getenv("QUELLEN_DETECT_INPUTS")
	if p == "" {
		tb.Skip("set QUELLEN_DETECT_INPUTS to a file of inputs")
	}
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var out []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(line))
		if err != nil {
			tb.Fatal(err)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func BenchmarkDetectInputs(b *testing.B) {
	in := readInputs(b)
	n := 0
	for _, s := range in {
		n += min(len(s), maxScan)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range in {
			Detect(s)
		}
	}
}
