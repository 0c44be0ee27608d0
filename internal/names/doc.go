// Package names is the project's lexicon of given names: each name with its
// gender, and the groups of the usual English pet forms and spellings of a
// name (Henry, Harry, Hal). The entity extractor reads it to tell persons,
// the quotation extractor to give a speaker a gender and to join the forms
// of one person's name. The data is one embedded file, given.txt (see the
// README beside it).
package names
