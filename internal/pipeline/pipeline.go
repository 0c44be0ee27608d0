// Package pipeline runs the single-document pipeline in named phases: read,
// repair, segment, language, metadata, then the extractors in dependency
// order. It is the one place that maps clean-text offsets back to raw bytes
// and lines, through the offset maps the phases returned.
package pipeline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/dates"
	"github.com/quellen/quellen/internal/entities"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/lang"
	"github.com/quellen/quellen/internal/meta"
	"github.com/quellen/quellen/internal/notes"
	"github.com/quellen/quellen/internal/numbers"
	"github.com/quellen/quellen/internal/quotes"
	"github.com/quellen/quellen/internal/read"
	"github.com/quellen/quellen/internal/refs"
	"github.com/quellen/quellen/internal/repair"
	"github.com/quellen/quellen/internal/stance"
	"github.com/quellen/quellen/internal/text"
)

// Options tune a run of the pipeline.
type Options struct {
	Read    read.Options
	Lexicon *repair.Lexicon // the corpus's words; nil: the document's own and the built-in list
	// Kinds limits the extractors' output to these kinds (nil: all).
	Kinds []quellen.Kind
	// RepairOnly stops after the repair phase: the document has its clean
	// text and repair findings, no extractor runs (reuse detection on large
	// corpora needs no more).
	RepairOnly bool
	// NoExtractors stops after the metadata phase: the document is read,
	// repaired, has its metadata and the language of each paragraph, and
	// no extractor runs (what `ingest --store-only` stores).
	NoExtractors bool
	// Timing, when set, is told how long each phase and each extractor
	// took ("read", "repair", ..., "x:notes.bodies"), for measuring.
	Timing func(phase string, d time.Duration)
	// skip leaves out the extractors it names (measuring only).
	skip func(name string) bool
}

// Extractors returns every extractor in the order it runs: each may read
// the layers of those before it.
func Extractors() []extract.Extractor {
	var xs []extract.Extractor
	for _, group := range [][]extract.Extractor{
		notes.Extractors(),    // note markers and notes
		refs.Extractors(),     // references in notes and citation blocks
		entities.Extractors(), // people, organisations, places
		quotes.Extractors(),   // quotations and speakers (reads notes, entities)
		dates.Extractors(),
		numbers.Extractors(), // reads dates, notes (not numbers)
		stance.Extractors(),  // verdicts (reads quotes, entities)
	} {
		xs = append(xs, group...)
	}
	return xs
}

// Analysis is the result of the pipeline on one document.
type Analysis struct {
	Doc      *quellen.Document
	Extract  *extract.Doc
	Result   *read.Result
	Repair   *repair.Result
	CleanMap *text.Map // clean text back to Source
	Lines    *text.Lines
}

