package lang

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

// hipeDoc is one document of a HIPE-2022 file: its language and sentences.
type hipeDoc struct {
	lang      string
	sentences []string
}

func readHIPE(t *testing.T, path string) []hipeDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []hipeDoc
	var sent strings.Builder
	flush := func() {
		if s := strings.TrimSpace(sent.String()); s != "" && len(docs) > 0 {
			d := &docs[len(docs)-1]
			d.sentences = append(d.sentences, s)
		}
		sent.Reset()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if l, ok := strings.CutPrefix(line, "# hipe2022:language = "); ok {
			flush()
			docs = append(docs, hipeDoc{lang: strings.TrimSpace(l)})
			continue
		}
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "TOKEN\t") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		sent.WriteString(cols[0])
		misc := cols[len(cols)-1]
		if !strings.Contains(misc, "NoSpaceAfter") {
			sent.WriteByte(' ')
		}
		if strings.Contains(misc, "EndOfSentence") {
			flush()
		}
	}
	flush()
	return docs
}

// TestExternalHIPE measures Detect on the historical newspapers and
// commentaries of HIPE-2022 (OCR text, English and French): on whole
// documents and on sentences of five words or more.
func TestExternalHIPE(t *testing.T) {
	dir := testutil.Shared(t, "external/hipe2022")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*-dev-*.tsv"))
	if len(files) == 0 {
		t.Skip("no HIPE files")
	}
	var docs, docsRight, sents, sentsRight, sentsWrong, sentsQuoted int
	for _, p := range files {
		for _, d := range readHIPE(t, p) {
			docs++
			if Detect(strings.Join(d.sentences, " ")) == d.lang {
				docsRight++
			}
			for _, s := range d.sentences {
				if len(strings.Fields(s)) < 5 {
					continue
				}
				sents++
				switch Detect(s) {
				case d.lang:
					sentsRight++
				case "":
				case "el", "la":
					// The commentaries quote Greek and Latin: not counted wrong.
					sentsQuoted++
				default:
					sentsWrong++
				}
			}
		}
	}
	docAcc := float64(docsRight) / float64(docs)
	sentAcc := float64(sentsRight) / float64(sents)
	wrong := float64(sentsWrong) / float64(sents)
	t.Logf("HIPE dev: documents %d/%d = %.3f; sentences (5+ words) %d: right %.3f, Greek or Latin %.3f, wrong %.3f, rest \"\"",
		docsRight, docs, docAcc, sents, sentAcc, float64(sentsQuoted)/float64(sents), wrong)
	// Recorded: documents 0.974 (the rest are mostly Greek), sentences
	// right 0.878, Greek or Latin 0.044, wrong 0.003.
	if docAcc < 0.97 || sentAcc < 0.87 || wrong > 0.006 {
		t.Errorf("below the recorded figures")
	}
}

// TestExternalVulgate measures Detect on the Latin verses of the
// Psalms–New Testament reuse set.
func TestExternalVulgate(t *testing.T) {
	dir := testutil.Shared(t, "external/psalms-nt-vulgate-reuse")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if len(files) == 0 {
		t.Skip("no reuse file")
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var n, right, wrong int
	for i, line := range strings.Split(string(b), "\n") {
		cols := strings.Split(line, "\t")
		if i == 0 || len(cols) < 5 {
			continue
		}
		for _, s := range []string{cols[1], cols[4]} {
			if seen[s] || strings.TrimSpace(s) == "" {
				continue
			}
			seen[s] = true
			n++
			switch Detect(s) {
			case "la":
				right++
			case "":
			default:
				wrong++
			}
		}
	}
	t.Logf("Vulgate verses: %d, la %.3f, wrong %.3f", n, float64(right)/float64(n), float64(wrong)/float64(n))
	// Recorded: la 0.955, wrong 0.003.
	if float64(right)/float64(n) < 0.95 || float64(wrong)/float64(n) > 0.01 {
		t.Errorf("below the recorded figures")
	}
}

// TestExternalLitBank measures Detect on the sentences of 100 excerpts of
// English fiction: dialogue, dialect, names.
func TestExternalLitBank(t *testing.T) {
	dir := testutil.Shared(t, "external/litbank-quotations")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no LitBank texts")
	}
	var n, right, wrong int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for l := range strings.SplitSeq(string(b), "\n") {
			if len(strings.Fields(l)) < 5 {
				continue
			}
			n++
			switch Detect(l) {
			case "en":
				right++
			case "":
			default:
				wrong++
			}
		}
	}
	t.Logf("LitBank sentences (5+ tokens): %d, en %.3f, wrong %.4f", n, float64(right)/float64(n), float64(wrong)/float64(n))
	// Recorded: en 0.981, wrong 0.0002.
	if float64(right)/float64(n) < 0.975 || float64(wrong)/float64(n) > 0.001 {
		t.Errorf("below the recorded figures")
	}
}
