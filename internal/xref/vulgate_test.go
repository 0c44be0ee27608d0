package xref

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// TestVulgateReuse measures reuse detection on the Latin Vulgate
// Psalms → New Testament pairs (../shared/external/psalms-nt-vulgate-reuse):
// the share of pairs of each label in which a shared passage is found,
// at the default setting (8 words) and at a short-quotation setting
// (3 words, 2-word shingles). Most labelled quotations share fewer than 8
// words, so the default finds few of them by design.
func TestVulgateReuse(t *testing.T) {
	dir := testutil.Shared(t, "external/psalms-nt-vulgate-reuse")
	f, err := os.Open(filepath.Join(dir, "Ps-NT_reuses_VG.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	settings := []struct {
		name string
		opts Options
		min  map[string]float64 // recorded floor per label (quotation: recall)
	}{
		{"default", Options{}, map[string]float64{"quotation": 0.19}},
		{"short", Options{N: 2, MinWords: 3, MaxDocFreq: 2}, map[string]float64{"quotation": 0.52}},
		{"short, stemmed", Options{N: 2, MinWords: 3, MaxDocFreq: 2, Prefix: 4}, map[string]float64{"quotation": 0.57}},
		{"short, stemmed, 2 words", Options{N: 2, MinWords: 2, MaxDocFreq: 2, Prefix: 4}, map[string]float64{"quotation": 0.77}},
	}
	for _, s := range settings {
		found, total := map[string]int{}, map[string]int{}
		for _, row := range rows[1:] {
			if len(row) < 5 {
				continue
			}
			label := row[2]
			total[label]++
			if len(Reuse([]Text{{0, row[1]}, {1, row[4]}}, s.opts)) > 0 {
				found[label]++
			}
		}
		for _, label := range []string{"quotation", "echo", "coincidence"} {
			rate := float64(found[label]) / float64(max(1, total[label]))
			t.Logf("%s setting: %s pairs found %d of %d (%.3f)", s.name, label, found[label], total[label], rate)
			if floor, ok := s.min[label]; ok && rate < floor {
				t.Errorf("%s setting: %s recall %.3f below the recorded %.2f", s.name, label, rate, floor)
			}
		}
	}
}
