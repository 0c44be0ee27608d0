// Package text holds the offset machinery every stage shares: an offset Map
// between an input text and the text a stage made of it, a Builder that
// makes both at once, and a line index over raw bytes.
//
// Offsets are sacred in quellen: a stage that changes text returns a Map, and
// positions are carried through maps, never re-found by string search.
package text
