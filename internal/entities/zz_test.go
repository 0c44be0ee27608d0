package entities

import (
	"testing"
)

func TestZZ(t *testing.T) {
	for _, s := range []string{"N. A. Sveshnikov met General de Gaulle and Joachim von Ribbentrop in Paris.", "I. V. Stalin spoke. Сталин was silent. Later Stalin left."} {
		x := &run{d: doc(s, "en"), g: NewGazetteer(), lower: map[string]bool{}, roleOf: map[string]string{}, roleVotes: map[string]int{}, keyTypes: map[string]map[string]int{}}
		x.paragraphs()
		for pi, ts := range x.paras {
			x.scan(pi, ts)
		}
		for _, m := range x.ms {
			t.Logf("%q titled=%v sent=%v caps=%v", m.words, m.titled, m.sent, m.allCaps)
		}
		x.filter()
		for _, m := range x.ms {
			t.Logf("%q drop=%v", m.words, m.drop)
		}
	}
}
