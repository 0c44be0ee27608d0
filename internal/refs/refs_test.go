package refs

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/quellen/quellen"
)

func TestParseArchive(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // repository|fond|opis|delo|list, or "" for none
	}{
		{"APRF, f. 45, op. 1, d. 390, l. 85-93", "APRF|45|1|390|85-93"},
		{"RGASPI f. 17, op. 3, d. 45, l. 12ob.", "RGASPI|17|3|45|12ob."},
		{"ГАРФ, ф. Р-5446, оп. 1, д. 7, л. 3–4", "ГАРФ|Р-5446|1|7|3–4"},
		{"State Archive of the Region (SAR), f. 12, op. 2, d. 57.", "State Archive of the Region|12|2|57|"},
		{"National Archives, Kew, FO 371/12345, f. 67", "National Archives|FO 371||12345|67"},
		{"The National Archives, London, CAB 24/158, ff. 3-9.", "The National Archives|CAB 24||158|3-9"},
		{"Archives nationales, F/7/13090", "Archives nationales|F/7||13090|"},
		{"in Archives nationales du monde du travail, Roubaix, 65 AQ E 412.", "Archives nationales du monde du travail|65 AQ||E 412|"},
		{"Smith, History of Everything (London, 1990), p. 45.", ""},
		{"vol. 41, no. 2 (2017), pp. 233-251", ""},
		{"f. 70.", ""}, // a folio alone is not a call number
		{"РГАСПИ. Ф. 17. Оп. 3. Д. 45. Л. 12об.", "РГАСПИ|17|3|45|12об."},
		{"National Archives and Records Administration, RG 59, Box 123, Folder 4, f. 9", "National Archives and Records Administration|RG 59||Box 123, Folder 4|9"},
		{"Istochnik, 1995, no. 4, pp. 152-158 (APRF, f. 45, op. 1, d. 390, l. 85-93).", "APRF|45|1|390|85-93"},
		{"", ""},
	} {
		a, _, _ := ParseArchive(tc.in)
		got := ""
		if a != nil {
			got = strings.Join([]string{a.Repository, a.Fond, a.Opis, a.Delo, a.List}, "|")
		}
		if got != tc.want {
			t.Errorf("ParseArchive(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Ref
	}{
		{"Maria Lind, The Harbour Question: Trade and Power in the North (Oxford: Clarendon Books, 2004), pp. 12–19.",
			Ref{Type: "book", Author: "Maria Lind", Title: "The Harbour Question: Trade and Power in the North", Publisher: "Clarendon Books", Place: "Oxford", Year: "2004", Pages: "12–19"}},
		{"Maria Lind, The Harbour Question. Oxford: Clarendon Books, 2004.",
			Ref{Type: "book", Author: "Maria Lind", Title: "The Harbour Question", Publisher: "Clarendon Books", Place: "Oxford", Year: "2004"}},
		{"J.-P. Morel, Les ports et la mer. Essai d'histoire (Lyon: Éditions du Quai, 1961), p. 8.",
			Ref{Type: "book", Author: "J.-P. Morel", Title: "Les ports et la mer. Essai d'histoire", Publisher: "Éditions du Quai", Place: "Lyon", Year: "1961", Pages: "8"}},
		{"Report of the Harbour Commission (Tallinn, 1926), p. 3.",
			Ref{Type: "book", Title: "Report of the Harbour Commission", Place: "Tallinn", Year: "1926", Pages: "3"}},
		{"Karl Berg, `Ships and sums: a note', Baltic Economic Review 12 (1998), pp. 40-58, at p. 44.",
			Ref{Type: "article", Author: "Karl Berg", Title: "Ships and sums: a note", Container: "Baltic Economic Review", Volume: "12", Year: "1998", Pages: "40-58"}},
		{"Baltic Economic Review, vol. 12, no. 3 (1998), pp. 40–58",
			Ref{Type: "article", Container: "Baltic Economic Review", Volume: "12", Issue: "3", Year: "1998", Pages: "40–58"}},
		{"Anna Rook, “A Port for Sale?”, The Morning Star, no. 14, 2 March 1931, p. 2.",
			Ref{Type: "newspaper", Author: "Anna Rook", Title: "A Port for Sale?", Container: "The Morning Star", Issue: "14", Year: "1931", Pages: "2"}},
		{"The Morning Star, 4 April 1931, p. 6.",
			Ref{Type: "newspaper", Container: "The Morning Star", Year: "1931", Pages: "6"}},
		{"Olaf Dunn, speech to the Assembly, 3 May 1930, Debates of the Assembly, col. 77.",
			Ref{Type: "speech", Author: "Olaf Dunn", Title: "speech to the Assembly", Container: "Debates of the Assembly", Year: "1930", Pages: "77"}},
		{"Debates of the Assembly, third session, col. 12.",
			Ref{Type: "other", Title: "Debates of the Assembly", Pages: "12"}},
		{"Hart to Grey, 2 June 1912, The National Archives, Kew, FO 371/1234, f. 5.",
			Ref{Type: "letter", Author: "Hart", Place: "Kew", Year: "1912", Archive: &Archive{Repository: "The National Archives", Fond: "FO 371", Delo: "1234", List: "5"}}},
		{"\"Minutes of the Board\", 1 May 1920, Regional Archive (RA), f. 10, op. 2, d. 3, l. 4-9.",
			Ref{Type: "archival", Title: "Minutes of the Board", Year: "1920", Archive: &Archive{Repository: "Regional Archive", Fond: "10", Opis: "2", Delo: "3", List: "4-9"}}},
		{"Lease deed, art. 4(2), RA, f. 10, op. 1, d. 9, l. 2.",
			Ref{Type: "archival", Title: "Lease deed", Archive: &Archive{Repository: "RA", Fond: "10", Opis: "1", Delo: "9", List: "2"}}},
		{"https://example.org/sources/letter.html (accessed 1 May 2020)",
			Ref{Type: "web", URL: "https://example.org/sources/letter.html"}},
		{"Lind, op. cit., p. 141.", Ref{Type: "book", Author: "Lind", Pages: "141", Short: "op. cit."}},
		{"Lind, loc. cit.", Ref{Type: "book", Author: "Lind", Short: "loc. cit."}},
		{"Ibid., p. 9.", Ref{Type: "book", Pages: "9", Short: "ibid"}},
		{"Там же. С. 45.", Ref{Type: "book", Pages: "45", Short: "ibid"}},
		{"Иванов И. И. Указ. соч. С. 12.", Ref{Type: "book", Author: "Иванов И. И.", Pages: "12", Short: "op. cit."}},
		{"Lind, The Harbour Question, p. 97.", Ref{Type: "book", Author: "Lind", Title: "The Harbour Question", Pages: "97", Short: "short"}},
		{"A. Cau, R. Kuiper, and W.-P. de Roever. Formalising a strategy. In Proc. 5th Refinement Workshop, 1992.",
			Ref{Type: "chapter", Author: "A. Cau, R. Kuiper, and W.-P. de Roever", Title: "Formalising a strategy", Container: "Proc. 5th Refinement Workshop", Year: "1992"}},
		{"Gent, I. P., & Walsh, T. (1994a). Easy problems are sometimes hard. Artificial Intelligence, 70, 335-345.",
			Ref{Type: "article", Author: "Gent, I. P., & Walsh, T.", Title: "Easy problems are sometimes hard", Container: "Artificial Intelligence", Volume: "70", Year: "1994", Pages: "335-345"}},
		{"R. Fletcher. Practical Methods of Optimization. John Wiley & Sons, 1987.",
			Ref{Type: "book", Author: "R. Fletcher", Title: "Practical Methods of Optimization", Publisher: "John Wiley & Sons", Year: "1987"}},
		{"Karl Berg, ‘Harbour tolls’, in A. Rook (ed.), Essays on Ports, Riga 1999, pp. 5-9.",
			Ref{Type: "chapter", Author: "Karl Berg", Title: "Harbour tolls", Container: "Essays on Ports", Place: "Riga", Year: "1999", Pages: "5-9"}},
		{"D. Buitron, The Odyssey and Ancient Art, Annandale-on-Hudson 1992",
			Ref{Type: "book", Author: "D. Buitron", Title: "The Odyssey and Ancient Art", Place: "Annandale-on-Hudson", Year: "1992"}},
		{"", Ref{Type: "other"}},
	} {
		got := Parse(tc.in)
		g, w := got, tc.want
		ga, wa := fmt.Sprintf("%+v", g.Archive), fmt.Sprintf("%+v", w.Archive)
		g.Archive, w.Archive = nil, nil
		if g != w || ga != wa {
			t.Errorf("Parse(%q)\n got  %+v %s\n want %+v %s", tc.in, g, ga, w, wa)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"RA, f. 1, op. 2, d. 5, l. 33; the English translation is in The National Archives, Kew, FO 371/1, f. 70.",
			[]string{"RA, f. 1, op. 2, d. 5, l. 33", "The National Archives, Kew, FO 371/1, f. 70."}},
		{"The Morning Star, 4 April 1931, p. 6. A French version is given by J.-P. Morel, Les ports et la mer. Essai (Lyon: Quai, 1961), p. 71.",
			[]string{"The Morning Star, 4 April 1931, p. 6.", "J.-P. Morel, Les ports et la mer. Essai (Lyon: Quai, 1961), p. 71."}},
		{"Hart to Grey, 2 June 1912, RA, f. 1, op. 1, d. 12, l. 5. The letter is also printed at https://example.org/a.html (accessed 1 May 2020).",
			[]string{"Hart to Grey, 2 June 1912, RA, f. 1, op. 1, d. 12, l. 5.", "https://example.org/a.html (accessed 1 May 2020)."}},
		{"On the fate of the letter see ibid., l. 46, and the survey itself, vol.2, sheet 11.",
			[]string{"ibid., l. 46", "the survey itself, vol.2, sheet 11."}},
		{"The official minutes give it differently: RA, f. 1, op. 2, d. 5, l. 35.", []string{"RA, f. 1, op. 2, d. 5, l. 35."}},
		{"Lind, op. cit., p. 203. Compare note 11 above.", []string{"Lind, op. cit., p. 203."}},
		{"Probably the parliamentary reporter of the paper from 1921 to 1929.", nil},
		{"My translation.", nil},
		{"Je cite d'après mes notes du jour, publiées en 1923.", nil},
		{"", nil},
	} {
		var got []string
		for _, p := range Split(tc.in) {
			got = append(got, tc.in[p.Start:p.End])
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
			t.Errorf("Split(%q)\n got  %q\n want %q", tc.in, got, tc.want)
		}
	}
}

// TestResolve runs the extractor on a document with notes and checks that
// repetitions take their antecedent's fields and line.
func TestResolve(t *testing.T) {
	text := "Body.[1] More.[2] Yet.[3] Again.[4] And.[5] Last.[6]\n\nNotes\n\n" +
		"[1] Maria Lind, The Harbour Question (Oxford: Clarendon Books, 2004), pp. 3–9.\n\n" +
		"[2] Lind, op. cit., p. 97.\n\n" +
		"[3] Lind, loc. cit.\n\n" +
		"[4] RA, f. 1, op. 2, d. 57, l. 34.\n\n" +
		"[5] Ibid., l. 38.\n\n" +
		"[6] Lind, The Harbour Question, p. 12.\n"
	d := plainDoc("t.txt", text)
	fs := runAll(d)
	var got []string
	for _, f := range fs {
		if f.Kind != quellen.KindReference {
			continue
		}
		a := f.Attrs
		arch := ""
		if m, ok := a["archive"].(map[string]any); ok {
			arch = fmt.Sprint(m["repository"], "/", m["delo"], "/", m["list"])
		}
		got = append(got, fmt.Sprintf("%v|%v|%v|%v|%v|%v|%s", a["author"], a["title"], a["year"], a["pages"], a["publisher"], a["resolved_from_line"], arch))
	}
	want := []string{
		"Maria Lind|The Harbour Question|2004|3–9|Clarendon Books|<nil>|",
		"Maria Lind|The Harbour Question|2004|97|Clarendon Books|5|",
		"Maria Lind|The Harbour Question|2004|97|Clarendon Books|7|",
		"<nil>|<nil>|<nil>|<nil>|<nil>|<nil>|RA/57/34",
		"<nil>|<nil>|<nil>|<nil>|<nil>|11|RA/57/38",
		"Maria Lind|The Harbour Question|2004|12|Clarendon Books|5|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("references:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCitationBlocks reads a "Citation:" paragraph and a review's header.
func TestCitationBlocks(t *testing.T) {
	text := "A Review\n\nKarl Berg\n\nMaria Lind, The Harbour Question. Oxford: Clarendon Books, 2004.\n\n" +
		"Baltic Economic Review, vol. 12, no. 3 (1998), pp. 40–58\n\nParis, Éditions du Quai, 1961\n\nCitation:\n\n" +
		"\"Minutes of the Board\", 1 May 1920, Regional Archive (RA), f. 10, op. 2, d. 3, l. 4-9. English translation: The National Archives, Kew, FO 371/1, ff. 6-8. Translated by A. B. Clerk.\n\n" +
		strings.Repeat("The body of the text goes on at length. ", 12) + "\nSource: Carnets (1936-1947). Agone, Marseilles, 2012;\n"
	d := plainDoc("t.txt", text)
	var got []string
	for _, f := range runAll(d) {
		if f.Kind == quellen.KindReference {
			got = append(got, fmt.Sprintf("%v:%v", f.Attrs["type"], f.Text[:min(20, len(f.Text))]))
		}
	}
	want := []string{"book:Maria Lind, The Harb", "article:Baltic Economic Revi", "archival:\"Minutes of the Boar", "archival:The National Archive", "other:Carnets (1936-1947)."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("references = %q\nwant %q", got, want)
	}
}

// TestBibliography reads the entries after a "Bibliography" heading.
func TestBibliography(t *testing.T) {
	text := strings.Repeat("The body of the text goes on at length. ", 10) + "\n\nBibliography\n\n" +
		"Lind, Maria. The Harbour Question. Oxford: Clarendon Books, 2004.\n\n" +
		"Rook, Anna. “A Port for Sale?” The Morning Star, 2 March 1931.\nBerg, Karl. Ships and Sums. Riga: Baltic Press, 1998.\n\n" +
		"Index\n\nharbour, 4, 9\n"
	d := plainDoc("t.txt", text)
	var got []string
	for _, f := range runAll(d) {
		if f.Kind == quellen.KindReference {
			got = append(got, fmt.Sprintf("%v|%v|%v", f.Attrs["author"], f.Attrs["title"], f.Attrs["year"]))
		}
	}
	want := []string{"Lind, Maria|The Harbour Question|2004", "Rook, Anna|A Port for Sale?|1931", "Berg, Karl|Ships and Sums|1998"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("references = %q\nwant %q", got, want)
	}
}

// TestNumberedBibliography: a numbered reference list is read once, as
// notes, not again as bibliography entries.
func TestNumberedBibliography(t *testing.T) {
	text := strings.Repeat("Text cites [1] and [2] and [3]. ", 10) + "\n\nReferences\n\n" +
		"[1] R. Fletcher. Practical Methods of Optimization. John Wiley & Sons, 1987.\n\n" +
		"[2] Gent, I. P., & Walsh, T. (1994a). Easy problems are sometimes hard. Artificial Intelligence, 70, 335-345.\n\n" +
		"[3] Maria Lind, The Harbour Question (Oxford: Clarendon Books, 2004).\n"
	n := 0
	for _, f := range runAll(plainDoc("t.txt", text)) {
		if f.Kind == quellen.KindReference {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d references, want 3", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Maria Lind, The Harbour Question (Oxford: Clarendon Books, 2004), pp. 3–9.",
		"RA, f. 1, op. 2, d. 57, l. 34; see ibid., l. 38, and vol.2, sheet 11.",
		"Gent, I. P., & Walsh, T. (1994a). Easy. AI, 70, 335-345.",
		"“unclosed, (((", "\xff\xfe f. ", "Ibid.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Parse(s)
		for _, p := range Split(s) {
			if p.Start < 0 || p.End > len(s) || p.Start > p.End {
				t.Fatalf("Split(%q): bad piece %+v", s, p)
			}
		}
		d := plainDoc("f.txt", s)
		for _, x := range runAll(d) {
			if x.Clean.Start < 0 || x.Clean.End > len(s) || x.Clean.Start > x.Clean.End {
				t.Fatalf("finding out of range: %+v", x)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	refs := []string{
		"Maria Lind, The Harbour Question: Trade and Power in the North (Oxford: Clarendon Books, 2004), pp. 12–19.",
		"Hart to Grey, 2 June 1912, The National Archives, Kew, FO 371/1234, f. 5.",
		"Gent, I. P., & Walsh, T. (1994a). Easy problems are sometimes hard. Artificial Intelligence, 70, 335-345.",
		"Anna Rook, “A Port for Sale?”, The Morning Star, no. 14, 2 March 1931, p. 2.",
	}
	for b.Loop() {
		for _, r := range refs {
			Parse(r)
		}
	}
}

func checkCitationHead(t *testing.T, line string) {
	t.Helper()
	if got, want := citationHead(line), reCitationHead.FindStringIndex(line); !slices.Equal(got, want) {
		t.Fatalf("citationHead(%q) = %v, want %v", line, got, want)
	}
}

func TestCitationHead(t *testing.T) {
	for _, l := range []string{"", "Source: Archive", "  sources :x", "Citation", "Quelle:", "Источник: ГАРФ", "The source: none", "ſource: x"} {
		checkCitationHead(t, l)
	}
}

func FuzzCitationHead(f *testing.F) {
	f.Add("Source: RGASPI f. 17")
	f.Fuzz(func(t *testing.T, l string) { checkCitationHead(t, l) })
}
