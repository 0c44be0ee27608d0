package read

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// PDF reads PDF files. The text of each page is rebuilt from the
// positions of its glyphs (github.com/ledongthuc/pdf, pure Go): one line
// per text line, top to bottom, words separated by spaces, a blank line
// where the gap between two lines is much wider than the page's line
// spacing; pages are separated by "\f", one page block a page (Attrs
// "number"). The output keeps what the repair stage expects of PDF
// extraction: running heads and folios as lines of their own, footnotes
// at the foot of their page, words hyphenated at line ends.
//
// With Options.PDFToText and pdftotext (poppler) on PATH, the reader runs
// "pdftotext -enc UTF-8 FILE -" instead.
//
// Source is the extracted text itself (Map identity). An encrypted file
// that cannot be opened without a password is InputError
// "pdf.encrypted"; a truncated or damaged one "pdf.damaged"; one with no
// text at all (a scan) "pdf.no_text".
type PDF struct{}

func init() { Register("pdf", PDF{}) }

// Read implements Reader.
func (PDF) Read(name string, data []byte, opts Options) (*Result, error) {
	fail := func(code, format string, args ...any) error {
		return &quellen.InputError{Path: name, Code: code, Err: fmt.Errorf(format, args...)}
	}
	if len(data) == 0 {
		return nil, fail("empty", "the file is empty")
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, fail("pdf.damaged", "not a PDF file: no %%PDF- header")
	}
	var pages []string
	var err error
	used := "pdf"
	if opts.PDFToText {
		if bin, lerr := exec.LookPath("pdftotext"); lerr == nil {
			pages, err = pdfToText(bin, data)
			used = "pdftotext"
		}
	}
	var meta quellen.Metadata
	if used == "pdf" {
		pages, meta, err = pdfPages(data)
	}
	if err != nil {
		if encrypted(data) {
			return nil, fail("pdf.encrypted", "the PDF is encrypted and cannot be read without its password (%v)", err)
		}
		return nil, fail("pdf.damaged", "the PDF is damaged or truncated: %v", err)
	}
	var sb strings.Builder
	var blocks []Block
	for i, pg := range pages {
		if i > 0 {
			sb.WriteString("\f")
		}
		start := sb.Len()
		sb.WriteString(pg)
		blocks = append(blocks, Block{Kind: "page", Span: quellen.Span{Start: start, End: sb.Len()}, Attrs: quellen.Attrs{"number": i + 1}})
	}
	out := sb.String()
	if strings.TrimFunc(out, func(r rune) bool { return unicode.IsSpace(r) || r == '\f' }) == "" {
		if encrypted(data) {
			return nil, fail("pdf.encrypted", "the PDF is encrypted and gave no text")
		}
		return nil, fail("pdf.no_text", "the PDF has %d page(s) but no text: a scan needs OCR first", len(pages))
	}
	r := &Result{Format: "pdf", Source: out, Text: out, Map: text.Identity(len(out)), Blocks: blocks, Meta: meta}
	if used == "pdftotext" {
		r.Problems = append(r.Problems, quellen.Problem{Severity: "warning", Code: "pdf.pdftotext", Offset: -1,
			Message: fmt.Sprintf("%s: text extracted with pdftotext", name)})
	}
	return r, nil
}

// encrypted says whether a PDF's trailer names an encryption dictionary.
func encrypted(data []byte) bool {
	return bytes.Contains(data, []byte("/Encrypt"))
}

// pdfToText runs poppler's pdftotext; pages come back split at "\f".
func pdfToText(bin string, data []byte) ([]string, error) {
	f, err := os.CreateTemp("", "quellen-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", f.Name(), "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	s := strings.ToValidUTF8(string(out), "\uFFFD")
	s = strings.TrimSuffix(s, "\f")
	return strings.Split(s, "\f"), nil
}

// pdfPages extracts the text of every page, recovering from the
// library's panics on damaged files.
func pdfPages(data []byte) (pages []string, meta quellen.Metadata, err error) {
	defer func() {
		if p := recover(); p != nil {
			pages, err = nil, fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, meta, err
	}
	n := r.NumPage()
	if n <= 0 {
		return nil, meta, errors.New("no pages")
	}
	if n > 100000 {
		return nil, meta, fmt.Errorf("%d pages is not believable", n)
	}
	meta = pdfInfo(r)
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			pages = append(pages, "")
			continue
		}
		pages = append(pages, pageText(pageContent(p)))
	}
	return pages, meta, nil
}

