package xref

import (
	"fmt"
	"os"
)

// Spool is a Corpus kept in a temporary file: texts are appended once and
// read back by index, so that a large corpus's clean texts need not stay
// in memory while its reuse is computed.
type Spool struct {
	f    *os.File
	offs []int64
	lens []int
	size int64
}

// NewSpool creates a spool in dir ("" for the system's temporary folder).
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "quellen-spool-*")
	if err != nil {
		return nil, err
	}
	return &Spool{f: f}, nil
}

// Add appends a text and returns its index.
func (s *Spool) Add(text string) (int, error) {
	if _, err := s.f.WriteAt([]byte(text), s.size); err != nil {
		return 0, err
	}
	s.offs = append(s.offs, s.size)
	s.lens = append(s.lens, len(text))
	s.size += int64(len(text))
	return len(s.offs) - 1, nil
}

// Len implements Corpus.
func (s *Spool) Len() int { return len(s.offs) }

// Text implements Corpus.
func (s *Spool) Text(i int) (string, error) {
	if i < 0 || i >= len(s.offs) {
		return "", fmt.Errorf("spool: no text %d", i)
	}
	b := make([]byte, s.lens[i])
	if _, err := s.f.ReadAt(b, s.offs[i]); err != nil {
		return "", err
	}
	return string(b), nil
}

// Close removes the spool's file.
func (s *Spool) Close() error {
	name := s.f.Name()
	err := s.f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}
