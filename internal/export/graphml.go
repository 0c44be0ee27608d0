package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/quellen/quellen"
)

// GraphDoc is one document's contribution to the network of who quotes and
// who judges whom.
type GraphDoc struct {
	Name     string
	Author   string
	Findings []quellen.Finding
}

// GraphNode is an entity or an author in the network.
type GraphNode struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Type     string `json:"type"`
	Mentions int    `json:"mentions"`
}

// GraphEdge is one relation: an author quotes someone, a judge judges a
// target's claim (Verdict says how).
type GraphEdge struct {
	Source  string `json:"source"`
	Target  string `json:"target"`
	Kind    string `json:"kind"`
	Verdict string `json:"verdict,omitempty"`
	Doc     string `json:"doc"`
	Weight  int    `json:"weight"`
}

type gNode struct {
	id, label, kind string
	mentions        int
}

type gEdge struct {
	from, to, kind, label, doc string
	weight                     int
}

// GraphML writes the entity network as GraphML (Gephi reads it): a node
// per canonical entity and per author; an edge from an author to each
// person or body the document quotes ("quotes"), and from a judge to the
// target of a verdict ("judges", labelled with the verdict).
func GraphML(w io.Writer, docs []GraphDoc) error {
	nodes, edges := Graph(docs)
	return writeGraphML(w, nodes, edges)
}

// Graph returns the network of who quotes and judges whom, nodes and
// edges sorted by id.
func Graph(docs []GraphDoc) ([]GraphNode, []GraphEdge) {
	nodes := map[string]*gNode{}
	node := func(name, kind string) string {
		if name == "" {
			return ""
		}
		id := "n:" + name
		n, ok := nodes[id]
		if !ok {
			n = &gNode{id: id, label: name, kind: kind}
			nodes[id] = n
		}
		if n.kind == "" || n.kind == "other" {
			n.kind = kind
		}
		n.mentions++
		return id
	}
	edges := map[string]*gEdge{}
	edge := func(from, to, kind, label, doc string) {
		if from == "" || to == "" || from == to {
			return
		}
		k := from + "\x00" + to + "\x00" + kind + "\x00" + label
		if e, ok := edges[k]; ok {
			e.weight++
			return
		}
		edges[k] = &gEdge{from, to, kind, label, doc, 1}
	}
	for _, d := range docs {
		author := d.Author
		if author == "" {
			author = d.Name
		}
		for _, f := range d.Findings {
			switch f.Kind {
			case quellen.KindEntity:
				node(f.Attrs.String("canonical"), f.Attrs.String("type"))
			case quellen.KindQuote:
				if s := f.Attrs.String("speaker"); s != "" {
					edge(node(author, "person"), node(s, "person"), "quotes", "", d.Name)
				}
			case quellen.KindStance:
				judge := f.Attrs.String("judge")
				if judge == "" {
					judge = author
				}
				edge(node(judge, "person"), node(f.Attrs.String("target"), "person"), "judges", f.Attrs.String("verdict"), d.Name)
			}
		}
	}
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	eks := make([]string, 0, len(edges))
	for k := range edges {
		eks = append(eks, k)
	}
	sort.Strings(eks)
	gn := []GraphNode{}
	for _, id := range ids {
		n := nodes[id]
		gn = append(gn, GraphNode{n.id, n.label, n.kind, n.mentions})
	}
	ge := []GraphEdge{}
	for _, k := range eks {
		e := edges[k]
		ge = append(ge, GraphEdge{e.from, e.to, e.kind, e.label, e.doc, e.weight})
	}
	return gn, ge
}

func writeGraphML(w io.Writer, nodes []GraphNode, edges []GraphEdge) error {

	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type xnode struct {
		ID   string `xml:"id,attr"`
		Data []data `xml:"data"`
	}
	type xedge struct {
		ID     string `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Data   []data `xml:"data"`
	}
	type key struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	type graph struct {
		ID          string  `xml:"id,attr"`
		EdgeDefault string  `xml:"edgedefault,attr"`
		Nodes       []xnode `xml:"node"`
		Edges       []xedge `xml:"edge"`
	}
	type graphml struct {
		XMLName xml.Name `xml:"graphml"`
		XMLNS   string   `xml:"xmlns,attr"`
		Keys    []key    `xml:"key"`
		Graph   graph    `xml:"graph"`
	}
	g := graphml{XMLNS: "http://graphml.graphdrawing.org/xmlns", Keys: []key{
		{"label", "node", "label", "string"}, {"type", "node", "type", "string"}, {"mentions", "node", "mentions", "int"},
		{"kind", "edge", "kind", "string"}, {"verdict", "edge", "verdict", "string"}, {"doc", "edge", "doc", "string"}, {"weight", "edge", "weight", "int"},
	}, Graph: graph{ID: "quellen", EdgeDefault: "directed"}}
	for _, n := range nodes {
		g.Graph.Nodes = append(g.Graph.Nodes, xnode{ID: n.ID, Data: []data{{"label", n.Label}, {"type", n.Type}, {"mentions", fmt.Sprint(n.Mentions)}}})
	}
	for i, e := range edges {
		g.Graph.Edges = append(g.Graph.Edges, xedge{ID: fmt.Sprintf("e%d", i), Source: e.Source, Target: e.Target,
			Data: []data{{"kind", e.Kind}, {"verdict", e.Verdict}, {"doc", e.Doc}, {"weight", fmt.Sprint(e.Weight)}}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(g); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
