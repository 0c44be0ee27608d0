package export

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// AnnoContext is the JSON-LD context of the W3C Web Annotation model.
const AnnoContext = "http://www.w3.org/ns/anno.jsonld"

// WebAnnoDoc is one document's findings for Web Annotation export.
type WebAnnoDoc struct {
	Name     string
	URL      string // the document's address; "" gives urn:quellen:doc:NAME
	Clean    string // the repaired text the findings' Clean spans refer to
	Findings []quellen.Finding
	// Corrections name who confirmed, corrected or rejected a finding and
	// when; they are matched to findings by kind and raw span.
	Corrections []quellen.Correction
}

// Annotation is one W3C Web Annotation.
type Annotation struct {
	Context    string     `json:"@context,omitempty"`
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Created    string     `json:"created,omitempty"`
	Modified   string     `json:"modified,omitempty"`
	Creator    *AnnoAgent `json:"creator,omitempty"`
	Body       []AnnoBody `json:"body"`
	Target     AnnoTarget `json:"target"`
}

// AnnoAgent is who made an annotation: the extractor (Software) or the
// person who corrected it.
type AnnoAgent struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// AnnoBody is a TextualBody: the finding's kind (purpose tagging), an
// entity's canonical name (identifying), the attributes as JSON
// (describing).
type AnnoBody struct {
	Type     string `json:"type"`
	Purpose  string `json:"purpose"`
	Value    string `json:"value"`
	Format   string `json:"format,omitempty"`
	Language string `json:"language,omitempty"`
}

// AnnoTarget is the span of the document a finding covers.
type AnnoTarget struct {
	Source   string         `json:"source"`
	Selector []AnnoSelector `json:"selector"`
}

