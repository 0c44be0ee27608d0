package read

import (
	"fmt"

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
