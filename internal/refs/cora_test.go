package refs

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/quellen/quellen/internal/testutil"
)

var reTagged = regexp.MustCompile(`<(\w+)>(.*?)</(\w+)>`)

// tokens folds a field into its words, for token-level scoring.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fieldTokens: the words of a field; for pages and volume only the
// numbers (the words "pp.", "vol.", "no." are locators, not content).
func fieldTokens(field, s string) []string {
	t := tokens(s)
	if field != "pages" && field != "volume" {
		return t
	}
	var out []string
	for _, w := range t {
		if strings.ContainsAny(w, "0123456789") {
			out = append(out, w)
		}
	}
	return out
}

// fieldScore counts token matches per field.
type fieldScore struct{ tp, fp, fn int }

func (f fieldScore) f1() float64 {
	if f.tp == 0 {
		return 0
	}
	p, r := float64(f.tp)/float64(f.tp+f.fp), float64(f.tp)/float64(f.tp+f.fn)
	return 2 * p * r / (p + r)
}

func count(sc map[string]*fieldScore, field string, gold, found []string) {
	s := sc[field]
	if s == nil {
		s = &fieldScore{}
		sc[field] = s
	}
	m := map[string]int{}
	for _, t := range gold {
		m[t]++
	}
	tp := 0
	for _, t := range found {
		if m[t] > 0 {
			m[t]--
			tp++
		}
	}
	s.tp += tp
	s.fp += len(found) - tp
	s.fn += len(gold) - tp
}

// coraFields maps CORA's tags to our fields; tags left out (editor,
// institution, tech, note) are not scored.
var coraFields = map[string]string{"author": "author", "title": "title", "booktitle": "container", "journal": "container",
	"publisher": "publisher", "location": "place", "date": "year", "volume": "volume", "pages": "pages"}

func refFields(r Ref) map[string]string {
	return map[string]string{"author": r.Author, "title": r.Title, "container": r.Container, "publisher": r.Publisher,
		"place": r.Place, "year": r.Year, "volume": strings.TrimSpace(r.Volume + " " + r.Issue), "pages": r.Pages}
}

// scoreTagged parses each tagged reference's plain text and scores the
// fields token by token (year: the four-digit year of CORA's date).
func scoreTagged(t *testing.T, path string) (map[string]*fieldScore, float64) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := map[string]*fieldScore{}
	in := bufio.NewScanner(f)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		line := in.Text()
		ms := reTagged.FindAllStringSubmatch(line, -1)
		if len(ms) == 0 {
			continue
		}
		var plain []string
		gold := map[string][]string{}
		for _, m := range ms {
			plain = append(plain, strings.TrimSpace(m[2]))
			if fld, ok := coraFields[m[1]]; ok {
				v := m[2]
				if fld == "year" {
					v = reYear.FindString(v)
					if len(v) > 4 {
						v = v[:4]
					}
				}
				gold[fld] = append(gold[fld], fieldTokens(fld, v)...)
			}
		}
		r := Parse(strings.Join(plain, " "))
		found := refFields(r)
		for fld := range uniq(coraFields) {
			v := found[fld]
			if fld == "year" && len(v) > 4 {
				v = v[:4]
			}
			count(sc, fld, gold[fld], fieldTokens(fld, v))
		}
	}
	var all fieldScore
	for _, s := range sc {
		all.tp += s.tp
		all.fp += s.fp
		all.fn += s.fn
	}
	return sc, all.f1()
}

func uniq(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

func report(t *testing.T, name string, sc map[string]*fieldScore, micro float64) {
	var keys []string
	for k := range sc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		s := sc[k]
		fmt.Fprintf(&b, " %s=%.3f", k, s.f1())
	}
	t.Logf("%s: micro token F1 %.3f;%s", name, micro, b.String())
}

// TestCORA parses the 500 CORA reference strings and scores fields by
// tokens. The floor is the figure reached, so that a change that loses
// accuracy fails.
func TestCORA(t *testing.T) {
	dir := testutil.Shared(t, "external")
	sc, micro := scoreTagged(t, filepath.Join(dir, "parscit-cora", "cora-tagged_references.txt"))
	report(t, "CORA", sc, micro)
	if micro < coraFloor {
		t.Errorf("CORA micro token F1 %.3f fell below %.3f", micro, coraFloor)
	}
}

