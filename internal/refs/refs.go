// Package refs parses the references of a document into CSL-like fields:
// every citation in its notes, its citation blocks ("Citation:",
// "Source:") and a review's header lines citing the reviewed work. Notes
// that cite several items give one reference each; archival call numbers
// (fond/opis/delo/list, series/piece/folio) fill an archive object; Ibid.,
// op. cit., loc. cit. and short titles are resolved to their antecedent.
package refs

import "github.com/quellen/quellen/internal/extract"

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{extract.Func{N: "refs", F: extractRefs}}
}
