package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/postgres"
	"github.com/quellen/quellen/internal/sqlite"
)

// DocsCmd lists the documents in the database.
type DocsCmd struct {
	JSON bool   `name:"json" help:"Print a JSON array instead of a table."`
	Name string `name:"name" help:"Only the document of this name." placeholder:"NAME"`
}

// Help is shown under the command's usage.
func (c *DocsCmd) Help() string {
	return `One row per document, its latest version: the id to give to show (each
version has its own id), the name, the version number, the format, the
language, the title and how many findings of each kind it has.

Examples:
  quellen docs
  quellen --db history.db docs --json | jq '.[].name'`
}

// docRow is one document as docs prints it.
type docRow struct {
	ID       int64                `json:"id"`
	Name     string               `json:"name"`
	Version  int                  `json:"version"`
	Format   string               `json:"format"`
	Language string               `json:"language"`
	Title    string               `json:"title"`
	Author   string               `json:"author,omitempty"`
	Date     string               `json:"date,omitempty"`
	SHA256   string               `json:"sha256"`
	Ingested time.Time            `json:"ingested"`
	Findings map[quellen.Kind]int `json:"findings"`
	// Unanalysed: stored by ingest --store-only, waiting for analyse.
	Unanalysed bool `json:"unanalysed,omitempty"`
}

// Run implements the command.
func (c *DocsCmd) Run(g *Globals) error {
	store, err := openStore(g, true)
	if err != nil {
		return err
	}
	defer store.Close()
	docs, err := store.Documents(g.ctx, quellen.DocFilter{Name: c.Name})
	if err != nil {
		return err
	}
	rows := make([]docRow, 0, len(docs))
	for _, d := range docs {
		counts, err := store.FindingCounts(g.ctx, d.ID)
		if err != nil {
			return err
		}
		rows = append(rows, docRow{ID: d.ID, Name: d.Name, Version: d.Version, Format: d.Format,
			Language: d.Meta.Language, Title: d.Meta.Title, Author: d.Meta.Author, Date: d.Meta.Date,
			SHA256: d.SHA256, Ingested: d.Ingested, Findings: counts, Unanalysed: d.Unanalysed})
	}
	if c.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	if len(rows) == 0 {
		fmt.Fprintf(g.stdout, "no documents in %s\n", store.Path())
		return nil
	}
	tw := tabwriter.NewWriter(g.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tVER\tFORMAT\tLANG\tTITLE\tFINDINGS")
	unanalysed := 0
	for _, r := range rows {
		found := countLine(r.Findings)
		if r.Unanalysed {
			if found == "-" {
				found = "unanalysed"
			} else {
				found = "unanalysed (" + found + ")"
			}
			unanalysed++
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Version, r.Format, dash(r.Language),
			dash(clip(r.Title, 40)), found)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if unanalysed > 0 {
		fmt.Fprintf(g.stdout, "%d documents stored without their analysis: run 'quellen analyse'\n", unanalysed)
	}
	return nil
}

// countLine prints finding counts in the order of the contract's kinds.
func countLine(counts map[quellen.Kind]int) string {
	order := []quellen.Kind{quellen.KindQuote, quellen.KindNoteMarker, quellen.KindNote, quellen.KindReference,
		quellen.KindDate, quellen.KindEntity, quellen.KindNumber, quellen.KindStance, quellen.KindRepair}
	var parts []string
	for _, k := range order {
		if n := counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	var rest []string
	for k, n := range counts {
		if !slices.Contains(order, k) && k != quellen.KindMetadata && k != quellen.KindLanguage && n > 0 {
			rest = append(rest, fmt.Sprintf("%s %d", k, n))
		}
	}
	slices.Sort(rest)
	parts = append(parts, rest...)
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// dbStore is what the commands need of a store: quellen.Store, every
// version of a document, and where it lives. *sqlite.Store and
// *postgres.Store are ones.
type dbStore interface {
	quellen.Store
	Versions(ctx context.Context, name string) ([]*quellen.Document, error)
	Path() string
}

var (
	_ dbStore = (*sqlite.Store)(nil)
	_ dbStore = (*postgres.Store)(nil)
)

// openStore opens the database named by --db: a PostgreSQL database for a
// postgres:// or postgresql:// address, else a SQLite file. For reading, a
// missing database is an error that says how to make one; in every case a
// database that is not quellen's, or is newer, is refused untouched with a
// message that says so.
func openStore(g *Globals, readOnly bool) (dbStore, error) {
	if g.DB == "" {
		return nil, errors.New("no database given: --db or QUELLEN_DB is empty")
	}
	return openStoreAt(g, g.DB, readOnly)
}

// openStoreAt opens the database at addr as openStore does.
func openStoreAt(g *Globals, addr string, readOnly bool) (dbStore, error) {
	var (
		s    dbStore
		err  error
		name = addr
	)
	if postgres.IsDSN(addr) {
		name = postgres.Redact(addr)
		s, err = postgres.Open(g.ctx, addr, postgres.Options{ReadOnly: readOnly})
	} else {
		s, err = sqlite.Open(g.ctx, addr, sqlite.Options{ReadOnly: readOnly})
	}
	switch {
	case err == nil:
		g.log.Debug("database open", "db", name, "read_only", readOnly)
		return s, nil
	case errors.Is(err, quellen.ErrNotFound):
		return nil, fmt.Errorf("no database at %s (make one with: quellen --db %s ingest FILES...)", name, name)
	case errors.Is(err, quellen.ErrNotOurs):
		return nil, fmt.Errorf("%w; it was left untouched (choose another database with --db or QUELLEN_DB)", err)
	case errors.Is(err, quellen.ErrNewerSchema):
		return nil, fmt.Errorf("%w; it was left untouched (use a newer quellen)", err)
	}
	return nil, err
}

// warnUnanalysed tells on stderr how many documents have their latest
// version stored without its analysis (ingest --store-only), which what
// follows will not find in full; it says nothing when there are none or
// they cannot be counted.
func warnUnanalysed(g *Globals, store quellen.Store, what string) {
	un, err := store.Unanalysed(g.ctx)
	if err != nil || len(un) == 0 {
		return
	}
	latest, err := store.Documents(g.ctx, quellen.DocFilter{})
	if err != nil {
		return
	}
	n := 0
	for _, d := range latest {
		if d.Unanalysed {
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(g.stderr, "quellen: %d documents are stored without their analysis (%s); run 'quellen analyse'\n", n, what)
	}
}
