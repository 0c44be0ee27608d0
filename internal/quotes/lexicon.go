package quotes

import "strings"

// The lexicons below are general words of English, French, German and
// Russian: verbs of saying, titles, role nouns, document nouns. None of
// them names a person, place or text of any document.

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[strings.ToLower(w)] = true
	}
	return m
}

// speechVerbs are the forms of verbs that introduce or attribute words.
var speechVerbs = set(`
say says said saying tell tells told telling write writes wrote written writing
state states stated declare declares declared assert asserts asserted claim claims claimed
add adds added reply replies replied answer answers answered respond responds responded
remark remarks remarked observe observes observed note notes noted report reports reported
announce announces announced insist insists insisted argue argues argued admit admits admitted
deny denies denied explain explains explained cry cries cried exclaim exclaims exclaimed
shout shouts shouted whisper whispers whispered murmur murmurs murmured mutter mutters muttered
ask asks asked inquire inquires inquired enquired demand demands demanded call calls called
describe describes described quote quotes quoted cite cites cited repeat repeats repeated
complain complains complained protest protests protested continue continues continued
suggest suggests suggested concede concedes conceded warn warns warned urge urges urged
promise promises promised confess confesses confessed recall recalls recalled proclaim
proclaims proclaimed testify testifies testified retort retorts retorted interrupt interrupts
interrupted plead pleads pleaded conclude concludes concluded sigh sighs sighed laugh laughs
laughed snap snapped groan groaned gasp gasped cry called sob sobbed breathe breathed
speak speaks spoke spoken put puts read reads telegraphed wired affirm affirms affirmed
maintain maintains maintained allege alleges alleged contend contends contended
thought think thinks wonder wondered exclaim reply rejoined rejoin rejoins returned
began begins resumed went observed found finds concluded pronounced recorded
prints printed publish publishes published writes
dit dis disait dirent déclare déclara déclaré écrit écrivit écrivait écrivais répond répondit
répondis répondait répondu ajoute ajouta ajoutait affirme affirma affirmait s'écria s'écrie
demande demanda demandait murmura murmure cite cita raconte raconta prononça prononce
lisait lit lut explique expliqua expliquait assure assura assurait remarque remarqua
observa observe note nota protesta proteste conclut répliqua réplique insista insiste
telegraphia télégraphia annonça annonce déclarait criait cria souffla reprit
sagte sagt sagten schrieb schreibt erklärte erklärt meinte meint antwortete antwortet
fragte fragt rief ruft betonte betont behauptete behauptet fügte schrieben
сказал сказала сказали говорит говорил говорила писал писала пишет заявил заявила
ответил ответила отметил отметила спросил спросила добавил добавила воскликнул
объяснил объяснила утверждал утверждает подчеркнул
hint hints hinted drawl drawls drawled sneer sneers sneered scoff scoffs scoffed growl growls growled
grumble grumbles grumbled stammer stammers stammered falter falters faltered snarl snarls snarled
roar roars roared bellow bellows bellowed scream screams screamed shriek shrieks shrieked yell yells yelled
persist persists persisted venture ventures ventured query queries queried echo echoes echoed
muse muses mused comment comments commented interpose interposes interposed pursue pursues pursued
ejaculate ejaculated whimper whimpers whimpered lisp lisps lisped pant pants panted wail wails wailed
moan moans moaned hiss hisses hissed bark barks barked boom booms boomed blurt blurts blurted
tease teases teased coax coaxes coaxed beg begs begged implore implores implored demur demurs demurred
object objects objected assent assents assented interject interjects interjected counter counters countered
chuckle chuckles chuckled giggle giggles giggled squeal squeals squealed chirp chirps chirped
stutter stutters stuttered rejoined agreed agree agrees
advise advises advised instruct instructs instructed sang
`)

// verbPrefixes catch inflections the list misses (English only).
var verbStems = []string{"declar", "assert", "insist", "exclaim", "whisper", "murmur", "mutter", "shout", "repli", "respond", "remark", "observ", "announc", "explain", "protest", "complain", "testif", "proclaim", "retort"}

