package entities

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small naive Bayes model of capitalised words, learnt from the HIPE-2022
// development files (see learn_test.go): for a capitalised token, the odds
// that it lies outside any name (O) or in a person, place, organisation or
// publication, from the word, its ending, its shape and its neighbours.

//go:embed data/nb.tsv
var nbTSV string

// nbClasses are the model's classes, in the order of its counts.
var nbClasses = []string{"O", "person", "place", "org", "publication"}

type nbModel struct {
	prior []float64          // log P(class)
	total []float64          // feature occurrences per class
	feats map[string][]int32 // counts per class
	vocab float64
	// log P(feature | class) (smoothed), made once, per kind of feature:
	// the word, the words before and after, the ending (keyed without
	// their prefix), the shape and the sentence start.
	word, prev, next, suffix *strTable[[nbN]float64]
	shape                    [len(shapes)]nbVec
	start                    nbVec
}

type nbVec struct {
	l  [nbN]float64
	ok bool
}

// shapes are shape's answers.
var shapes = [...]string{"init", "CAPS-short", "CAPS", "Xx-short", "Xx"}

const nbN = 5 // len(nbClasses)

var nb = parseNB(nbTSV)

func parseNB(s string) *nbModel {
	m := &nbModel{feats: map[string][]int32{}, prior: make([]float64, len(nbClasses)), total: make([]float64, len(nbClasses))}
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != len(nbClasses)+1 {
			continue
		}
		c := make([]int32, len(nbClasses))
		for i := range c {
			n, _ := strconv.Atoi(f[i+1])
			c[i] = int32(n)
		}
		if f[0] == "#prior" || f[0] == "_prior" {
			sum := 0.0
			for _, n := range c {
				sum += float64(n)
			}
			for i, n := range c {
				m.prior[i] = math.Log((float64(n) + 1) / (sum + float64(len(c))))
			}
			continue
		}
		m.feats[f[0]] = c
		for i, n := range c {
			m.total[i] += float64(n)
		}
	}
	m.vocab = float64(len(m.feats)) + 1
	word, prev, next, suffix := map[string][nbN]float64{}, map[string][nbN]float64{}, map[string][nbN]float64{}, map[string][nbN]float64{}
	for f, c := range m.feats {
		var l [nbN]float64
		for i := range l {
			l[i] = math.Log((float64(c[i]) + 0.5) / (m.total[i] + 0.5*m.vocab))
		}
		kind, v, _ := strings.Cut(f, ":")
		switch kind {
		case "w":
			word[v] = l
		case "p":
			prev[v] = l
		case "n":
			next[v] = l
		case "s":
			suffix[v] = l
		case "x":
			for k, sh := range shapes {
				if sh == v {
					m.shape[k] = nbVec{l, true}
				}
			}
		case "b":
			if v == "1" {
				m.start = nbVec{l, true}
			}
		}
	}
	m.word, m.prev, m.next, m.suffix = newStrTable(word), newStrTable(prev), newStrTable(next), newStrTable(suffix)
	return m
}

// nbFeatures are the features of a capitalised token with its neighbours.
func nbFeatures(w, prev, next string, sent bool) []string {
	f := fold(w)
	out := []string{"w:" + f, "p:" + fold(prev), "n:" + fold(next), "x:" + shape(w)}
	if r := []rune(f); len(r) > 3 {
		out = append(out, "s:"+string(r[len(r)-3:]))
	}
	if sent {
		out = append(out, "b:1")
	}
	return out
}

func lookupNB(t *strTable[[nbN]float64], k string) ([nbN]float64, bool) { return t.get(k) }

func shape(w string) string { return shapes[shapeOf(w)] }

// shapeOf returns the index in shapes of the word's shape.
func shapeOf(w string) int {
	n, caps := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			n, caps = utf8.RuneCountInString(w), 0
			for _, r := range w {
				if unicode.IsUpper(r) {
					caps++
				}
			}
			break
		}
		n++
		if 'A' <= c && c <= 'Z' {
			caps++
		}
	}
	switch {
	case strings.HasSuffix(w, "."):
		return 0
	case caps == n && n > 1:
		if n <= 4 {
			return 1
		}
		return 2
	case n <= 3:
		return 3
	}
	return 4
}

// nbTok is a capitalised token of a mention with its neighbours: the
// token as written, and it and its neighbours folded ("" at either end).
type nbTok struct {
	w, f, prev, next string
	sent             bool
	fi, pi, ni       int32 // the numbers of f, prev and next plus one (see run.id); 0: none
}

