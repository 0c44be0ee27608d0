package stance

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// presentRef is present as it was first written (a []bool per sentence,
// every trigger of the first byte compared whole): the reference the
// faster one is held to.
func presentRef(low string) []bool {
	out := make([]bool, len(triggers))
	prevLetter := false
	for i := 0; i < len(low); {
		b := low[i]
		if !prevLetter {
			for t, tr := range triggers {
				if tr[0] == b && !out[t] && strings.HasPrefix(low[i:], tr) {
					out[t] = true
				}
			}
		}
		if b < utf8.RuneSelf {
			prevLetter = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(low[i:])
		prevLetter = unicode.IsLetter(r)
		i += n
	}
	return out
}

// mayHoldRef is mayHold over presentRef's answer.
func mayHoldRef(has []bool, i int) bool {
	if len(cueTrigIdx[i]) == 0 {
		return true
	}
	for _, t := range cueTrigIdx[i] {
		if has[t] {
			return true
		}
	}
	return false
}

func checkPresent(t *testing.T, s string) {
	t.Helper()
	low := strings.ToLower(s)
	want, got := presentRef(low), present(low)
	for i := range triggers {
		if want[i] != got.has(i) {
			t.Fatalf("present(%q)[%q] = %v, want %v", low, triggers[i], got.has(i), want[i])
		}
	}
	for i := range cues {
		if mayHoldRef(want, i) != mayHold(&got, i) {
			t.Fatalf("mayHold(%q, %d) = %v, want %v", low, i, mayHold(&got, i), mayHoldRef(want, i))
		}
	}
}

func TestPresentMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", "l", "lie", "a lie", "alie", "lies, lieutenant and lie", "3lie", "évidence evidence", "это ложь, неверно", "ложь",
		"Say, he said; say,", "it is not true: the record is wrong", "ﬁction fiction", "x\u00adright", "правоправ",
		"He rightly says this is incorrect, inaccurate and erroneous; the proof, the document, the source.",
	} {
		checkPresent(t, s)
	}
}

func FuzzPresent(f *testing.F) {
	f.Add("this is simply untrue.")
	f.Add("c'est inexact; это неверно.")
	f.Add("the evidence points the other way, and few will believe it")
	f.Fuzz(func(t *testing.T, s string) { checkPresent(t, s) })
}

// cueWords are the words of the cues' expressions, and a few near them,
// for sentences that come close to matching.
var cueWords = func() []string {
	var out []string
	for _, c := range cues {
		src := strings.ToLower(c.re.String())
		out = append(out, strings.FieldsFunc(src, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != ',' })...)
	}
	return append(out, "believe", "lies", "lieutenant", "applied", "is", "a", "the", "it", "Is", "A", "LIE", "Wrong", "_lie", "lie_", "3lie", "l'", "c'est", ",", ".", ";", "—", "K", "ſ", "É", "\u212a")
}()

// checkMayMatch holds mayMatch to what it promises: a sentence it rules
// out is one the cue's expression does not match.
func checkMayMatch(t *testing.T, s string) {
	t.Helper()
	low := strings.ToLower(s)
	for i, c := range cues {
		if c.re.MatchString(s) && !mayMatch(low, i) {
			t.Fatalf("mayMatch(%q, %d) = false, but %v matches", low, i, c.re)
		}
	}
}

func TestMayMatchHolds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	seps := []string{" ", "  ", "\n", ", ", "", "-", "_"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(8) + 1; k > 0; k-- {
			b.WriteString(cueWords[r.IntN(len(cueWords))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		checkMayMatch(t, b.String())
	}
	for _, s := range []string{"It is a lie.", "that is a lie", "a\nlie", "This is simply untrue.", "He was quite right.", "Neither account is credible.",
		"c'est faux", "the claim rests on a misreading", "a fabrication", "A FORGERY!", "a \u212aorgery"} {
		checkMayMatch(t, s)
		low := strings.ToLower(s)
		hit := false
		for i, c := range cues {
			hit = hit || c.re.MatchString(s) && mayMatch(low, i)
		}
		if !hit && !strings.Contains(s, "\u212a") {
			t.Errorf("no cue found in %q", s)
		}
	}
}

func FuzzMayMatch(f *testing.F) {
	f.Add("It is a lie, and the evidence points the other way.")
	f.Add("he was not wrong; a forgery")
	f.Fuzz(func(t *testing.T, s string) { checkMayMatch(t, s) })
}
