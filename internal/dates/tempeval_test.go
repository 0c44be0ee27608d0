package dates

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quellen/quellen/internal/testutil"
)

type timex struct {
	s, e  int
	typ   string
	value string
}

var (
	tagRe   = regexp.MustCompile(`<[^>]+>`)
	attrRe  = regexp.MustCompile(`(\w+)="([^"]*)"`)
	dctRe   = regexp.MustCompile(`(?s)<DCT>.*?value="([^"]+)".*?</DCT>`)
	textRe  = regexp.MustCompile(`(?s)<TEXT>(.*)</TEXT>`)
	seasons = map[string]string{"03/05": "SP", "06/08": "SU", "09/11": "FA", "12/02": "WI"}
)

// readTML strips a TimeML file to its text and its timexes.
func readTML(t testing.TB, path string) (string, string, []timex) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	dct := ""
	if m := dctRe.FindStringSubmatch(src); m != nil {
		dct = m[1]
	}
	body := textRe.FindStringSubmatch(src)
	if body == nil {
		t.Fatalf("%s: no TEXT", path)
	}
	var sb strings.Builder
	var out []timex
	open := -1
	var cur timex
	last := 0
	for _, loc := range tagRe.FindAllStringIndex(body[1], -1) {
		sb.WriteString(html.UnescapeString(body[1][last:loc[0]]))
		last = loc[1]
		tag := body[1][loc[0]:loc[1]]
		switch {
		case strings.HasPrefix(tag, "<TIMEX3"):
			open = sb.Len()
			cur = timex{s: open}
			for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
				switch a[1] {
				case "type":
					cur.typ = a[2]
				case "value":
					cur.value = a[2]
				}
			}
		case tag == "</TIMEX3>" && open >= 0:
			cur.e = sb.Len()
			out = append(out, cur)
			open = -1
		}
	}
	sb.WriteString(html.UnescapeString(body[1][last:]))
	return sb.String(), dct, out
}

// timeMLValue writes a match as a TimeML value where it can.
func timeMLValue(m Match) string {
	if m.Unresolved {
		return ""
	}
	f, t := m.From, m.To
	if f == t {
		return f.String()
	}
	if f.P == Month && t.P == Month {
		key := fmt.Sprintf("%02d/%02d", f.M, t.M)
		if s, ok := seasons[key]; ok && (t.Y == f.Y || key == "12/02" && t.Y == f.Y+1) {
			return fmt.Sprintf("%04d-%s", f.Y, s)
		}
	}
	// TimeML keeps a qualifier (early 2011, the end of the year) in its mod
	// attribute and the value unnarrowed
	if m.Approx && f.P == Month && t.P == Month && f.Y == t.Y {
		return fmt.Sprintf("%04d", f.Y)
	}
	if m.Approx && f.P == Year && t.P == Year && f.Y/10 == t.Y/10 && t.Y-f.Y < 9 {
		return fmt.Sprintf("%03d", f.Y/10)
	}
	if f.P == Year && t.P == Year {
		switch {
		case t.Y-f.Y == 9 && f.Y%10 == 0:
			return fmt.Sprintf("%03d", f.Y/10)
		case t.Y-f.Y == 99 && f.Y%100 == 0:
			return fmt.Sprintf("%02d", f.Y/100)
		}
	}
	if f.P == Day && t.P == Day && f.weekday() == 1 && t == f.addDays(6) {
		y, w := f.time().ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
	return f.String() + "/" + t.String()
}

type teScore struct {
	gold, found, strict, relaxed, valueOK int
}

func (s teScore) f1(hits int) float64 {
	if s.gold == 0 || s.found == 0 || hits == 0 {
		return 0
	}
	p, r := float64(hits)/float64(s.found), float64(hits)/float64(s.gold)
	return 2 * p * r / (p + r)
}

func scoreTempEval(t testing.TB, dir string, verbose bool) teScore {
	files, _ := filepath.Glob(filepath.Join(dir, "tml", "*.tml"))
	if len(files) == 0 {
		t.Fatalf("no TimeML files in %s", dir)
	}
	var sc teScore
	for _, path := range files {
		text, dct, txs := readTML(t, path)
		doc, _ := ParsePoint(dct)
		found := Find(text, "en", doc)
		var gold []timex
		for _, x := range txs {
			if x.typ == "DATE" {
				gold = append(gold, x)
			}
		}
		sc.gold += len(gold)
		usedGold := map[int]bool{}
		for _, m := range found {
			other := false
			hit := -1
			for gi, g := range txs {
				if m.Start < g.e && g.s < m.End {
					if g.typ == "DATE" {
						hit = gi
						break
					}
					other = true
				}
			}
			if hit < 0 {
				if !other {
					sc.found++
					if verbose {
						t.Logf("FP %s: %q", filepath.Base(path), m.Text)
					}
				}
				continue
			}
			sc.found++
			g := txs[hit]
			if usedGold[hit] {
				continue
			}
			usedGold[hit] = true
			sc.relaxed++
			if m.Start == g.s && m.End == g.e {
				sc.strict++
			} else if verbose {
				t.Logf("EXTENT %s: found %q gold %q", filepath.Base(path), m.Text, text[g.s:g.e])
			}
			if v := timeMLValue(m); v == g.value {
				sc.valueOK++
			} else if verbose {
				t.Logf("VALUE %s: %q found %s gold %s", filepath.Base(path), m.Text, v, g.value)
			}
		}
		// a range found as one expression covers two gold timexes (2009-2010)
		for gi, g := range txs {
			if g.typ != "DATE" || usedGold[gi] {
				continue
			}
			for _, m := range found {
				if m.Start < g.e && g.s < m.End {
					usedGold[gi] = true
					sc.relaxed++
					sc.found++
					break
				}
			}
			if !usedGold[gi] && verbose {
				t.Logf("MISS %s: %q %s", filepath.Base(path), text[g.s:g.e], g.value)
			}
		}
	}
	return sc
}

// TestTempEval3Platinum measures the date finder on the DATE timexes of
// TempEval-3 Platinum: extent F1 (strict and relaxed) and the accuracy of
// the normalised value on the timexes found.
func TestTempEval3Platinum(t *testing.T) {
	dir := testutil.Shared(t, filepath.Join("external", "tempeval3-platinum"))
	sc := scoreTempEval(t, dir, testing.Verbose() && os.Getenv("TE3_DETAIL") != "")
	strict, relaxed := sc.f1(sc.strict), sc.f1(sc.relaxed)
	value := float64(sc.valueOK) / float64(max(1, sc.relaxed))
	t.Logf("TempEval-3 Platinum DATE: gold %d, found %d; extent F1 strict %.3f, relaxed %.3f; value accuracy %.3f (%d/%d), value F1 %.3f",
		sc.gold, sc.found, strict, relaxed, value, sc.valueOK, sc.relaxed, sc.f1(sc.valueOK))
	// the figures reached when the test was written (HeidelTime, all timex
	// types: relaxed 0.903, strict 0.813, value 0.776)
	if strict < 0.83 {
		t.Errorf("strict extent F1 %.3f < 0.83", strict)
	}
	if relaxed < 0.90 {
		t.Errorf("relaxed extent F1 %.3f < 0.90", relaxed)
	}
	if value < 0.87 {
		t.Errorf("value accuracy %.3f < 0.87", value)
	}
}
