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
}

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

func shape(w string) string {
	n := utf8.RuneCountInString(w)
	caps := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			caps++
		}
	}
	switch {
	case strings.HasSuffix(w, "."):
		return "init"
	case caps == n && n > 1:
		if n <= 4 {
			return "CAPS-short"
		}
		return "CAPS"
	case n <= 3:
		return "Xx-short"
	}
	return "Xx"
}

// nbTok is a capitalised token of a mention with its neighbours.
type nbTok struct {
	w, prev, next string
	sent          bool
}

// posterior returns P(class | features of every token), or nil without a model.
func (m *nbModel) posterior(tokens []nbTok) []float64 {
	if m == nil || len(m.feats) == 0 || len(tokens) == 0 {
		return nil
	}
	score := make([]float64, len(nbClasses))
	copy(score, m.prior)
	for _, t := range tokens {
		for _, f := range nbFeatures(t.w, t.prev, t.next, t.sent) {
			c, ok := m.feats[f]
			if !ok {
				continue
			}
			for i := range score {
				score[i] += math.Log((float64(c[i]) + 0.5) / (m.total[i] + 0.5*m.vocab))
			}
		}
	}
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
	return score
}

// NBFeatures exposes the model's features, for the test that learns it.
func NBFeatures(w, prev, next string, sent bool) []string { return nbFeatures(w, prev, next, sent) }
