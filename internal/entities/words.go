package entities

import "strings"

// The folded words of a document, as numbers: a word is hashed and looked
// up once, where its token is made (see markLower), and its lists and what
// the document makes of it (written in lower case, the uses filter
// records) are read and written by its number. The table is the
// document's (its keys are the document's text): small, it stays in the
// caches, where one kept for all documents would not.

// wordFacts is what a document makes of a folded word.
type wordFacts struct {
	key   string // the word
	lx    uint64 // the lists it is in (lx)
	low   bool   // the document writes it in lower case
	wfSet bool   // wf is set (and the word in run.wfIDs)
	wf    uint8  // the uses the document makes of it (see filter)
}

// renderKeys is a word's render keys (see run.renderKeys), once looked up (done).
type renderKeys struct {
	hs   []uint64
	done bool
}

// lexicon numbers the words.
type lexicon struct {
	ids   wordMap[int32] // the word's number plus one
	facts []wordFacts
}

func (l *lexicon) reset() {
	l.ids.reset()
	clear(l.facts) // (the document's words, let go)
	l.facts = l.facts[:0]
}

// id returns the number of the folded word f, numbering it when new.
func (x *run) id(f string) int32 {
	p := x.lex.ids.at(f)
	if *p == 0 {
		x.lex.facts = append(x.lex.facts, wordFacts{key: f, lx: lx(f)})
		*p = int32(len(x.lex.facts))
	}
	return *p - 1
}

// tokID returns the number of t's folded form.
func (x *run) tokID(t *tok) int32 {
	if t.id == 0 {
		t.id = x.id(t.f) + 1
	}
	return t.id - 1
}

// lowID says whether the document writes the word numbered id in lower case.
func (x *run) lowID(id int32) bool { return x.lex.facts[id].low }

// wfAt returns the uses of the word numbered id in the document, to be set.
func (x *run) wfAt(id int32) *uint8 {
	w := &x.lex.facts[id]
	if !w.wfSet {
		w.wfSet = true
		x.wfIDs = append(x.wfIDs, id)
	}
	return &w.wf
}

// wfGet returns the uses of the word numbered id in the document.
func (x *run) wfGet(id int32) uint8 { return x.lex.facts[id].wf }

// wfStr is wfGet of a folded string.
func (x *run) wfStr(f string) uint8 { return x.wfGet(x.id(f)) }

// joinedID returns the number of m.joined().
func (x *run) joinedID(m *mention) int32 {
	if len(m.fi) == 1 {
		return m.fi[0]
	}
	if m.ji == 0 {
		m.ji = x.id(m.joined()) + 1
	}
	return m.ji - 1
}

// renderKeys returns the hashes of the transliteration keys of the known
// word w, or none for a word of the lists or a common English word (they
// render no Russian name), through the run's memo (kept from one document
// to the next, unlocked).
func (x *run) renderKeys(id int32) []uint64 {
	if int(id) >= len(x.rks) {
		x.rks = append(x.rks, make([]renderKeys, int(id)+1-len(x.rks))...)
	}
	rk := &x.rks[id]
	if rk.done {
		return rk.hs
	}
	rk.done = true
	w := &x.lex.facts[id]
	if w.lx != 0 {
		return nil // (a word of the lists: no memo needed)
	}
	k := w.key
	if hs, ok := x.keyMemo[k]; ok {
		rk.hs = hs
		return hs
	}
	var hs []uint64
	if w.lx == 0 && !isCommonEn(k) {
		hs = keyHashes(k)
	}
	if x.keyMemo == nil || len(x.keyMemo) >= 1<<16 {
		x.keyMemo = map[string][]uint64{}
	}
	x.keyMemo[strings.Clone(k)] = hs
	rk.hs = hs
	return hs
}
