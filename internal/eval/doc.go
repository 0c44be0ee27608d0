// Package eval measures quellen against gold sets in the extraction
// contract. Its ratchet test scores the development corpus (../shared/dev)
// with the shared scorer and fails when a figure recorded in
// docs/accuracy.md drops: accuracy only goes up.
package eval
