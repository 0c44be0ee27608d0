package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// TestLangPrefixCutsBeforeACharacter checks that the detector is given at
// most langScan bytes of a quotation, never half a character, and all of
// a short one.
func TestLangPrefixCutsBeforeACharacter(t *testing.T) {
	for _, s := range []string{
		"", "court", strings.Repeat("é", langScan), strings.Repeat("a", langScan-1) + "é" + "suite",
		strings.Repeat("жизнь ", 400), strings.Repeat("x", langScan), strings.Repeat("x", langScan+1),
	} {
		p := langPrefix(s)
		if !strings.HasPrefix(s, p) || len(p) > langScan || !utf8.ValidString(p) {
			t.Errorf("langPrefix(%.20q…) = %d bytes, valid %v", s, len(p), utf8.ValidString(p))
		}
		if len(s) <= langScan && p != s {
			t.Errorf("langPrefix cut a short text (%d bytes) to %d", len(s), len(p))
		}
		if len(s) > langScan && len(p) < langScan-utf8.UTFMax {
			t.Errorf("langPrefix kept %d of %d bytes", len(p), len(s))
		}
	}
}

// TestLongQuotationsKeepTheirLanguage checks that a quotation longer than
// what the detector reads gets the language of its words: a French block
// quotation of several kilobytes in an English text, and an English one
// whose tail (beyond the bytes read) is French.
func TestLongQuotationsKeepTheirLanguage(t *testing.T) {
	fr := strings.Repeat("Les ouvriers de la ville ont refusé de reprendre le travail tant que la police restait dans les rues, et le comité a voté la grève générale. ", 30)
	en := strings.Repeat("The workers of the town refused to go back to work while the police stayed in the streets, and the committee voted for a general strike. ", 10)
	for _, c := range []struct{ body, want string }{
		{fr, "fr"},
		{en + fr, "en"},
	} {
		text := "The report of the prefect, written that night, reads: \u201c" + c.body + "\u201d He sent it to Paris.\n"
		fs := (Extractor{}).Extract(doc(text))
		var got []string
		for _, f := range fs {
			if f.Kind == quellen.KindQuote {
				got = append(got, f.Attrs.String("lang"))
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("quotation of %d bytes: languages %v, want [%s]", len(c.body), got, c.want)
		}
	}
}
