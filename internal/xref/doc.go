// Package xref cross-examines documents: it finds the passages two
// documents share (reuse, exact or edited), with a word-level diff of each
// against its source. Candidates come from fingerprints (hashed word
// n-grams, the rare ones only, as passim does), chained along a diagonal
// band that tolerates omissions and substitutions, then trimmed and diffed
// word by word.
package xref
