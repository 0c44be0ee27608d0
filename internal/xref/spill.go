package xref

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// maxSpillFiles is how many partition files one spill writes at most (open
// files are limited; a larger corpus takes a pass over its texts per this
// many hash partitions).
const maxSpillFiles = 256

// spill holds 16-byte records of a corpus too large for the memory budget
// in one temporary file per partition (partitions lo to lo+n-1), written
// in one pass and read back a partition at a time.
type spill struct {
	dir   string
	lo    int
	files []*os.File
	ws    []*bufio.Writer
	err   error // the first write error
}

func newSpill(lo, n int) (*spill, error) {
	dir, err := os.MkdirTemp("", "quellen-xref-")
	if err != nil {
		return nil, fmt.Errorf("xref spill: %w", err)
	}
	s := &spill{dir: dir, lo: lo}
	for i := range n {
		f, err := os.Create(fmt.Sprintf("%s/%d", dir, lo+i))
		if err != nil {
			s.close()
			return nil, fmt.Errorf("xref spill: %w", err)
		}
		s.files = append(s.files, f)
		s.ws = append(s.ws, bufio.NewWriterSize(f, 32<<10))
	}
	return s, nil
}

// add writes a record to partition part; a part not this spill's is left
// out.
func (s *spill) add(part int, rec *[16]byte) {
	k := part - s.lo
	if s.err != nil || k < 0 || k >= len(s.ws) {
		return
	}
	if _, err := s.ws[k].Write(rec[:]); err != nil {
		s.err = fmt.Errorf("xref spill: %w", err)
	}
}

// read calls f on each record of partition part, in the order written,
// then frees the partition's disk space.
func (s *spill) read(part int, f func(rec *[16]byte)) error {
	if s.err != nil {
		return s.err
	}
	w, file := s.ws[part-s.lo], s.files[part-s.lo]
	if err := w.Flush(); err != nil {
		return fmt.Errorf("xref spill: %w", err)
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("xref spill: %w", err)
	}
	r := bufio.NewReaderSize(file, 64<<10)
	var rec [16]byte
	for {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("xref spill: %w", err)
		}
		f(&rec)
	}
	file.Truncate(0)
	return nil
}

// close removes the files.
func (s *spill) close() {
	for _, f := range s.files {
		f.Close()
	}
	os.RemoveAll(s.dir)
}

func putPosting(rec *[16]byte, p hashPosting) {
	binary.LittleEndian.PutUint64(rec[0:], p.h)
	binary.LittleEndian.PutUint32(rec[8:], uint32(p.doc))
	binary.LittleEndian.PutUint32(rec[12:], uint32(p.pos))
}

func getPosting(rec *[16]byte) hashPosting {
	return hashPosting{h: binary.LittleEndian.Uint64(rec[0:]), doc: int32(binary.LittleEndian.Uint32(rec[8:])), pos: int32(binary.LittleEndian.Uint32(rec[12:]))}
}

// pairSeed is a seed of a document pair, as spilled.
type pairSeed struct {
	a, b int32
	s    seed
}

func putPairSeed(rec *[16]byte, p pairSeed) {
	binary.LittleEndian.PutUint32(rec[0:], uint32(p.a))
	binary.LittleEndian.PutUint32(rec[4:], uint32(p.b))
	binary.LittleEndian.PutUint32(rec[8:], uint32(p.s.i))
	binary.LittleEndian.PutUint32(rec[12:], uint32(p.s.j))
}

func getPairSeed(rec *[16]byte) pairSeed {
	return pairSeed{a: int32(binary.LittleEndian.Uint32(rec[0:])), b: int32(binary.LittleEndian.Uint32(rec[4:])),
		s: seed{int(int32(binary.LittleEndian.Uint32(rec[8:]))), int(int32(binary.LittleEndian.Uint32(rec[12:])))}}
}
