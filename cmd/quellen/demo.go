package main

import (
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/ingest"
	"github.com/quellen/quellen/internal/sqlite"
)

// DemoCmd analyses the built-in sample corpus.
type DemoCmd struct {
	NoServe bool   `name:"no-serve" help:"Stop after printing, without starting the web reader."`
	Addr    string `name:"addr" default:"127.0.0.1:8080" help:"Where the reader listens (another free port is taken when this one is busy)."`
	Keep    bool   `name:"keep" help:"Keep the temporary database and print where it is."`
}

// Help is shown under the command's usage.
func (c *DemoCmd) Help() string {
	return `The sample corpus is five short documents written for quellen about an
invented dock strike (Saltmere, August 1887): a newspaper report in HTML, a
French memoir, a historian's critique in Markdown with numbered notes and
archival references, a Russian consul's dispatch and a letter in TEI. Demo
ingests them into a temporary database (nothing is written in the working
directory, and --db is not used) and prints, for each document, its
metadata and what was found: quotations and their speakers, note markers
with their notes and the references in them, dates, people and places,
numbers, verdicts and repairs. Then it serves the web reader over the
sample at http://127.0.0.1:8080/ until interrupted (Ctrl-C); --no-serve
stops after printing.

Examples:
  quellen demo --no-serve
  quellen demo --keep`
}

// Run implements the command.
func (c *DemoCmd) Run(g *Globals) error {
	dir, err := os.MkdirTemp("", "quellen-demo-")
	if err != nil {
		return err
	}
	if c.Keep {
		defer fmt.Fprintf(g.stdout, "\nThe database is kept: quellen --db %s docs\n", filepath.Join(dir, "demo.db"))
	} else {
		defer os.RemoveAll(dir)
	}
	// The embedded files are written out so that they are ingested as any
	// corpus is, with their names.
	corpus := filepath.Join(dir, "sample")
	sample, err := fs.Sub(quellen.Sample, "testdata/sample")
	if err != nil {
		return err
	}
	if err := os.CopyFS(corpus, sample); err != nil {
		return err
	}
	store, err := sqlite.Open(g.ctx, filepath.Join(dir, "demo.db"), sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	paths, err := ingest.Expand([]string{corpus})
	if err != nil {
		return err
	}
	res, err := ingest.Run(g.ctx, store, paths, ingest.Options{Log: g.log})
	if err != nil {
		return err
	}
	for _, e := range res.Failed {
		report(g.stderr, e)
	}
	fmt.Fprintf(g.stdout, "quellen demo: %d sample documents analysed (%d could not be read).\n", res.Added, len(res.Failed))
	docs, err := store.Documents(g.ctx, quellen.DocFilter{})
	if err != nil {
		return err
	}
	for _, d := range docs {
		full, err := store.Document(g.ctx, d.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(g.stdout)
		full.Path = "" // a temporary copy: its path says nothing
		writeHeader(g.stdout, full)
		writeDigest(g.stdout, full)
	}
	if c.NoServe {
		return nil
	}
	// Then the reader over the demo database, until interrupted.
	addr := c.Addr
	if ln, err := net.Listen("tcp", addr); err == nil {
		ln.Close()
	} else {
		addr = "127.0.0.1:0"
	}
	fmt.Fprintln(g.stdout)
	return serve(g, store, addr, "", "demo")
}

// writeDigest prints what was found in a document, layer by layer.
func writeDigest(w io.Writer, d *quellen.Document) {
	of := func(k quellen.Kind) []quellen.Finding {
		var out []quellen.Finding
		for _, f := range d.Findings {
			if f.Kind == k {
				out = append(out, f)
			}
		}
		return out
	}
	section := func(title string, fs []quellen.Finding, line func(quellen.Finding) string) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "  %s (%d):\n", title, len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "    %4d  %s\n", f.Line, line(f))
		}
	}
	section("quotations", of(quellen.KindQuote), func(f quellen.Finding) string {
		s := "“" + clip(f.Text, 70) + "”"
		if sp := attr(f, "speaker"); sp != "" {
			s += " — " + sp
		} else {
			s += " — speaker unknown"
		}
		if cue := attr(f, "cue"); cue != "" {
			s += " [" + clip(cue, 30) + "]"
		}
		return s
	})

	notes := of(quellen.KindNote)
	refs := of(quellen.KindReference)
	section("note markers → notes → references", of(quellen.KindNoteMarker), func(f quellen.Finding) string {
		num := attr(f, "number")
		s := "[" + num + "]"
		i := slices.IndexFunc(notes, func(n quellen.Finding) bool { return attr(n, "number") == num })
		if i < 0 {
			return s + " → no note found"
		}
		n := notes[i]
		s += fmt.Sprintf(" → note line %d: %s", n.Line, clip(n.Text, 50))
		for _, r := range refs {
			if n.Raw.Contains(r.Raw) {
				s += "\n            → " + describeRef(r)
			}
		}
		return s
	})
	var loose []quellen.Finding // references outside any note: citation blocks
	for _, r := range refs {
		if !slices.ContainsFunc(notes, func(n quellen.Finding) bool { return n.Raw.Contains(r.Raw) }) {
			loose = append(loose, r)
		}
	}
	section("references outside notes", loose, describeRef)
	section("dates", of(quellen.KindDate), func(f quellen.Finding) string {
		from, to := attr(f, "from"), attr(f, "to")
		s := clip(f.Text, 40) + " → " + dash(from)
		if to != "" && to != from {
			s += " … " + to
		}
		if b, _ := f.Attrs["approx"].(bool); b {
			s += " (approx.)"
		}
		return s
	})
	writeEntities(w, of(quellen.KindEntity))
	section("numbers", of(quellen.KindNumber), func(f quellen.Finding) string {
		s := clip(f.Text, 30) + " = " + attr(f, "value")
		if m := attr(f, "value_max"); m != "" {
			s += "–" + m
		}
		if u := attr(f, "unit"); u != "" {
			s += " " + u
		}
		if a := attr(f, "about"); a != "" {
			s += " (" + clip(a, 30) + ")"
		}
		return s
	})
	section("verdicts", of(quellen.KindStance), func(f quellen.Finding) string {
		return fmt.Sprintf("%s: %s judges %s's claim %s [%s]", dash(attr(f, "verdict")), dash(attr(f, "judge")),
			dash(attr(f, "target")), "“"+clip(attr(f, "claim"), 40)+"”", clip(dash(attr(f, "cue")), 30))
	})
	section("repairs", of(quellen.KindRepair), func(f quellen.Finding) string {
		return fmt.Sprintf("%q → %q", attr(f, "raw"), attr(f, "clean"))
	})
	if len(d.Findings) == 0 {
		fmt.Fprintln(w, "  nothing found")
	}
}

