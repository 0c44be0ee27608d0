package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/query"
)

// DocSummary is a document without its text.
type DocSummary struct {
	ID       int64            `json:"id"`
	Name     string           `json:"name"`
	Version  int              `json:"version"`
	Format   string           `json:"format"`
	SHA256   string           `json:"sha256"`
	Ingested time.Time        `json:"ingested"`
	Meta     quellen.Metadata `json:"meta"`
	Counts   map[string]int   `json:"counts,omitempty" doc:"Findings by kind"`
	// Unanalysed: stored by ingest --store-only, without its layers yet.
	Unanalysed bool `json:"unanalysed,omitempty" doc:"Stored read and repaired, without the extractors' layers and search passages (ingest --store-only); quellen analyse adds them"`
}

// DocView is a document with its repaired text and findings.
type DocView struct {
	DocSummary
	Text     string            `json:"text" doc:"The repaired text; findings' clean spans index it"`
	Source   string            `json:"source,omitempty" doc:"The raw text (with ?raw=true); raw spans index it"`
	Findings []quellen.Finding `json:"findings"`
	Problems []quellen.Problem `json:"problems,omitempty"`
}

type idInput struct {
	ID int64 `path:"id" doc:"Document version id"`
}

type listDocsOutput struct {
	Body struct {
		Documents []DocSummary `json:"documents"`
	}
}

type docInput struct {
	ID  int64 `path:"id" doc:"Document version id"`
	Raw bool  `query:"raw" doc:"Include the raw text"`
}

type docOutput struct{ Body DocView }

type findingsInput struct {
	ID    int64    `path:"id" doc:"Document version id"`
	Kind  []string `query:"kind" doc:"Only these kinds (repeat or comma-separate)"`
	Limit int      `query:"limit" minimum:"0" doc:"At most this many"`
}

type findingsOutput struct {
	Body struct {
		Findings []quellen.Finding `json:"findings"`
	}
}

type correctionInput struct {
	ID   int64 `path:"id" doc:"Finding id"`
	Body struct {
		Status string        `json:"status" enum:"confirmed,corrected,rejected" doc:"The person's judgement"`
		Text   string        `json:"text,omitempty" doc:"Corrected text"`
		Attrs  quellen.Attrs `json:"attrs,omitempty" doc:"Attributes to set (e.g. speaker)"`
		Who    string        `json:"who,omitempty" doc:"Who corrects"`
		Note   string        `json:"note,omitempty"`
	}
}

type correctionOutput struct{ Body quellen.Correction }

type correctionsOutput struct {
	Body struct {
		Corrections []quellen.Correction `json:"corrections"`
	}
}

type searchInput struct {
	Q      string `query:"q" doc:"Query: words, \"phrases\", prefix*, -not, ~fragment, and filters kind: speaker: entity: author: doc: lang: from: to:"`
	Limit  int    `query:"limit" minimum:"0" maximum:"500" doc:"Hits per page (default 20)"`
	Offset int    `query:"offset" minimum:"0" doc:"First hit"`
}

type searchOutput struct{ Body quellen.SearchResult }

type uploadInput struct {
	Name    string `query:"name" required:"true" doc:"The document's file name (its extension tells the format)"`
	RawBody []byte `contentType:"application/octet-stream"`
}

type uploadOutput struct {
	Body struct {
		Document DocSummary `json:"document"`
		Created  bool       `json:"created" doc:"False when these bytes were already stored"`
	}
}

func (s *Server) routes() {
	tag := func(t string) []string { return []string{t} }
	huma.Register(s.api, huma.Operation{OperationID: "list-documents", Method: http.MethodGet, Path: "/api/v1/documents",
		Summary: "List documents", Description: "The latest version of each document, with metadata and finding counts.", Tags: tag("documents")}, s.listDocuments)
	huma.Register(s.api, huma.Operation{OperationID: "get-document", Method: http.MethodGet, Path: "/api/v1/documents/{id}",
		Summary: "Get a document", Description: "Its repaired text, findings and problems; with raw=true its raw text.", Tags: tag("documents")}, s.getDocument)
	huma.Register(s.api, huma.Operation{OperationID: "upload-document", Method: http.MethodPost, Path: "/api/v1/documents",
		Summary: "Ingest a document", Description: "Reads, repairs and analyses the body as a file of the given name and stores it; the same bytes twice add nothing.",
		Tags: tag("documents"), MaxBodyBytes: s.opts.MaxUpload, DefaultStatus: http.StatusCreated}, s.upload)
	huma.Register(s.api, huma.Operation{OperationID: "list-findings", Method: http.MethodGet, Path: "/api/v1/documents/{id}/findings",
		Summary: "List a document's findings", Tags: tag("findings")}, s.listFindings)
	huma.Register(s.api, huma.Operation{OperationID: "correct-finding", Method: http.MethodPost, Path: "/api/v1/findings/{id}/correction",
		Summary: "Confirm, correct or reject a finding", Description: "The correction is stored with who and when, and survives re-ingest of the document.", Tags: tag("corrections")}, s.correct)
	huma.Register(s.api, huma.Operation{OperationID: "list-corrections", Method: http.MethodGet, Path: "/api/v1/documents/{id}/corrections",
		Summary: "List the corrections of a document", Tags: tag("corrections")}, s.corrections)
	huma.Register(s.api, huma.Operation{OperationID: "search", Method: http.MethodGet, Path: "/api/v1/search",
		Summary: "Search the corpus", Description: "Ranked full-text search in the query language of `quellen search`.", Tags: tag("search")}, s.search)
	s.routesCorpus()
}