// posterior returns P(class | features of every token); ok is false
// without a model. The features are nbFeatures', looked up without making
// their strings.
func (m *nbModel) posterior(tokens []nbTok) (score [nbN]float64, ok bool) {
	if m == nil || len(m.feats) == 0 || len(tokens) == 0 {
		return score, false
	}
	copy(score[:], m.prior)
	add := func(l [nbN]float64, ok bool) {
		if ok {
			for i := range score {
				score[i] += l[i]
			}
		}
	}
	for i := range tokens {
		t := &tokens[i]
		add(lookupNB(m.word, t.f))
		add(lookupNB(m.prev, t.prev))
		add(lookupNB(m.next, t.next))
		sh := m.shape[shapeOf(t.w)]
		add(sh.l, sh.ok)
		if n := lastRunes(t.f, 3); n < len(t.f) {
			add(lookupNB(m.suffix, t.f[n:]))
		}
		if t.sent {
			add(m.start.l, m.start.ok)
		}
	}
	softmax(score[:])
	return score, true
}

// lastRunes returns the offset of the last n runes of s, or len(s) when s
// has n runes or fewer.
func lastRunes(s string, n int) int {
	k, i := 0, len(s)
	for i > 0 {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		k++
		if k == n {
			if i == 0 {
				return len(s)
			}
			return i
		}
	}
	return len(s)
}

// NBFeatures exposes the model's features, for the test that learns it.
func NBFeatures(w, prev, next string, sent bool) []string { return nbFeatures(w, prev, next, sent) }

// nbWord holds the model's vectors of a folded word as a word (with its
// ending), as a word before and as a word after (nil: the model has none),
// each once looked up (done).
type nbWord struct {
	vec  [nbRoles]*[nbN]float64
	done [nbRoles]bool
}

// The roles of a word in the model's features.
const (
	nbAsWord = iota
	nbAsSuffix
	nbAsPrev
	nbAsNext
	nbRoles
)

// nbOf returns the model's vector of the word numbered id in a role.
func (x *run) nbOf(id int32, role int) *[nbN]float64 {
	if int(id) >= len(x.nbWords) {
		x.nbWords = append(x.nbWords, make([]nbWord, int(id)+1-len(x.nbWords))...)
	}
	w := &x.nbWords[id]
	if !w.done[role] {
		w.done[role] = true
		f := x.lex.facts[id].key
		switch role {
		case nbAsWord:
			w.vec[role] = nb.word.getp(f)
		case nbAsSuffix:
			if n := lastRunes(f, 3); n < len(f) {
				w.vec[role] = nb.suffix.getp(f[n:])
			}
		case nbAsPrev:
			w.vec[role] = nb.prev.getp(f)
		case nbAsNext:
			w.vec[role] = nb.next.getp(f)
		}
	}
	return w.vec[role]
}

// posterior is nb.posterior of tokens, their words' vectors looked up
// once per document (see nbOf); the sums are made in the same order.
func (x *run) posterior(tokens []nbTok) (score [nbN]float64, ok bool) {
	m := nb
	if m == nil || len(m.feats) == 0 || len(tokens) == 0 {
		return score, false
	}
	for i := range tokens {
		if t := &tokens[i]; t.fi == 0 || t.pi == 0 || t.ni == 0 {
			return m.posterior(tokens)
		}
	}
	copy(score[:], m.prior)
	add := func(l *[nbN]float64) {
		if l != nil {
			for i := range score {
				score[i] += l[i]
			}
		}
	}
	for i := range tokens {
		t := &tokens[i]
		add(x.nbOf(t.fi-1, nbAsWord))
		add(x.nbOf(t.pi-1, nbAsPrev))
		add(x.nbOf(t.ni-1, nbAsNext))
		if sh := &m.shape[shapeOf(t.w)]; sh.ok {
			add(&sh.l)
		}
		add(x.nbOf(t.fi-1, nbAsSuffix))
		if t.sent && m.start.ok {
			add(&m.start.l)
		}
	}
	softmax(score[:])
	return score, true
}

// softmax turns log scores into probabilities, in place.
func softmax(score []float64) {
	mx := score[0]
	for _, s := range score {
		mx = max(mx, s)
	}
	sum := 0.0
	for i := range score {
		score[i] = math.Exp(score[i] - mx)
		sum += score[i]
	}
	for i := range score {
		score[i] /= sum
	}
}
