package meta

import (
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/lang"
)

// doc makes a Doc of a text as the pipeline gives it to Read.
func doc(text string, m quellen.Metadata) *extract.Doc {
	d := &extract.Doc{Name: "t.txt", Format: "text", Text: text, Meta: m}
	counts := map[string]int{}
	for _, sp := range paragraphs(text) {
		p := extract.Para{Span: sp, Kind: "paragraph", Lang: lang.Detect(text[sp.Start:sp.End])}
		d.Paras = append(d.Paras, p)
		counts[p.Lang] += p.Span.Len()
	}
	if d.Meta.Language == "" {
		best := 0
		for l, n := range counts {
			if l != "" && n > best {
				d.Meta.Language, best = l, n
			}
		}
	}
	return d
}

// paragraphs splits a text at blank lines.
func paragraphs(s string) []quellen.Span {
	var out []quellen.Span
	start := -1
	off := 0
	for l := range strings.SplitSeq(s, "\n") {
		blank := strings.TrimSpace(l) == ""
		if !blank && start < 0 {
			start = off
		}
		if blank && start >= 0 {
			out = append(out, quellen.Span{Start: start, End: off - 1})
			start = -1
		}
		off += len(l) + 1
	}
	if start >= 0 {
		out = append(out, quellen.Span{Start: start, End: len(s)})
	}
	return out
}

const body = "\n\nThe committee met in the morning and heard the witnesses one after another, and the chairman said that the inquiry would go on for as long as it had to, whatever the cost of it to the members and to the public purse, and nobody in the room doubted him for a moment.\n"

