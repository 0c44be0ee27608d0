package entities

import (
	"strings"

	"github.com/quellen/quellen"
	"unicode"
	"unicode/utf8"
)

// nameInfo is what a mention's text says of it, whatever stands around it:
// the same name written again in the document costs one look-up.
type nameInfo struct {
	gaz       *Entry // the gazetteer's entry, or nil
	words     int32  // the words of the mention it was made of (see info)
	content   int    // words that are not adjectives, nationalities, roles or generic
	lone      bool   // a letter standing alone before a word, or initials alone
	typ, head string // the head word's type (see headType)
	given     bool   // a name of several words whose first is a given name
	initial   bool   // an initial before the last word
	pub       bool   // a newspaper's name: a word of the newspapers' names after the first
	acronym   bool
	dictAll   bool // every word a function word, an adjective or a word the dictionaries write in lower case (see dictWords)
	dictDone  bool
	ltDone    bool
	disp      string
	dispF     string
	// Of a name of one word:
	caps                     bool // in capitals, two letters or more
	givenW                   bool // a given name
	participle               bool // a past participle (Resolved)
	letter                   bool // one letter
	roman                    bool // a roman numeral
	dictWord                 bool // a word the dictionaries write only in lower case (see isDictWord)
	ending                   bool // the ending of a common noun or adjective (see hasEnding)
	dictWordDone, endingDone bool
	lt                       learnt // see learnt
	ltType                   string
	// The attributes of the first finding of the text in the document at
	// hand (see findings), with the canonical name and type they hold.
	attrs                quellen.Attrs
	attrsCanon, attrsTyp string
}

// infoBound is the most names the memo of nameInfo keeps: each run (one
// per document analysed at once) holds about 240 bytes a name, 4 MB at
// this bound. (At 1 << 16 an ingest of 100 MB peaked at 606 MB instead
// of 457, the collector letting the heap grow fivefold, and ran no
// faster.)
const infoBound = 1 << 14

// info returns the nameInfo of m's text, made once per run of documents
// (with one gazetteer; see reset): a name's information depends on its
// text and the gazetteer alone, and names recur from one document to the
// next.
func (x *run) info(m *mention) *nameInfo {
	if m.ni != nil {
		return m.ni
	}
	name := m.text(x.d.Text)
	slot := x.infos.at(name)
	if *slot != nil {
		m.ni = *slot
		return m.ni
	}
	// The same text cut otherwise (a state's abbreviation is one word: D. C.)
	// is another name: such a one is the document's alone.
	own := func() *nameInfo {
		ni := &nameInfo{}
		*slot, m.ni = ni, ni
		x.makeInfo(m, ni, name)
		return ni
	}
	if m.forced != nil {
		return own()
	}
	if x.infoMemo.n >= infoBound {
		// (The names of many documents: the memo starts afresh.)
		x.infoMemo, x.infoArena = wordMap[*nameInfo]{}, arena[nameInfo]{}
	}
	kept, _ := x.infoMemo.atKept(name)
	if ni := *kept; ni != nil {
		if int(ni.words) != len(m.words) {
			return own()
		}
		*slot, m.ni = ni, ni
		return ni
	}
	ni := &x.infoArena.take(1)[:1][0]
	*ni = nameInfo{words: int32(len(m.words))}
	*slot, *kept = ni, ni
	m.ni = ni
	x.makeInfo(m, ni, name)
	// The memo outlives the document: its strings are copies.
	ni.disp, ni.dispF, ni.head = clone(ni.disp), clone(ni.dispF), clone(ni.head)
	return ni
}

func (x *run) makeInfo(m *mention, ni *nameInfo, name string) {
	if e, ok := x.lookup(name); ok {
		ni.gaz = &e
	}
	ws := m.words
	for k, w := range ws {
		if m.fc[k]&(lxNationality|lxCapAdj|lxRoleNoun|lxGenericOrg|lxStop|lxRoman|lxConnector|lxParticle|lxKeptTitle|lxPersonTitle) != 0 {
			continue
		}
		if hasNationalitySuffix(w, m.fw[k], x) {
			continue
		}
		ni.content++
	}
	ni.lone = loneLetterStart(ws) || onlyInitials(ws)
	ni.typ, ni.head = headType(m.fw, m.fc)
	ni.given = len(ws) > 1 && x.g.Given(ws[0])
	ni.initial = hasInitial(ws)
	for k := range ws[min(1, len(ws)):] {
		if m.fc[k+1]&lxPublication != 0 {
			ni.pub = true
		}
	}
	ni.disp = x.makeDisplay(m)
	if ni.disp == name && (len(ws) == 1 || joinedText(name, ws)) {
		ni.dispF = m.joined() // the text is the words with a space between them: its fold is theirs
	} else {
		ni.dispF = x.fold(ni.disp)
	}
	if len(ws) == 1 {
		w, f := ws[0], m.fw[0]
		runes := utf8.RuneCountInString(w)
		ni.caps = runes >= 2 && isUpper(w)
		ni.acronym = runes >= 2 && runes <= 6 && ni.caps && strings.IndexFunc(w, unicode.IsLetter) >= 0 && strings.Trim(w, "IVXLCDM") != "" // isAcronym
		ni.givenW = x.g.Given(w)
		ni.participle = len(f) >= 6 && strings.HasSuffix(f, "ed") && !strings.HasSuffix(f, "eed") && !ni.givenW
		ni.letter = runes < 2
		ni.roman = strings.Trim(w, "IVXLCDM") == ""
	}
}

// clone is strings.Clone, but keeps the empty string and the constants.
func clone(s string) string {
	switch s {
	case "", "org", "place":
		return s
	}
	return strings.Clone(s)
}

// isDictWord says whether m, one word, is a word the dictionaries write only
// in lower case and no given name.
func (ni *nameInfo) isDictWord(m *mention) bool {
	if !ni.dictWordDone {
		ni.dictWordDone = true
		ni.dictWord = !ni.givenW && isCommonEn(m.fw[0])
	}
	return ni.dictWord
}

// hasEnding says whether m, one word, ends like a common noun or adjective (see commonEnding).
func (ni *nameInfo) hasEnding(m *mention) bool {
	if !ni.endingDone {
		ni.endingDone = true
		ni.ending = commonEnding(m.fw[0])
	}
	return ni.ending
}

// dictWords says whether every word of m is a function word, an adjective
// or one the dictionaries write in lower case (and no given name), not
// counting what the document makes of them.
func (ni *nameInfo) dictWords(x *run, m *mention) bool {
	if !ni.dictDone {
		ni.dictDone = true
		ni.dictAll = true
		for k, f := range m.fw {
			c := m.fc[k]
			if c&lxPublication != 0 || c&(lxConnector|lxStop|lxCapAdj) == 0 && (x.g.Given(m.words[k]) || !isCommonEn(f)) {
				ni.dictAll = false
				break
			}
		}
	}
	return ni.dictAll
}

// learnt is the sum of what annotated newspapers say of m's words, and the type it favours.
func (ni *nameInfo) learnt(x *run, m *mention) (learnt, string) {
	if !ni.ltDone {
		ni.ltDone = true
		for _, f := range m.fw {
			if c, ok := x.g.learnt.get(f); ok {
				for n := range ni.lt {
					ni.lt[n] += c[n]
				}
			}
		}
		ni.ltType = ni.lt.typeOf()
	}
	return ni.lt, ni.ltType
}

// isUpper says whether s has no lower-case letter (strings.ToUpper(s) == s).
func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			for _, r := range s[i:] {
				if unicode.ToUpper(r) != r {
					return false
				}
			}
			return true
		}
		if 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}
