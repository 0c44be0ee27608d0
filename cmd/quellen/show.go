package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/quellen/quellen"
)

// ShowCmd prints a document.
type ShowCmd struct {
	Raw     bool   `name:"raw" help:"Print the raw bytes exactly as they were ingested, and nothing else."`
	Version int    `name:"version" help:"Show this version of the named document (default: the latest)." placeholder:"N"`
	Doc     string `arg:"" name:"doc" help:"The document: its name (the file's base name) or an id from quellen docs."`
}

// Help is shown under the command's usage.
func (c *ShowCmd) Help() string {
	return `Without --raw: a header with the document's metadata, version and problems,
then its repaired text (ligatures restored, broken lines joined). With --raw:
the file's bytes, unchanged, so that "quellen show --raw X > X.copy" gives an
identical file.

Examples:
  quellen show critique-marlowe.md
  quellen show 3
  quellen show --version 1 report.txt
  quellen show --raw report.html > report-as-ingested.html`
}

// Run implements the command.
func (c *ShowCmd) Run(g *Globals) error {
	store, err := openStore(g, true)
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := resolveDoc(g.ctx, store, c.Doc, c.Version)
	if err != nil {
		return err
	}
	if c.Raw {
		_, err := g.stdout.Write(d.Raw)
		return err
	}
	writeHeader(g.stdout, d)
	fmt.Fprintln(g.stdout)
	text := d.Clean
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = io.WriteString(g.stdout, text)
	return err
}

// resolveDoc finds a document version by name (latest, or version) or by
// id, with its text and findings.
func resolveDoc(ctx context.Context, store dbStore, ref string, version int) (*quellen.Document, error) {
	docs, err := store.Documents(ctx, quellen.DocFilter{Name: ref})
	if err != nil {
		return nil, err
	}
	if len(docs) == 1 {
		id := docs[0].ID
		if version > 0 && version != docs[0].Version {
			vs, err := store.Versions(ctx, ref)
			if err != nil {
				return nil, err
			}
			id = 0
			for _, v := range vs {
				if v.Version == version {
					id = v.ID
				}
			}
			if id == 0 {
				return nil, fmt.Errorf("%s has no version %d (it has %d)", ref, version, len(vs))
			}
		}
		return store.Document(ctx, id)
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 && version == 0 {
		d, err := store.Document(ctx, id)
		if err == nil {
			return d, nil
		}
	}
	return nil, fmt.Errorf("no document %q in %s (see quellen docs)", ref, store.Path())
}

// writeHeader prints a document's metadata, one "field: value" a line.
func writeHeader(w io.Writer, d *quellen.Document) {
	fmt.Fprintf(w, "# %s (id %d, version %d, %s", d.Name, d.ID, d.Version, d.Format)
	if d.Meta.Language != "" {
		fmt.Fprintf(w, ", %s", d.Meta.Language)
	}
	fmt.Fprintln(w, ")")
	for _, f := range []struct{ name, value string }{
		{"title", d.Meta.Title},
		{"author", d.Meta.Author},
		{"date", d.Meta.Date},
		{"published", d.Meta.Published},
		{"source", d.Meta.Source},
		{"translator", d.Meta.Translator},
		{"original language", d.Meta.OriginalLanguage},
		{"url", d.Meta.URL},
		{"path", d.Path},
		{"sha256", d.SHA256},
		{"ingested", d.Ingested.UTC().Format("2006-01-02 15:04:05 UTC")},
	} {
		if f.value != "" {
			fmt.Fprintf(w, "%s: %s\n", f.name, f.value)
		}
	}
	for _, p := range d.Problems {
		fmt.Fprintf(w, "problem: %s %s: %s\n", p.Severity, p.Code, p.Message)
	}
}
