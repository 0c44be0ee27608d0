package meta

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// particles may stand lower-case inside a person's name.
var particles = map[string]bool{
	"de": true, "du": true, "des": true, "la": true, "le": true, "von": true, "van": true, "der": true,
	"den": true, "di": true, "da": true, "dos": true, "das": true, "del": true, "della": true, "y": true,
	"ibn": true, "bin": true, "al": true, "ten": true, "ter": true, "zu": true, "d'": true,
}

// notNames are capitalised words that are not part of a person's name in
// a header line.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "le": true, "la": true, "les": true, "un": true, "une": true,
	"der": true, "die": true, "das": true, "ein": true, "eine": true, "and": true, "of": true, "et": true,
	"chapter": true, "chapitre": true, "kapitel": true, "part": true, "partie": true, "book": true,
	"contents": true, "summary": true, "translation": true, "introduction": true, "preface": true,
	"review": true, "article": true, "press": true, "university": true, "journal": true, "volume": true,
	"letter": true, "report": true, "record": true, "minutes": true, "notes": true, "archive": true,
	"archives": true, "committee": true, "party": true, "history": true, "histoire": true, "revue": true,
	"news": true, "herald": true, "times": true, "gazette": true, "magazine": true, "bulletin": true,
	"on": true, "in": true, "to": true, "for": true, "from": true, "with": true, "against": true,
	"open": true, "new": true, "old": true, "war": true, "revolution": true, "republic": true,
	"appendix": true, "index": true, "epilogue": true, "prologue": true, "conclusion": true,
	"abstract": true, "source": true, "sources": true, "citation": true, "foreword": true,
	"street": true, "road": true, "city": true, "world": true, "state": true, "government": true,
	"written": true, "published": true, "translated": true, "edited": true, "dear": true,
	"railway": true, "railways": true, "affair": true, "concession": true, "crisis": true,
	"question": true, "problem": true, "policy": true, "affairs": true, "studies": true,
	"society": true, "company": true, "ministry": true, "union": true, "treaty": true,
	"conference": true, "congress": true, "speech": true, "address": true, "memorandum": true,
	"note": true, "telegram": true, "declaration": true, "statement": true, "interview": true,
	"conversation": true, "diary": true, "memoirs": true, "souvenirs": true, "lettre": true,
	"discours": true, "rapport": true, "mémoire": true, "mémoires": true, "chronicle": true,
	"story": true, "life": true, "death": true, "politics": true, "economy": true, "peace": true,
	"soviet": true, "communist": true, "socialist": true, "democratic": true, "national": true,
	"international": true, "central": true, "general": true, "secret": true, "great": true,
	"first": true, "second": true, "third": true, "last": true, "final": true, "late": true,
	"early": true, "modern": true, "ancient": true, "russian": true, "french": true, "german": true,
	"english": true, "british": true, "american": true, "european": true, "minister": true,
	"president": true, "comrade": true, "comrades": true, "tome": true,
	"série": true, "series": true, "edition": true, "éditions": true, "verlag": true,
	"publishers": true, "publishing": true, "books": true, "library": true, "museum": true,
	"institute": true, "academy": true, "school": true, "college": true, "department": true,
	"office": true, "bureau": true, "council": true, "commission": true, "assembly": true,
	"parliament": true, "court": true, "trial": true, "case": true, "documents": true,
	"papers": true, "collection": true, "selected": true, "works": true, "writings": true,
	"glossary": true, "bibliography": true, "acknowledgements": true, "acknowledgments": true,
	"map": true, "maps": true, "table": true, "figure": true, "plate": true, "illustrations": true,
}

// nameWordRe is one word of a person's name: a capitalised word (with
// hyphens and apostrophes: Paul-Émile, O'Brien), or initials (E., P.-E.,
// I.V.).
var nameWordRe = regexp.MustCompile(`^(?:\p{Lu}[\p{Ll}\p{Lu}'’]*\.?(?:-\p{Lu}[\p{Ll}'’]*\.?)*|(?:\p{Lu}\.-?)+)$`)