// Run reads one file and runs every phase on it. A file that cannot be read
// at all gives a *quellen.InputError; anything else damaged gives a
// best-effort result with Problems.
func Run(path string, data []byte, opts Options) (*Analysis, error) {
	name := filepath.Base(path)
	tick := func(string) {}
	if opts.Timing != nil {
		t0 := time.Now()
		tick = func(phase string) {
			t := time.Now()
			opts.Timing(phase, t.Sub(t0))
			t0 = t
		}
	}
	res, err := read.Read(path, data, opts.Read)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc := &quellen.Document{
		Name: name, Path: path, SHA256: hex.EncodeToString(sum[:]), Format: res.Format,
		Raw: data, Source: res.Source, Problems: res.Problems,
	}
	a := &Analysis{Doc: doc, Result: res, Lines: text.NewLines(res.Source)}
	tick("read")

	// Phase: repair.
	lex := opts.Lexicon
	if lex == nil {
		lex = repair.NewLexicon()
		lex.Learn(res.Text)
		tick("learn")
	}
	a.Repair = repair.Run(res.Text, repair.Options{Format: res.Format, Lexicon: lex})
	a.CleanMap = res.Map.Then(a.Repair.Map)
	doc.Clean = a.Repair.Text
	tick("repair")

	// Phase: segment. Reader blocks are mapped into the clean text.
	ed := &extract.Doc{Name: name, Format: res.Format, Text: doc.Clean, Meta: res.Meta}
	ed.RawLine = func(off int) int { return a.Lines.Line(a.CleanMap.In(off)) }
	for _, b := range res.Blocks {
		if a.Repair.Relaid && (b.Kind == "paragraph" || b.Kind == "heading") {
			continue // the repair rebuilt the paragraphs of a line-broken text
		}
		s, e := a.Repair.Map.OutSpan(b.Span.Start, b.Span.End)
		b.Span = quellen.Span{Start: s, End: e}
		ed.Blocks = append(ed.Blocks, b)
	}
	ed.Blocks = append(ed.Blocks, a.Repair.Blocks...)
	sort.SliceStable(ed.Blocks, func(i, j int) bool { return ed.Blocks[i].Span.Start < ed.Blocks[j].Span.Start })
	ed.Paras = segment(doc.Clean, ed.Blocks)
	tick("segment")

	// Phase: language of each paragraph, and of the document.
	counts := map[string]int{}
	for i := range ed.Paras {
		p := &ed.Paras[i]
		p.Lang = lang.Detect(doc.Clean[p.Span.Start:p.Span.End])
		if p.Lang != "" {
			counts[p.Lang] += p.Span.Len()
		}
	}
	if ed.Meta.Language == "" {
		ed.Meta.Language = argmax(counts)
	}
	tick("language")

	// Phase: repair findings (their spans are in the reader's text).
	var found []quellen.Finding
	for _, fx := range a.Repair.Fixes {
		f := quellen.Finding{Kind: quellen.Kind(fx.Kind), Clean: fx.Out, Extractor: "repair." + fx.What}
		rs, re := res.Map.InSpan(fx.In.Start, fx.In.End)
		f.Raw = quellen.Span{Start: rs, End: re}
		f.Text = fx.Clean
		if f.Text == "" && fx.Out.End <= len(doc.Clean) {
			f.Text = doc.Clean[fx.Out.Start:fx.Out.End]
		}
		f.Attrs = quellen.Attrs{"raw": res.Source[rs:re], "clean": f.Text, "what": fx.What}
		found = append(found, a.place(f, true))
	}
	tick("repair.findings")

	if opts.RepairOnly {
		SortFindings(found)
		doc.Findings = found
		a.Extract = ed
		return a, nil
	}

	// Phase: metadata.
	md, mf := meta.Read(ed)
	ed.Meta = md
	doc.Meta = md
	if mf != nil {
		mf.Extractor = "meta"
		found = append(found, a.place(*mf, false))
	}
	tick("metadata")
	if opts.NoExtractors {
		SortFindings(found)
		doc.Findings = found
		a.Extract = ed
		return a, nil
	}

	// Phase: extractors. (Their findings are gathered in one slice, sized
	// for about one finding every 40 bytes, so that it seldom grows.)
	ed.Findings = make([]quellen.Finding, 0, len(doc.Clean)/40+16)
	for _, x := range Extractors() {
		if opts.skip != nil && opts.skip(x.Name()) {
			continue
		}
		out := safeExtract(x, ed, doc)
		for i := range out {
			out[i].Extractor = x.Name()
			out[i] = a.place(out[i], false)
		}
		ed.Findings = append(ed.Findings, out...)
		tick("x:" + x.Name())
	}
	// The repair and metadata findings join the extractors' (not the
	// other way round: those are most of the findings, and are not copied).
	found = append(ed.Findings, found...)
	ed.Findings = nil // sorted below into doc.Findings, no longer in extractor order
	a.Extract = ed

	if len(opts.Kinds) > 0 {
		keep := map[quellen.Kind]bool{}
		for _, k := range opts.Kinds {
			keep[k] = true
		}
		found = filterKinds(found, keep)
	}
	SortFindings(found)
	doc.Findings = found
	a.Doc = doc
	tick("sort")
	return a, nil
}

// place fills a finding's raw span (unless rawSet), lines and status.
func (a *Analysis) place(f quellen.Finding, rawSet bool) quellen.Finding {
	if !rawSet {
		s, e := a.CleanMap.InSpan(f.Clean.Start, f.Clean.End)
		f.Raw = quellen.Span{Start: s, End: e}
	}
	f.Line, f.EndLine = a.Lines.Range(f.Raw.Start, f.Raw.End)
	if f.Status == "" {
		f.Status = quellen.StatusAutomatic
	}
	return f
}

// safeExtract runs one extractor; a panic becomes a problem on the
// document, not a crash, and the other layers still run.
func safeExtract(x extract.Extractor, d *extract.Doc, doc *quellen.Document) (out []quellen.Finding) {
	defer func() {
		if p := recover(); p != nil {
			doc.Problems = append(doc.Problems, quellen.Problem{
				Severity: "error", Code: "extract.panic", Offset: -1,
				Message: fmt.Sprintf("%s: extractor %s failed: %v", doc.Name, x.Name(), p),
			})
			out = nil
		}
	}()
	return x.Extract(d)
}

