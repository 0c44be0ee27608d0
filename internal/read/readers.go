package read

import (
	"fmt"
	"unsafe"

	"github.com/quellen/quellen"
)

// readers maps each format to its reader. Formats a reader file registers
// in its init are added here.
var readers = map[string]Reader{
	"text": Plain{},
}

// Register adds a reader for a format; reader files call it from init.
func Register(format string, r Reader) { readers[format] = r }

// Read detects the format of data and reads it. The error, when there is
// one, is a *quellen.InputError naming the file.
func Read(name string, data []byte, opts Options) (res *Result, err error) {
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if int64(len(data)) > opts.MaxBytes {
		return nil, &quellen.InputError{Path: name, Code: "too_large", Err: fmt.Errorf("the file is %d bytes, over the limit of %d", len(data), opts.MaxBytes)}
	}
	format := Detect(name, data)
	r, ok := readers[format]
	if !ok {
		return nil, &quellen.InputError{Path: name, Code: "format", Err: fmt.Errorf("no reader for %s files", format)}
	}
	defer func() {
		// A reader that panics on damaged input is a bug, but the user still
		// gets an error naming the file rather than a crash.
		if p := recover(); p != nil {
			res, err = nil, &quellen.InputError{Path: name, Code: "reader.panic", Err: fmt.Errorf("the %s reader failed: %v", format, p)}
		}
	}()
	return r.Read(name, data, opts)
}

// Text returns what Read would give as the result's Text, and the same
// error; for plain text it skips the work Text does not need (the copy of
// the source, the paragraphs). The corpus lexicon is learnt from it.
func Text(name string, data []byte, opts Options) (txt string, err error) {
	return readText(name, data, opts, false)
}

// TextView is Text without the copy of a plain-text file: the text it
// returns may be data itself, for a caller that keeps no part of it and
// leaves data unchanged while it reads it (learning the corpus lexicon,
// which copies the words it keeps).
func TextView(name string, data []byte, opts Options) (string, error) {
	return readText(name, data, opts, true)
}

func readText(name string, data []byte, opts Options, view bool) (txt string, err error) {
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if int64(len(data)) > opts.MaxBytes {
		return "", &quellen.InputError{Path: name, Code: "too_large", Err: fmt.Errorf("the file is %d bytes, over the limit of %d", len(data), opts.MaxBytes)}
	}
	format := Detect(name, data)
	if r, ok := readers[format]; ok {
		if _, plain := r.(Plain); plain {
			defer func() {
				if p := recover(); p != nil {
					txt, err = "", &quellen.InputError{Path: name, Code: "reader.panic", Err: fmt.Errorf("the %s reader failed: %v", format, p)}
				}
			}()
			if err := checkText(name, data); err != nil {
				return "", err
			}
			s := ""
			if view && len(data) > 0 {
				s = unsafe.String(&data[0], len(data))
			} else {
				s = string(data)
			}
			txt, _, _ = decode(name, s, data)
			return txt, nil
		}
	}
	res, err := Read(name, data, opts)
	if err != nil {
		return "", err
	}
	return res.Text, nil
}
