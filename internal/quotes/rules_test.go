package quotes

import (
	"strings"
	"testing"

	"github.com/quellen/quellen"
)

// speakers returns the speaker of each top-level quotation of text, "∅"
// for none.
func speakers(text string) []string {
	var out []string
	for _, f := range (Extractor{}).Extract(doc(text)) {
		if f.Kind != quellen.KindQuote || f.Attrs["nested"] == true {
			continue
		}
		s := f.Attrs.String("speaker")
		if s == "" {
			s = "∅"
		}
		out = append(out, s)
	}
	return out
}

func TestSpeakerRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // speakers, " | " between
	}{
		// descriptions
		{"said the old man", "“Come in and sit by the fire,” said the old man.", "the old man"},
		{"the old man replied", "“Come in and sit by the fire,” the old man replied.", "the old man"},
		{"description ends at a participle", "“Come in and sit by the fire,” said the man, turning away.", "the man"},
		{"adjectives between commas", "“Come in and sit by the fire,” said a thin, elderly gentleman.", "a thin elderly gentleman"},
		{"one of them: nobody named", "“Come in and sit by the fire,” said one of their leaders.", "∅"},
		{"the other: no noun", "“Come in and sit by the fire,” said the other.", "∅"},
		{"an adverb is no person", "“Come in and sit by the fire,” said the host quietly.", "the host"},
		{"a description of a named role keeps the name", "Parson Tringham rode by.\n\n“Good night to you all,” said the parson.", "Parson Tringham"},
		// kin: the possessor's surname
		{"his wife of Mr. X", "Mr. Harlow came home late and sat down.\n\n“You are late again,” cried his wife.", "Mrs Harlow"},
		{"her husband of Mrs. X", "Mrs. Harlow came home late and sat down.\n\n“You are late again,” said her husband.", "Mr Harlow"},
		{"his wife with no one named: a description", "“You are late again,” cried his wife.", "his wife"},
		// the second part of a split quotation
		{"split quotation", "“My dear,” said his lady to him one day, “have you heard the news from town?”", "his lady | his lady"},
		// the subject of the narration before
		{"subject of the sentence before", "It was late when Peter Hale came in.\n\nPeter smiled at the window. “I know what you mean.”", "Peter Hale"},
		{"a name not the subject", "It was late when Peter Hale came in.\n\nThe letter came from Peter at last. “I know what you mean.”", "∅"},
		{"subject of a one-sentence paragraph", "It was late when Anna Kessel came in.\n\nAnna sighed.\n\n“I know what you mean.”", "Anna Kessel"},
		// dialogue: three voices, then alternation from the last two
		{"alternation after three voices",
			"“Where to?” asked Anna.\n\n“To the mill,” said Peter.\n\n“Why the mill?” said Anna.\n\n“For flour,” said Karl.\n\n“And then?”\n\n“Home again.”",
			"Anna | Peter | Anna | Karl | Anna | Karl"},
		// an unnamed narrator is a voice of the dialogue, then no one
		{"narrator in a dialogue",
			"“Yes, I will,” I said.\n\n“Good,” said Anna.\n\n“Then go now.”\n\n“I will go.”",
			"∅ | Anna | ∅ | Anna"},
		// pronouns in dialogue cues
		{"he: the man who spoke last",
			"“Sit down,” said Anna.\n\n“Thank you,” said Peter.\n\n“Are you cold?” he asked.",
			"Anna | Peter | Peter"},
		{"she: the woman who spoke last",
			"“Sit down,” said Anna.\n\n“Thank you,” said Peter.\n\n“Are you cold?” she asked.",
			"Anna | Peter | Anna"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(speakers(tt.text), " | ")
			if got != tt.want {
				t.Errorf("speakers = %q, want %q\n%s", got, tt.want, tt.text)
			}
		})
	}
}

func TestDescription(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"the girl", "the girl"},
		{"the old man", "the old man"},
		{"a thin, elderly gentleman", "a thin elderly gentleman"},
		{"the man, turning", "the man"},
		{"the girl her lips tense", "the girl"},
		{"the other", ""},
		{"the same", ""},
		{"the Chairman", ""},
		{"one of them", ""},
		{"the man quietly", "the man"},
		{"his step-son", "his step-son"},
		{"the", ""},
	}
	for _, tt := range tests {
		ts := tokens(tt.text, 0, len(tt.text), nil)
		got, _ := description(tt.text, ts, 0)
		if got != tt.want {
			t.Errorf("description(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestGivenNameGender(t *testing.T) {
	for n, want := range map[string]byte{"Mary Smith": 'f', "Peter": 'm', "Smith": 0, "": 0, "ANNA": 'f'} {
		if got := givenNameGender(n); got != want {
			t.Errorf("givenNameGender(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestGuessLangWords(t *testing.T) {
	for s, want := range map[string]string{
		"the cat and the dog were in the house":   "en",
		"Le chat et le chien sont dans la maison": "fr",
		"Der Hund und die Katze sind nicht hier":  "de",
		"Кошка и собака":                          "ru",
		"the le":                                  "",
		"":                                        "",
		"12345":                                   "",
	} {
		if got := guessLang(s); got != want {
			t.Errorf("guessLang(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestWordBagLower(t *testing.T) {
	got := wordBag("The THE the, Été été — x2 x2")
	want := map[string]int{"the": 3, "été": 2, "x2": 2}
	if len(got) != len(want) {
		t.Fatalf("wordBag = %v, want %v", got, want)
	}
	for w, k := range want {
		if got[w] != k {
			t.Errorf("wordBag[%q] = %d, want %d", w, got[w], k)
		}
	}
}
