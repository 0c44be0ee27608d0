// Package quotes extracts the quotes layer of a document.
package quotes

import "github.com/quellen/quellen/internal/extract"

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor { return nil }
