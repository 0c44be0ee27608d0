package read

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// Plain reads plain text: UTF-8, or Windows-1252 with a warning when the
// bytes are not valid UTF-8. Paragraphs are runs of lines between blank lines.
type Plain struct{}

// Read implements Reader.
func (Plain) Read(name string, data []byte, opts Options) (*Result, error) {
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	r := &Result{Format: "text", Source: string(data)}
	r.Text, r.Map, r.Problems = decode(name, r.Source, data)
	r.Blocks = Paragraphs(r.Text)
	return r, nil
}

// checkText refuses empty and binary input.
func checkText(name string, data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return &quellen.InputError{Path: name, Code: "empty", Err: errors.New("the file is empty")}
	}
	if IsBinary(data) {
		return &quellen.InputError{Path: name, Code: "binary", Err: errors.New("the file is binary, not text (NUL bytes or control characters)")}
	}
	return nil
}

// IsBinary reports whether data looks like a binary file: NUL bytes or many
// control characters in its first 8 KiB.
func IsBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// Decode returns data as UTF-8 text with a map back to data's bytes. Valid
// UTF-8 is returned as it is (a leading BOM dropped); otherwise the bytes
// are read as Windows-1252 and a warning names the file.
func Decode(name string, data []byte) (string, *text.Map, []quellen.Problem) {
	return decode(name, string(data), data)
}

// decode is Decode of s, which holds data's bytes (so that a caller that
// has them as a string already need not copy them again).
func decode(name, s string, data []byte) (string, *text.Map, []quellen.Problem) {
	bom := strings.HasPrefix(s, "\uFEFF")
	if utf8.ValidString(s) {
		if !bom {
			return s, text.Identity(len(s)), nil
		}
		b := text.NewBuilder(s)
		b.Delete(3)
		out, m := b.Finish()
		return out, m, nil
	}
	b := text.NewBuilder(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			continue
		}
		b.CopyTo(i)
		b.Replace(i, i+1, string(cp1252[c-0x80]))
	}
	out, m := b.Finish()
	return out, m, []quellen.Problem{{
		Severity: "warning", Code: "encoding.cp1252", Offset: firstInvalid(data),
		Message: fmt.Sprintf("%s: not valid UTF-8; decoded as Windows-1252", name),
	}}
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// cp1252 maps bytes 0x80-0xFF of Windows-1252 to runes; the five bytes it
// leaves undefined are read as their Latin-1 control characters.
var cp1252 = func() [128]rune {
	var t [128]rune
	hi := []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")
	for i := range 32 {
		t[i] = hi[i]
	}
	for i := 32; i < 128; i++ {
		t[i] = rune(0x80 + i)
	}
	return t
}()

// Paragraphs splits text into paragraph blocks at blank lines.
func Paragraphs(s string) []Block {
	var out []Block
	start := -1
	lineStart := 0
	for lineStart <= len(s) {
		end := strings.IndexByte(s[lineStart:], '\n')
		lineEnd := len(s)
		if end >= 0 {
			lineEnd = lineStart + end
		}
		blank := strings.TrimSpace(s[lineStart:lineEnd]) == ""
		if blank && start >= 0 {
			out = append(out, Block{Kind: "paragraph", Span: trimSpan(s, start, lineStart)})
			start = -1
		} else if !blank && start < 0 {
			start = lineStart
		}
		if end < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 {
		out = append(out, Block{Kind: "paragraph", Span: trimSpan(s, start, len(s))})
	}
	return out
}

func trimSpan(s string, start, end int) quellen.Span {
	for end > start && (s[end-1] == '\n' || s[end-1] == '\r' || s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	for start < end && (s[start] == ' ' || s[start] == '\t') {
		start++
	}
	return quellen.Span{Start: start, End: end}
}
