// Package sqlite is quellen's embedded store: one SQLite file (through
// github.com/ncruces/go-sqlite3, a pure Go build of SQLite) holding the
// documents, every version of their raw bytes, their findings, links,
// problems, the corrections people made, and an FTS5 index of their
// passages.
//
// A quellen database is recognised by its application_id and the schema
// version in its quellen_meta table. Open refuses any other file, SQLite
// or not, without writing to it (quellen.ErrNotOurs), and a database made
// by a newer quellen (quellen.ErrNewerSchema). Migrations are embedded and
// applied in order, in one transaction, when a database is opened.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"
	"github.com/quellen/quellen"
)

// fts5Register adds FTS5 to a connection.
var fts5Register = fts5.Register

// ApplicationID is the PRAGMA application_id of a quellen database: "QUEL".
const ApplicationID = 0x5155454C

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one embedded schema step; version n is the file NNNN_*.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlite: migration %s is not named NNNN_what.sql", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: n, name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlite: migration %s out of sequence (want %d)", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this quellen writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are fixed at build time; tested
	}
	return len(ms)
}

// Store is a quellen database in one SQLite file. It is safe for
// concurrent use; writes are serialised by SQLite.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	hasGrams bool // version_grams exists (a read-only store may predate it)
	schema   int  // the schema version of the file (a read-only store may be older)

	wmu sync.Mutex // holds w
	w   *writer    // the connection Put writes on, opened by the first
}

var _ quellen.Store = (*Store)(nil)

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing database for reading only; nothing is
	// migrated or written.
	ReadOnly bool
}

// Open opens the quellen database at path, creating it when the file does
// not exist or is empty, and migrating it to the current schema. A file
// that is not a quellen database gives an error wrapping
// quellen.ErrNotOurs; one from a newer quellen, quellen.ErrNewerSchema.
// Neither is written to.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	current := 0
	fresh := false
	switch st, err := os.Stat(abs); {
	case errors.Is(err, fs.ErrNotExist):
		fresh = true
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, fmt.Errorf("%s: is a directory: %w", path, quellen.ErrNotOurs)
	case st.Size() == 0:
		fresh = true
	default:
		current, err = probe(ctx, path, abs)
		if err != nil {
			return nil, err
		}
		if current > len(ms) {
			return nil, fmt.Errorf("%s: schema version %d, this quellen knows up to %d: %w", path, current, len(ms), quellen.ErrNewerSchema)
		}
	}
	if opts.ReadOnly && fresh {
		return nil, fmt.Errorf("%s: no database: %w", path, quellen.ErrNotFound)
	}
	mode := "rwc"
	if opts.ReadOnly {
		mode = "ro"
	}
	db, err := openDB(abs, mode, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Store{db: db, path: path, readOnly: opts.ReadOnly, hasGrams: !opts.ReadOnly, schema: len(ms)}
	if opts.ReadOnly {
		s.schema = current
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'version_grams'`).Scan(&n); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s.hasGrams = n > 0
		return s, nil
	}
	if current < len(ms) {
		if err := s.migrate(ctx, ms, current); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: migrating: %w", path, err)
		}
	}
	// WAL lets readers (the web reader, a second quellen) work while an
	// ingest writes; the mode is kept in the file.
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode=WAL`); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// openDB opens a connection pool on the file with the pragmas every
// connection needs; FTS5 and quellen's functions are registered on each
// connection.
func openDB(abs, mode string, foreignKeys bool) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", mode)
	q.Add("_pragma", "busy_timeout(20000)")
	// In WAL mode NORMAL loses no committed transaction to a crash of the
	// process (a killed ingest), only to a power cut, and spares an fsync
	// per document.
	q.Add("_pragma", "synchronous(normal)")
	q.Add("_pragma", "cache_size(-16000)")       // 16 MB of pages
	q.Add("_pragma", "temp_store(memory)")       // statement journals of multi-row INSERTs, sorts
	q.Add("_pragma", "wal_autocheckpoint(8000)") // checkpoint (and fsync) every ~32 MB; Put's writer has its own (writer.go)
	if foreignKeys {
		q.Add("_pragma", "foreign_keys(1)")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	db, err := driver.Open(u.String(), registerFunctions)
	if err != nil {
		return nil, err
	}
	// Four for readers, and the one Put holds.
	db.SetMaxOpenConns(5)
	db.SetMaxIdleConns(5)
	return db, nil
}

// probe checks, without writing anything, that the file at abs is a
// quellen database, and returns its schema version.
func probe(ctx context.Context, path, abs string) (int, error) {
	f, err := os.Open(abs)
	if err != nil {
		return 0, err
	}
	head := make([]byte, 100)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head[:len(sqliteMagic)]) != sqliteMagic {
		return 0, fmt.Errorf("%s: not a SQLite file: %w", path, quellen.ErrNotOurs)
	}
	db, err := openDB(abs, "ro", false)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	var appID int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return 0, fmt.Errorf("%s: reading the database: %w", path, err)
	}
	if appID != ApplicationID {
		return 0, fmt.Errorf("%s: a SQLite database of another application (application_id %#x): %w", path, appID, quellen.ErrNotOurs)
	}
	var v string
	err = db.QueryRowContext(ctx, `SELECT value FROM quellen_meta WHERE key = 'schema_version'`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("%s: no schema version in quellen_meta (%v): %w", path, err, quellen.ErrNotOurs)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s: schema version %q: %w", path, v, quellen.ErrNotOurs)
	}
	return n, nil
}

// migrate applies the migrations after version current in one transaction.
func (s *Store) migrate(ctx context.Context, ms []migration, current int) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have migrated meanwhile: read again inside the
	// write transaction.
	var appID int64
	if err := tx.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return err
	}
	if appID == ApplicationID {
		var v string
		if err := tx.QueryRowContext(ctx, `SELECT value FROM quellen_meta WHERE key = 'schema_version'`).Scan(&v); err == nil {
			current, _ = strconv.Atoi(v)
		}
	} else if current != 0 {
		return quellen.ErrNotOurs
	}
	if current == 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("a SQLite database with %d schema objects but no quellen header: %w", n, quellen.ErrNotOurs)
		}
	}
	for _, m := range ms[current:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	v := strconv.Itoa(len(ms))
	if _, err := tx.ExecContext(ctx, `INSERT INTO quellen_meta(key, value) VALUES ('schema_version', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, v); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, ApplicationID, len(ms))); err != nil {
		return err
	}
	return tx.Commit()
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// DB returns the underlying pool, for tests and read-only inspection.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database; in WAL mode the last connection checkpoints.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var err error
	if s.w != nil {
		err = s.w.close()
		s.w = nil
	}
	return errors.Join(err, s.db.Close())
}