func (s *Server) summary(ctx context.Context, d *quellen.Document) DocSummary {
	ds := DocSummary{ID: d.ID, Name: d.Name, Version: d.Version, Format: d.Format, SHA256: d.SHA256, Ingested: d.Ingested, Meta: d.Meta, Unanalysed: d.Unanalysed}
	if counts, err := s.store.FindingCounts(ctx, d.ID); err == nil {
		ds.Counts = map[string]int{}
		for k, n := range counts {
			ds.Counts[string(k)] = n
		}
	}
	return ds
}

func (s *Server) listDocuments(ctx context.Context, _ *struct{}) (*listDocsOutput, error) {
	docs, err := s.store.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return nil, apiErr(err)
	}
	out := &listDocsOutput{}
	out.Body.Documents = []DocSummary{}
	for _, d := range docs {
		out.Body.Documents = append(out.Body.Documents, s.summary(ctx, d))
	}
	return out, nil
}

func (s *Server) getDocument(ctx context.Context, in *docInput) (*docOutput, error) {
	d, err := s.store.Document(ctx, in.ID)
	if err != nil {
		return nil, apiErr(err)
	}
	v := DocView{DocSummary: s.summary(ctx, d), Text: d.Clean, Findings: d.Findings, Problems: d.Problems}
	if v.Findings == nil {
		v.Findings = []quellen.Finding{}
	}
	if in.Raw {
		v.Source = d.Source
	}
	return &docOutput{Body: v}, nil
}

func (s *Server) listFindings(ctx context.Context, in *findingsInput) (*findingsOutput, error) {
	var kinds []quellen.Kind
	for _, k := range in.Kind {
		for _, p := range strings.Split(k, ",") {
			if p = strings.TrimSpace(p); p != "" {
				kinds = append(kinds, quellen.Kind(p))
			}
		}
	}
	fs, err := s.store.Findings(ctx, quellen.FindingFilter{DocID: in.ID, Kinds: kinds, Limit: in.Limit})
	if err != nil {
		return nil, apiErr(err)
	}
	out := &findingsOutput{}
	out.Body.Findings = append([]quellen.Finding{}, fs...)
	return out, nil
}

func (s *Server) correct(ctx context.Context, in *correctionInput) (*correctionOutput, error) {
	who := in.Body.Who
	if who == "" {
		who = s.opts.Who
	}
	c, err := s.store.Correct(ctx, in.ID, quellen.Correction{
		Status: quellen.Status(in.Body.Status), Text: in.Body.Text, Attrs: in.Body.Attrs, Who: who, Note: in.Body.Note,
	})
	if err != nil {
		return nil, apiErr(err)
	}
	s.forget()
	return &correctionOutput{Body: c}, nil
}

func (s *Server) corrections(ctx context.Context, in *idInput) (*correctionsOutput, error) {
	d, err := s.store.Document(ctx, in.ID)
	if err != nil {
		return nil, apiErr(err)
	}
	cs, err := s.store.Corrections(ctx, d.Name)
	if err != nil {
		return nil, apiErr(err)
	}
	out := &correctionsOutput{}
	out.Body.Corrections = append([]quellen.Correction{}, cs...)
	return out, nil
}

func (s *Server) search(ctx context.Context, in *searchInput) (*searchOutput, error) {
	sr, ok := s.store.(quellen.Searcher)
	if !ok {
		return nil, &APIError{Status: http.StatusNotImplemented, Code: "not_implemented", Message: "this store cannot search"}
	}
	q, err := query.Parse(in.Q)
	if err != nil {
		return nil, &APIError{Status: http.StatusBadRequest, Code: "bad_query", Message: err.Error()}
	}
	if in.Limit > 0 {
		q.Limit = in.Limit
	}
	if in.Offset > 0 {
		q.Offset = in.Offset
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	res, err := sr.Search(ctx, q)
	if err != nil {
		return nil, apiErr(err)
	}
	if res.Hits == nil {
		res.Hits = []quellen.Hit{}
	}
	return &searchOutput{Body: *res}, nil
}

func (s *Server) upload(ctx context.Context, in *uploadInput) (*uploadOutput, error) {
	if s.opts.Ingest == nil {
		return nil, &APIError{Status: http.StatusNotImplemented, Code: "not_implemented", Message: "uploads are not enabled on this server"}
	}
	name := in.Name
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:] // a name, never a path
	}
	if name == "" || name == "." || name == ".." {
		return nil, &APIError{Status: http.StatusBadRequest, Code: "bad_request", Message: "the name must be a file name"}
	}
	d, created, err := s.opts.Ingest(ctx, name, in.RawBody)
	if err != nil {
		return nil, apiErr(err)
	}
	s.forget()
	out := &uploadOutput{}
	out.Body.Document, out.Body.Created = s.summary(ctx, d), created
	return out, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
