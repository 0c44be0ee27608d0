package audit

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// JSON writes the report as indented JSON.
func (r *Report) JSON(w io.Writer) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	e.SetEscapeHTML(false)
	return e.Encode(r)
}

// Markdown writes the report as a first draft of a critique.
func (r *Report) Markdown(w io.Writer) error {
	var b strings.Builder
	title := r.Meta.Title
	if title == "" {
		title = r.Doc
	}
	fmt.Fprintf(&b, "# Audit of %s\n\n", title)
	if r.Meta.Author != "" || r.Meta.Date != "" {
		fmt.Fprintf(&b, "%s", r.Meta.Author)
		if r.Meta.Date != "" {
			fmt.Fprintf(&b, " (%s)", r.Meta.Date)
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "File `%s`: %d quotations, %d claims with figures or dates, %d verdicts; %d stand on no cited evidence, %d are contradicted elsewhere in the corpus.\n\n",
		r.Doc, r.Counts["quotes"], r.Counts["figures"], r.Counts["verdicts"], r.Counts["unsupported"], r.Counts["contradicted"])

	section := func(h string, cs []Claim, empty string) {
		fmt.Fprintf(&b, "## %s\n\n", h)
		if len(cs) == 0 {
			fmt.Fprintf(&b, "%s\n\n", empty)
			return
		}
		for _, c := range cs {
			writeClaim(&b, c)
		}
	}
	section("Contradicted by the corpus", r.Contradicts, "Nothing in this document is contradicted by another document of the corpus.")
	section("Quotations", r.Quotes, "No quotations.")
	section("Verdicts on others' claims", r.Verdicts, "No verdicts.")
	section("Claims without cited evidence", r.Unsupported, "Every claim cites a note.")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeClaim(b *strings.Builder, c Claim) {
	fmt.Fprintf(b, "- line %d: %s", c.Passage.Line, quoteMD(c.Passage.Text))
	switch {
	case c.Speaker != "":
		fmt.Fprintf(b, " (%s)", c.Speaker)
	case c.Verdict != "":
		fmt.Fprintf(b, " (verdict: %s", c.Verdict)
		if c.Target != "" {
			fmt.Fprintf(b, " on %s", c.Target)
		}
		b.WriteString(")")
	}
	b.WriteString("\n")
	for _, e := range c.Evidence {
		fmt.Fprintf(b, "  - cites note %s", e.Note)
		if e.NoteText != "" {
			fmt.Fprintf(b, ": %s", clip(e.NoteText, 200))
		} else {
			b.WriteString(" (no such note in the document)")
		}
		b.WriteString("\n")
		for _, ref := range e.References {
			if a, ok := ref["archive"].(map[string]any); ok && a != nil {
				fmt.Fprintf(b, "    - archival: %v\n", a)
			}
		}
	}
	switch {
	case len(c.Evidence) == 0 && c.Kind != "verdict":
		b.WriteString("  - cites no evidence\n")
	case len(c.Evidence) > 0 && !c.Supported():
		b.WriteString("  - its note cites no source\n")
	}
	for _, m := range c.Matches {
		fmt.Fprintf(b, "  - %s in %s line %d", m.Kind, m.Passage.Doc, m.Passage.Line)
		if m.Relation != "" {
			fmt.Fprintf(b, " (%s)", m.Relation)
		}
		if m.Fidelity != "" {
			fmt.Fprintf(b, ", fidelity: %s", m.Fidelity)
		}
		if m.Differs != "" {
			fmt.Fprintf(b, ", differs: %s", m.Differs)
		}
		fmt.Fprintf(b, ": %s\n", quoteMD(clip(m.Passage.Text, 240)))
	}
}

func quoteMD(s string) string {
	return "“" + strings.ReplaceAll(clip(s, 400), "\n", " ") + "”"
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

var page = template.Must(template.New("audit").Funcs(template.FuncMap{"clip": clip}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Audit of {{.Doc}}</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
.claim{margin:.8rem 0;padding:.4rem .8rem;border-left:3px solid #999}
.disagree{border-color:#b22}.none{border-color:#d90}.meta{color:#555}.ev{font-size:.9rem;color:#333}</style></head>
<body><h1>Audit of {{if .Meta.Title}}{{.Meta.Title}}{{else}}{{.Doc}}{{end}}</h1>
<p class="meta">{{.Meta.Author}} {{.Meta.Date}} · {{.Counts.quotes}} quotations, {{.Counts.figures}} claims with figures or dates, {{.Counts.verdicts}} verdicts, {{.Counts.unsupported}} without cited evidence, {{.Counts.contradicted}} contradicted</p>
{{define "claims"}}{{range .}}<div class="claim{{if not .Evidence}} none{{end}}">
<div>line {{.Passage.Line}}: “{{clip .Passage.Text 400}}”{{if .Speaker}} ({{.Speaker}}){{end}}{{if .Verdict}} (verdict: {{.Verdict}}{{if .Target}} on {{.Target}}{{end}}){{end}}</div>
{{range .Evidence}}<div class="ev">cites note {{.Note}}: {{if .NoteText}}{{clip .NoteText 240}}{{else}}(no such note){{end}}</div>{{end}}
{{range .Matches}}<div class="ev {{.Relation}}">{{.Kind}} in {{.Passage.Doc}} line {{.Passage.Line}}{{if .Relation}} ({{.Relation}}){{end}}{{if .Fidelity}}, fidelity: {{.Fidelity}}{{end}}{{if .Differs}}, differs: {{.Differs}}{{end}}: “{{clip .Passage.Text 240}}”</div>{{end}}
</div>{{end}}{{end}}
<h2>Contradicted by the corpus</h2>{{template "claims" .Contradicts}}
<h2>Quotations</h2>{{template "claims" .Quotes}}
<h2>Verdicts on others' claims</h2>{{template "claims" .Verdicts}}
<h2>Claims without cited evidence</h2>{{template "claims" .Unsupported}}
</body></html>
`))

// HTML writes the report as a standalone page; all document text is escaped.
func (r *Report) HTML(w io.Writer) error { return page.Execute(w, r) }