// isPersonName reports whether s reads as a person's name: two to five
// words, capitalised or initials, with particles, no digits.
func isPersonName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 60 || strings.ContainsAny(s, "0123456789:;!?\"«»“”()[]/|&") {
		return false
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	full := 0
	for i, w := range words {
		if particles[w] && i > 0 && i < len(words)-1 {
			continue
		}
		w = strings.TrimSuffix(w, ",")
		if !nameWordRe.MatchString(w) || notNames[strings.ToLower(strings.TrimSuffix(w, "."))] {
			return false
		}
		if camel(w) || nounSuffix(w) {
			return false
		}
		if !strings.HasSuffix(w, ".") {
			full++
		}
	}
	last := words[len(words)-1]
	return full >= 1 && !strings.HasSuffix(last, ".") && utf8.RuneCountInString(last) >= 2
}

// camel reports a capital inside a word that is not all capitals and not
// after a hyphen or an apostrophe (ViewPoint; not McCarthy's Mc).
func camel(w string) bool {
	rs := []rune(w)
	upper := 0
	for _, r := range rs {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper == len(rs) {
		return len(rs) > 3 // an acronym, not a name
	}
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && rs[i-1] != '-' && rs[i-1] != '\'' && rs[i-1] != '’' && rs[i-1] != '.' {
			if i == 2 && (string(rs[:2]) == "Mc" || string(rs[:2]) == "De" || string(rs[:2]) == "Le") {
				continue
			}
			if i == 3 && string(rs[:3]) == "Mac" {
				continue
			}
			return true
		}
	}
	return false
}

// nounSuffix reports endings of nouns and adjectives, not of surnames.
func nounSuffix(w string) bool {
	l := strings.ToLower(w)
	for _, s := range []string{"ism", "ist", "ists", "tion", "tions", "ment", "ness", "ity", "ics", "ing", "ance", "ence", "ship", "isme", "iste"} {
		if strings.HasSuffix(l, s) && len(l) > len(s)+2 {
			return true
		}
	}
	return false
}

// leadingName returns the person's name at the start of s ("E. R.
// Whitcombe." gives "E. R. Whitcombe"; "Mitchell Abidor, 2004" gives
// "Mitchell Abidor"), or "".
func leadingName(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	words := strings.Fields(s)
	var kept []string
	for _, w := range words {
		bare := strings.TrimRight(w, ".,;:)")
		if strings.HasSuffix(w, ".") && isInitial(w) {
			kept = append(kept, w)
			continue
		}
		if particles[w] && len(kept) > 0 {
			kept = append(kept, w)
			continue
		}
		if bare == "" || !nameWordRe.MatchString(bare) || notNames[strings.ToLower(bare)] {
			break
		}
		if strings.HasSuffix(w, ":") {
			break // the next label
		}
		kept = append(kept, bare)
		if bare != strings.TrimRight(w, ".") || (strings.HasSuffix(w, ".") && !isInitial(w)) {
			break // a comma or the end of a sentence closes the name
		}
	}
	for len(kept) > 0 && particles[kept[len(kept)-1]] {
		kept = kept[:len(kept)-1]
	}
	name := strings.Join(kept, " ")
	if len(kept) == 1 && isInitial(name) {
		return ""
	}
	// A second name after "and": "John Smith and Jane Doe".
	if n := len(kept); n > 0 && n < len(words)-1 && kept[n-1] == words[n-1] && conjunctions[strings.ToLower(words[n])] {
		if more := leadingName(strings.Join(words[n+1:], " ")); strings.Contains(more, " ") {
			return name + " " + words[n] + " " + more
		}
	}
	return name
}

var conjunctions = map[string]bool{"and": true, "&": true, "et": true, "und": true, "и": true, "y": true}

var initialRe = regexp.MustCompile(`^(?:\p{Lu}\.-?)+$|^\p{Lu}\.-\p{Lu}\.$`)

func isInitial(w string) bool { return initialRe.MatchString(w) }