// lowerASCII reports whether w is lower-case ASCII already.
func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// elisions are the French elided pronouns a verb may carry (m'a dit).
var elisions = []string{"m'", "m’", "l'", "l’", "n'", "n’", "s'", "s’", "j'", "j’", "t'", "t’", "qu'", "qu’"}

func isSpeechVerb(w string) bool {
	if inSet(speechVerbs, w) {
		return true
	}
	if len(w) < 4 {
		return false
	}
	if !lowerASCII(w) {
		w = strings.ToLower(w)
	}
	if strings.ContainsAny(w, "'’") {
		for _, el := range elisions {
			if strings.HasPrefix(w, el) && len(w) > len(el)+2 {
				w = w[len(el):]
				break
			}
		}
	}
	if speechVerbs[w] {
		return true
	}
	for _, s := range verbStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// weakVerbs attribute only when a name stands right by them (fiction's
// "returned Mr. Utterson"), never from afar.
var weakVerbs = set(`continue continues continued began begins resumed went returned put puts
thought think thinks wonder wondered read reads call calls called prints printed publish publishes published`)

// wordVerbs say that what follows is a word cited or rendered, not words
// spoken: "renders as", "the word", "voulait dire".
var wordCues = set(`word words term terms expression label labels phrase name named renders render rendered
translates translated translate means meaning meant signifies mot mots terme expression traduit
traduisait rendit rend signifie wort begriff слово термин so-called so-styled soi-disant prétendu
prétendue prétendus prétendues пресловутый dubbed nicknamed styled`)

// soCalled are words that, right before a quotation, make it ironic.
var soCalled = set(`so-called so-styled soi-disant prétendu prétendue prétendus prétendues sogenannte
sogenannten sogenannter так называемый называемая называемые пресловутый self-styled alleged`)

// articles may stand between a preposition and a name.
var articles = set(`the a an le la les l' des du der die das den dem`)

// titles precede a person's name.
var titles = set(`Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Lady Lord Dame M. MM. Mme Mme. Mlle Mlle.
Com. Comrade Comrades Deputy Commissioner Engineer Herr Frau Fräulein Gen. General Col. Colonel Capt. Captain
Lt. Lieutenant Sgt. Sergeant Major President Senator Judge Justice Father Brother Sister Saint St. Rev. Reverend
Monsieur Madame Mademoiselle Maître Me. Docteur Dr.
тов. товарищ г-н гражданин Tov. Tov Citizen King Queen Prince Princess Count Countess Baron Baroness Duke Duchess
Uncle Aunt Aunty Mister Mistress Master Squire Madam Mother Mama Papa Mamma
Citoyen Citoyenne Corporal Cpl. Commander Cmdr. Governor Gov. Bishop Doctor`)

// maleTitles and femaleTitles give a titled name its gender.
var maleTitles = set(`Mr Mr. M. MM. Sir Lord Herr Monsieur Father Brother King Prince Count Baron Duke Uncle Master Mister Squire Papa Citoyen`)
var femaleTitles = set(`Mrs Mrs. Ms Ms. Miss Lady Dame Mme Mme. Mlle Mlle. Frau Fräulein Madame Mademoiselle Sister Queen Princess Countess Baroness Duchess Aunt Aunty Mistress Madam Mother Mama Mamma Citoyenne`)

// roleNouns name a person by office; "the Chairman" is resolved to a name
// the document gives it.
var roleNouns = set(`chairman chairwoman chair president minister secretary witness interpreter translator
author editor speaker deputy commissioner ambassador envoy consul general colonel captain prosecutor
judge defendant accused director engineer engineers governor mayor king queen emperor tsar czar
premier chancellor lawyer counsel officer clerk doctor professor priest bishop pope reporter
correspondent journalist narrator writer historian critic reviewer
président ministre secrétaire témoin interprète traducteur auteur directeur ingénieur
vorsitzende minister sekretär zeuge
председатель министр секретарь свидетель автор`)

// documentNouns are things that "say": a resolution, a letter, a report.
var documentNouns = set(`resolution letter report telegram despatch dispatch note statement declaration
communiqué communique decree order minutes record article speech passage sentence text words answer
reply wording clause deed memorandum memo protocol diary entry editorial account accounts leaflet
manifesto appeal platform programme program resolution letters reports book chapter
defence defense view position argument claim claims version testimony evidence denial remarks remark comment comments conclusion conclusions findings verdict
résolution lettre rapport télégramme dépêche note déclaration décret ordre procès-verbal article
discours passage phrase texte paroles réponse
brief bericht erklärung
письмо доклад телеграмма заявление постановление резолюция статья речь`)

// orgHeads make a capitalised name an organisation.
var orgHeads = set(`committee ministry diet party société society company bank banque council government
office union association legation embassy court commission parliament assembly senate congress army navy
church university institute school academy bureau department agency corporation ag cie inc ltd co.
mensheviks bolsheviks trotskyists communists socialists front league federation comintern politburo
soviet presidium chamber cabinet board bund partei gesellschaft ministerium regierung commune
directorate secretariat tribunal duma sejm rada kommission ministère comité parti conseil assemblée
gouvernement chambre сovet совет комитет партия министерство правительство`)

// pronouns that can stand as the subject of a speech verb, with gender
// (m, f, p for plural, i for the first person).
var pronouns = map[string]byte{
	"he": 'm', "she": 'f', "they": 'p', "i": 'i', "we": 'p',
	"il": 'm', "elle": 'f', "ils": 'p', "elles": 'p', "je": 'i', "j'": 'i', "nous": 'p',
	"er": 'm', "sie": 'f', "ich": 'i',
	"он": 'm', "она": 'f', "они": 'p', "я": 'i',
}

// possessives stand for their owner: "his answer".
var possessives = map[string]byte{
	"his": 'm', "her": 'f', "their": 'p', "my": 'i', "our": 'p',
	"son": 'm', "sa": 'm', "ses": 'm', "mes": 'i', "mon": 'i', "ma": 'i',
	"sein": 'm', "seine": 'm', "ihr": 'f', "ihre": 'f',
	"его": 'm', "её": 'f', "ее": 'f', "их": 'p',
}

// prepositions before a name make it an object, not a speaker.
var prepositions = set(`on to of from with about by for against at in into onto upon toward towards
under over between among through via per than like unlike beside near after before since until
de à au aux sur avec pour contre chez par dans entre vers sous
von zu mit für gegen bei nach über unter
о об на к с от для против у по при`)

// attributionPreps put the speaker right after them: "according to X".
var attributionPreps = []string{"according to", "in the words of", "selon", "d'après", "laut", "nach den worten", "по словам", "как писал", "как говорил"}

// sentenceStarters are capitalised words that begin sentences and are not
// names.
var stopCaps = set(`The A An In On At But And Or It He She They We I You This That These Those His Her Its Their
Our My Your When While If As For From To By With After Before Since Yet So Neither Nor None One Some Much Many
Every Each Why What Who Whom Whose How There Here Then Thus Hence However Although Though Because Also Even
Still Not No Yes Only All Both Either Such Another Other Let Take Small Three Two Four Five First Second Third
Last Next Later Earlier Today Yesterday Chapter Part Section Notes Note See Cf Ibid Compare Page Vol
Le La Les Un Une Des Du De Et Mais Ou Il Elle Ils Elles Je Nous Vous On Ce Cette Ces Son Sa Ses Mon Ma Mes
Quand Si Comme Pour Dans Sur Avec Après Avant Depuis Cela Ceci Qui Que Quoi Où Selon According Laut Later Earlier Then Now Sometimes Perhaps Suddenly Presently Meanwhile Indeed Besides Once Again Soon
Der Die Das Ein Eine Und Aber Oder Er Sie Es Wir Ich
Он Она Они Я Мы Это Но И В На С По
Mr Mrs Ms Dr Sir Lady Lord Com Comrade Monsieur Madame Yes Oh Ah Well Now Why Aye Nay Good Dear Poor Old Young
Chairman President Minister Secretary God Heaven Lord Christmas Sunday Monday Tuesday Wednesday Thursday Friday
Saturday January February March April May June July August September October November December
Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre
English French German Russian Polish Italian British American Soviet European
Dutch Irish Scotch Scottish Welsh Spanish Portuguese Swedish Swede Norwegian Danish Swiss Austrian Hungarian
Greek Roman Turkish Arab Arabian Indian Chinese Japanese Mexican Canadian Australian African Asiatic Asian
Yankee Western Eastern Northern Southern Christian Catholic Protestant Methodist Baptist Jewish Hebrew
Mohammedan Moslem Muslim Hindu Pagan Heathen Negro Creole Latin Saxon Norman Celtic Gothic`)

// nameParticles may stand inside a name: Charles de Gaulle.
var nameParticles = set(`de du d' von van der den da di del la le ten ter bin ibn al el`)

// connectors join the words of a body's name: the Ministry of Ways of
// Communication, the Banque Lemercier et Cie.
var connectors = set(`of the on for and et des du de la le und der für по`)

// placeHeads end the names of places, which do not speak.
var placeHeads = set(`street avenue road lane square park river hall house station bridge hill hills mountain
mountains lake sea ocean island islands bay city county castle abbey cathedral chapel inn hotel hôtel
tavern farm manor court place gardens garden wood woods forest valley vale gate gates row terrace
rue boulevard place quai gare pont strasse platz`)

// inSet reports whether the lower-case form of w is in m, without
// allocating for short ASCII words.
func inSet(m map[string]bool, w string) bool { return lookup(m, w) }

// lookup returns m's value for the lower-case form of w, without
// allocating for short ASCII words.
func lookup[V any](m map[string]V, w string) V {
	if len(w) <= 32 {
		var buf [32]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				return m[strings.ToLower(w)]
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return m[string(buf[:len(w)])]
	}
	return m[strings.ToLower(w)]
}

// lookup2 is lookup that also tells whether the word is in m.
func lookup2[V any](m map[string]V, w string) (V, bool) {
	if len(w) <= 32 {
		var buf [32]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				v, ok := m[strings.ToLower(w)]
				return v, ok
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		v, ok := m[string(buf[:len(w)])]
		return v, ok
	}
	v, ok := m[strings.ToLower(w)]
	return v, ok
}

// wordFilter tells cheaply that a word is in none of some sets: a bit for
// each (first letter, length) of their words.
type wordFilter [128]uint64

func newWordFilter(keys ...[]string) *wordFilter {
	var f wordFilter
	for _, ks := range keys {
		for _, k := range ks {
			if k != "" && k[0] < 0x80 && len(k) < 64 {
				c := k[0]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				f[c] |= 1 << len(k)
			} else if k != "" {
				f[0] = ^uint64(0) // non-ASCII words: always maybe
			}
		}
	}
	return &f
}

// maybe reports whether w, in any case, may be one of the words.
func (f *wordFilter) maybe(w string) bool {
	if w == "" || len(w) >= 64 {
		return true
	}
	c := w[0]
	if c >= 0x80 {
		return f[0] != 0
	}
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return f[c]&(1<<len(w)) != 0
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// rolePronFilter passes the words rolesAndPronouns looks up; roleFilter
// the role nouns alone.
var (
	rolePronFilter = newWordFilter(keysOf(pronouns), keysOf(roleNouns), []string{"j'", "j’"})
	roleFilter     = newWordFilter(keysOf(roleNouns))
	pronounFilter  = newWordFilter(keysOf(pronouns))
)

// pronounOf is lookup2(pronouns, w), quick for the words that are none.
func pronounOf(w string) (byte, bool) {
	if len(w) > 12 || !pronounFilter.maybe(w) {
		return 0, false
	}
	return lookup2(pronouns, w)
}
