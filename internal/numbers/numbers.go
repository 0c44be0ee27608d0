// Package numbers extracts the numbers layer of a document: quantities in
// digits or words (en, fr, de, ru) with their unit or counted noun, ranges,
// qualifiers ("about", "nearly", "environ", "около") and the two sides of a
// vote. Dates, clock times, identifiers (page, note, clause, article
// numbers), ordinals, footnote markers and the idiomatic "one" are left
// out.
package numbers
