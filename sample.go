package quellen

import "embed"

// Sample is the built-in sample corpus that `quellen demo` analyses: five
// short documents written for the project (nothing in them is real) about
// an invented dock strike on Harrow Quay in the invented port of Saltmere,
// August 1887. They are a newspaper report (HTML, with a footnote), a
// French shipowner's memoir (text, « » quotations, French dates), a
// historian's critique (Markdown, numbered notes, an archival reference in
// fond/opis/delo/list and one in series/carton/folio, ibid., a verdict,
// numbers that conflict with the report's), a Russian consul's dispatch
// with a Julian/Gregorian dual date, and a striker's letter in TEI P5.
// The files are under testdata/sample.
//
//go:embed testdata/sample
var Sample embed.FS
