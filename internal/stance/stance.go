// Package stance finds verdicts: the places where an author (or a
// newspaper, or a witness in minutes) judges a claim someone else made —
// "This is simply untrue.", "He offers no source.", "Here the author is
// correct.", "c'est faux", "это ложь". Each verdict names its judge, its
// target (whose claim; nil when the claim is nobody's in particular), the
// claim and the verdict type (false, unsupported, true, misleading,
// disputed), with the words that carry it.
package stance

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{extract.Func{N: "stance", F: Extract}}
}

// sentence is a span of the text.
type sentence struct{ s, e, para int }

// lowBufs are buffers for the lower-cased texts.
var lowBufs = sync.Pool{New: func() any { return new([]byte) }}

// Extract finds the verdicts of d.
func Extract(d *extract.Doc) []quellen.Finding {
	if d == nil || d.Text == "" {
		return nil
	}
	x := &run{d: d, ents: d.Of(quellen.KindEntity), quotes: d.Of(quellen.KindQuote), refs: d.Of(quellen.KindReference)}
	x.sents = sentences(d)
	x.judge = x.docJudge()
	// (No string taken from the lower-cased text outlives Extract: its
	// buffer serves again.)
	bp := lowBufs.Get().(*[]byte)
	if cap(*bp) < len(d.Text) {
		*bp = make([]byte, len(d.Text))
	}
	x.lo = lowerInto(d.Text, (*bp)[:len(d.Text)])
	defer lowBufs.Put(bp)
	x.cued = make([]int8, len(x.sents))
	var out []quellen.Finding
	for i, s := range x.sents {
		if x.skip(s) {
			continue
		}
		for _, h := range x.cuesOf(i) {
			if f, ok := x.verdict(i, h.c, s.s+h.s, s.s+h.e, s.s+h.from); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

type run struct {
	d      *extract.Doc
	ents   []quellen.Finding
	quotes []quellen.Finding
	refs   []quellen.Finding
	// personOf: the canonical names of persons (built when first needed).
	personOf map[string]bool
	sents    []sentence
	judge    string
	// lo: the text lower-cased; cued: per sentence, whether it holds a
	// cue (0 not known yet, 1 no, 2 yes).
	lo   *lowered
	cued []int8
	// lastWords: lastWord of the names asked for.
	lastWords map[string]string
}

// cuesOf returns findCues of sentence i.
func (x *run) cuesOf(i int) []hit {
	s := x.sents[i]
	var buf [512]byte
	low, exact := x.lo.span(s.s, s.e, buf[:0])
	hs := findCuesIn(x.d.Text[s.s:s.e], low, exact)
	x.cued[i] = 1
	if len(hs) > 0 {
		x.cued[i] = 2
	}
	return hs
}

// hasCues says whether sentence i holds a cue.
func (x *run) hasCues(i int) bool {
	if x.cued[i] == 0 {
		x.cuesOf(i)
	}
	return x.cued[i] == 2
}

// skip leaves out text that judges nothing: notes, references, headings.
func (x *run) skip(s sentence) bool {
	if s.para >= 0 && s.para < len(x.d.Paras) {
		switch x.d.Paras[s.para].Kind {
		case "heading", "running_head":
			return true
		}
	}
	// The last reference starting at or before the sentence.
	k := sort.Search(len(x.refs), func(i int) bool { return x.refs[i].Clean.Start > s.s })
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if r := x.refs[j]; r.Clean.Start <= s.s && s.e <= r.Clean.End {
			return true
		}
	}
	return false
}

// docJudge is who judges unless the text says otherwise: the author, else
// the publication a report appeared in.
func (x *run) docJudge() string {
	if a := strings.TrimSpace(x.d.Meta.Author); a != "" {
		return a
	}
	src := strings.TrimSpace(x.d.Meta.Source)
	if src != "" && !strings.ContainsAny(src[:1], "\"“«'") {
		if i := strings.IndexAny(src, ",;("); i > 0 {
			src = src[:i]
		}
		if len(src) < 60 && !strings.ContainsAny(src, "0123456789") {
			return strings.TrimSpace(src)
		}
	}
	return ""
}

var anaphoric = map[string]bool{"this": true, "that": true, "it": true, "he": true, "she": true, "they": true, "these": true, "such": true,
	"neither": true, "nor": true, "here": true, "but": true,
	"c'est": true, "c’est": true, "c'était": true, "c’était": true, "cela": true, "ce": true, "il": true, "elle": true, "ceci": true,
	"это": true, "он": true, "она": true, "они": true}

// verdict builds the record for a cue found in sentence i.
func (x *run) verdict(i int, c cue, cs, ce, from int) (quellen.Finding, bool) {
	d := x.d
	s := x.sents[i]
	s.s = from // a second verdict in a sentence judges its own clause
	text := d.Text
	first := strings.ToLower(firstWord(text[s.s:s.e]))
	before := strings.TrimSpace(text[s.s:cs])
	start := s.s
	claimS, claimE := s.s, cs
	// The claim is the sentence before when the verdict sentence points back to it
	// (This is simply untrue. He offers no source.) or carries nothing else.
	if (anaphoric[first] || wordCount(before) < 3) && i > 0 && x.sents[i-1].para == s.para && from == x.sents[i].s {
		p := x.sents[i-1]
		start = p.s
		claimS, claimE = p.s, p.e
	}
	end := s.e
	// Cut the record after the verdict's clause when the sentence runs on (That is too easy, and ...).
	if k := strings.IndexAny(text[ce:s.e], ",;:"); k >= 0 && wordCount(text[ce:s.e]) > 6 {
		end = ce + k
	}
	end = trimEnd(text, start, end)
	claim := strings.Join(strings.Fields(text[claimS:claimE]), " ")
	claim = strings.TrimRight(claim, " ,;:")
	if q := x.lastQuoteIn(claimS, claimE); q != nil {
		claim = q.Text
	}
	judge := x.judgeAt(cs, ce, s)
	target := x.targetFor(i, claimS, ce, judge)
	f := quellen.Finding{
		Kind:  quellen.KindStance,
		Clean: quellen.Span{Start: start, End: end},
		Text:  strings.Join(strings.Fields(text[start:end]), " "),
		Attrs: quellen.Attrs{
			"judge":   nilIfEmpty(judge),
			"target":  nilIfEmpty(target),
			"claim":   nilIfEmpty(claim),
			"verdict": c.verdict,
			"cue":     strings.Join(strings.Fields(text[cs:ce]), " "),
		},
	}
	return f, true
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func trimEnd(text string, s, e int) int {
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if unicode.IsSpace(r) {
			e -= n
			continue
		}
		break
	}
	return e
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " \n\t“\"«„‘'(")
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	if i < 0 {
		return s
	}
	return s[:i]
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// within returns the findings of fs (sorted by start) that start in [s, e).
func within(fs []quellen.Finding, s, e int) []quellen.Finding {
	i := sort.Search(len(fs), func(k int) bool { return fs[k].Clean.Start >= s })
	j := sort.Search(len(fs), func(k int) bool { return fs[k].Clean.Start >= e })
	if j < i {
		return nil
	}
	return fs[i:j]
}

// judgeAt: the document's judge, unless the verdict is inside a quotation
// (its speaker judges) or the document has no author and the sentence
// reports someone speaking (minutes: Mr. Volkar says that ..., which is false).
func (x *run) judgeAt(cs, ce int, s sentence) string {
	for _, q := range within(x.quotes, max(0, cs-2000), cs+1) {
		if q.Clean.Start <= cs && ce <= q.Clean.End+1 {
			if sp := q.Attrs.String("speaker"); sp != "" {
				return sp
			}
		}
	}
	if x.judge != "" {
		return x.judge
	}
	// The subject of the sentence that reports speech.
	for _, e := range within(x.ents, s.s, cs) {
		if e.Attrs.String("type") != "person" {
			continue
		}
		after := strings.ToLower(x.d.Text[e.Clean.End:min(len(x.d.Text), e.Clean.End+24)])
		for _, v := range claimVerbs {
			if strings.HasPrefix(strings.TrimLeft(after, " "), v) {
				return e.Attrs.String("canonical")
			}
		}
	}
	return ""
}

// claimVerbs follow whoever makes a claim.
var byVerbs = map[string]bool{"given": true, "made": true, "advanced": true, "proposed": true, "offered": true, "claimed": true, "written": true, "repeated": true, "reported": true, "put": true, "accepted": true}

var claimVerbs = []string{"published", "repeats", "repeated", "reports", "says", "said", "writes", "wrote", "asserts", "asserted", "claims", "claimed", "argues", "argued", "quotes", "calls",
	"called", "gives", "gave", "maintains", "alleges", "alleged", "contends", "supposes", "assumes", "suggests", "believes", "insists",
	"states", "stated", "declares", "declared", "observes", "reports", "reported", "tells", "told", "has him", "puts", "puts it", "is right", "is wrong",
	"’s telling", "'s telling", "’s account", "'s account", "’s claim", "'s claim", "’s version", "'s version", "’s view", "'s view",
	"écrit", "affirme", "prétend", "dit", "soutient", "assure", "raconte", "pense", "croit",
	"пишет", "утверждает", "заявляет", "говорит", "считает"}

// targetFor finds whose claim is judged: who is quoted in the claim, else
// the last person named as claiming it (in the claim or the sentences just
// before: "He asserts ...", "In Brisk's telling ..."), else nobody.
func (x *run) targetFor(i, claimS, cueE int, judge string) string {
	sameAsJudge := func(n string) bool {
		return judge != "" && (n == judge || x.lastWord(n) == x.lastWord(judge))
	}
	s := x.sents[i]
	if n := x.claimant(claimS, s.e, judge); n != "" {
		return n
	}
	if q := x.lastQuoteIn(claimS, cueE); q != nil {
		if sp := q.Attrs.String("speaker"); sp != "" && !sameAsJudge(sp) {
			return sp
		}
	}
	// "whom he supposes", "He asserts": the pronoun's claimant is named before.
	var buf [512]byte
	if low, exact := x.lo.span(claimS, s.e, buf[:0]); heClaims.match(x.d.Text[claimS:s.e], low, exact) {
		for k := i - 1; k >= 0 && k >= i-6; k-- {
			if x.sents[k].s >= claimS {
				continue
			}
			if n := x.claimant(x.sents[k].s, x.sents[k].e, judge); n != "" {
				return n
			}
		}
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if n := x.lastPerson(x.sents[k].s, min(x.sents[k].e, claimS), judge); n != "" && x.sents[k].s < claimS {
				return n
			}
		}
	}
	// The sentences before, in the same paragraph: the last one who claimed or was quoted.
	for k := i - 1; k >= 0 && k >= i-3 && x.sents[k].para == s.para; k-- {
		if x.sents[k].s >= claimS {
			continue
		}
		if x.hasCues(k) {
			break // a claim judged already is not the one judged here
		}
		if n := x.claimant(x.sents[k].s, x.sents[k].e, judge); n != "" {
			return n
		}
		if q := x.lastQuoteIn(x.sents[k].s, x.sents[k].e); q != nil {
			if sp := q.Attrs.String("speaker"); sp != "" && !sameAsJudge(sp) && x.personName(sp) {
				return sp
			}
		}
	}
	return ""
}

// personName reports whether a name is one of the document's persons.
func (x *run) personName(n string) bool {
	if x.personOf == nil {
		x.personOf = map[string]bool{}
		for _, e := range x.ents {
			if e.Attrs.String("type") == "person" {
				x.personOf[e.Attrs.String("canonical")] = true
			}
		}
	}
	return x.personOf[n]
}

// lastQuoteIn returns the last quotation inside [s, e), if any.
func (x *run) lastQuoteIn(s, e int) *quellen.Finding {
	var last *quellen.Finding
	qs := within(x.quotes, s, e)
	for k := range qs {
		if q := &qs[k]; q.Clean.End <= e+2 {
			last = q
		}
	}
	return last
}

// workNouns name what a claimant wrote or said: Brisk's account, l'article de Mlle Vesk.
var workNouns = map[string]bool{"account": true, "accounts": true, "telling": true, "version": true, "claim": true, "claims": true, "argument": true,
	"thesis": true, "chapter": true, "book": true, "story": true, "narrative": true, "view": true, "case": true, "explanation": true,
	"figure": true, "reading": true, "interpretation": true, "allegation": true, "article": true, "charge": true, "contention": true,
	"récit": true, "livre": true, "thèse": true, "version_fr": true, "affirmation": true, "accusation": true, "explication": true, "chiffre": true,
	"статья": true, "книга": true, "версия": true, "утверждение": true}

var reportNouns = map[string]bool{"report": true, "rapport": true, "minutes": true, "findings": true, "resolution": true, "statement": true, "communiqué": true, "отчёт": true, "доклад": true}

var heClaims = newMatcher(regexp.MustCompile(`(?i)\b(he|she|they|il|elle|он|она)\s+(supposes|asserts|claims|says|writes|argues|assumes|believes|suggests|maintains|insists|alleges|contends|prétend|affirme|écrit|suppose|soutient|утверждает|пишет)\b`))

// lastWord is lastWord, remembered.
func (x *run) lastWord(s string) string {
	w, ok := x.lastWords[s]
	if !ok {
		if x.lastWords == nil {
			x.lastWords = map[string]string{}
		}
		w = lastWord(s)
		x.lastWords[s] = w
	}
	return w
}

func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// claimant returns the last person in [s, e) followed by a verb of saying
// (or named in "as X has him say"), other than the judge.
func (x *run) claimant(s, e int, judge string) string {
	best := ""
	for _, en := range within(x.ents, s, e) {
		typ := en.Attrs.String("type")
		if en.Clean.End > e || (typ != "person" && typ != "org") {
			continue
		}
		n := en.Attrs.String("canonical")
		if n == "" || (judge != "" && x.lastWord(n) == x.lastWord(judge)) {
			continue
		}
		if typ == "org" {
			// A body claims through its report: le rapport de la commission, the Committee's report.
			bw := strings.Fields(strings.ToLower(x.d.Text[max(0, en.Clean.Start-30):en.Clean.Start]))
			if len(bw) >= 2 && reportNouns[strings.Trim(bw[len(bw)-2], ",")] || len(bw) >= 3 && reportNouns[bw[len(bw)-3]] && (bw[len(bw)-1] == "la" || bw[len(bw)-1] == "the") {
				best = n
			}
			continue
		}
		after := strings.ToLower(strings.TrimLeft(x.d.Text[en.Clean.End:min(len(x.d.Text), en.Clean.End+40)], " "))
		// Kamen, when he was at last examined, said ...: skip the aside.
		if strings.HasPrefix(after, ",") {
			rest := x.d.Text[en.Clean.End+1 : min(len(x.d.Text), en.Clean.End+90)]
			if k := strings.IndexByte(rest, ','); k > 0 {
				a2 := strings.ToLower(strings.TrimLeft(rest[k+1:], " "))
				for _, v := range claimVerbs {
					if strings.HasPrefix(a2, v+" ") && len(v) > 3 {
						best = n
					}
				}
			}
		}
		for _, v := range claimVerbs {
			if strings.HasPrefix(after, v) {
				best = n
				break
			}
		}
		// Brisk's fourth chapter, Brisk’s telling.
		if strings.HasPrefix(after, "’s ") || strings.HasPrefix(after, "'s ") {
			ws := strings.Fields(after[strings.Index(after, "s ")+2:])
			for k := 0; k < len(ws) && k < 3; k++ {
				if workNouns[strings.Trim(ws[k], ",.;:")] {
					best = n
				}
			}
		}
		// l'article de Mlle Vesk, the account given by Anton Brisk, the figure of X.
		bw := strings.Fields(strings.ToLower(x.d.Text[max(0, en.Clean.Start-40):en.Clean.Start]))
		for k := len(bw) - 1; k >= 0 && k >= len(bw)-4; k-- {
			w := strings.Trim(bw[k], ",.;:’'")
			w = strings.TrimPrefix(strings.TrimPrefix(w, "l'"), "l’")
			if (workNouns[w] && k < len(bw)-1) || (w == "by" && k > 0 && byVerbs[strings.Trim(bw[k-1], ",")]) {
				best = n
				break
			}
			if !(w == "de" || w == "of" || w == "by" || w == "d'" || w == "d’" || w == "mlle" || w == "mme" || w == "m." || w == "mr." || w == "du" || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "d’")) {
				break
			}
		}
	}
	return best
}

