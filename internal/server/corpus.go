package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/audit"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/export"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/xref"
)

// examined is the corpus cross-examined: its documents re-analysed from
// their stored bytes, and the links among them.
type examined struct {
	ids      []int64
	analyses []*pipeline.Analysis
	docs     []xref.Doc
	links    []quellen.Link
}

// examine cross-examines the stored corpus, or returns the last
// examination while the corpus is unchanged.
func (s *Server) examine(ctx context.Context) (*examined, error) {
	docs, err := s.store.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return nil, err
	}
	var key strings.Builder
	for _, d := range docs {
		key.WriteString(itoa(d.ID))
		key.WriteByte(',')
	}
	s.mu.Lock()
	if e, ok := s.analyses[key.String()].(*examined); ok {
		s.mu.Unlock()
		return e, nil
	}
	s.mu.Unlock()
	var names []string
	var datas [][]byte
	var ids []int64
	for _, d := range docs {
		full, err := s.store.Document(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		names, datas, ids = append(names, full.Name), append(datas, full.Raw), append(ids, full.ID)
	}
	as, err := corpus.AnalyseData(names, datas, pipeline.Options{})
	if err != nil {
		return nil, err
	}
	xdocs, links := corpus.Links(as, xref.Options{})
	e := &examined{ids: ids, analyses: as, docs: xdocs, links: links}
	s.mu.Lock()
	s.analyses = map[string]any{key.String(): e}
	s.mu.Unlock()
	return e, nil
}

// forget drops the cached examination (after a correction or an upload).
func (s *Server) forget() {
	s.mu.Lock()
	s.analyses = map[string]any{}
	s.mu.Unlock()
}

type timelineOutput struct {
	Body struct {
		Events []export.TimelineEvent `json:"events"`
	}
}

type graphOutput struct {
	Body struct {
		Nodes []export.GraphNode `json:"nodes"`
		Edges []export.GraphEdge `json:"edges"`
	}
}

type linksInput struct {
	ID   int64  `query:"doc" doc:"Only links with this document version on one side (0: all)"`
	Kind string `query:"kind" enum:"reuse,translation,same_event,conflict," doc:"Only this kind"`
}

type linksOutput struct {
	Body struct {
		Links []quellen.Link `json:"links"`
	}
}

type auditOutput struct{ Body *audit.Report }

func (s *Server) routesCorpus() {
	tag := []string{"corpus"}
	huma.Register(s.api, huma.Operation{OperationID: "timeline", Method: http.MethodGet, Path: "/api/v1/timeline",
		Summary: "The corpus's dated events", Description: "Every date found, with its sentence and source, sorted by date (TimelineJS events).", Tags: tag}, s.timeline)
	huma.Register(s.api, huma.Operation{OperationID: "graph", Method: http.MethodGet, Path: "/api/v1/graph",
		Summary: "Who quotes and who judges whom", Tags: tag}, s.graph)
	huma.Register(s.api, huma.Operation{OperationID: "links", Method: http.MethodGet, Path: "/api/v1/links",
		Summary: "Links between documents", Description: "Reuse (with word diff and fidelity), translations, passages about one event, conflicts.", Tags: tag}, s.listLinks)
	huma.Register(s.api, huma.Operation{OperationID: "audit", Method: http.MethodGet, Path: "/api/v1/documents/{id}/audit",
		Summary: "Audit a document", Description: "Evidence cited, corroboration and contradiction in the corpus, quotation fidelity, unsupported claims.", Tags: []string{"documents"}}, s.audit)
}

func (s *Server) timeline(ctx context.Context, _ *struct{}) (*timelineOutput, error) {
	docs, err := s.store.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return nil, apiErr(err)
	}
	var tds []export.TimelineDoc
	for _, d := range docs {
		full, err := s.store.Document(ctx, d.ID)
		if err != nil {
			return nil, apiErr(err)
		}
		var dates []quellen.Finding
		for _, f := range full.Findings {
			if f.Kind == quellen.KindDate && f.Status != quellen.StatusRejected {
				dates = append(dates, f)
			}
		}
		clean := full.Clean
		tds = append(tds, export.TimelineDoc{Name: full.Name, Title: full.Meta.Title, Findings: dates,
			Context: func(f quellen.Finding) string { return export.SentenceOf(clean, f.Clean) }})
	}
	out := &timelineOutput{}
	out.Body.Events = export.TimelineEvents(tds)
	return out, nil
}

func (s *Server) graph(ctx context.Context, _ *struct{}) (*graphOutput, error) {
	docs, err := s.store.Documents(ctx, quellen.DocFilter{})
	if err != nil {
		return nil, apiErr(err)
	}
	var gds []export.GraphDoc
	for _, d := range docs {
		fs, err := s.store.Findings(ctx, quellen.FindingFilter{DocID: d.ID, Kinds: []quellen.Kind{quellen.KindEntity, quellen.KindQuote, quellen.KindStance}})
		if err != nil {
			return nil, apiErr(err)
		}
		gds = append(gds, export.GraphDoc{Name: d.Name, Author: d.Meta.Author, Findings: fs})
	}
	out := &graphOutput{}
	out.Body.Nodes, out.Body.Edges = export.Graph(gds)
	return out, nil
}

func (s *Server) listLinks(ctx context.Context, in *linksInput) (*linksOutput, error) {
	e, err := s.examine(ctx)
	if err != nil {
		return nil, apiErr(err)
	}
	name := ""
	if in.ID != 0 {
		d, err := s.store.Document(ctx, in.ID)
		if err != nil {
			return nil, apiErr(err)
		}
		name = d.Name
	}
	out := &linksOutput{}
	out.Body.Links = []quellen.Link{}
	for _, l := range e.links {
		if in.Kind != "" && l.Kind != in.Kind {
			continue
		}
		if name != "" && l.A.Doc != name && l.B.Doc != name {
			continue
		}
		out.Body.Links = append(out.Body.Links, l)
	}
	return out, nil
}

func (s *Server) audit(ctx context.Context, in *idInput) (*auditOutput, error) {
	e, err := s.examine(ctx)
	if err != nil {
		return nil, apiErr(err)
	}
	d, err := s.store.Document(ctx, in.ID)
	if err != nil {
		return nil, apiErr(err)
	}
	for i, a := range e.analyses {
		if a.Doc.Name == d.Name {
			return &auditOutput{Body: audit.Audit(e.docs, a.Doc.Meta, i, e.links)}, nil
		}
	}
	return nil, &APIError{Status: http.StatusNotFound, Code: "not_found", Message: "document " + d.Name + " could not be analysed"}
}
