// Package dates extracts the dates layer of a document.
package dates

import "github.com/quellen/quellen/internal/extract"

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor { return nil }