const bodyFR = "\n\nLa commission se réunit le matin et entendit les témoins l'un après l'autre ; le président dit que l'enquête durerait aussi longtemps qu'il le faudrait, quoi qu'il en coûtât aux membres et au trésor public, et personne dans la salle n'en douta un instant.\n"

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		text string
		meta quellen.Metadata
		want map[string]string // contract field → value; others must be nil
	}{
		{
			name: "archive record with citation block",
			text: "\n\nNovember 19, 1944\n\nRecord of a Conversation\n\nCitation:\n\n\"Record of a Conversation\", November 19, 1944, Some Archive, f. 45, op. 1, d. 390, l. 85-93. Translated by Ivan Petrov. https://example.org/document/1.\n\nSummary:\n\nTwo men talk.\n\nOriginal Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\nJohn Smith\n" + body,
			want: map[string]string{
				"title": "Record of a Conversation", "date": "1944-11-19",
				"source":     "\"Record of a Conversation\", November 19, 1944, Some Archive, f. 45, op. 1, d. 390, l. 85-93. Translated by Ivan Petrov. https://example.org/document/1.",
				"translator": "Ivan Petrov", "original_language": "ru", "url": "https://example.org/document/1",
			},
		},
		{
			name: "labels on one line each",
			text: "The Crisis of the Party\nWritten: March 1938\nFirst Published: New International, April 1938\nSource: New International, Vol. 4 No. 4, April 1938, pp. 99-101\nTranslated: for example.org by Jane Q. Doe.\n" + body,
			want: map[string]string{
				"title": "The Crisis of the Party", "date": "1938-03", "published": "1938-04",
				"source": "New International, Vol. 4 No. 4, April 1938, pp. 99-101", "translator": "Jane Q. Doe",
			},
		},
		{
			name: "french labels with a space before the colon",
			text: "Lettre au ministre\n\nSource : Archives nationales, F7 13090\n\nTraduit du russe par Jean-Pierre Dupont.\n\nDate : le 3 mars 1921" + bodyFR,
			want: map[string]string{
				"title": "Lettre au ministre", "source": "Archives nationales, F7 13090", "date": "1921-03-03",
				"translator": "Jean-Pierre Dupont", "original_language": "ru",
			},
		},
		{
			name: "german labels",
			text: "Denkschrift über die Bahn\n\nQuelle: Bundesarchiv, R 43 I/123\n\nÜbersetzt von Karl Müller\n\nDatum: 12. Mai 1923" + body,
			want: map[string]string{
				"title": "Denkschrift über die Bahn", "source": "Bundesarchiv, R 43 I/123", "date": "1923-05-12",
				"translator": "Karl Müller",
			},
		},
		{
			name: "russian labels and date",
			text: "Записка о дороге\n\n19 ноября 1944 г.\n\nИсточник: ГАРФ, ф. 5446, оп. 1, д. 10\n\nЯ не требую денег. Я требую лишь, чтобы имя русского инженера не вычёркивали из истории этой дороги, которую он сам прошёл пешком от столицы до самого моря, и чтобы его планы, его ошибки и его труд были названы его именем, а не чужим, как это сделали в Париже.\n",
			want: map[string]string{
				"title": "Записка о дороге", "date": "1944-11-19", "source": "ГАРФ, ф. 5446, оп. 1, д. 10", "original_language": "ru",
			},
		},
		{
			name: "byline with a span of months",
			text: "A Critique of Somebody\n\nby Anna Maria Kowalski (December 2021 - January 2022)\n" + body,
			want: map[string]string{"title": "A Critique of Somebody", "author": "Anna Maria Kowalski", "date": "2021-12/2022-01", "original_language": "en"},
		},
		{
			name: "review article: title, author, reviewed book, journal line",
			text: "Iron Roads: A Review\n\nMary Jones\n\nJohn Brown, A Book About Railways and Their Builders in the North. London: Some Press, 2016.\n\nJournal of Northern Studies, vol. 12, no. 3 (2017), pp. 45–67\n\n\nI. A first part" + body,
			want: map[string]string{
				"title": "Iron Roads: A Review", "author": "Mary Jones", "date": "2017", "published": "2017",
				"source": "Journal of Northern Studies, vol. 12, no. 3 (2017), pp. 45–67", "original_language": "en",
			},
		},
		{
			name: "memoir chapter: author, book, imprint, chapter",
			text: "Jean Martin\n\nSouvenirs du rail\n\nParis : Éditions du Nord, 1954\n\nChapitre III. Les années noires (extrait)" + bodyFR,
			want: map[string]string{
				"title": "Les années noires", "author": "Jean Martin", "date": "1954", "published": "1954",
				"source": "Souvenirs du rail, Paris : Éditions du Nord, 1954", "original_language": "fr",
			},
		},
		{
			name: "newspaper masthead and issue line",
			text: "The Morning Post\n\nVol. XII, No. 301 · Tuesday, 3 June 1924\n\nA HEADLINE HERE\n" + body,
			want: map[string]string{
				"title": "A HEADLINE HERE", "date": "1924-06-03", "published": "1924-06-03",
				"source": "The Morning Post, Vol. XII, No. 301", "original_language": "en",
			},
		},
		{
			name: "author and year on one line",
			text: "Anna Serova 1945\nSource: Notebooks (1936-1947). Some Press, Marseilles, 2012;\nTranslated: for example.org by Mark Abel.\n" + strings.TrimLeft(body, "\n"),
			want: map[string]string{
				"author": "Anna Serova", "date": "1945", "source": "Notebooks (1936-1947). Some Press, Marseilles, 2012",
				"translator": "Mark Abel",
			},
		},
		{
			name: "reader headers win and lose their site suffix",
			text: "THE MASTHEAD\n\nSome heading\n" + body,
			meta: quellen.Metadata{Title: "The Minister and the ledger | Digitised press archive", URL: "https://example.org/a", Date: "1923-05-12"},
			want: map[string]string{
				"title": "The Minister and the ledger", "url": "https://example.org/a", "date": "1923-05-12", "original_language": "en",
			},
		},
		{
			name: "body first: nothing but the language",
			text: strings.TrimLeft(body, "\n") + "On 12 May 1923 the committee met again.\n",
			want: map[string]string{"original_language": "en"},
		},
		{
			name: "label with no value at the end",
			text: "A Title Line\n\nCitation:\n",
			want: map[string]string{"title": "A Title Line"},
		},
		{
			name: "labels with nothing behind them",
			text: "Source:\nTranslated:\nURL:\nAuthor: \n",
			want: map[string]string{},
		},
		{
			name: "a web address is not a label",
			text: "http://example.org/page\n\nA Title After It\n" + body,
			want: map[string]string{"url": "http://example.org/page", "title": "A Title After It", "original_language": "en"},
		},
		{
			name: "chapter heading alone, title on the next line",
			text: "Chapter 5\n\nThe Concession Affair\n\nIn the spring of 1921 the Republic committed itself to the largest public\n\nwork of its short existence, and the line was built in haste." + body,
			want: map[string]string{"title": "The Concession Affair", "original_language": "en"},
		},
		{
			name: "archive page: author line, title, labels without by",
			text: "Leon Davidson\nThe School of Falsification\n\nWritten: 1928\nFirst Published: 1932\nTranslated: John G. Wright\nTranscription/HTML Markup: Some Volunteer\n" + body,
			want: map[string]string{
				"title": "The School of Falsification", "author": "Leon Davidson", "date": "1928", "published": "1932",
				"translator": "John G. Wright",
			},
		},
		{
			name: "two authors and a journal line with a season",
			text: "Roads to Ruin\n\nby John Smith and Jane Doe\n\nJournal of Cold Studies, Vol. 5, No. 2, Spring 2003, pp. 3–38\n" + body,
			want: map[string]string{
				"title": "Roads to Ruin", "author": "John Smith and Jane Doe", "date": "2003-03/2003-05", "published": "2003-03/2003-05",
				"source": "Journal of Cold Studies, Vol. 5, No. 2, Spring 2003, pp. 3–38", "original_language": "en",
			},
		},
		{
			name: "letter with a dateline and a salutation",
			text: "Moscow, 12 March 1937\n\nDear Comrade Ivanov,\n" + body,
			meta: quellen.Metadata{Language: "en-US"},
			want: map[string]string{"date": "1937-03-12", "original_language": "en"},
		},
		{
			name: "title words are not an author",
			text: "Railway Concession\n\nGreat Crisis\n" + body,
			want: map[string]string{"title": "Railway Concession", "original_language": "en"},
		},
		{
			name: "first publication as the source",
			text: "On the Party\nFirst Published: New International, April 1938\n" + body,
			want: map[string]string{"title": "On the Party", "published": "1938-04", "date": "1938-04", "source": "New International, April 1938", "original_language": "en"},
		},
		{
			name: "a short first sentence is not a title",
			text: "It was a cold day.\n" + body,
			want: map[string]string{"original_language": "en"},
		},
		{
			name: "a title over two lines",
			text: "The School of Lies and\nof Falsification\n\nby Ann Lee\n" + body,
			want: map[string]string{"title": "The School of Lies and of Falsification", "author": "Ann Lee", "original_language": "en"},
		},
		{
			name: "markdown header",
			text: "# The Long Road\n\n*by Ann Lee*\n\n**Source:** Some Archive, box 4\n\n**Date:** 1 June 1931\n" + body,
			want: map[string]string{"title": "The Long Road", "author": "Ann Lee", "source": "Some Archive, box 4", "date": "1931-06-01", "original_language": "en"},
		},
		{
			name: "web export labels",
			text: "Title: Notes on the Line\nAuthor: Jan Novak\nDate: 1923-05-11\nURL: https://example.org/notes\n" + body,
			want: map[string]string{"title": "Notes on the Line", "author": "Jan Novak", "date": "1923-05-11", "url": "https://example.org/notes", "original_language": "en"},
		},
		{
			name: "author and title on one line",
			text: "Leon Davidson: The School of Lies\n" + body,
			want: map[string]string{"title": "The School of Lies", "author": "Leon Davidson", "original_language": "en"},
		},
		{
			name: "title, by author",
			text: "The School of Lies, by Leon Davidson\n" + body,
			want: map[string]string{"title": "The School of Lies", "author": "Leon Davidson", "original_language": "en"},
		},
		{
			name: "a title with a colon is not split",
			text: "Rails, Money and Myth: A Review Article\n" + body,
			want: map[string]string{"title": "Rails, Money and Myth: A Review Article", "original_language": "en"},
		},
		{
			name: "russian chapter and imprint",
			text: "Иван Петров\n\nИстория дороги\n\nМ.: Политиздат, 1975\n\nГлава 3. Концессия\n\nЯ не требую денег. Я требую лишь, чтобы имя русского инженера не вычёркивали из истории этой дороги, которую он сам прошёл пешком от столицы до самого моря, и чтобы его планы, его ошибки и его труд были названы его именем, а не чужим.\n",
			want: map[string]string{
				"title": "Концессия", "author": "Иван Петров", "date": "1975", "published": "1975",
				"source": "История дороги, М.: Политиздат, 1975", "original_language": "ru",
			},
		},
		{
			name: "french journal line",
			text: "La concession du chemin de fer\n\nRevue historique, t. 212, 1954, p. 45-67" + bodyFR,
			want: map[string]string{
				"title": "La concession du chemin de fer", "date": "1954", "published": "1954",
				"source": "Revue historique, t. 212, 1954, p. 45-67", "original_language": "fr",
			},
		},
		{
			name: "german journal line",
			text: "Die Bahnfrage\n\nHistorische Zeitschrift, Bd. 190 (1960), S. 1–20" + body,
			want: map[string]string{
				"title": "Die Bahnfrage", "date": "1960", "published": "1960",
				"source": "Historische Zeitschrift, Bd. 190 (1960), S. 1–20", "original_language": "en",
			},
		},
		{
			name: "labels alone on their lines, without colons",
			text: "The Long Road\n\nAbstract\n\nA short account of the road.\n\nSource\n\nSome Archive, box 4\n" + body,
			want: map[string]string{"title": "The Long Road", "source": "Some Archive, box 4", "original_language": "en"},
		},
		{
			name: "empty",
			text: "",
			want: map[string]string{},
		},
		{
			name: "damaged bytes and stray colons",
			text: "\xff\xfe:::\n\n: :\n\nSource: \xff\n\n::::\n",
			want: map[string]string{"source": "\xff"},
		},
	}
	fields := []string{"title", "author", "date", "published", "source", "translator", "original_language", "url"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, f := Read(doc(tt.text, tt.meta))
			if f == nil {
				t.Fatal("no finding")
			}
			if f.Kind != quellen.KindMetadata {
				t.Errorf("kind %q", f.Kind)
			}
			if len(f.Attrs) != len(fields) {
				t.Errorf("attrs %v, want exactly %v", f.Attrs, fields)
			}
			for _, k := range fields {
				v, ok := f.Attrs[k]
				if !ok {
					t.Errorf("attr %s missing", k)
				}
				got, _ := v.(string)
				if want := tt.want[k]; got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
				if v != nil && got == "" {
					t.Errorf("%s is an empty string, not nil", k)
				}
			}
			if m.Title != tt.want["title"] && tt.meta.Title == "" {
				t.Errorf("Metadata.Title %q, want %q", m.Title, tt.want["title"])
			}
			if f.Clean.Start < 0 || f.Clean.End > len(tt.text) || f.Clean.Start > f.Clean.End {
				t.Errorf("span %v outside the text of %d bytes", f.Clean, len(tt.text))
			}
			if f.Text == m.Title && m.Title != "" && tt.meta.Title == "" && strings.Join(strings.Fields(tt.text[f.Clean.Start:f.Clean.End]), " ") != m.Title {
				t.Errorf("span %v holds %q, not the title %q", f.Clean, tt.text[f.Clean.Start:f.Clean.End], m.Title)
			}
		})
	}
}

