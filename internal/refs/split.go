package refs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Piece is one reference found in a longer text (a note, a citation block):
// its span in that text, lead-in prose and trailing comment left out.
type Piece struct {
	Start, End int
	Text       string
}

var (
	// Lead-ins that open a note before the reference proper.
	reLeadStart = regexp.MustCompile(`(?i)^(?:see(?:\s+(?:also|above all|further|especially|in particular|above|below))?|cf\.|compare|voir(?:\s+aussi)?|vgl\.|см\.(?:\s+также)?|also|and|quoted in|cited in|in)\s+`)
	reLeadCue   = regexp.MustCompile(`(?i)(?:\b(?:given|printed|published|quoted|cited|reproduced|reprinted|found|preserved|kept|held|translated|discussed|reported)\s+(?:by|in|at)\s+|\b(?:is|are|was|were)\s+in\s+|\bsee(?:\s+also)?\s+|\bcf\.\s+|\s+at\s+(?:https?://|www\.))`)
	reShortOnly = regexp.MustCompile(`(?i)^(?:ibid(?:em)?|id|idem)\.?\s*,?\s*$`)
	fnWords     = map[string]bool{"of": true, "the": true, "on": true, "in": true, "and": true, "a": true, "an": true,
		"de": true, "la": true, "le": true, "les": true, "des": true, "du": true, "et": true, "for": true, "to": true, "at": true}
)

// Split finds the references in s: sentences and semicolon-separated
// parts that carry a citation's evidence (a call number, a page, an
// imprint, a URL, Ibid.), each without the prose around it.
func Split(s string) []Piece {
	var out []Piece
	// One bibliography entry, whose points are not sentence ends.
	if t := strings.TrimSpace(s); !hasArchive(t) && !reURL.MatchString(t) && !strings.Contains(t, ";") {
		if b, closer, ok := parseBib(t); ok && closer != ',' && b.Year != "" && b.Title != "" && (b.Container != "" || b.Publisher != "") {
			start := strings.Index(s, t)
			return []Piece{{Start: start, End: start + len(t), Text: strings.Join(strings.Fields(t), " ")}}
		}
	}
	for _, sent := range sentences(s) {
		for _, part := range splitTop(s[sent.Start:sent.End], ';') {
			ps, pe := sent.Start+part.start, sent.Start+part.start+len(part.text)
			for _, q := range splitAnd(s, ps, pe) {
				if p, ok := trimPiece(s, q.Start, q.End); ok {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// sentences splits at ". " before an upper-case letter when what precedes
// the point closes a citation (a number, a bracket, a URL, cit., ibid.).
func sentences(s string) []Piece {
	var out []Piece
	start := 0
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		}
		if s[i] != '.' || depth > 0 || i+2 >= len(s) || (s[i+1] != ' ' && s[i+1] != '\n') {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\n') {
			j++
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		url := reURL.MatchString(s[j:min(len(s), j+12)]) && strings.HasPrefix(reURL.FindString(s[j:]), s[j:min(len(s), j+4)])
		if url {
			out = append(out, Piece{Start: start, End: i + 1})
			start = j
			continue
		}
		if !unicode.IsUpper(r) && !strings.ContainsRune("\"“«‘`", r) {
			continue
		}
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		w := strings.ToLower(lastWord(s[:i]))
		closes := unicode.IsDigit(p) || p == ')' || p == ']' || w == "cit" || w == "ibid" || w == "ibidem" ||
			strings.HasSuffix(s[:i], ".html") || strings.HasSuffix(s[:i], ".htm")
		if !closes {
			continue
		}
		out = append(out, Piece{Start: start, End: i + 1})
		start = j
	}
	return append(out, Piece{Start: start, End: len(s)})
}

func lastWord(s string) string {
	j := len(s)
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return s[j:]
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// splitAnd splits "ibid., l. 46, and the survey itself, vol. 2, sheet 11"
// at ", and " when both sides carry a locator.
func splitAnd(s string, start, end int) []Piece {
	t := s[start:end]
	for _, sep := range []string{", and ", "; and ", " and also "} {
		if i := strings.Index(t, sep); i > 0 {
			l, r := t[:i], t[i+len(sep):]
			if hasLocator(l) && hasLocator(r) {
				return append([]Piece{{Start: start, End: start + i}}, splitAnd(s, start+i+len(sep), end)...)
			}
		}
	}
	return []Piece{{Start: start, End: end}}
}

func hasLocator(t string) bool {
	return rePages.MatchString(" "+t) || reFolio.MatchString(" "+t) || reOwnFolio.MatchString(" "+t) || reRussian.MatchString(" "+t)
}

// trimPiece drops the lead-in prose of a piece and decides whether what is
// left is a reference.
func trimPiece(s string, start, end int) (Piece, bool) {
	t := s[start:end]
	// Lead-in cues.
	for range 3 {
		lt := strings.TrimLeft(t, " \n\t")
		start += len(t) - len(lt)
		t = lt
		if m := reLeadStart.FindStringIndex(t); m != nil {
			start += m[1]
			t = t[m[1]:]
			continue
		}
		if m := reLeadCue.FindStringIndex(t); m != nil && m[0] < len(t)/2+40 && evidence(t[m[1]-cueTail(t[m[0]:m[1]]):]) {
			k := m[1] - cueTail(t[m[0]:m[1]])
			start += k
			t = t[k:]
			continue
		}
		if i := strings.Index(t, ": "); i > 0 && proseLead(t[:i]) && startsUpper(t[i+2:]) && evidence(t[i+2:]) {
			start += i + 2
			t = t[i+2:]
			continue
		}
		break
	}
	t = strings.TrimRight(t, " \n\t")
	end = start + len(t)
	if t == "" || !evidence(t) {
		return Piece{}, false
	}
	return Piece{Start: start, End: end, Text: strings.Join(strings.Fields(t), " ")}, true
}

// cueTail: a cue ending in a URL keeps the URL.
func cueTail(cue string) int {
	for _, p := range []string{"https://", "http://", "www."} {
		if strings.HasSuffix(cue, p) {
			return len(p)
		}
	}
	return 0
}

// proseLead: the words before a colon are prose ("The official minutes give
// the sentence differently:", "English translation:"), not a title.
func proseLead(t string) bool {
	if strings.ContainsAny(t, ",()0123456789") || len(t) > 120 {
		return false
	}
	for w := range strings.FieldsSeq(t) {
		if isLowerWord(w) && !fnWords[w] {
			return true
		}
	}
	return false
}

// evidence reports whether t carries what makes a citation.
func evidence(t string) bool {
	if reURL.MatchString(t) || reShort.MatchString(t) || reShortOnly.MatchString(t) {
		return true
	}
	if a, _, _ := ParseArchive(t); a != nil {
		return true
	}
	if reImprintParen.MatchString(t) || reImprintBare.MatchString(t) {
		return true
	}
	if rePages.MatchString(" "+t) || reOwnFolio.MatchString(" "+t) && reVolume.MatchString(" "+t) {
		return true
	}
	if (reVolume.MatchString(" "+t) || reIssue.MatchString(" "+t)) && reYear.MatchString(t) {
		return true
	}
	if reImprintPub.MatchString(t) {
		return true
	}
	// A bibliography entry: authors, title, a periodical or a publisher,
	// a year.
	if b, _, ok := parseBib(t); ok && b.Year != "" && b.Title != "" && (b.Container != "" || b.Publisher != "") {
		return true
	}
	return false
}