// pdfInfo reads the document information dictionary (Title, Author; its
// CreationDate is the file's, not the work's, and is left out); a damaged
// one gives nothing.
func pdfInfo(r *pdf.Reader) (m quellen.Metadata) {
	defer func() {
		if recover() != nil {
			m = quellen.Metadata{}
		}
	}()
	info := r.Trailer().Key("Info")
	if info.IsNull() {
		return m
	}
	clean := func(s string) string { return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ") }
	m.Title = clean(info.Key("Title").Text())
	if junkTitle(m.Title) {
		m.Title = ""
	}
	m.Author = clean(info.Key("Author").Text())
	return m
}

// pageContent returns a page's glyphs; a page whose content stream is
// damaged gives none.
func pageContent(p pdf.Page) (ts []pdf.Text) {
	defer func() {
		if recover() != nil {
			ts = nil
		}
	}()
	return p.Content().Text
}

type pdfLine struct {
	y, size float64
	glyphs  []pdf.Text
}

// pageText rebuilds the lines of a page from its glyphs.
func pageText(glyphs []pdf.Text) string {
	var lines []*pdfLine
	for _, g := range glyphs {
		if g.S == "" || math.IsNaN(g.X) || math.IsNaN(g.Y) || math.IsInf(g.X, 0) || math.IsInf(g.Y, 0) {
			continue
		}
		size := g.FontSize
		if size <= 0 || size > 500 || math.IsNaN(size) {
			size = 10
		}
		// A glyph belongs to a recent line whose baseline is within a third
		// of its size; a superscript (a note marker) sits a little higher
		// and joins the line it is raised from.
		var best *pdfLine
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
			l := lines[k]
			tol := 0.35 * math.Max(size, l.size)
			if d := g.Y - l.y; math.Abs(d) <= tol || (d > 0 && d <= 0.6*l.size && size < 0.85*l.size) {
				best = l
				break
			}
		}
		if best == nil {
			best = &pdfLine{y: g.Y, size: size}
			lines = append(lines, best)
		}
		if size > best.size {
			// the baseline of the main text, not of a superscript
			if g.Y < best.y {
				best.y = g.Y
			}
			best.size = size
		}
		best.glyphs = append(best.glyphs, g)
	}
	// Top to bottom; lines the stream drew in two passes at one baseline
	// are merged.
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })
	var merged []*pdfLine
	for _, l := range lines {
		if n := len(merged); n > 0 && math.Abs(merged[n-1].y-l.y) <= 0.2*math.Max(l.size, merged[n-1].size) {
			merged[n-1].glyphs = append(merged[n-1].glyphs, l.glyphs...)
			merged[n-1].size = math.Max(merged[n-1].size, l.size)
			continue
		}
		merged = append(merged, l)
	}
	// The page's usual line spacing, for blank lines between blocks.
	var gaps []float64
	for i := 1; i < len(merged); i++ {
		gaps = append(gaps, merged[i-1].y-merged[i].y)
	}
	merged = splitColumns(merged)
	spacing := 0.0
	if len(gaps) > 0 {
		sort.Float64s(gaps)
		spacing = gaps[len(gaps)/2]
	}
	var sb strings.Builder
	for i, l := range merged {
		if i > 0 {
			sb.WriteByte('\n')
			if gap := merged[i-1].y - l.y; spacing > 0 && gap > 1.7*spacing && gap > 1.5*l.size {
				sb.WriteByte('\n')
			}
		}
		sb.WriteString(lineText(l))
	}
	return sb.String()
}