// AnnoSelector is a TextPositionSelector (Start, End in code points of
// the repaired text) or a TextQuoteSelector (Exact, Prefix, Suffix).
type AnnoSelector struct {
	Type   string `json:"type"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// annoContext is how many code points of prefix and suffix a
// TextQuoteSelector carries.
const annoContext = 32

// WebAnnotation writes the findings of documents as a W3C Web Annotation
// AnnotationCollection whose first (and only) AnnotationPage holds one
// Annotation a finding.
func WebAnnotation(w io.Writer, docs []WebAnnoDoc) error {
	items := []Annotation{}
	for _, d := range docs {
		items = append(items, Annotations(d)...)
	}
	type page struct {
		ID         string       `json:"id"`
		Type       string       `json:"type"`
		StartIndex int          `json:"startIndex"`
		Items      []Annotation `json:"items"`
	}
	coll := struct {
		Context string `json:"@context"`
		ID      string `json:"id"`
		Type    string `json:"type"`
		Label   string `json:"label"`
		Total   int    `json:"total"`
		First   page   `json:"first"`
	}{AnnoContext, "urn:quellen:annotations", "AnnotationCollection", "quellen findings", len(items),
		page{"urn:quellen:annotations:page1", "AnnotationPage", 0, items}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(coll)
}

// DocIRI is the IRI of a document: its URL when known, else
// urn:quellen:doc:NAME.
func DocIRI(name, u string) string {
	if u != "" {
		return u
	}
	return "urn:quellen:doc:" + url.PathEscape(name)
}

// Annotations returns one Annotation a finding of d whose clean span lies
// in d.Clean, each with its own @context.
func Annotations(d WebAnnoDoc) []Annotation {
	src := DocIRI(d.Name, d.URL)
	type ck struct {
		kind       quellen.Kind
		start, end int
	}
	corr := map[ck]quellen.Correction{}
	for _, c := range d.Corrections {
		corr[ck{c.Kind, c.Raw.Start, c.Raw.End}] = c
	}
	ri := newRuneIndex(d.Clean)
	var out []Annotation
	for i, f := range d.Findings {
		if f.Clean.Start < 0 || f.Clean.End > len(d.Clean) || f.Clean.Start > f.Clean.End {
			continue
		}
		sp := runeSpan(d.Clean, f.Clean)
		a := Annotation{Context: AnnoContext, ID: fmt.Sprintf("urn:quellen:anno:%s:%d", url.PathEscape(d.Name), i+1),
			Type: "Annotation", Motivation: annoMotivation(f.Kind)}
		if f.ID != 0 {
			a.ID = fmt.Sprintf("urn:quellen:finding:%d", f.ID)
		}
		status := f.Status
		if status == "" {
			status = quellen.StatusAutomatic
		}
		a.Creator = &AnnoAgent{ID: "urn:quellen:extractor:" + url.PathEscape(f.Extractor), Type: "Software", Name: "quellen " + f.Extractor}
		if f.Extractor == "" {
			a.Creator = &AnnoAgent{ID: "urn:quellen", Type: "Software", Name: "quellen"}
		}
		if c, ok := corr[ck{f.Kind, f.Raw.Start, f.Raw.End}]; ok && status != quellen.StatusAutomatic {
			if c.Who != "" && status == quellen.StatusCorrected {
				a.Creator = &AnnoAgent{Type: "Person", Name: c.Who}
			}
			if !c.When.IsZero() {
				a.Modified = c.When.UTC().Format(time.RFC3339)
			}
		}
		a.Body = append(a.Body, AnnoBody{Type: "TextualBody", Purpose: "tagging", Value: string(f.Kind)})
		if f.Kind == quellen.KindEntity {
			if c := f.Attrs.String("canonical"); c != "" {
				a.Body = append(a.Body, AnnoBody{Type: "TextualBody", Purpose: "identifying", Value: c})
			}
		}
		desc := map[string]any{"status": string(status), "line": f.Line, "end_line": f.EndLine, "start": f.Raw.Start, "end": f.Raw.End, "text": f.Text}
		for k, v := range f.Attrs {
			desc[k] = v
		}
		if b, err := marshal(desc); err == nil {
			a.Body = append(a.Body, AnnoBody{Type: "TextualBody", Purpose: "describing", Value: string(b), Format: "application/json"})
		}
		s, e := ri.offset(sp.Start), ri.offset(sp.End)
		a.Target = AnnoTarget{Source: src, Selector: []AnnoSelector{
			{Type: "TextPositionSelector", Start: &s, End: &e},
			{Type: "TextQuoteSelector", Exact: d.Clean[sp.Start:sp.End], Prefix: lastRunes(d.Clean[:sp.Start], annoContext), Suffix: firstRunes(d.Clean[sp.End:], annoContext)},
		}}
		out = append(out, a)
	}
	return out
}

func annoMotivation(k quellen.Kind) string {
	switch k {
	case quellen.KindEntity:
		return "identifying"
	case quellen.KindStance:
		return "assessing"
	case quellen.KindRepair:
		return "editing"
	case quellen.KindNoteMarker, quellen.KindReference:
		return "linking"
	}
	return "classifying"
}

func lastRunes(s string, n int) string {
	i := len(s)
	for ; i > 0 && n > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, n int) string {
	i := 0
	for ; i < len(s) && n > 0; n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// runeIndex converts byte offsets of a text to code point offsets, with a
// count at the first rune start of every runeBlock bytes so that each
// conversion is short.
type runeIndex struct {
	s      string
	bounds []int // bounds[b]: the first rune start at or after b*runeBlock
	counts []int // counts[b]: code points in s[:bounds[b]]
}

const runeBlock = 256

func newRuneIndex(s string) *runeIndex {
	ri := &runeIndex{s: s}
	n, prev := 0, 0
	for b := 0; b*runeBlock <= len(s); b++ {
		at := b * runeBlock
		for at < len(s) && !utf8.RuneStart(s[at]) && at-b*runeBlock < utf8.UTFMax {
			at++
		}
		n += utf8.RuneCountInString(s[prev:at])
		ri.bounds, ri.counts = append(ri.bounds, at), append(ri.counts, n)
		prev = at
	}
	return ri
}

// offset returns the number of code points in s[:off].
func (ri *runeIndex) offset(off int) int {
	off = min(max(off, 0), len(ri.s))
	b := off / runeBlock
	if ri.bounds[b] > off {
		b--
	}
	return ri.counts[b] + utf8.RuneCountInString(ri.s[ri.bounds[b]:off])
}
