package quotes

import (
	"slices"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
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
		{"said the old man", "“Come in and sit by the fire,” said the old man.", "old man"},
		{"the old man replied", "“Come in and sit by the fire,” the old man replied.", "old man"},
		{"description ends at a participle", "“Come in and sit by the fire,” said the man, turning away.", "man"},
		{"adjectives between commas", "“Come in and sit by the fire,” said a thin, elderly gentleman.", "thin elderly gentleman"},
		{"one of them: nobody named", "“Come in and sit by the fire,” said one of their leaders.", "∅"},
		{"the other: no noun", "“Come in and sit by the fire,” said the other.", "∅"},
		{"an adverb is no person", "“Come in and sit by the fire,” said the host quietly.", "host"},
		{"a description of a named role keeps the name", "Parson Pybus rode by.\n\n“Good night to you all,” said the parson.", "Parson Pybus"},
		// a sentence's first word in -ly or a lower-case compound is no
		// part of the name, though the text never writes it in lower case
		{"an adverb opening the sentence", "Nervously Harold said: “I am late.”", "Harold"},
		{"an adverb before a full name", "Gravely Harold Moss said: “I am late.”", "Harold Moss"},
		{"a lower-case compound opening the sentence", "Fifteen-year-old Jo said: “I am late.”", "Jo"},
		// a description of either sex takes the sex of the pronoun after it
		{"the stranger is the she who follows", "The stranger came up the hill at dusk. She carried her whole stock in a basket.\n\n“Ribbons and thread,” she cried.", "stranger"},
		// a month or a place named before the pronoun is no other person
		{"the stranger is the he after a month and a place", "The stranger arrived late in October, on a wet evening, across the moor from Eastwick, carrying a leather case in his left hand.\n\n“A bed and some supper,” he said.", "stranger"},
		{"the stranger is not the he after another man", "The stranger arrived late in October with Mr. Oakes, carrying a leather case in his left hand.\n\n“A bed and some supper,” he said.", "∅"},
		// a description the conversation read as a named voice is that
		// voice where it speaks again alone
		{"a resolved description elsewhere",
			"“Mend your net?” said Peter.\n\n“How much?” asked the gentleman.\n\n“Ten cents,” said Peter.\n\n“Then be quick,” said Hartley.\n\n" +
				strings.Repeat("The street was long and the rain fell on the roofs of the houses all day. ", 20) + "\n\n“Good day to you,” said the gentleman.",
			"Peter | Hartley | Peter | Hartley | Hartley"},
		// a possessive kin description is never the one it belongs to
		{"her mother is not the one called before",
			"Mrs Ashdown sat by the window, and her husband read by the fire.\n\n“Will the rain stop?” asked Mr Ashdown.\n\n“Perhaps,” said Clara.\n\n“I hope it stops by noon, Clara.”\n\n“We cannot know that yet,” said her mother.",
			"Mr Ashdown | Clara | Mr Ashdown | Mrs Ashdown"},
		// a possessive description the narration sets before one name is
		// that person
		{"his sister, Maud", "Edwin walked home over the hill with his sister, Maud, at dusk.\n\n“Are you tired?” asked his sister.", "Maud"},
		{"his brother Ivo, no comma", "Edwin walked home over the hill with his brother Ivo at dusk.\n\n“Are you tired?” asked his brother.", "Ivo"},
		{"a description set after a name: 'Maud, his young sister,'", "Edwin came in with Maud, his young sister, at dusk.\n\n“Are you tired?” asked his young sister.", "Maud"},
		{"a description after a name must close there", "Edwin came in with Maud, his sister who sang, at dusk.\n\n“Are you tired?” asked his sister.", "his sister"},
		{"two names for one description: neither", "Edwin walked home with his sister, Maud, and later with his sister, Ada.\n\n“Are you tired?” asked his sister.", "his sister"},
		// the second part of a split quotation follows its turn's voice
		{"split quotation of a resolved description",
			"“Mend your net?” said Peter.\n\n“How much,” asked the gentleman, “for both?”\n\n“Ten cents,” said Peter.\n\n“Then be quick,” said Hartley.",
			"Peter | Hartley | Hartley | Peter | Hartley"},
		// kin: the possessor's surname
		{"his wife of Mr. X", "Mr. Harlow came home late and sat down.\n\n“You are late again,” cried his wife.", "Mrs Harlow"},
		{"her husband of Mrs. X", "Mrs. Harlow came home late and sat down.\n\n“You are late again,” said her husband.", "Mr Harlow"},
		{"his wife with no one named: a description", "“You are late again,” cried his wife.", "his wife"},
		{"his lady of the one she speaks to", "Mr. Hollis read the paper.\n\n“My dear Mr. Hollis,” said his lady to him one day.", "Mrs Hollis"},
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
		// names beside the verb
		{"said Good: a capitalised word after the verb is a name",
			"“Three years,” said Good.", "Good"},
		{"Good said", "“Three years,” Good said.", "Good"},
		// titles keep people apart; a titled given name is the full name
		{"Mr. and Mrs. share a surname",
			"Mr. Hollis read. Mrs. Hollis sewed.\n\n“My dear,” said Mrs. Hollis.\n\n“Yes?” said Mr. Hollis.",
			"Mrs Hollis | Mr Hollis"},
		{"Mrs. is not the daughter named in full",
			"Katharine Hilbery poured the tea, and Katharine smiled.\n\n“More tea?” said Mrs. Hilbery.", "Mrs Hilbery"},
		{"Sir Henry is Henry Curtis",
			"Henry Curtis sat by the fire.\n\n“It is odd,” said Sir Henry.", "Henry Curtis"},
		{"a given name alone is the one full name it begins",
			"Marilla Cuthbert and Matthew Cuthbert lived there.\n\n“It is late,” said Marilla.", "Marilla Cuthbert"},
		// conversation: alternation, vocatives, pronouns
		{"cue-less turns alternate between the two voices",
			"“Good night,” said Anna.\n\n“Good night,” said Peter.\n\n“Where are you going?”\n\n“Home.”\n\n“So late?”",
			"Anna | Peter | Anna | Peter | Anna"},
		{"the one called by name answers",
			"“Well,” said Anna.\n\n“Well,” said Peter.\n\n“Peter, listen to me.”\n\n“I am listening.”",
			"Anna | Peter | Anna | Peter"},
		{"a name called out makes a cue-less start",
			"“Peter, is that you?”\n\n“It is,” said Peter.\n\n“Come in, then.”",
			"∅ | Peter | ∅"},
		{"a turn does not speak to itself",
			"“Well,” said Anna.\n\n“Well,” said Peter.\n\n“Anna, listen to me.”", "Anna | Peter | Peter"},
		{"he: the man the last turn called by name, not the one who called",
			"“Good night,” said Jack Crouchley.\n\n“Good night,” said Parson Pybus.\n\n“How long have you known it, Parson Pybus?”\n\nThe evening was still and the road was empty.\n\n“Some weeks,” said he.",
			"Jack Crouchley | Parson Pybus | Jack Crouchley | Parson Pybus"},
		{"he: the antecedent right before wins",
			"“Sit down,” said Anna.\n\n“Thank you,” said Peter.\n\nKarl came in and shut the door.\n\n“It is cold,” he said.",
			"Anna | Peter | Karl"},
		{"she: a woman the narration describes",
			"A girl sat on the stile.\n\n“What are you doing?” she asked.\n\n“Walking,” said Tom.",
			"girl | Tom"},
		{"the subject of the narration before speaks",
			"“Ready?” said Anna.\n\n“Yes,” said Peter.\n\nAnna laughed.\n\n“Then come.”", "Anna | Peter | Anna"},
		// the narrator named by the dialogue
		{"the narrator is the one the others call by name",
			"“Wedlock suits you,” said Holmes.\n\n“Seven pounds,” I answered.\n\n“I think, Watson, that you have put on weight.”\n\n“Indeed,” I said.\n\n“And you, Watson, walk again.”",
			"Holmes | Watson | Holmes | Watson | Holmes"},
		{"a narrator nobody names is no one",
			"“Yes,” I said.\n\n“Good,” said Anna.", "∅ | Anna"},
		// what is no speaker
		{"a heading is no subject", "The Missing Heir.\n\n“Uncle, you are not looking well.”", "∅"},
		{"the Lusitania is no person",
			"The Lusitania was sinking.\n\n“Women and children first!” he cried.", "∅"},
		{"his advice is his",
			"Mr. Beebe leaned forward.\n\n“Do not neglect the country round,” his advice concluded.", "Beebe"},
		{"a heading in capitals is no part of a name",
			"A SCANDAL IN BOHEMIA I. To Sherlock Holmes she is always the woman.\n\n“Wedlock suits you,” said Holmes.",
			"Sherlock Holmes"},
		{"a word the text writes in lower case opens no name",
			"Finally Tom came in. He sat down, finally.\n\n“I am late,” said Tom.", "Tom"},
		{"a cue split off by the question mark",
			"Peter Hale came in.\n\n“What do you want?”\nhe asked.", "Peter Hale"},
		// pet forms and spellings of given names: one person
		{"a pet form is the one full name of its given name",
			"Henry Wotton sat by the fire.\n\n“It is odd,” said Harry.", "Henry Wotton"},
		{"Carrie is Caroline Meeber",
			"Caroline Meeber boarded the train.\n\n“I am going to Chicago,” said Carrie.", "Caroline Meeber"},
		{"two Henrys: the pet form stays as written",
			"Henry Wotton and Henry Fleming sat by the fire.\n\n“It is odd,” said Harry.", "Harry"},
		{"a given name of its own is no pet form of another's",
			"Henry Curtis and Harry Quatermain sat by the fire.\n\n“It is odd,” said Harry.", "Harry Quatermain"},
		{"Lord Harry is Henry Wotton",
			"Henry Wotton sat by the fire.\n\n“It is odd,” said Lord Harry.", "Henry Wotton"},
		{"Jack and John of one surname are one person, as first written",
			"Jack Crouchley walked home. John Crouchley was tired.\n\n“Good night,” said Crouchley.\n\n“Good night,” said Sir John.",
			"Jack Crouchley | Jack Crouchley"},
		{"Jack and John of two surnames stay apart",
			"Jack Crouchley and John Reed walked home.\n\n“Good night,” said John.", "John Reed"},
		{"Mr. and Mrs. stay apart beside a pet form",
			"Mr. Hollis read. Mrs. Hollis sewed. Lizzy Hollis sang.\n\n“My dear,” said Mrs. Hollis.\n\n“Yes?” said Mr. Hollis.\n\n“Papa!” said Elizabeth.",
			"Mrs Hollis | Mr Hollis | Lizzy Hollis"},
		// a rank title makes no second person
		{"Sergeant and Citoyen Bibot are one",
			"“Halt!” said Sergeant Bibot.\n\n“Who goes there?” said Citoyen Bibot.", "Bibot | Bibot"},
		// a description of kinship is the one the text gives that title
		{"his uncle is the one called Uncle",
			"Uncle John Linden came in and sat down.\n\n“I am tired,” said his uncle.", "John Linden"},
		{"two uncles: his uncle stays a description",
			"Uncle John Linden and Uncle Peter Hale came in.\n\n“I am tired,” said his uncle.", "his uncle"},
		// what is no speaker
		{"said I. is the narrator, not an initial",
			"“Who?” said I.\n\n“Mr. Cotter here has just told us,” said Anna.", "∅ | Anna"},
		{"a heading before a chapter's numeral is no name",
			"The Wild Land I One January day the town was cold.\n\n“My kitten!” cried the boy.", "boy"},
		// a cue's other names are not its speaker
		{"said the gentleman, surveying Ned: not Ned",
			"“Mend your net?” said Ned.\n\n“How much?” asked a gentleman.\n\n“Ten cents,” said Ned.\n\n“What tailor do you use?” asked the gentleman, surveying Ned.",
			"Ned | gentleman | Ned | gentleman"},
		// the people of the scene are the voices the cues do not name
		{"the voice the cues do not name is the one the scene names",
			"Mary Hart sat by the fire with her father, and Mary was sad.\n\n“Poor Mrs. Weir, I wish she were here again,” said the old man.\n\n“I cannot agree with you, papa; you know I cannot.”\n\n“A house of her own, but where is the advantage?”\n\n“Yes, papa, her own house, and a good one.”",
			"old man | Mary Hart | old man | Mary Hart"},
		{"a place the scene names is no voice",
			"They came to Camden Mall at noon, and Camden Mall was empty.\n\n“Poor Mrs. Weir, I wish she were here again,” said the old man.\n\n“I cannot agree with you, papa; you know I cannot.”\n\n“A house of her own, but where is the advantage?”",
			"old man | ∅ | old man"},
		// the one called out answers, even after the caller's second turn
		{"the one called out answers after the caller goes on",
			"“Good day to you all,” said Peter.\n\n“Karl, come here,” said Anna.\n\nAnna went to the window.\n\n“Look at the snow.”\n\n“It is deep tonight.”",
			"Peter | Anna | Anna | Karl"},
		// a description and a name in one place of the dialogue: one voice
		{"the gentleman who bargains is the one named later",
			"“Shine your boots, sir?” said Peter.\n\n“How much?” asked the gentleman.\n\n“Ten cents,” said Peter.\n\n“Too much,” said the gentleman.\n\n“It is the price,” said Peter.\n\n“Then be quick,” said Hartley.",
			"Peter | Hartley | Peter | Hartley | Peter | Hartley"},
		{"a description the name answers is another person",
			"“Shine your boots, sir?” said Peter.\n\n“How much?” asked the gentleman.\n\n“Ten cents,” said Hartley.\n\n“Too much,” said the gentleman.",
			"Peter | gentleman | Hartley | gentleman"},
		// a pronoun after a name and its appositive ("Wilma, her maid,")
		// is the one the appositive's possessive points at
		{"a pronoun is not the name of an appositive of another's",
			"Mrs. Dunmore lit the lamp and went down to the cellar. When the soup was on the stove, and Wilma, her young maid, had swept the hall, she laid the table in the parlour.\n\n“Shall I take your coat, sir?” she said.",
			"Dunmore"},
		{"an absolute phrase is no appositive",
			"Mrs. Dunmore lit the lamp and went down to the cellar. When the soup was on the stove, and Wilma, her hands in her apron, had come back, she laid the table in the parlour.\n\n“Shall I take your coat, sir?” she said.",
			"Wilma"},
		// a title that is a role: the one doctor the text names is "the
		// doctor"; of two, neither
		{"the doctor is the one Dr.", "Dr. Walter Pryce sat in his surgery when Jonas Marsh came in.\n\n“Is it urgent?” the doctor asked.", "Walter Pryce"},
		// "his wife" whose "his" the narration does not give: the wife of
		// the man who spoke last
		{"his wife of the man who spoke last",
			"“Is the carriage ready?” asked Mr. Ashby.\n\n" + strings.Repeat("The rain fell on the roofs all day. ", 41) + "\n\n“It is not, and the mare is lame,” cried his wife.",
			"Ashby | Mrs Ashby"},
		{"his wife where no man spoke",
			"“Is the carriage ready?” asked Nell.\n\n" + strings.Repeat("The rain fell on the roofs all day. ", 41) + "\n\n“It is not, and the mare is lame,” cried his wife.",
			"Nell | his wife"},
		// "Miss Clarissa" beside "Miss Thornley": two sisters, the eldest
		// by the surname
		{"Miss Surname beside Miss Given is the eldest sister",
			"Miss Thornley and her sister Miss Clarissa sat in the parlour. Clarissa Thornley was the younger.\n\n“Is the coach here?” asked Miss Thornley.\n\n“It is,” replied Miss Clarissa.",
			"Miss Thornley | Clarissa Thornley"},
		{"Miss Surname of the one full name",
			"Clarissa Thornley sat in the parlour.\n\n“Is the coach here?” asked Miss Thornley.",
			"Clarissa Thornley"},
		{"advised is a verb of saying", "“Say it plainly,” advised Ruth.", "Ruth"},
		// "heard her say": the one heard speaks, and she is not the one
		// who hears
		{"the one heard speaks", "Mrs. Ollander stepped onto the quay with the harbourmaster.\n\n“The letters have not come again,” Tobias heard her say.", "Ollander"},
		{"the one heard speaks, cue before", "Mrs. Corley sat by the window. Rupert heard her tell her guests: “My son is a great comfort to me.”", "Corley"},
		{"the one spoken to does not speak", "Mrs. Corley sat by the window. “The hills are steep,” Rupert said to her.", "Rupert"},
		// a word of saying after an article is a noun: no description
		// before it ("a harsh" is nobody)
		{"came a harsh reply", "“Not likely!” came a harsh reply.", "∅"},
		{"the old man replied, a verb", "“Not likely!” the old man replied.", "old man"},
		// an auxiliary between the description and its verb
		{"his mother had replied", "“Jasper, do not be foolish,” his mother had replied.", "his mother"},
		// "he" after the sentence right before the quotation: its subject,
		// though another man has been named more
		{"the pronoun's antecedent in the sentence before",
			"“I have been thinking of the sea,” said Edmund Vane.\n\n“Of the harbour,” said Edmund Vane again. Edmund Vane smiled at the thought.\n\nArthur Pell gave a short laugh. “How very strange,” he said.",
			"Edmund Vane | Edmund Vane | Arthur Pell"},
		// "X verbed Y and said": X, the subject of both verbs
		{"the subject of two verbs, not the object of the first", "Dr. Pryce came in from the rain. He led Marsh into the kitchen and said quietly: “Your son has a fever.”", "Pryce"},
		{"a name given the letter is no subject", "Ralph gave Ann the letter and said: “Read it to me.”", "Ralph"},
		{"a clause before the subject keeps the nearest", "When Ralph came in, Ann rose and said: “Sit down by the fire.”", "Ann"},
		{"a description of the other sex is not the name",
			"“Shine your boots, sir?” said Peter.\n\n“How much?” asked the lady.\n\n“Ten cents,” said Peter.\n\n“Too much,” said the lady.\n\n“It is the price,” said Peter.\n\n“Then be quick,” said Mr. Hartley.",
			"Peter | lady | Peter | lady | Peter | Hartley"},
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

func TestWordHashesLower(t *testing.T) {
	got := wordHashes("The THE the, Été été — x2 x2")
	want := wordHashes("the the the été été x2 x2")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) != 7 {
		t.Fatalf("wordHashes = %v, want %v", got, want)
	}
	sorted := func(s string) []uint64 { h := wordHashes(s); slices.Sort(h); return h }
	if c := hashContainment(sorted("a ledger, not a rumour"), sorted("The Committee has before it a ledger, not a rumour.")); c != 1 {
		t.Errorf("containment = %v, want 1", c)
	}
	if c := hashContainment(sorted("a a b"), sorted("a b")); c < 0.66 || c > 0.67 {
		t.Errorf("containment counts repeated words: %v", c)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":             "plain words",
		"  lead and trail  ":      "lead and trail",
		"two\nlines\n\nand  gaps": "two lines and gaps",
		"no\u00a0break\tspace":    "no break space",
		"curly “marks” stay":      "curly “marks” stay",
		"bad \xff byte":           "bad \uFFFD byte",
		" \n ":                    "",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLineModeSameVoice reads text set one sentence a line, each line a
// paragraph, as LitBank gives it: a quotation ending its line with
// narration after it may go on one paragraph with the next turn.
func TestLineModeSameVoice(t *testing.T) {
	got := lineSpeakers("“Where to?” asked Anna.\nPeter said: “To the mill.”\n“Why the mill?\nIt is far.”\nAnna looked out at the wind.\n“And so late?\nIt is dark.”\n“It is not so dark.”")
	// the narration before the fourth turn makes Anna its subject: she goes
	// on, across the line of narration; the fifth, right after her, is Peter
	// (the second turn's cue stands before it: after “…,” said Peter. the
	// next line would more likely be Peter's still)
	want := []string{"Anna", "Peter", "Anna", "Anna", "Peter"}
	if !slices.Equal(got, want) {
		t.Errorf("speakers = %q, want %q", got, want)
	}
}

// lineSpeakers returns the speaker of each top-level quotation of text
// set one sentence a line, each line a paragraph.
func lineSpeakers(text string) []string {
	d := doc(text)
	off := 0
	for _, ln := range strings.Split(text, "\n") {
		d.Paras = append(d.Paras, extract.Para{Span: quellen.Span{Start: off, End: off + len(ln)}, Kind: "paragraph", Lang: "en"})
		off += len(ln) + 1
	}
	var got []string
	for _, f := range (Extractor{}).Extract(d) {
		if f.Kind == quellen.KindQuote && f.Attrs["nested"] != true {
			got = append(got, f.Attrs.String("speaker"))
		}
	}
	return got
}

// TestDescResolvedVoice: a description whose cue the conversation gives
// to a named voice ("said the man with the sack": Abel Crouch) is
// no voice of its own in the turns after.
func TestDescResolvedVoice(t *testing.T) {
	got := lineSpeakers("Abel Crouch walked home along the lane.\n“Evening to ye,” said the man with the sack.\n“Good evening, Lord Abel,” said Canon Pybus.\n“Why do you call me that?\nI am plain Abel,” said Crouch.\n“It was only my whim.\nA whim, no more.”\nThe road was empty.\n“A whim, sir?\nI never heard it.”\n“Yes, a whim of mine.\nNothing more.”\nThe evening was still.\n“Then good night.\nGood night to you.”\n“Good night.\nGood night.”")
	if len(got) != 8 || got[0] != "Abel Crouch" {
		t.Fatalf("speakers = %q", got)
	}
	for i, s := range got {
		if s != "Abel Crouch" && s != "Canon Pybus" {
			t.Errorf("turn %d: speaker %q, want one of the two named voices (all %q)", i, s, got)
		}
	}
}

// TestLineConversationRules: the turn-taking of a conversation set one
// sentence a line.
func TestLineConversationRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // speakers, " | " between
	}{
		// one voice going on over two turns keeps the one it speaks with,
		// who answers it next, not a third voice heard before
		{"the other voice answers after one voice went on",
			"“I will be back before dark.\nKeep the fire going,” said Carl, and he went out.\nThe door closed behind him.\n“Are you tired?\nYou look pale,” said Anna.\n“A little,” said Berta.\n“Then rest a while,” said Anna.\nShe went to the window.\n“The snow is deep tonight.\nDeeper than last year.”\n“It will be gone by spring.”\n“Not this year.”",
			"Carl | Anna | Berta | Anna | Anna | Berta | Anna"},
		// “…,” said she. / “…”: one paragraph of one voice, cut in two
		{"the voice goes on after a line ending in its cue",
			"Jonas and Maren stood by the gate.\n“Will it rain tonight?\nThe wind is up,” said Jonas.\n“I think it will,” said Maren.\n“The sky is dark over the hill,” said she.\n“We should go in.\nIt will start soon.”\n“Yes, let us go.”",
			"Jonas | Maren | Maren | Maren | Jonas"},
		// a name called out names the description beside it: the one
		// woman described is the Clara her son answers
		{"a name called out names the one description of its sex",
			"Edwin lay on the sofa and watched his mother sew.\n“Edwin.”\n“Yes, Clara.”\n“Fetch me the blue thread from the drawer.”\n“This one?”\n“No, the darker one, Edwin.”",
			"Clara | Edwin | Clara | Edwin | Clara"},
		// and a word of kinship called out, where the text has one aunt
		{"a kin word called out names the description",
			"Harry sat on the step and mended his net.\nThe old lady came out with a basket.\n“Who took the eggs?” she asked.\n“The fox, aunt.”\n“A fox with boots on.”\n“It was a big fox.”\nHis aunt Clara laughed.",
			"Clara | Harry | Clara | Harry"},
		// not where the one described calls the name out herself
		{"the one described calls the name out",
			"Edwin sat by the window with his book.\nThe old nurse came into the room.\n“Clara!” she called.\n“She is not here,” said Edwin.\n“Then where is she?”\n“In the garden.”",
			"old nurse | Edwin | old nurse | Edwin"},
		// a description a cue gives is the name the voice beside it calls
		// out, where that name speaks no turn of its own
		{"a cued description is the name called out beside it",
			"The vicar came to tea on Sunday.\n“Your roses are finer than ever, Mrs. Hollis,” said the vicar.\n“The rain has been kind to them,” said the tall lady.\n“And the sun, I hope.”",
			"vicar | Hollis | vicar"},
		// the one a turn calls out spoke the turn before it
		{"the one called out spoke the turn before",
			"Ralph, Anna and Edith sat by the fire in the kitchen.\n“The supper is cold again, and the bread is stale.”\n“I am sorry for it, Edith.”\n“Sorry will not warm it.”",
			"Edith | Ralph | Edith"},
		// a quotation split by its cue across a line is one turn of one
		// voice: the second part has the first part's voice
		{"the second part of a quotation split across a line",
			"Otto counted the crates on the ferry deck.\n“Tie them down, lad,” said a hoarse voice.\nOtto looked up.\n“Tie them down, I said!”\nsaid the skipper sharply; “the river is rising with every hour.”\n“Which side first?”\nasked Otto.\n“The landward side.”\n“The landward side!\nThen I need the long rope.”",
			"hoarse voice | skipper | skipper | Otto | skipper | Otto"},
		// a description of either sex ("his cousin") may be the named
		// voice the exchange points at (called out by the turn before)
		{"his cousin is the voice called out",
			"Gerald Wren and Edith Carrow stood at the window.\n“Will you walk with me?” asked Gerald.\n“Not today,” said Edith.\n“Then tomorrow, Edith?” asked Gerald.\n“Perhaps,” said his cousin.\n“I shall hold you to it,” said Gerald.",
			"Gerald Wren | Edith Carrow | Gerald Wren | Edith Carrow | Gerald Wren"},
		{"his cousin where no other voice is named",
			"Gerald Wren stood at the window.\n“Will you walk with me?” asked Gerald.\n“Not today,” said his cousin.\n“Then tomorrow?”\n“Perhaps.”",
			"Gerald Wren | his cousin | Gerald Wren | his cousin"},
		// but a question is answered by the other voice
		{"a question is answered by the other voice",
			"Jonas and Maren stood by the gate.\n“The sky is dark.\nThe wind is up,” said Jonas.\n“It is,” said Maren.\n“Will it rain tonight?” asked Jonas.\n“I think it will.\nSoon.”\n“Then we go in.”",
			"Jonas | Maren | Jonas | Maren | Jonas"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(lineSpeakers(tc.text), " | "); got != tc.want {
				t.Errorf("speakers = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSentenceInitial: a word after a sentence's end and the closing
// marks or bracket after it opens a sentence ("… late.)\nOn, on, on.",
// "… there.’\nOn"): no name for being capitalised.
func TestSentenceInitial(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"( It was growing late . )\nDown", true},
		{"she said it was there . ’\nDown", true},
		{"“ Who is at the gate ? ”\n“ Nothing", true},
		{"he met the Smiths ( see Kate ) Down", false},
		{"he said to ‘ Down", false},
		{"he called on Down", false},
	} {
		s := len(tc.text) - len("Down")
		if strings.HasSuffix(tc.text, "Nothing") {
			s = len(tc.text) - len("Nothing")
		}
		if got := sentenceInitial(tc.text, s, 0); got != tc.want {
			t.Errorf("sentenceInitial(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// a quotation of one answer word and a name is speech, not a title
	if got := speakers("“Yes, Clara.”\n\nHe rose from his chair."); len(got) != 1 {
		t.Errorf("“Yes, Clara.”: %d quotations, want 1", len(got))
	}
}

// TestCalledVoices: a conversation's voices take a name called out for
// the one description of its sex no cue gives ("his mother" and “Yes,
// Clara.”), but not in a scene where more are called or named.
func TestCalledVoices(t *testing.T) {
	q := &qdoc{gender: map[string]byte{}}
	talk := []*turn{{}, {addr: "Clara"}, {}, {far: "his mother"}}
	got := q.calledVoices(talk, []string{"Clara", "his mother", "Tarvel"})
	if strings.Join(got, " | ") != "Clara | Tarvel" || talk[3].far != "Clara" {
		t.Errorf("parts = %q, far = %q; want Clara | Tarvel, Clara", got, talk[3].far)
	}
	// a cue gives the description: a voice of its own
	talk = []*turn{{named: "his mother"}, {addr: "Clara"}, {}}
	if got := q.calledVoices(talk, []string{"his mother", "Clara", "Tarvel"}); len(got) != 3 {
		t.Errorf("cued description merged: %q", got)
	}
	// two descriptions of her sex: which, the text does not say
	talk = []*turn{{}, {addr: "Clara"}, {}}
	if got := q.calledVoices(talk, []string{"his mother", "the old nurse", "Clara"}); len(got) != 3 {
		t.Errorf("one of two descriptions merged: %q", got)
	}
	// three people called or named: a scene of several
	talk = []*turn{{named: "Tarvel"}, {addr: "Clara"}, {addr: "Jonas"}}
	if got := q.calledVoices(talk, []string{"his mother", "Clara", "Tarvel", "Jonas"}); len(got) != 4 {
		t.Errorf("merged in a scene of several: %q", got)
	}
}

// TestCallsSurname: a turn calling out a surname ("Have a sweet, Marsk")
// is not spoken by the one of that surname the conversation names in
// full, where the surname alone is no one name (a daughter shares it).
func TestCallsSurname(t *testing.T) {
	got := lineSpeakers("Peter Marsk left his daughter Thea Marsk at the farm and rode to the mill, where Jonas Hale was loading sacks.\n“Is the flour ready?” asked Peter Marsk.\n“Ten sacks of it,” said Hale.\nThe two men carried them out to the cart.\n“Take an apple for the road, Marsk,” he said.\n“Thank you.”")
	if len(got) != 4 || got[2] != "Jonas Hale" {
		t.Errorf("speakers = %q, want Jonas Hale third", got)
	}
	for _, tc := range []struct {
		addr, name string
		want       bool
	}{
		{"Marsk", "Peter Marsk", true},
		{"Peter", "Peter Marsk", false}, // a given name is no surname
		{"Marsk", "the old man", false},
	} {
		if got := calls(tc.addr, tc.name); got != tc.want {
			t.Errorf("calls(%q, %q) = %v", tc.addr, tc.name, got)
		}
	}
}

// TestTitleRoles: a role noun stands for the one person the text gives it
// as a title ("Dr. Walter Pryce": the doctor), for no one where two bear
// it, and never over a role set beside a name.
func TestTitleRoles(t *testing.T) {
	for _, tc := range []struct{ text, role, want string }{
		{"Dr. Walter Pryce sat in his surgery.", "doctor", "Walter Pryce"},
		{"Dr. Walter Pryce and Dr. Ella Blake sat in the surgery.", "doctor", ""},
		{"Captain Ormond and Dr. Pryce sat in the surgery.", "captain", "Ormond"},
		{"The doctor, Ella Blake, came in. Dr. Walter Pryce followed her.", "doctor", "Ella Blake"},
		{"Mr. Walter Pryce sat in his surgery.", "doctor", ""},
	} {
		ms, _ := findMentions(doc(tc.text))
		if got := buildAliases(tc.text, ms).roles[tc.role]; got != tc.want {
			t.Errorf("%q: roles[%q] = %q, want %q", tc.text, tc.role, got, tc.want)
		}
	}
}
