package quellen

import "context"

// SearchQuery is a parsed search: free text (words, "phrases", prefix*)
// and filters. internal/query parses the query language that the command
// line, the API and the reader share.
type SearchQuery struct {
	Terms   []Term `json:"terms"`
	Kinds   []Kind `json:"kinds,omitempty"`   // kind:quote,note
	Speaker string `json:"speaker,omitempty"` // speaker:Thorez (quotes)
	Entity  string `json:"entity,omitempty"`  // entity:Molotov
	Author  string `json:"author,omitempty"`  // author:Furr (the document's)
	Doc     string `json:"doc,omitempty"`     // doc:d1.txt
	Lang    string `json:"lang,omitempty"`    // lang:fr
	From    string `json:"from,omitempty"`    // from:1939 (ISO, partial)
	To      string `json:"to,omitempty"`      // to:1945-06
	Limit   int    `json:"limit,omitempty"`
	Offset  int    `json:"offset,omitempty"`
}

// Term is one searched word or phrase.
type Term struct {
	Text     string `json:"text"`
	Phrase   bool   `json:"phrase,omitempty"`   // "several words in order"
	Prefix   bool   `json:"prefix,omitempty"`   // stal*
	Fragment bool   `json:"fragment,omitempty"` // ~frag: any substring (trigram)
	Not      bool   `json:"not,omitempty"`      // -word
}

// Hit is one search result: a passage (a paragraph or a finding) with a
// snippet whose matched words are given as spans, so that no markup is
// ever built from document text.
type Hit struct {
	DocID      int64   `json:"doc_id"`
	Doc        string  `json:"doc"`
	Title      string  `json:"title,omitempty"`
	Kind       Kind    `json:"kind,omitempty"` // the finding's kind; "" for a paragraph
	FindingID  int64   `json:"finding_id,omitempty"`
	Raw        Span    `json:"raw"`
	Clean      Span    `json:"clean"`
	Line       int     `json:"line"`
	Lang       string  `json:"lang,omitempty"`
	Snippet    string  `json:"snippet"`
	Highlights []Span  `json:"highlights,omitempty"` // byte spans in Snippet
	Score      float64 `json:"score"`
}

// SearchResult is a page of hits.
type SearchResult struct {
	Query SearchQuery `json:"query"`
	Total int         `json:"total"`
	Hits  []Hit       `json:"hits"`
}

// Searcher is a Store that can search its documents.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
}
