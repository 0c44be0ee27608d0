// Package dates extracts the dates layer of a document: absolute and
// partial dates, ranges, decades, centuries, seasons, qualified and
// approximate dates, dual Old Style / New Style dates and relative dates
// resolved against the document's date or the narrative's last date, in
// English, French, Russian and German.
//
// Candidates are found by an own tokeniser and a small grammar over its
// tokens (find.go, parse.go, expr.go), then resolved (resolve.go); the
// extractor (extract.go) walks a document's paragraphs.
package dates
