package read

import (
	"strings"
	"testing"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"heading", "# Title #\n\nText", "Title\n\nText"},
		{"setext", "Title\n=====\n\nText", "Title\n\nText"},
		{"emphasis", "a *b* **c** _d_ ~~e~~", "a b c d e"},
		{"lone star kept", "5 * 3 and a*b", "5 * 3 and a*b"},
		{"intraword underscore", "snake_case_name", "snake_case_name"},
		{"link", "see [the report](http://x.org \"t\") now", "see the report now"},
		{"image", "![a map](map.png)", "a map"},
		{"reference link", "[text][r]\n\n[r]: http://x.org", "text\n\n"},
		{"bracket note kept", "as shown [12] and (3)", "as shown [12] and (3)"},
		{"code", "run `go test` now", "run go test now"},
		{"escape", `\*not\* emphasis`, "*not* emphasis"},
		{"quote", "> quoted\n> more", "quoted\nmore"},
		{"list", "- one\n- two", "one\ntwo"},
		{"footnote ref", "text[^1] more", "text1 more"},
		{"footnote def", "[^1]: The note.", "1. The note."},
		{"break", "a\n\n---\n\nb", "a\n\n\n\nb"},
		{"html tag", "a <span>b</span> c", "a b c"},
		{"autolink", "<https://x.org>", "https://x.org"},
		{"unclosed bracket", "[not a link", "[not a link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRead(t, "t.md", []byte(tt.in), Options{})
			if r.Text != tt.want {
				t.Errorf("text %q, want %q", r.Text, tt.want)
			}
		})
	}
}

func TestMarkdownBlocks(t *testing.T) {
	in := "---\ntitle: On the ice\nauthor: A. Writer\ndate: 2001-02-03\n---\n\n# Chapter\n\nText with a note[^a] and *style*.\n\n> A quotation\n> in two lines.\n\n- item\n\n[^a]: The note, with a [link](http://x.org).\n    Continued.\n"
	r := mustRead(t, "t.md", []byte(in), Options{})
	if r.Meta.Title != "On the ice" || r.Meta.Author != "A. Writer" || r.Meta.Date != "2001-02-03" {
		t.Errorf("meta %+v", r.Meta)
	}
	if strings.Contains(r.Text, "title:") {
		t.Errorf("front matter in text: %q", r.Text)
	}
	refs := blocksOf(r, "note_ref")
	if len(refs) != 1 || textOf(r, refs[0]) != "a" || rawOf(r, refs[0].Span) != "[^a]" {
		t.Fatalf("refs %+v", refs)
	}
	notes := blocksOf(r, "note")
	if len(notes) != 1 || textOf(r, notes[0]) != "a. The note, with a link.\nContinued." || notes[0].Attrs["number"] != "a" {
		t.Fatalf("notes %+v %q", notes, r.Text)
	}
	if raw := rawOf(r, notes[0].Span); !strings.HasPrefix(raw, "[^a]: The note") {
		t.Errorf("note raw %q", raw)
	}
	for kind, want := range map[string]string{"heading": "Chapter", "blockquote": "A quotation\nin two lines.", "list_item": "item"} {
		bs := blocksOf(r, kind)
		if len(bs) != 1 || textOf(r, bs[0]) != want {
			t.Errorf("%s blocks %+v, want %q", kind, bs, want)
		}
	}
}

// TestMarkdownLinear reads a 20 MB single line of markup: the reader must
// stay linear (a quadratic scan would take minutes).
func TestMarkdownLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	unit := "The harbour master wrote to the board, and the board voted to hire a *third* tug [x](y) `c` [^1] [open "
	line := strings.Repeat(unit, 20<<20/len(unit))
	r := mustRead(t, "big.md", []byte(line), Options{})
	if len(r.Text) < len(line)/2 {
		t.Errorf("text of %d bytes from %d", len(r.Text), len(line))
	}
	p := mustRead(t, "big.txt", []byte(line), Options{})
	if p.Text != line {
		t.Error("plain reader changed a valid UTF-8 line")
	}
}