// lineText orders a line's glyphs left to right and puts spaces where the
// gaps between them are wide enough to be spaces. Many producers draw
// their spaces as glyphs; then only those and wide gaps count, since
// glyph widths are often unknown (zero) and a guess would split words.
func lineText(l *pdfLine) string {
	gs := l.glyphs
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].X < gs[j].X })
	spaces, runes := 0, 0
	for _, g := range gs {
		spaces += strings.Count(g.S, " ")
		runes += utf8.RuneCountInString(g.S)
	}
	explicit := spaces > 0 && spaces*20 >= runes
	var sb strings.Builder
	lastX, run := math.Inf(-1), 0.0 // the x of the last positioned run, and the width guessed since
	for _, g := range gs {
		s := strings.Map(func(r rune) rune {
			switch {
			case r == '\t' || r == '\r' || r == '\n' || r == '\f':
				return ' '
			case r < 0x20:
				return -1
			}
			return r
		}, strings.ToValidUTF8(g.S, "\uFFFD"))
		if s == "" {
			continue
		}
		size := g.FontSize
		if size <= 0 {
			size = l.size
		}
		if g.X != lastX {
			if sb.Len() > 0 && !strings.HasSuffix(sb.String(), " ") && s[0] != ' ' {
				gap := g.X - (lastX + run)
				if gap > 1.2*size || !explicit && gap > 0.2*size {
					sb.WriteByte(' ')
				}
			}
			lastX, run = g.X, 0
		}
		if w := g.W; w > 0 && !math.IsInf(w, 0) {
			run += w
		} else {
			run += 0.5 * size * float64(utf8.RuneCountInString(s))
		}
		if s == " " && (sb.Len() == 0 || strings.HasSuffix(sb.String(), " ")) {
			continue
		}
		sb.WriteString(s)
	}
	return strings.TrimRight(sb.String(), " ")
}

// wordStart is where a word begins on a line, and the gap before it (an
// estimate when glyph widths are unknown).
type wordStart struct{ x, gap float64 }

func glyphWidth(g pdf.Text, size float64) float64 {
	if g.W > 0 && !math.IsInf(g.W, 0) && !math.IsNaN(g.W) {
		return g.W
	}
	return 0.5 * size * float64(utf8.RuneCountInString(g.S))
}

// wordStarts lists the word starts of a line, left to right.
func wordStarts(l *pdfLine) []wordStart {
	gs := append([]pdf.Text(nil), l.glyphs...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].X < gs[j].X })
	var out []wordStart
	runX, runW := math.NaN(), 0.0
	for i, g := range gs {
		if g.X != runX {
			gap := math.Inf(1)
			if i > 0 {
				gap = g.X - (runX + runW)
			}
			if (i == 0 || gs[i-1].S == " " || gap > 0.15*l.size) && strings.TrimSpace(g.S) != "" {
				out = append(out, wordStart{g.X, gap})
			}
			runX, runW = g.X, 0
		}
		runW += glyphWidth(g, l.size)
	}
	return out
}

