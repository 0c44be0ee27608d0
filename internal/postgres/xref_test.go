package postgres

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/sqlite/storetest"
	"github.com/quellen/quellen/internal/xref"
)

// xrefCorpus makes ten documents of random words with a passage planted
// in four (one copy with ligatures and words broken over lines, which the
// repair mends, so that raw and clean offsets differ; one edited) and a
// formula in eight, more than the document-frequency ceiling.
func xrefCorpus() (names []string, datas [][]byte) {
	r := rand.New(rand.NewPCG(7, 11))
	vocab := strings.Fields(`army bridge council river harvest letter minister village station winter
		railway officer soldier treaty border market church school village garden mother father brother
		evening morning autumn summer factory worker engine wagon horse field forest mountain valley city`)
	words := func(n int) string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(out, " ")
	}
	passage := "the official commission filed its report in the spring and nobody in the ministry read the first " +
		"chapter of it until the floods had carried away the bridge at the crossing and the village below it"
	damaged := "the ofﬁcial commis-\nsion ﬁled its report in the spring and nobody in the min-\nistry read the ﬁrst " +
		"chapter of it until the floods had carried away the bridge at the crossing and the village below it"
	edited := "the official commission filed a report in the spring and nobody in the ministry ever read the first " +
		"chapter of it until the floods had carried away the bridge at the crossing"
	formula := "we the undersigned declare under oath that the foregoing is true and correct"
	for d := range 10 {
		var b strings.Builder
		b.WriteString(words(80) + ".\n\n")
		if d < 8 {
			b.WriteString(formula + ".\n\n")
		}
		switch d {
		case 1:
			b.WriteString(passage + ".\n\n")
		case 4:
			b.WriteString(damaged + ".\n\n")
		case 6:
			b.WriteString(edited + ".\n\n")
		case 9:
			b.WriteString(strings.ToUpper(passage[:1]) + passage[1:] + ".\n\n")
		}
		b.WriteString(words(60) + ".\n")
		names = append(names, fmt.Sprintf("doc%02d.txt", d))
		datas = append(datas, []byte(b.String()))
	}
	return names, datas
}

// reuseOfOneProcess is what `quellen xref --reuse-only` finds in the
// files: the corpus's lexicon, read and repair, ReuseCorpus, the passages
// of score 0.5 or more with raw offsets through each clean text's map.
func reuseOfOneProcess(t *testing.T, names []string, datas [][]byte, ids map[string]int64) []quellen.Link {
	t.Helper()
	opts := pipeline.Options{RepairOnly: true}
	lex := repair.NewLexicon()
	for i, n := range names {
		txt, err := pipeline.ReadText(n, datas[i], opts)
		if err != nil {
			t.Fatal(err)
		}
		lex.Learn(txt)
	}
	opts.Lexicon = lex
	var as []*pipeline.Analysis
	var texts []xref.Text
	for i, n := range names {
		a, err := pipeline.Run(n, datas[i], opts)
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
		texts = append(texts, xref.Text{Doc: i, Text: a.Doc.Clean})
	}
	var out []quellen.Link
	for _, m := range xref.Reuse(texts, xref.Options{}) {
		if m.Score() < 0.5 {
			continue
		}
		pa, pb := as[m.A].Passage(m.AStart, m.AEnd), as[m.B].Passage(m.BStart, m.BEnd)
		pa.DocID, pb.DocID = ids[pa.Doc], ids[pb.Doc]
		out = append(out, quellen.Link{Kind: "reuse", A: pa, B: pb, Relation: "agree", Score: m.Score(),
			Attrs: quellen.Attrs{"diff": m.Diff, "fidelity": xref.Fidelity(m.Diff, pb.Text), "matched_words": m.Matched}})
	}
	slices.SortFunc(out, func(x, y quellen.Link) int {
		return cmp.Or(strings.Compare(x.A.Doc, y.A.Doc), strings.Compare(x.B.Doc, y.B.Doc), cmp.Compare(x.A.Raw.Start, y.A.Raw.Start))
	})
	return out
}