func TestReadRunningHeads(t *testing.T) {
	text := "Chapter 2\n\nA Chapter Title\n\nThe first line of the body text runs on here with words\n\nand more words on the next line of the body of the page\n\n" +
		"The second page of the body continues with ordinary words in it\n\n"
	heads := "58 Maria Gomez\n\nRoads and Rails 59\n\n60 Maria Gomez\n\nRoads and Rails 61\n"
	d := doc(text+heads, quellen.Metadata{})
	start := len(text)
	d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: start, End: len(d.Text)}, Kind: "running_head"})
	m, _ := Read(d)
	if m.Author != "Maria Gomez" || m.Source != "Roads and Rails" || m.Title != "A Chapter Title" {
		t.Errorf("got author %q, source %q, title %q", m.Author, m.Source, m.Title)
	}
	// Without the repair stage's blocks, the heads are found in the text.
	m, _ = Read(doc(text+heads, quellen.Metadata{}))
	if m.Author != "Maria Gomez" || m.Source != "Roads and Rails" {
		t.Errorf("unrepaired: got author %q, source %q", m.Author, m.Source)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{"", "Citation:\n\n\"X\", 11 May 1923.", "by A B (May 2020 - June 2021)", "Chapter 5\n\nX", "112 A B\n\nX Y 113\n\n114 A B", "Source : \xff", "Vol. 1, No. 2 · 3 May 1999", "Paris, X, 1954"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := doc(s, quellen.Metadata{})
		_, fd := Read(d)
		if fd == nil {
			t.Fatal("no finding")
		}
		if fd.Clean.Start < 0 || fd.Clean.End > len(s) || fd.Clean.Start > fd.Clean.End {
			t.Fatalf("span %v outside %d bytes", fd.Clean, len(s))
		}
	})
}

func BenchmarkRead(b *testing.B) {
	text := "\n\n11 May 1923\n\nMinutes of the Sitting\n\nCitation:\n\n\"Minutes\", 11 May 1923, Archive, f. 1, op. 2, d. 3. Translated by E. R. Smith.\n\n" + strings.Repeat(strings.TrimLeft(body, "\n"), 2000)
	d := doc(text, quellen.Metadata{})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Read(d)
	}
}