// writeEntities prints each referent once, with its variants and count.
func writeEntities(w io.Writer, fs []quellen.Finding) {
	if len(fs) == 0 {
		return
	}
	type referent struct {
		name, typ string
		n         int
		variants  []string
	}
	var order []string
	by := map[string]*referent{}
	for _, f := range fs {
		name := attr(f, "canonical")
		if name == "" {
			name = f.Text
		}
		r := by[name]
		if r == nil {
			r = &referent{name: name, typ: attr(f, "type")}
			by[name] = r
			order = append(order, name)
		}
		r.n++
		if v := clip(attr(f, "raw"), 40); v != "" && v != name && !slices.Contains(r.variants, v) {
			r.variants = append(r.variants, v)
		}
	}
	fmt.Fprintf(w, "  entities (%d mentions of %d):\n", len(fs), len(order))
	for _, name := range order {
		r := by[name]
		s := fmt.Sprintf("    %s (%s) ×%d", name, dash(r.typ), r.n)
		if len(r.variants) > 0 {
			s += ": " + strings.Join(r.variants, ", ")
		}
		fmt.Fprintln(w, s)
	}
}

// describeRef prints a reference's main fields.
func describeRef(f quellen.Finding) string {
	var parts []string
	for _, k := range []string{"author", "title", "container", "place", "publisher", "year", "pages"} {
		if v := attr(f, k); v != "" {
			parts = append(parts, v)
		}
	}
	if a, ok := f.Attrs["archive"].(map[string]any); ok {
		for _, k := range []string{"repository", "fond", "opis", "delo", "list", "series", "carton", "folio"} {
			if v, ok := a[k]; ok && v != nil && fmt.Sprint(v) != "" {
				parts = append(parts, k+" "+fmt.Sprint(v))
			}
		}
	}
	if len(parts) == 0 {
		parts = append(parts, clip(f.Text, 60))
	}
	return dash(attr(f, "type")) + ": " + clip(strings.Join(parts, "; "), 90)
}

// attr returns an attribute as text: strings as they are, numbers and
// booleans printed, null and absent as "".
func attr(f quellen.Finding, key string) string {
	switch v := f.Attrs[key].(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%f", v), "0"), ".")
	default:
		return fmt.Sprint(v)
	}
}