// TestXrefSharedFindsWhatOneProcessFinds stores a corpus, runs Xref in two
// workers at once (two goroutines each, blocks of three pairs), and checks
// that every version was fingerprinted once (claimed from windows of two
// keys), every pair aligned once, the
// links stored once and equal to what one process finds in the files, raw
// offsets and lines included; that a version stored with another clean
// text is compared as it is repaired now; and that a second run does
// nothing.
func TestXrefSharedFindsWhatOneProcessFinds(t *testing.T) {
	defer func(w int) { ingest.ClaimWindow = w }(ingest.ClaimWindow)
	ingest.ClaimWindow = 2
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	names, datas := xrefCorpus()
	as, err := corpus.AnalyseData(names, datas, pipeline.Options{})
	if err != nil || len(as) != len(names) {
		t.Fatalf("analysed %d of %d: %v", len(as), len(names), err)
	}
	ids := map[string]int64{}
	for i, a := range as {
		if i == 4 {
			// As if ingested with another corpus's lexicon.
			a.Doc.Clean = strings.ReplaceAll(a.Doc.Clean, "official", "ofﬁcial")
		}
		if _, err := s.Put(ctx, a.Doc); err != nil {
			t.Fatal(err)
		}
		ids[a.Doc.Name] = a.Doc.ID
	}
	want := reuseOfOneProcess(t, names, datas, ids)
	if len(want) < 6 {
		t.Fatalf("one process finds %d links; the planted passage should give six", len(want))
	}
	for _, l := range want {
		if l.A.Raw == (quellen.Span{Start: 0, End: 0}) || strings.Contains(l.A.Text+l.B.Text, "undersigned") {
			t.Fatalf("reference link %+v", l)
		}
	}

	var wg sync.WaitGroup
	res := make([]*XrefResult, 2)
	errs := make([]error, 2)
	for i := range res {
		wg.Go(func() {
			res[i], errs[i] = s.Xref(ctx, XrefOptions{Worker: fmt.Sprintf("test:%d:w", i), Workers: 2, Block: 3, Lease: 10 * time.Second})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
	}
	a, b := res[0], res[1]
	if a.Run != b.Run || a.Versions != len(names) || a.Pairs == 0 || a.Failed != 0 {
		t.Fatalf("runs %s and %s over %d versions, %d pairs, %d failed", a.Run, b.Run, a.Versions, a.Pairs, a.Failed)
	}
	if n := a.Fingerprinted + b.Fingerprinted; n != len(names) {
		t.Errorf("%d versions fingerprinted, want %d", n, len(names))
	}
	if n := a.Repaired + b.Repaired; n != 1 {
		t.Errorf("%d versions compared as repaired again, want 1", n)
	}
	if n := a.Aligned + b.Aligned; n != a.Pairs {
		t.Errorf("%d pairs aligned of %d", n, a.Pairs)
	}
	if n := a.Added + b.Added; n != len(want) {
		t.Errorf("%d links added, want %d", n, len(want))
	}
	if n := count(t, s, "links"); n != len(want) {
		t.Errorf("%d links stored, want %d", n, len(want))
	}
	for _, r := range res {
		got := slices.Clone(r.Links)
		for i := range got {
			got[i].ID = 0
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("links differ from one process's:\n got %d %+v\nwant %d %+v", len(got), got, len(want), want)
		}
	}
	// Every raw span is a span of the raw bytes with the passage's words.
	for _, l := range want {
		for _, p := range []quellen.Passage{l.A, l.B} {
			raw := string(datas[slices.Index(names, p.Doc)][p.Raw.Start:p.Raw.End])
			first := strings.Fields(p.Text)[0]
			if !strings.HasPrefix(strings.ToLower(raw), strings.ToLower(first)) {
				t.Errorf("%s %d-%d: raw %q does not start with %q", p.Doc, p.Raw.Start, p.Raw.End, raw, first)
			}
		}
	}

	again, err := s.Xref(ctx, XrefOptions{Worker: "test:3:w"})
	if err != nil {
		t.Fatal(err)
	}
	if again.Run != a.Run || again.Fingerprinted != 0 || again.Aligned != 0 || again.Added != 0 || len(again.Links) != len(want) {
		t.Errorf("a second run: %+v", again)
	}
}

func TestWordsRoundTrip(t *testing.T) {
	ws := []wordPlace{{0, 5, 1, 1}, {6, 6, 1, 1}, {3, 9, 1, 2}, {100, 130, 4, 7}}
	got, err := decodeWords(encodeWords(ws), len(ws))
	if err != nil || !reflect.DeepEqual(got, ws) {
		t.Errorf("round trip: %v, %v", got, err)
	}
	if _, err := decodeWords(encodeWords(ws), len(ws)+1); err == nil {
		t.Error("a short record was read")
	}
	if _, err := decodeWords(encodeWords(ws), len(ws)-1); err == nil {
		t.Error("a long record was read")
	}
}

// atSchema makes a fresh test database of the given schema version (the
// first n migrations) and returns its address and a pool on it, which the
// caller closes before opening the database as a Store.
func atSchema(t *testing.T, n int) (string, *pgxpool.Pool) {
	t.Helper()
	dsn := pgtest.DSN(t)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.New(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{pool: pool, dsn: dsn}
	if err := old.migrate(t.Context(), ms[:n]); err != nil {
		pool.Close()
		t.Fatal(err)
	}
	return dsn, pool
}

// TestMigrationKeepsOneOfEachLink migrates a schema 1 database holding the
// same link twice: schema 2 keeps one and refuses another copy.
func TestMigrationKeepsOneOfEachLink(t *testing.T) {
	dsn, pool := atSchema(t, 1)
	a, b := storetest.Doc("a.txt", "One text.\n"), storetest.Doc("b.txt", "Another text.\n")
	for _, d := range []*quellen.Document{a, b} {
		// As a quellen of schema 1 stored them (today's Put writes schema 3).
		if err := pool.QueryRow(t.Context(), `WITH d AS (INSERT INTO documents(name) VALUES ($1) RETURNING id)
			INSERT INTO versions(document_id, version, sha256, path, format, language, title, meta, raw, size, ingested)
			SELECT d.id, 1, md5($1), $1, 'text', '', '', '{}', $2::bytea, length($2::bytea), now() FROM d RETURNING id`,
			d.Name, d.Raw).Scan(&d.ID); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := pool.Exec(t.Context(), `INSERT INTO links(kind, a_version_id, a_raw_start, a_raw_end, a_line, a_end_line, a_text,
			b_version_id, b_raw_start, b_raw_end, b_line, b_end_line, b_text) VALUES ('reuse', $1, 0, 3, 1, 1, 'One', $2, 0, 7, 1, 1, 'Another')`,
			a.ID, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	pool.Close()
	s := open(t, dsn)
	if n := count(t, s, "links"); n != 1 {
		t.Fatalf("%d links after the migration, want 1", n)
	}
	l := quellen.Link{Kind: "reuse", A: quellen.Passage{DocID: a.ID, Raw: quellen.Span{Start: 0, End: 3}, Text: "One"},
		B: quellen.Passage{DocID: b.ID, Raw: quellen.Span{Start: 0, End: 7}, Text: "Another"}}
	added, err := s.AddLink(t.Context(), &l)
	if err != nil || added || l.ID == 0 {
		t.Errorf("AddLink of a stored link: added %v, id %d, %v", added, l.ID, err)
	}
	if n := count(t, s, "links"); n != 1 {
		t.Errorf("%d links, want 1", n)
	}
}
