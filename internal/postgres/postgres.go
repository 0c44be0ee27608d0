// Package postgres is quellen's server store: the quellen.Store of
// internal/sqlite on PostgreSQL (through github.com/jackc/pgx/v5), for
// corpora beyond one machine and for many quellen processes sharing one
// database. It holds the same tables, the search keys of every passage
// as a tsvector with a GIN index, a Bloom filter of trigrams per version
// for ~fragments (grams.go), and the work table through which several
// `quellen ingest` processes share a corpus (see Claim). Ingest prepares
// each document's rows on its analysis workers (Prepare) and commits
// without waiting for the server's flush (docs/scaling.md).
//
// A quellen database is recognised by the quellen_meta table of its
// schema (the connection's current schema, public unless the DSN sets
// search_path). Open refuses a schema holding other tables
// (quellen.ErrNotOurs) or one made by a newer quellen
// (quellen.ErrNewerSchema), without writing to it. Migrations are
// embedded and applied in order, in one transaction under an advisory
// lock, when a database is opened.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/quellen/quellen"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationLock is the advisory lock key held while migrating ("QUEL").
const migrationLock = 0x5155454C

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("postgres: migration %s is not named NNNN_name.sql", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{n, e.Name(), string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("postgres: migration %s out of sequence (want %d)", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this quellen writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // fixed at build time; tested
	}
	return len(ms)
}

// IsDSN reports whether a --db value names a PostgreSQL database.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the DSN without its password, for messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Store is a quellen database on PostgreSQL. It is safe for concurrent
// use, by goroutines and by processes.
type Store struct {
	pool     *pgxpool.Pool
	dsn      string
	readOnly bool
	schema   int // the schema version of the database (a read-only store may be older)

	seqMu sync.Mutex
	seq   string // the sequence of findings' ids (findingSeq)
}

var (
	_ quellen.Store    = (*Store)(nil)
	_ quellen.Searcher = (*Store)(nil)
)

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing quellen database for reading only;
	// nothing is migrated or written.
	ReadOnly bool
	// MaxConns bounds the pool; 0: pgxpool's default.
	MaxConns int32
}

// Open connects to the database of the DSN and migrates it to the
// current schema (creating quellen's tables in an empty schema).
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	s := &Store{pool: pool, dsn: dsn, readOnly: opts.ReadOnly}
	current, err := s.probe(ctx, pool)
	if err == nil && current > len(ms) {
		err = fmt.Errorf("%s: schema version %d, this quellen knows up to %d: %w", Redact(dsn), current, len(ms), quellen.ErrNewerSchema)
	}
	if err == nil && opts.ReadOnly && current == 0 {
		err = fmt.Errorf("%s: no quellen tables: %w", Redact(dsn), quellen.ErrNotFound)
	}
	if err == nil && !opts.ReadOnly && current < len(ms) {
		if err = s.migrate(ctx, ms); err != nil {
			err = fmt.Errorf("%s: migrating: %w", Redact(dsn), err)
		}
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.schema = len(ms)
	if opts.ReadOnly {
		s.schema = current
	}
	return s, nil
}

type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// probe returns the schema version of the current schema: 0 when it has
// no tables; an error wrapping ErrNotOurs when it has tables but no
// quellen_meta.
func (s *Store) probe(ctx context.Context, q queryRower) (int, error) {
	var tables int
	var meta bool
	err := q.QueryRow(ctx, `SELECT count(*), coalesce(bool_or(c.relname = 'quellen_meta'), false)
		FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`).Scan(&tables, &meta)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", Redact(s.dsn), err)
	}
	if tables == 0 {
		return 0, nil
	}
	if !meta {
		return 0, fmt.Errorf("%s: the schema holds %d tables but no quellen_meta: %w", Redact(s.dsn), tables, quellen.ErrNotOurs)
	}
	var app, v string
	err = q.QueryRow(ctx, `SELECT coalesce(max(value) FILTER (WHERE key = 'application'), ''),
		coalesce(max(value) FILTER (WHERE key = 'schema_version'), '') FROM quellen_meta`).Scan(&app, &v)
	if err != nil {
		return 0, fmt.Errorf("%s: reading quellen_meta: %v: %w", Redact(s.dsn), err, quellen.ErrNotOurs)
	}
	n, err := strconv.Atoi(v)
	if app != "quellen" || err != nil || n < 1 {
		return 0, fmt.Errorf("%s: quellen_meta says application %q, schema version %q: %w", Redact(s.dsn), app, v, quellen.ErrNotOurs)
	}
	return n, nil
}

// migrate applies the missing migrations in one transaction, under an
// advisory lock so that workers starting together migrate once.
func (s *Store) migrate(ctx context.Context, ms []migration) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return err
	}
	current, err := s.probe(ctx, tx) // another process may have migrated meanwhile
	if err != nil {
		return err
	}
	if current > len(ms) {
		return quellen.ErrNewerSchema
	}
	if current == len(ms) {
		return nil
	}
	for _, m := range ms[current:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO quellen_meta(key, value) VALUES ('application', 'quellen'), ('schema_version', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(len(ms))); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Path returns the database's address without its password.
func (s *Store) Path() string { return Redact(s.dsn) }

// Pool returns the connection pool, for tests and inspection.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// errReadOnly is returned by writes on a read-only store.
func (s *Store) errReadOnly() error {
	return fmt.Errorf("%s: opened read-only", Redact(s.dsn))
}

var errNoRows = pgx.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
