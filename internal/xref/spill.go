package xref

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// maxSpillFiles is how many partition files one pass over the texts
// writes at most (open files are limited; a larger corpus takes a pass per
// this many partitions).
const maxSpillFiles = 256

// postingSpill holds the shingle postings of partitions lo to hi-1 (of
// parts) in one temporary file each, written in one pass over the texts
// and read back a partition at a time.
type postingSpill struct {
	dir       string
	lo, parts int
	files     []*os.File
	ws        []*bufio.Writer
	err       error // the first write error
	rec       [16]byte
}

func newPostingSpill(lo, hi, parts int) (*postingSpill, error) {
	dir, err := os.MkdirTemp("", "quellen-postings-")
	if err != nil {
		return nil, fmt.Errorf("posting spill: %w", err)
	}
	s := &postingSpill{dir: dir, lo: lo, parts: parts}
	for i := lo; i < hi; i++ {
		f, err := os.Create(fmt.Sprintf("%s/%d", dir, i))
		if err != nil {
			s.close()
			return nil, fmt.Errorf("posting spill: %w", err)
		}
		s.files = append(s.files, f)
		s.ws = append(s.ws, bufio.NewWriterSize(f, 32<<10))
	}
	return s, nil
}

// add writes p to its partition's file, when its partition (its hash
// modulo the number of partitions) is one of this spill's.
func (s *postingSpill) add(p hashPosting) {
	k := int(p.h%uint64(s.parts)) - s.lo
	if s.err != nil || k < 0 || k >= len(s.ws) {
		return
	}
	binary.LittleEndian.PutUint64(s.rec[0:], p.h)
	binary.LittleEndian.PutUint32(s.rec[8:], uint32(p.doc))
	binary.LittleEndian.PutUint32(s.rec[12:], uint32(p.pos))
	if _, err := s.ws[k].Write(s.rec[:]); err != nil {
		s.err = fmt.Errorf("posting spill: %w", err)
	}
}

// read appends partition part's postings to buf, in the order written.
func (s *postingSpill) read(part int, buf []hashPosting) ([]hashPosting, error) {
	if s.err != nil {
		return buf, s.err
	}
	w, f := s.ws[part-s.lo], s.files[part-s.lo]
	if err := w.Flush(); err != nil {
		return buf, fmt.Errorf("posting spill: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return buf, fmt.Errorf("posting spill: %w", err)
	}
	r := bufio.NewReaderSize(f, 64<<10)
	var rec [16]byte
	for {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return buf, fmt.Errorf("posting spill: %w", err)
		}
		buf = append(buf, hashPosting{
			h:   binary.LittleEndian.Uint64(rec[0:]),
			doc: int32(binary.LittleEndian.Uint32(rec[8:])),
			pos: int32(binary.LittleEndian.Uint32(rec[12:])),
		})
	}
	// the partition is read: its disk space can go
	f.Truncate(0)
	return buf, nil
}

// close removes the files.
func (s *postingSpill) close() {
	for _, f := range s.files {
		f.Close()
	}
	os.RemoveAll(s.dir)
}
