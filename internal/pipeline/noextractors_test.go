package pipeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/repair"
)

// TestNoExtractors: a run without the extractors gives the same document
// as a full run (text, metadata, problems) and exactly its repair, layout
// and metadata findings, and nothing else.
func TestNoExtractors(t *testing.T) {
	const raw = "Title: A Disputed Memoir\nAuthor: R. Hallam\n\n" +
		"The \uFFFDrst report, dated 3 May 1921, was a \u201cfabrication\u201d, said Hallam.[1]\n" +
		"It named 4,000 dead in the tur-\nmoil.\n\n" +
		"[1] Hallam, Memoirs (London, 1931), p. 12.\n"
	lex := repair.NewLexicon()
	lex.Learn("the first report was a fabrication, said the turmoil")
	full, err := Run("memoir.txt", []byte(raw), Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := Run("memoir.txt", []byte(raw), Options{Lexicon: lex, NoExtractors: true})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Doc.Clean != full.Doc.Clean || bare.Doc.Source != full.Doc.Source {
		t.Errorf("clean text differs:\n%q\n%q", bare.Doc.Clean, full.Doc.Clean)
	}
	if diff := cmp.Diff(full.Doc.Meta, bare.Doc.Meta); diff != "" {
		t.Errorf("metadata (-full +bare):\n%s", diff)
	}
	if diff := cmp.Diff(full.Doc.Problems, bare.Doc.Problems); diff != "" {
		t.Errorf("problems (-full +bare):\n%s", diff)
	}
	foundation := map[quellen.Kind]bool{quellen.KindRepair: true, quellen.KindLayout: true, quellen.KindMetadata: true}
	var want []quellen.Finding
	for _, f := range full.Doc.Findings {
		if foundation[f.Kind] {
			want = append(want, f)
		}
	}
	if len(want) == 0 || len(want) == len(full.Doc.Findings) {
		t.Fatalf("the text should give foundation findings and others: %d of %d", len(want), len(full.Doc.Findings))
	}
	if diff := cmp.Diff(want, bare.Doc.Findings); diff != "" {
		t.Errorf("findings without the extractors (-want +got):\n%s", diff)
	}
	if len(bare.Extract.Paras) != 3 || bare.Extract.Paras[1].Lang != "en" {
		t.Errorf("the paragraphs and their languages are kept: %+v", bare.Extract.Paras)
	}
}