const coraFloor = 0.89

// anystyleFields maps AnyStyle's tags to ours; the rest (editor, note,
// genre, doi, ...) is not scored, and citation-number is left out of the
// text, as the notes extractor strips a note's label.
var anystyleFields = map[string]string{"author": "author", "title": "title", "journal": "container",
	"container-title": "container", "publisher": "publisher", "location": "place", "date": "year",
	"volume": "volume", "pages": "pages", "url": "url"}

// TestAnyStyle parses AnyStyle's 1,669 gold references and scores fields
// by tokens, as TestCORA does.
func TestAnyStyle(t *testing.T) {
	dir := testutil.Shared(t, "external")
	data, err := os.ReadFile(filepath.Join(dir, "anystyle-gold", "gold.xml"))
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	sc := map[string]*fieldScore{}
	var plain []string
	gold := map[string][]string{}
	var cur string
	var buf strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "sequence" {
				plain, gold = nil, map[string][]string{}
			} else {
				cur = e.Name.Local
				buf.Reset()
			}
		case xml.CharData:
			if cur != "" {
				buf.Write(e)
			}
		case xml.EndElement:
			if e.Name.Local == "sequence" {
				r := Parse(strings.Join(plain, " "))
				found := refFields(r)
				found["url"] = r.URL
				for fld := range uniq(anystyleFields) {
					v := found[fld]
					if fld == "year" && len(v) > 4 {
						v = v[:4]
					}
					count(sc, fld, gold[fld], fieldTokens(fld, v))
				}
				continue
			}
			v := strings.TrimSpace(buf.String())
			if cur != "citation-number" && v != "" {
				plain = append(plain, v)
			}
			if fld, ok := anystyleFields[cur]; ok {
				if fld == "year" {
					v = reYear.FindString(v)
					if len(v) > 4 {
						v = v[:4]
					}
				}
				gold[fld] = append(gold[fld], fieldTokens(fld, v)...)
			}
			cur = ""
		}
	}
	var all fieldScore
	for _, s := range sc {
		all.tp += s.tp
		all.fp += s.fp
		all.fn += s.fn
	}
	report(t, "AnyStyle", sc, all.f1())
	if all.f1() < anystyleFloor {
		t.Errorf("AnyStyle micro token F1 %.3f fell below %.3f", all.f1(), anystyleFloor)
	}
}

const anystyleFloor = 0.855

// TestParsCitHumanities parses ParsCit's 177 English humanities references
// (one token a line, its label last) and scores fields by tokens.
func TestParsCitHumanities(t *testing.T) {
	dir := testutil.Shared(t, "external")
	data, err := os.ReadFile(filepath.Join(dir, "parscit-cora", "en-humanities.tagged.train"))
	if err != nil {
		t.Fatal(err)
	}
	sc := map[string]*fieldScore{}
	score := func(plain []string, gold map[string][]string) {
		if len(plain) == 0 {
			return
		}
		r := Parse(strings.Join(plain, " "))
		found := refFields(r)
		for fld := range uniq(coraFields) {
			v := found[fld]
			if fld == "year" && len(v) > 4 {
				v = v[:4]
			}
			count(sc, fld, gold[fld], fieldTokens(fld, v))
		}
	}
	var plain []string
	gold := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			score(plain, gold)
			plain, gold = nil, map[string][]string{}
			continue
		}
		tok, label := f[0], f[len(f)-1]
		plain = append(plain, tok)
		if fld, ok := coraFields[label]; ok {
			v := tok
			if fld == "year" {
				if v = reYear.FindString(v); len(v) > 4 {
					v = v[:4]
				}
			}
			gold[fld] = append(gold[fld], fieldTokens(fld, v)...)
		}
	}
	score(plain, gold)
	var all fieldScore
	for _, s := range sc {
		all.tp += s.tp
		all.fp += s.fp
		all.fn += s.fn
	}
	report(t, "ParsCit humanities", sc, all.f1())
	if all.f1() < humanitiesFloor {
		t.Errorf("humanities micro token F1 %.3f fell below %.3f", all.f1(), humanitiesFloor)
	}
}

const humanitiesFloor = 0.86
