package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
)

// writer is the connection Put writes on: held by the store from the
// first Put to Close, with its statements prepared once and bound value
// by value, without database/sql between (most of what Put writes is
// hundreds of thousands of small finding rows).
//
// The writer does not copy the WAL into the database file itself (it
// would, every wal_autocheckpoint pages, in the middle of a Put): a
// goroutine of its own does, on another connection, after each commit,
// while the writer goes on (a PASSIVE checkpoint waits for no one). Should
// the WAL still grow past walLimit frames, the writer checkpoints it and
// starts it over.
type writer struct {
	conn  *sql.Conn
	stmts map[string]*sqlite3.Stmt

	poke   chan struct{} // a commit to checkpoint
	done   chan struct{} // closed when the checkpointer has stopped
	frames atomic.Int64  // frames in the WAL at the last checkpoint
}

// walLimit is the most frames (pages) the WAL grows to: 64 MB.
const walLimit = 16000

// checkpoint copies the WAL into the database file, on every poke, until
// poke is closed.
func (w *writer) checkpoint(db *sql.DB) {
	defer close(w.done)
	for range w.poke {
		var busy, frames, copied int64
		if err := db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err == nil {
			w.frames.Store(frames)
		}
	}
}

// wtx is the writer inside one transaction.
type wtx struct {
	c *sqlite3.Conn
	w *writer
}

// write runs fn in one IMMEDIATE transaction on the writer connection,
// committing when it returns nil and rolling back otherwise. Writes of
// one store are serialised.
func (s *Store) write(ctx context.Context, fn func(t *wtx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.w == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
			conn.Close()
			return err
		}
		s.w = &writer{conn: conn, stmts: map[string]*sqlite3.Stmt{}, poke: make(chan struct{}, 1), done: make(chan struct{})}
		go s.w.checkpoint(s.db)
	}
	w := s.w
	return w.conn.Raw(func(dc any) error {
		c := dc.(driver.Conn).Raw()
		old := c.SetInterrupt(ctx)
		defer c.SetInterrupt(old)
		if err := c.Exec(`BEGIN IMMEDIATE`); err != nil {
			return err
		}
		err := fn(&wtx{c: c, w: w})
		if err == nil {
			err = c.Exec(`COMMIT`)
		}
		if err != nil && !c.GetAutocommit() {
			// ROLLBACK even when interrupted.
			c.SetInterrupt(context.Background())
			err = errors.Join(err, c.Exec(`ROLLBACK`))
		}
		if err != nil {
			return err
		}
		if w.frames.Load() > walLimit {
			// The checkpointer did most of it: copy the rest, start over.
			w.frames.Store(0)
			return c.Exec(`PRAGMA wal_checkpoint(RESTART)`)
		}
		select {
		case w.poke <- struct{}{}:
		default: // one is waiting already
		}
		return nil
	})
}

// close stops the checkpointer, finalises the statements and gives the
// connection back.
func (w *writer) close() error {
	close(w.poke)
	<-w.done
	err := w.conn.Raw(func(any) error {
		var errs []error
		for _, st := range w.stmts {
			errs = append(errs, st.Close())
		}
		return errors.Join(errs...)
	})
	return errors.Join(err, w.conn.Close())
}

// stmt returns the statement of q, prepared on first use.
func (t *wtx) stmt(q string) (*sqlite3.Stmt, error) {
	if st := t.w.stmts[q]; st != nil {
		return st, nil
	}
	st, tail, err := t.c.Prepare(q)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(tail) != "" {
		st.Close()
		return nil, fmt.Errorf("sqlite: more than one statement in %q", q)
	}
	t.w.stmts[q] = st
	return st, nil
}

// binder binds values one after the other, keeping the first error.
type binder struct {
	st  *sqlite3.Stmt
	i   int // the next parameter, from 1
	err error
}

func (b *binder) next() int {
	b.i++
	return b.i
}

func (b *binder) keep(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *binder) int(v int)     { b.keep(b.st.BindInt64(b.next(), int64(v))) }
func (b *binder) int64(v int64) { b.keep(b.st.BindInt64(b.next(), v)) }
func (b *binder) text(v string) { b.keep(b.st.BindText(b.next(), v)) }
func (b *binder) blob(v []byte) { b.keep(b.st.BindBlob(b.next(), v)) }
func (b *binder) null()         { b.keep(b.st.BindNull(b.next())) }

// textOrNull binds s, or NULL when it is empty.
func (b *binder) textOrNull(s string) {
	if s == "" {
		b.null()
	} else {
		b.text(s)
	}
}
func (b *binder) float(v float64) { b.keep(b.st.BindFloat(b.next(), v)) }

// value binds a string, a number, bytes or nil (NULL).
func (b *binder) value(v any) {
	switch v := v.(type) {
	case nil:
		b.null()
	case string:
		b.text(v)
	case int:
		b.int(v)
	case int64:
		b.int64(v)
	case float64:
		b.float(v)
	case []byte:
		b.blob(v)
	default:
		b.keep(fmt.Errorf("sqlite: cannot bind %T", v))
	}
}

// exec runs a statement that returns no row.
func (t *wtx) exec(q string, args ...any) error {
	st, err := t.stmt(q)
	if err != nil {
		return err
	}
	b := binder{st: st}
	for _, a := range args {
		b.value(a)
	}
	if b.err != nil {
		return b.err
	}
	return st.Exec()
}

// queryRow runs a statement and scans its first row into dest (*int64,
// *int, *string); found is false when there is none.
func (t *wtx) queryRow(q string, args []any, dest ...any) (found bool, err error) {
	st, err := t.stmt(q)
	if err != nil {
		return false, err
	}
	defer func() { err = errors.Join(err, st.Reset()) }()
	b := binder{st: st}
	for _, a := range args {
		b.value(a)
	}
	if b.err != nil {
		return false, b.err
	}
	if !st.Step() {
		return false, st.Err()
	}
	for i, d := range dest {
		switch d := d.(type) {
		case *int64:
			*d = st.ColumnInt64(i)
		case *int:
			*d = st.ColumnInt(i)
		case *string:
			*d = st.ColumnText(i)
		case *sql.NullString:
			if st.ColumnType(i) == sqlite3.NULL {
				*d = sql.NullString{}
			} else {
				*d = sql.NullString{String: st.ColumnText(i), Valid: true}
			}
		default:
			return false, fmt.Errorf("sqlite: cannot scan into %T", d)
		}
	}
	return true, nil
}

// insertSQL is a multi-row INSERT of rows rows of cols columns.
func insertSQL(prefix string, cols, rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	return prefix + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

// maxRowsPerInsert is the most rows one INSERT statement carries; fewer
// go in statements of a power of two rows, so that a handful of
// statements serve every count.
const maxRowsPerInsert = 128

// insertRows inserts n rows of cols columns with multi-row INSERTs; row
// binds the values of row i.
func (t *wtx) insertRows(prefix string, cols, n int, row func(b *binder, i int)) error {
	for i := 0; i < n; {
		k := maxRowsPerInsert
		for k > n-i {
			k /= 2
		}
		st, err := t.stmt(insertSQL(prefix, cols, k))
		if err != nil {
			return err
		}
		b := binder{st: st}
		for j := range k {
			row(&b, i+j)
		}
		if b.err != nil {
			return b.err
		}
		if b.i != k*cols {
			return fmt.Errorf("sqlite: %d values bound for %d rows of %d columns", b.i, k, cols)
		}
		if err := st.Exec(); err != nil {
			return err
		}
		i += k
	}
	return nil
}
