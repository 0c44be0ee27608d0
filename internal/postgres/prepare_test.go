package postgres

import (
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

// keyVector must be what to_tsvector('simple', keys) was, which schema 1
// stored and search queries.
func TestKeyVectorIsToTSVector(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	many := strings.Repeat("staline dit ", 300) // more than 256 positions of a lexeme
	long := strings.Repeat("a ", maxPosition+10) + "fin a"
	for _, keys := range []string{"", "stalin", "le peupl et le part", "b a c a b", many, long, "1945 3e mai v2 сталин"} {
		var want, got string
		v := keyVector(keys, true)
		if err := s.Pool().QueryRow(t.Context(), `SELECT to_tsvector('simple', $1)::text, $2::tsvector::text`, keys, v).
			Scan(&want, &got); err != nil {
			t.Fatalf("%.40q: %v", keys, err)
		}
		if got != want {
			t.Errorf("%.40q: keyVector gives …%s, to_tsvector …%s", keys, got[max(0, len(got)-80):], want[max(0, len(want)-80):])
		}
	}
	if keyVector("", false).Valid {
		t.Error("empty speakers are not NULL")
	}
}

// A filter never rules out a version whose passages ILIKE finds the
// fragment in, whatever the case, and rules out most others; the SQL test
// of Search agrees with gramsMayHold.
func TestGramFilter(t *testing.T) {
	texts := []string{"Le maréchal STALINE déclara à Ёлкин", "The Kelvin sign K and the long ſ"}
	f := gramFilter(texts)
	for _, frag := range []string{"staline", "MARÉCHAL", "ёлкин", "kelvin sign k", "LONG S", "déclara à"} {
		h1, h2 := gramProbe([]string{frag})
		if !gramsMayHold(f, h1, h2) {
			t.Errorf("%q ruled out", frag)
		}
	}
	out := 0
	for _, frag := range []string{"trotsky", "boukharine", "zinoviev", "kamenev", "rykov", "tomski", "piatakov", "radek"} {
		if h1, h2 := gramProbe([]string{frag}); !gramsMayHold(f, h1, h2) {
			out++
		}
	}
	if out < 7 {
		t.Errorf("only %d of 8 absent fragments ruled out", out)
	}
	if h1, _ := gramProbe([]string{"ab"}); len(h1) != 0 {
		t.Error("a fragment of two letters has trigrams")
	}

	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	for _, frag := range []string{"staline", "trotsky", "KELVIN"} {
		h1, h2 := gramProbe([]string{frag})
		var got bool
		if err := s.Pool().QueryRow(ctx, `SELECT `+gramsSQL("$2", "$3")+` FROM (SELECT $1::bytea AS filter) g`, f, h1, h2).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := gramsMayHold(f, h1, h2); got != want {
			t.Errorf("%q: SQL says %v, gramsMayHold %v", frag, got, want)
		}
	}
}

// A fragment is found in a version stored with its filter and in one
// stored without (before schema 3), and not in one whose filter rules it
// out.
func TestFragmentSearchWithFilters(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	for _, d := range []*quellen.Document{
		storetest.Doc("a.txt", "Le maréchal Staline parla.\n"),
		storetest.Doc("b.txt", "Trotsky répondit.\n"),
		storetest.Doc("c.txt", "Staline encore.\n"),
	} {
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Pool().Exec(ctx, `DELETE FROM version_grams WHERE version_id = (SELECT v.id FROM versions v
		JOIN documents d ON d.id = v.document_id WHERE d.name = 'c.txt')`); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, quellen.SearchQuery{Terms: []quellen.Term{{Text: "STALINE", Fragment: true}}})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, h := range res.Hits {
		docs[h.Doc] = true
	}
	if !docs["a.txt"] || !docs["c.txt"] || docs["b.txt"] {
		t.Errorf("~STALINE found in %v", docs)
	}
}
