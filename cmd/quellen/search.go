package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/query"
)

// SearchCmd searches the passages of the database.
type SearchCmd struct {
	JSON   bool     `name:"json" help:"Print the result as JSON (the API's search result)."`
	Limit  int      `name:"limit" default:"20" help:"At most this many hits." placeholder:"N"`
	Offset int      `name:"offset" help:"Skip this many hits (paging)." placeholder:"N"`
	Query  []string `arg:"" name:"query" help:"The query, in the query language (see below)."`
}

// Help is shown under the command's usage.
func (c *SearchCmd) Help() string {
	return `Ranked full-text search over the paragraphs, quotations, notes and
references of the latest version of each document. Words match by stem in
each passage's language (English, French, Russian), whatever their case,
accents or script: Сталин, Stalin and Staline find each other, "signée"
finds "signé" and "signer", "Societe" finds "Société".

  word          a word, by stem
  "a phrase"    words in this order
  stal*         a prefix
  -word         passages without it
  ~frag         any fragment of a word (at least three letters are fast)
  kind:quote    only quotations (kinds: quote, note, reference, paragraph;
                several with commas)
  speaker:NAME  quotations by this speaker
  entity:NAME   passages naming this person, place or organisation
  author:NAME   documents by this author
  doc:NAME      documents whose name or title holds NAME
  lang:fr       passages in this language
  from:1939 to:1945-06
                passages holding a date in the range, or of documents
                dated in it
  limit:N offset:N

Each hit prints its document and line, its kind and a snippet with the
matched words in [brackets]. A word of the query with spaces (as the shell
hands "the pact") is a phrase; a filter's value with spaces is one value.

Examples:
  quellen search Stalin
  quellen search '"the pact" kind:quote lang:fr'
  quellen search speaker:"Maurice Thorez" from:1939 to:1945
  quellen search 'Молотов -Ribbentrop entity:Molotov'
  quellen search --json --limit 50 ~rumou | jq '.hits[].doc'`
}

// queryText joins the command-line words into one query, quoting the
// words the shell unquoted.
func queryText(args []string) string {
	var parts []string
	for _, a := range args {
		if strings.ContainsAny(a, " \t") && !strings.Contains(a, `"`) {
			if k, v, ok := strings.Cut(a, ":"); ok && k != "" && strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") == "" {
				a = k + `:"` + v + `"`
			} else {
				a = `"` + a + `"`
			}
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// Run implements the command.
func (c *SearchCmd) Run(g *Globals) error {
	q, err := query.Parse(queryText(c.Query))
	if err != nil {
		return err
	}
	if q.Limit == 0 {
		q.Limit = c.Limit
	}
	if q.Offset == 0 {
		q.Offset = c.Offset
	}
	store, err := openStore(g, true)
	if err != nil {
		return err
	}
	defer store.Close()
	sr, ok := store.(quellen.Searcher)
	if !ok {
		return errors.New("this database cannot be searched")
	}
	res, err := sr.Search(g.ctx, q)
	if err != nil {
		return err
	}
	warnUnanalysed(g, store, "search does not find them yet")
	if c.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	writeHits(g.stdout, res)
	return nil
}

// writeHits prints a page of hits for people.
func writeHits(w io.Writer, res *quellen.SearchResult) {
	shown := res.Query
	shown.Limit, shown.Offset = 0, 0
	q := query.String(shown)
	if res.Total == 0 {
		fmt.Fprintf(w, "No passage matches %s.\n", q)
		return
	}
	first := res.Query.Offset + 1
	last := res.Query.Offset + len(res.Hits)
	if len(res.Hits) == 0 {
		fmt.Fprintf(w, "%d hits for %s; none from %d on.\n", res.Total, q, first)
		return
	}
	hits := "hits"
	if res.Total == 1 {
		hits = "hit"
	}
	fmt.Fprintf(w, "%d %s for %s (%d–%d):\n", res.Total, hits, q, first, last)
	for i, h := range res.Hits {
		kind := string(h.Kind)
		if kind == "" {
			kind = "paragraph"
		}
		fmt.Fprintf(w, "\n%d. %s:%d  %s", first+i, h.Doc, h.Line, kind)
		if h.Lang != "" {
			fmt.Fprintf(w, " (%s)", h.Lang)
		}
		if h.Title != "" {
			fmt.Fprintf(w, "  %s", clip(h.Title, 60))
		}
		fmt.Fprintf(w, "  score %.2f\n   %s\n", h.Score, markSnippet(h.Snippet, h.Highlights))
	}
}

// markSnippet brackets the highlighted spans of a snippet.
func markSnippet(s string, hs []quellen.Span) string {
	var b strings.Builder
	at := 0
	for _, h := range hs {
		if h.Start < at || h.End > len(s) || h.Start >= h.End {
			continue
		}
		b.WriteString(s[at:h.Start])
		b.WriteString("[" + s[h.Start:h.End] + "]")
		at = h.End
	}
	b.WriteString(s[at:])
	return b.String()
}
