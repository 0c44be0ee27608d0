package text

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The binary forms of Map and Lines let a long run keep the maps of many
// documents on disk rather than in memory (reuse detection over a corpus
// holds one per document until its links are written). Both are varints:
// a Map is its lengths, then each piece as its output length (shifted
// left, the low bit set for a copy), its input start as the signed
// distance from the last piece's input end, and, for a replacement, its
// input length; Lines is the text's length and the gaps between line
// starts. Pieces cover the output in order, so their output starts are
// not written.

const (
	mapMagic   = 'M'
	linesMagic = 'L'
)

// AppendBinary appends the map's binary form to b (encoding.BinaryAppender).
func (m *Map) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, mapMagic)
	b = binary.AppendUvarint(b, uint64(m.outLen))
	b = binary.AppendUvarint(b, uint64(m.inLen))
	b = binary.AppendUvarint(b, uint64(len(m.pieces)))
	lastIn := 0
	for _, p := range m.pieces {
		out := uint64(p.OutEnd-p.OutStart) << 1
		if p.Copy {
			out |= 1
		}
		b = binary.AppendUvarint(b, out)
		b = binary.AppendVarint(b, int64(p.InStart-lastIn))
		if !p.Copy {
			b = binary.AppendUvarint(b, uint64(p.InEnd-p.InStart))
		}
		lastIn = p.InEnd
	}
	return b, nil
}

// MarshalBinary returns the map's binary form (encoding.BinaryMarshaler).
func (m *Map) MarshalBinary() ([]byte, error) { return m.AppendBinary(nil) }

// UnmarshalBinary reads a map written by AppendBinary, checking that its
// pieces cover the output in order without gaps and stay inside the
// input (not that their inputs never overlap: see Map); a damaged form is
// an error and leaves m unchanged.
func (m *Map) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if r.byte() != mapMagic {
		return errors.New("text: not a map")
	}
	outLen, inLen, n := r.size(), r.size(), r.size()
	if r.err != nil {
		return r.err
	}
	if n > len(r.b)/2 { // each piece takes at least two bytes
		return errors.New("text: map: more pieces than bytes")
	}
	pieces := make([]Piece, 0, n)
	out, lastIn := 0, 0
	for range n {
		ol := r.size()
		copied := ol&1 == 1
		ol >>= 1
		in := lastIn + r.signed()
		il := ol
		if !copied {
			il = r.size()
		}
		if r.err != nil {
			return r.err
		}
		if in < 0 || il > inLen || in > inLen-il || ol > outLen-out {
			return fmt.Errorf("text: map: piece %d outside its texts", len(pieces))
		}
		pieces = append(pieces, Piece{OutStart: out, OutEnd: out + ol, InStart: in, InEnd: in + il, Copy: copied})
		out += ol
		lastIn = in + il
	}
	if out != outLen {
		return fmt.Errorf("text: map: pieces cover %d of %d output bytes", out, outLen)
	}
	if len(r.b) > 0 {
		return errors.New("text: map: trailing bytes")
	}
	*m = Map{pieces: pieces, outLen: outLen, inLen: inLen}
	return nil
}

// AppendBinary appends the index's binary form to b.
func (l *Lines) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, linesMagic)
	b = binary.AppendUvarint(b, uint64(l.n))
	b = binary.AppendUvarint(b, uint64(len(l.starts)))
	last := 0
	for _, s := range l.starts {
		b = binary.AppendUvarint(b, uint64(s-last))
		last = s
	}
	return b, nil
}

// MarshalBinary returns the index's binary form.
func (l *Lines) MarshalBinary() ([]byte, error) { return l.AppendBinary(nil) }

// UnmarshalBinary reads an index written by AppendBinary: line starts
// from 0, rising, inside the text.
func (l *Lines) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if r.byte() != linesMagic {
		return errors.New("text: not a line index")
	}
	size, n := r.size(), r.size()
	if r.err != nil {
		return r.err
	}
	if n == 0 || n > len(r.b) || n-1 > size {
		return errors.New("text: line index: bad count")
	}
	starts := make([]int, 0, n)
	last := 0
	for i := range n {
		d := r.size()
		if r.err != nil {
			return r.err
		}
		if (i == 0) != (d == 0) || d > size-last {
			return fmt.Errorf("text: line index: line %d starts out of order", i+1)
		}
		last += d
		starts = append(starts, last)
	}
	if len(r.b) > 0 {
		return errors.New("text: line index: trailing bytes")
	}
	*l = Lines{starts: starts, n: size}
	return nil
}

// reader reads varints, keeping the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// size reads an unsigned varint that must fit a non-negative int below
// 1<<40 (no text is larger).
func (r *reader) size() int {
	v, k := binary.Uvarint(r.b)
	if k <= 0 || v >= 1<<41 { // output lengths are shifted left once
		r.fail()
		return 0
	}
	r.b = r.b[k:]
	return int(v)
}

func (r *reader) signed() int {
	v, k := binary.Varint(r.b)
	if k <= 0 || v >= 1<<40 || v <= -1<<40 {
		r.fail()
		return 0
	}
	r.b = r.b[k:]
	return int(v)
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errors.New("text: truncated or damaged binary form")
	}
}
