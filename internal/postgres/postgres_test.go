package postgres

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres/pgtest"
	"github.com/quellen/quellen/internal/sqlite/storetest"
)

func open(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(t.Context(), dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.Pool().QueryRow(t.Context(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestConformance(t *testing.T) {
	pgtest.Server(t)
	storetest.Run(t, func(t *testing.T) quellen.Store {
		s, err := Open(t.Context(), pgtest.DSN(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestSearchConformance(t *testing.T) {
	pgtest.Server(t)
	storetest.Search(t, func(t *testing.T) quellen.Store {
		s, err := Open(t.Context(), pgtest.DSN(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMigrationsAreInSequence(t *testing.T) {
	if SchemaVersion() < 1 {
		t.Fatal("no migrations")
	}
}

func TestOpenMigratesOnceAndKeepsData(t *testing.T) {
	dsn := pgtest.DSN(t)
	// Workers starting together migrate once.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(t.Context(), dsn, Options{})
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	s := open(t, dsn)
	var v string
	s.Pool().QueryRow(t.Context(), `SELECT value FROM quellen_meta WHERE key = 'schema_version'`).Scan(&v)
	if v != strconv.Itoa(SchemaVersion()) {
		t.Errorf("schema_version %q, want %d", v, SchemaVersion())
	}
	if _, err := s.Put(t.Context(), storetest.Doc("a.txt", "Hello “world” 12 dockers.\n\nA second paragraph.\n")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dsn)
	if n := count(t, s, "versions"); n != 1 {
		t.Errorf("%d versions after reopening", n)
	}
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
	var exts int
	s.Pool().QueryRow(t.Context(), `SELECT count(*) FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')`).Scan(&exts)
	if exts != 2 {
		t.Errorf("%d of unaccent, pg_trgm installed", exts)
	}
}

func TestRefusesWhatIsNotOurs(t *testing.T) {
	tests := []struct {
		name string
		make func(ctx context.Context, conn *pgx.Conn) error
		want error
	}{
		{"foreign tables", func(ctx context.Context, conn *pgx.Conn) error {
			_, err := conn.Exec(ctx, `CREATE TABLE accounts(id int PRIMARY KEY, owner text); INSERT INTO accounts VALUES (1, 'x')`)
			return err
		}, quellen.ErrNotOurs},
		{"a quellen_meta of another application", func(ctx context.Context, conn *pgx.Conn) error {
			_, err := conn.Exec(ctx, `CREATE TABLE quellen_meta(key text, value text); INSERT INTO quellen_meta VALUES ('application', 'other')`)
			return err
		}, quellen.ErrNotOurs},
		{"newer schema", nil, quellen.ErrNewerSchema},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dsn := pgtest.DSN(t)
			conn, err := pgx.Connect(t.Context(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())
			if tc.make != nil {
				if err := tc.make(t.Context(), conn); err != nil {
					t.Fatal(err)
				}
			} else {
				s := open(t, dsn)
				s.Close()
				if _, err := conn.Exec(t.Context(), `UPDATE quellen_meta SET value = '99' WHERE key = 'schema_version'`); err != nil {
					t.Fatal(err)
				}
			}
			var before int
			conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace`).Scan(&before)
			s, err := Open(t.Context(), dsn, Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			var after int
			conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace`).Scan(&after)
			if after != before {
				t.Errorf("%d relations before, %d after", before, after)
			}
		})
	}
}

func TestPutTwiceAddsNoRowsAndConcurrentPutsStoreOnce(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	var wg sync.WaitGroup
	created := make([]bool, 6)
	errs := make([]error, 6)
	for i := range created {
		wg.Go(func() {
			created[i], errs[i] = s.Put(ctx, storetest.Doc("report.txt", "Hello “world” 12 dockers.\n"))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range created {
		if c {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d of 6 concurrent Puts of the same bytes created a version", n)
	}
	for _, tb := range []string{"documents", "versions"} {
		if got := count(t, s, tb); got != 1 {
			t.Errorf("%s: %d rows", tb, got)
		}
	}
	if count(t, s, "findings") != 3 || count(t, s, "passages") == 0 {
		t.Errorf("%d findings, %d passages", count(t, s, "findings"), count(t, s, "passages"))
	}
	vs, err := s.Versions(ctx, "report.txt")
	if err != nil || len(vs) != 1 {
		t.Errorf("Versions: %v %v", vs, err)
	}
}

func TestPassagesInTheirLanguage(t *testing.T) {
	s := open(t, pgtest.DSN(t))
	ctx := t.Context()
	d := storetest.Doc("fr.txt", "Les ouvriers marchaient vers le port.\n\nThe dockers were walking.\n")
	d.Findings = append(d.Findings,
		quellen.Finding{Kind: quellen.KindLanguage, Clean: quellen.Span{Start: 0, End: 37}, Raw: quellen.Span{Start: 0, End: 37}, Attrs: quellen.Attrs{"lang": "fr"}, Extractor: "lang"},
		quellen.Finding{Kind: quellen.KindLanguage, Clean: quellen.Span{Start: 39, End: 64}, Raw: quellen.Span{Start: 39, End: 64}, Attrs: quellen.Attrs{"lang": "en"}, Extractor: "lang"})
	if _, err := s.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	// Put leaves tsv to be computed on demand (schema 3): the configuration
	// it stores is the passage's language's.
	rows, err := s.Pool().Query(ctx, `SELECT config::text, to_tsvector(config, unaccent(text))::text FROM passages
		WHERE kind = 'paragraph' AND tsv IS NULL ORDER BY clean_start`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (p [2]string, err error) {
		err = r.Scan(&p[0], &p[1])
		return p, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0][0] != "french" || got[1][0] != "english" {
		t.Fatalf("passages %v", got)
	}
	// Stemmed in their language: marchaient → march, walking → walk.
	for i, want := range []string{"'march'", "'walk'"} {
		if !strings.Contains(got[i][1], want) {
			t.Errorf("%s: %s lacks %s", got[i][0], got[i][1], want)
		}
	}
}