func (x *run) lastPerson(s, e int, judge string) string {
	best := ""
	for _, en := range within(x.ents, s, e) {
		if en.Clean.End > e || en.Attrs.String("type") != "person" {
			continue
		}
		n := en.Attrs.String("canonical")
		if n != "" && (judge == "" || x.lastWord(n) != x.lastWord(judge)) {
			best = n
		}
	}
	return best
}

// hit is a cue found in a sentence; from is where the clause it judges begins.
type hit struct {
	c          cue
	s, e, from int
}

// findCues returns the verdicts of a sentence: the first cue, and further
// ones in later clauses (after a colon or a semicolon).
func findCues(text string) []hit {
	low, exact := lowerText(text).span(0, len(text), nil)
	return findCuesIn(text, low, exact)
}

// findCuesIn is findCues given the sentence lower-cased (low) and whether
// low is exact (see lowered.span).
func findCuesIn(text, low string, exact bool) []hit {
	has := present(low)
	ascii := isASCII(low)
	var all []hit
	for i, c := range cues {
		if !mayHold(&has, i) || !mayMatchASCII(low, ascii, i) {
			continue
		}
		locs, n := c.m.findAll(text, low, exact, 2)
		for _, loc := range locs[:n] {
			all = append(all, hit{c: c, s: loc[0], e: loc[1]})
		}
	}
	if len(all) == 0 {
		return nil
	}
	// Earliest first; of two at one place, the one listed first (the cue order).
	best := []hit{}
	for _, h := range all {
		placed := false
		for k, b := range best {
			if h.s < b.e && b.s < h.e {
				if h.s < b.s {
					best[k] = h
				}
				placed = true
				break
			}
		}
		if !placed {
			best = append(best, h)
		}
	}
	sortHits(best)
	out := []hit{best[0]}
	for _, h := range best[1:] {
		last := out[len(out)-1]
		between := text[last.e:h.s]
		k := strings.LastIndexAny(between, ":;")
		if k < 0 {
			continue
		}
		from := last.e + k + 1
		for from < h.s && (text[from] == ' ' || text[from] == '\n') {
			from++
		}
		h.from = from
		out = append(out, h)
	}
	return out
}

func sortHits(hs []hit) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].s < hs[j-1].s; j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}
