package text

import "strings"

// Builder writes an output text from an input text and records the Map
// between them as it goes. Stages copy what they keep and replace what they
// change; a Builder never loses track of where a byte came from.
//
// Calls other than Append must move forward through the input: each starts
// at or after the input position where the previous one ended. Input passed
// over between calls is deleted, except where Skip passed over it.
type Builder struct {
	in  string
	out strings.Builder
	m   Map
	pos int // input consumed so far
}

// NewBuilder starts building an output text from in.
func NewBuilder(in string) *Builder {
	b := &Builder{in: in}
	b.m.inLen = len(in)
	b.out.Grow(len(in))
	return b
}

// Pos is the input offset consumed so far.
func (b *Builder) Pos() int { return b.pos }

// Len is the output length so far.
func (b *Builder) Len() int { return b.out.Len() }

// String is the output so far.
func (b *Builder) String() string { return b.out.String() }

// CopyTo copies the input from the current position up to end.
func (b *Builder) CopyTo(end int) {
	if end <= b.pos {
		return
	}
	o := b.out.Len()
	b.out.WriteString(b.in[b.pos:end])
	b.m.add(Piece{o, b.out.Len(), b.pos, end, true})
	b.pos = end
}

// Replace deletes the input from the current position to start (as a
// deletion), then writes s in place of in[start:end].
func (b *Builder) Replace(start, end int, s string) {
	if start < b.pos {
		start = b.pos
	}
	if end < start {
		end = start
	}
	if start > b.pos {
		b.Delete(start)
	}
	o := b.out.Len()
	b.out.WriteString(s)
	b.m.add(Piece{o, b.out.Len(), start, end, false})
	b.pos = end
}

// Delete drops the input from the current position to end.
func (b *Builder) Delete(end int) {
	if end <= b.pos {
		return
	}
	o := b.out.Len()
	b.m.add(Piece{o, o, b.pos, end, false})
	b.pos = end
}

// Skip moves the input position to end without writing anything or
// recording a deletion: the skipped input is expected to be placed later
// with Append (a footnote moved after the body).
func (b *Builder) Skip(end int) {
	if end > b.pos {
		b.pos = end
	}
}

// Append copies in[start:end] to the end of the output without moving the
// input position: text moved from elsewhere. Its input must not overlap any
// input already copied, replaced or deleted.
func (b *Builder) Append(start, end int) {
	if end <= start {
		return
	}
	o := b.out.Len()
	b.out.WriteString(b.in[start:end])
	b.m.pieces = append(b.m.pieces, Piece{o, b.out.Len(), start, end, true})
}

// Insert writes s at the current input position, consuming nothing.
func (b *Builder) Insert(s string) { b.Replace(b.pos, b.pos, s) }

// Finish copies the rest of the input and returns the output and its map.
func (b *Builder) Finish() (string, *Map) {
	b.CopyTo(len(b.in))
	m := b.m
	m.outLen = b.out.Len()
	m.inLen = len(b.in)
	return b.out.String(), &m
}