// segment makes the paragraph list: the reader's paragraph-like blocks
// where it gave them, else runs of text between blank lines.
func segment(s string, blocks []read.Block) []extract.Para {
	var ps []extract.Para
	paras := false
	for _, b := range blocks {
		switch b.Kind {
		case "paragraph", "heading", "blockquote", "list_item", "note", "running_head":
			if b.Span.Len() > 0 {
				ps = append(ps, extract.Para{Span: b.Span, Kind: b.Kind})
				paras = paras || b.Kind == "paragraph"
			}
		}
	}
	if !paras {
		for _, b := range read.Paragraphs(s) {
			ps = append(ps, extract.Para{Span: b.Span, Kind: "paragraph"})
		}
	}
	return leaves(ps)
}

// leaves keeps the innermost blocks, so that paragraphs are disjoint and
// sorted; a paragraph inside a blockquote, a note or a running head takes
// that kind.
func leaves(ps []extract.Para) []extract.Para {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Span.Start != ps[j].Span.Start {
			return ps[i].Span.Start < ps[j].Span.Start
		}
		return ps[i].Span.End > ps[j].Span.End
	})
	inner := make([]bool, len(ps)) // holds another block
	var stack []int
	for i := range ps {
		for len(stack) > 0 && ps[stack[len(stack)-1]].Span.End <= ps[i].Span.Start {
			stack = stack[:len(stack)-1]
		}
		if n := len(stack); n > 0 {
			top := stack[n-1]
			inner[top] = true
			if k := ps[top].Kind; k == "blockquote" || k == "note" || k == "running_head" {
				ps[i].Kind = k
			}
		}
		stack = append(stack, i)
	}
	var out []extract.Para
	end := 0
	for i, p := range ps {
		if !inner[i] && p.Span.Start >= end {
			out = append(out, p)
			end = p.Span.End
		}
	}
	return out
}

func argmax(m map[string]int) string {
	best, n := "", 0
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}

func filterKinds(fs []quellen.Finding, keep map[quellen.Kind]bool) []quellen.Finding {
	out := fs[:0]
	for _, f := range fs {
		if keep[f.Kind] {
			out = append(out, f)
		}
	}
	return out
}

// SortFindings orders findings by raw offset, then end, then kind, keeping
// the order of those equal in all three. (It sorts small keys and then
// moves each finding once, into its place: a finding is large, and a
// sort that compares and swaps findings copies each many times.)
func SortFindings(fs []quellen.Finding) {
	type key struct {
		s, e int
		kind string
		i    int
	}
	keys := make([]key, len(fs))
	sorted := true
	for i := range fs {
		f := &fs[i]
		keys[i] = key{f.Raw.Start, f.Raw.End, string(f.Kind), i}
		if sorted && i > 0 {
			p := &keys[i-1]
			sorted = p.s < f.Raw.Start || p.s == f.Raw.Start && (p.e < f.Raw.End || p.e == f.Raw.End && p.kind <= string(f.Kind))
		}
	}
	if sorted {
		return
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.s, b.s); c != 0 {
			return c
		}
		if c := cmp.Compare(a.e, b.e); c != 0 {
			return c
		}
		if c := strings.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i) // stable
	})
	// Place each finding along the cycles of the permutation: position j
	// takes the finding at keys[j].i; a key whose i is j is done.
	for start := range keys {
		if keys[start].i == start {
			continue
		}
		held := fs[start]
		j := start
		for {
			from := keys[j].i
			keys[j].i = j
			if from == start {
				fs[j] = held
				break
			}
			fs[j] = fs[from]
			j = from
		}
	}
}

// ReadText reads a file and returns the reader's text, for learning a
// corpus lexicon before the documents are repaired.
func ReadText(path string, data []byte, opts Options) (string, error) {
	return read.Text(path, data, opts.Read)
}

// Passage returns the span [start, end) of the clean text as a passage:
// raw offsets and lines through the offset map, and its clean text.
func (a *Analysis) Passage(start, end int) quellen.Passage {
	rs, re := a.CleanMap.InSpan(start, end)
	l, e := a.Lines.Range(rs, re)
	return quellen.Passage{DocID: a.Doc.ID, Doc: a.Doc.Name, Raw: quellen.Span{Start: rs, End: re}, Line: l, EndLine: e, Text: a.Doc.Clean[start:end]}
}