// splitColumns finds a two-column page (many lines with a word starting
// at one x in the middle of the page, after a wide gap: the right
// column's margin) and orders its lines as a reader reads them: the
// full-width lines above the columns, the left column, the right column,
// the full-width lines below. Other pages come back as they are.
func splitColumns(lines []*pdfLine) []*pdfLine {
	if len(lines) < 6 {
		return lines
	}
	starts := make([][]wordStart, len(lines))
	minX, maxX := math.Inf(1), math.Inf(-1)
	for i, l := range lines {
		starts[i] = wordStarts(l)
		runX, runW := math.NaN(), 0.0
		for _, g := range l.glyphs {
			if g.X != runX {
				runX, runW = g.X, 0
			}
			runW += glyphWidth(g, l.size)
			minX, maxX = math.Min(minX, g.X), math.Max(maxX, runX+runW)
		}
	}
	width := maxX - minX
	if width <= 0 {
		return lines
	}
	// count, for each 1pt bucket in the middle of the page, the lines with
	// a word starting there
	counts := map[int]int{}
	for _, ws := range starts {
		seen := map[int]bool{}
		for _, w := range ws {
			if w.x < minX+0.38*width || w.x > minX+0.62*width {
				continue
			}
			b := int(math.Round(w.x))
			for _, k := range []int{b - 1, b, b + 1} {
				if !seen[k] {
					seen[k] = true
					counts[k]++
				}
			}
		}
	}
	best, n := 0, 0
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	if n < 4 || n*100 < 35*len(lines) {
		return lines
	}
	R := float64(best)
	// the gap before the column margin must be a gutter, not a space
	var gaps []float64
	first, last := -1, -1
	for i, ws := range starts {
		for _, w := range ws {
			if math.Abs(w.x-R) <= 1.5 {
				if !math.IsInf(w.gap, 1) {
					gaps = append(gaps, w.gap/lines[i].size)
				}
				if first < 0 {
					first = i
				}
				last = i
				break
			}
		}
	}
	if len(gaps)*2 < n {
		return lines // mostly line starts: an indented single column
	}
	sort.Float64s(gaps)
	if gaps[len(gaps)/2] < 1.2 {
		return lines
	}
	// ...and the left column must reach the gutter: a narrow column of
	// speakers' names or labels before indented text is not a column.
	var ends []float64
	for _, l := range lines[first : last+1] {
		e := math.Inf(-1)
		runX, runW := math.NaN(), 0.0
		for _, g := range l.glyphs {
			if g.X >= R-1.5 {
				continue
			}
			if g.X != runX {
				runX, runW = g.X, 0
			}
			runW += glyphWidth(g, l.size)
			e = math.Max(e, runX+runW)
		}
		if !math.IsInf(e, -1) {
			ends = append(ends, R-e)
		}
	}
	if len(ends) == 0 {
		return lines
	}
	sort.Float64s(ends)
	if ends[len(ends)/2] > 0.3*(R-minX) {
		return lines
	}
	// Column lines that reach past the last (or before the first) line with
	// a word at the margin: one-sided lines at the usual spacing.
	var sp []float64
	for i := 1; i < len(lines); i++ {
		sp = append(sp, lines[i-1].y-lines[i].y)
	}
	sort.Float64s(sp)
	spacing := sp[len(sp)/2]
	oneSided := func(l *pdfLine) bool {
		l2, r2 := false, false
		for _, g := range l.glyphs {
			if g.X >= R-1.5 {
				r2 = true
			} else {
				l2 = true
			}
		}
		return !(l2 && r2)
	}
	for last+1 < len(lines) && oneSided(lines[last+1]) && lines[last].y-lines[last+1].y <= 1.6*spacing {
		last++
	}
	for first > 0 && oneSided(lines[first-1]) && lines[first-1].y-lines[first].y <= 1.6*spacing {
		first--
	}
	var out, left, right []*pdfLine
	out = append(out, lines[:first]...)
	for _, l := range lines[first : last+1] {
		var lg, rg []pdf.Text
		for _, g := range l.glyphs {
			if g.X >= R-1.5 {
				rg = append(rg, g)
			} else {
				lg = append(lg, g)
			}
		}
		if len(lg) > 0 {
			left = append(left, &pdfLine{y: l.y, size: l.size, glyphs: lg})
		}
		if len(rg) > 0 {
			right = append(right, &pdfLine{y: l.y, size: l.size, glyphs: rg})
		}
	}
	out = append(out, left...)
	out = append(out, right...)
	return append(out, lines[last+1:]...)
}

// junkTitle says whether a PDF's Info title is a producer's artefact
// rather than the work's title ("Microsoft Word - draft.docx", a file
// name, "untitled").
func junkTitle(t string) bool {
	l := strings.ToLower(t)
	for _, p := range []string{"microsoft word - ", "microsoft powerpoint - ", "untitled", "document1", "title"} {
		if strings.HasPrefix(l, p) && (p != "title" || l == "title") {
			return true
		}
	}
	for _, ext := range []string{".doc", ".docx", ".odt", ".rtf", ".tex", ".dvi", ".pdf", ".indd", ".qxd", ".txt", ".html", ".htm"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}
