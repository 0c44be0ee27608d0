// Package notes extracts the notes layer of a document.
package notes

import "github.com/quellen/quellen/internal/extract"

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor { return nil }
