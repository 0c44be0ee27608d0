package entities

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/quellen/quellen/internal/translit"
)

// The word lists are general: titles, organisation and place words,
// function words, role nouns and nationality adjectives of English, French,
// German and Russian. They hold nothing about any particular document.

func set(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[translit.Fold(w)] = true
		}
	}
	return m
}

// personTitles precede a person's name and are left out of the mention.
var personTitles = set(`mr mr. mrs mrs. ms ms. miss messrs messrs. m. mm. mme mme. mmes mlle mlle. mlles dr dr. prof prof. professor
	com. comrade comrades tov. tovarishch genosse herr frau fräulein monsieur madame mademoiselle messieurs
	general gen. gén. général marshal maréchal marschall colonel col. colonel lieutenant lt. captain capt. major admiral amiral
	commandant sergeant corporal
	deputy député deputies commissioner commissioners commissar commissaire president président chairman
	minister ministre secretary secrétaire ambassador ambassadeur consul senator sénateur governor
	king roi queen reine prince princess princesse emperor empereur tsar czar tsarina kaiser
	father père abbé abbe rev. rev reverend bishop archbishop cardinal pope pape
	engineer ingénieur inspector judge juge maître me doctor docteur citizen citoyen
	lieut. maj. sgt. gov. hon. sen. supt. adjt. brig. cmdr. comdr. adm. cpl. pvt. atty. ald. insp. cdt.
`)

// keptTitles are part of the name itself (Sir Arthur Penrose).
var keptTitles = set(`sir dame lord lady baron baroness count countess comte comtesse duke duc duchess duchesse marquis earl viscount graf`)

// orgHeads make a capitalised phrase an organisation.
var orgHeads = set(`party parti partei committee committees comité commission kommission commissariat commissariats
	army armée armee navy fleet division corps regiment brigade
	international internationale congress congrès kongress conference conférence ministry ministère ministerium
	bank banque banco sparkasse société societe society company compagnie companie corporation corp. inc. inc ltd ltd. limited plc
	ag gmbh sa s.a. cie cie. co. firm
	diet diète landtag reichstag duma parliament parlement assembly assemblée chamber chambre senate sénat council conseil soviet
	legation légation embassy ambassade consulate consulat office bureau department département directorate direction
	archive archives archiv bibliothèque library museum musée institute institut institution académie academy university université universität college collège école ecole school lycée
	court tribunal cour
	union league ligue federation fédération confederation confédération association syndicate syndicat trust cartel consortium
	church église
	government gouvernement cabinet
	press presse éditions editions verlag publishers publisher
	board commissioner's
	police gendarmerie militia milice guard garde
	werke industries
	council`)

// genericOrgs are organisation words that alone do not name a body.
var genericOrgs = set(`government gouvernement cabinet state état staat republic république reich empire
	parliament press presse police army church office bureau department company firm house board trust school
	church works union army court tribunal`)

// placeHeads make a phrase a place (or a facility, counted as a place).
var placeHeads = set(`street st. road avenue boulevard square place platz strasse straße rue quai
	river rivière fleuve lake lac sea mer ocean océan bay baie gulf golfe strait island isle île islands mount mountains mont monts valley vallée
	port harbour harbor city county province district region oblast krai raion gubernia guberniya
	station gare bahnhof hotel hôtel palace palais castle château cathedral cathédrale bridge pont
	forest forêt peninsula desert plain plateau coast côte cape cap canal
	north south east west nord sud est ouest`)

// placeFacilities: a facility word that may stand at the start (Hôtel Terminus, Gare Saint-Lazare).
var placeFacilities = set(`hotel hôtel gare station palace palais château rue avenue boulevard place quai lake lac mount mont cape cap fort`)

// roleNouns name a role, not a referent (the Chairman, le ministre).
var roleNouns = set(`chairman chairmen chair minister ministers ministre ministres secretary secretaries secrétaire president présidents président
	deputy deputies député commissioner commissioners commissaire commissar witness witnesses interpreter translator
	engineer engineers ingénieur director directeur manager governor ambassador consul king queen emperor tsar prince
	general colonel captain admiral marshal officer inspector inspector-general judge prosecutor procureur
	member members speaker author editor reader reviewer historian historians professor doctor
	mayor maire prefect préfet premier chancellor chancelier
	clerk notary notaire
	prime consul consuls delegates delegate representatives senators legislature majesty highness excellency lordship
	emperor empress pope`)

// publicationWords make a capitalised phrase a newspaper or journal.
var publicationWords = set(`herald times gazette gazeta journal review revue chronicle courier courrier tribune post mercury observer guardian
	telegraph zeitung rundschau nouvelles bulletin quarterly magazine news monde figaro temps humanité humanite matin
	pravda izvestia izvestiya iskra правда известия express echo écho messenger daily weekly annals annales gazzetta
	advertiser intelligencer register sentinel spectator examiner record globe star mail`)

// nationality adjectives and demonyms (as capitalised words they are not names).
var nationalities = set(`english british french german russian soviet american italian spanish polish dutch belgian swiss austrian hungarian
	czech slovak romanian bulgarian serbian croatian greek turkish finnish swedish norwegian danish estonian latvian lithuanian
	ukrainian georgian armenian jewish japanese chinese indian european western eastern baltic prussian bavarian scottish irish welsh
	anglais française français françaises allemand allemande allemands russe russes américain américaine italien italienne italiens
	polonais polonaise belge suisse autrichien anglaise espagnol hollandais juif juive juifs européen européenne
	deutsch deutsche deutschen französisch französische russisch russische englisch englische
	franco anglo russo austro sino italo greco indo afro judeo
	bolshevik bolsheviks bolchevik bolcheviks menshevik communist communists communiste socialist socialiste liberal conservative tory whig
	catholic protestant orthodox christian muslim`)

// stopwords are capitalised at a sentence start but never names.
var stopwords = set(`a an the this that these those there here it its he she they we i you his her their our my your him them us me
	and or but nor so yet for of in on at to from by with without within into onto upon about above below after before during since until
	as if when while where whereas whether which who whom whose what why how than then thus hence however therefore moreover also
	not no yes all any some many much more most few each every both either neither none one two three other another such same
	is are was were be been being has have had do does did can could will would shall should may might must
	mr mrs ms madam later then now still today thus soon meanwhile afterwards finally next again perhaps indeed instead
	le la les l' un une des du de d' et ou mais donc or ni car ce cet cette ces il elle ils elles on nous vous je tu
	son sa ses leur leurs mon ma mes ton ta tes notre votre qui que quoi dont où quand comme si pour par sur sous dans avec sans chez entre vers
	au aux en y ne pas plus très tout toute tous toutes c' j' n' s' qu' quelle quel quelles quels lorsque puis alors ainsi
	der die das den dem des ein eine einer und oder aber in im am zum zur von mit auf für ist war sind
	и в на с по из за к от что как это он она они мы вы я но а не
	chapter chapitre part partie section book volume vol note notes page pages fig figure table appendix annex annexe introduction conclusion contents
	summary citation source sources translation original language languages present absent witnesses witness translated
	mon st no nos ibid ibidem op cit loc idem cf see voir also
	january february march april may june july august september october november december
	janvier février mars avril mai juin juillet août septembre octobre novembre décembre
	monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
	янв января февраля марта апреля мая июня июля августа сентября октября ноября декабря
	dieu ok yesterday today tomorrow
	nothing everything something anything nobody everybody somebody anybody everyone someone anyone whoever whatever`)

// particles join the parts of a person's name (de Gaulle, von Ribbentrop).
var particles = set(`de du des d' von van der den ten ter la le di da del della dos bin ibn al el mac`)

// connectors join the parts of an organisation's or place's name.
var connectors = set(`of for on de du des d' la l' et and & für und der zu in of-the`)

// placePreps precede a place.
var placePreps = set(`in at to from near towards toward via into through à au aux en vers depuis près dans nach bei aus в во из под около`)

// speechVerbs follow a person.
var speechVerbs = set(`says said say writes wrote write asks asked answers answered replies replied states stated declares declared
	adds added argues argued told tells claims claimed insists insisted notes noted observes observed proposes proposed
	opposes opposed agrees agreed denies denied admits admitted thanks thanked withdraws withdrew reads read recalls recalled
	believed believes thought thinks knew knows went came gave gives took takes had has was is who whom
	dit déclara déclare répondit répond écrit écrivit ajouta ajoute demanda demande affirme affirma pense pensait
	сказал писал заявил ответил`)

// personSuffixes are surname endings (Russian, Slavic, Baltic).
var personSuffixes = []string{"ov", "ova", "ev", "eva", "ski", "sky", "skaya", "skii", "skiy", "enko", "ich", "vich", "witz", "wicz", "czyk", "shvili", "dze", "yan", "ian", "off", "ow", "owa", "ine", "son", "sen"}

// placeSuffixes are toponym endings.
var placeSuffixes = []string{"grad", "gorod", "haven", "hafen", "burg", "bourg", "berg", "stadt", "ville", "pol", "polis", "sk", "ia", "land", "mouth", "ford", "chester", "ingen", "heim", "dorf", "ovo", "evo", "ino", "ava"}

func hasSuffix(w string, sfx []string) bool {
	for _, s := range sfx {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// The word lists as bits: lexBits gives, for a folded word, the lists it
// is in, so that a word is looked up once rather than once per list.
const (
	lxStop uint64 = 1 << iota
	lxParticle
	lxConnector
	lxPersonTitle
	lxKeptTitle
	lxRoleNoun
	lxOrgHead
	lxGenericOrg
	lxPlaceHead
	lxPlaceFacility
	lxPublication
	lxNationality
	lxCapAdj
	lxRoman
	lxSpeech
	lxSays
	lxPlacePrep
	lxPubContext
	lxPersonNoun
	lxLowerPlace
	lxLowerPlaceTail
	lxCompanyForm
	lxFrenchOrgHead
	lxFrenchLowerHead
	lxLowerFacility
	lxLowerTitle
	lxEnd // (the lists fit in a token's 32 bits)
)

const _ = uint32(lxEnd - 1) // (a compile-time check that they fit)

var lexBits = func() map[string]uint64 {
	m := map[string]uint64{}
	for _, l := range []struct {
		set map[string]bool
		bit uint64
	}{
		{stopwords, lxStop}, {particles, lxParticle}, {connectors, lxConnector}, {personTitles, lxPersonTitle},
		{keptTitles, lxKeptTitle}, {roleNouns, lxRoleNoun}, {orgHeads, lxOrgHead}, {genericOrgs, lxGenericOrg},
		{placeHeads, lxPlaceHead}, {placeFacilities, lxPlaceFacility}, {publicationWords, lxPublication},
		{nationalities, lxNationality}, {capAdjectives, lxCapAdj}, {romans, lxRoman}, {speechVerbs, lxSpeech},
		{saysVerbs, lxSays}, {placePreps, lxPlacePrep}, {pubContext, lxPubContext}, {personNouns, lxPersonNoun},
		{lowerPlaces, lxLowerPlace}, {lowerPlaceTails, lxLowerPlaceTail}, {companyForms, lxCompanyForm},
		{frenchOrgHeads, lxFrenchOrgHead}, {frenchLowerHeads, lxFrenchLowerHead}, {lowerFacilities, lxLowerFacility},
		{lowerTitles, lxLowerTitle},
	} {
		for w, ok := range l.set {
			if ok {
				m[w] |= l.bit
			}
		}
	}
	return m
}()

// strTable is a read-only map of strings, as an open-addressing table: the
// tokens are looked up by the thousand, most in no list. A slot's
// fingerprint (never 0) is checked before its key; an empty slot ends the
// search.
type strTable[V any] struct {
	fps  []uint16
	keys []string
	vals []V
	mask uint32
	max  int // the longest key
}

func newStrTable[V any](m map[string]V) *strTable[V] {
	n := 16
	for n < 4*len(m) {
		n <<= 1
	}
	t := &strTable[V]{fps: make([]uint16, n), keys: make([]string, n), vals: make([]V, n), mask: uint32(n - 1)}
	for w, v := range m {
		h := strHash(w)
		i := h & t.mask
		for t.fps[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.fps[i], t.keys[i], t.vals[i] = uint16(h>>16)|1, w, v
		t.max = max(t.max, len(w))
	}
	return t
}

// strHash hashes s: eight bytes at a time, each mixed with a multiply and
// a shift (as splitmix64 does). The words are short: this costs less than
// the runtime's hash (hash/maphash) and its calls. The key, drawn for each
// process, keeps a text written to make its words collide from doing so
// in every run (the per-document tables probe linearly).
func strHash(s string) uint32 {
	h := (uint64(len(s)) ^ hashKey) * 0x9e3779b97f4a7c15
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 | uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ v) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	h = (h ^ v) * 0x94d049bb133111eb
	h ^= h >> 29
	return uint32(h>>32) ^ uint32(h)
}

// hashKey is strHash's key.
var hashKey = rand.Uint64()

// get returns the value of k, and whether there is one.
func (t *strTable[V]) get(k string) (v V, ok bool) {
	if len(k) > t.max {
		return v, false
	}
	h := strHash(k)
	fp := uint16(h>>16) | 1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.fps[i] {
		case 0:
			return v, false
		case fp:
			if t.keys[i] == k {
				return t.vals[i], true
			}
		}
	}
}

// getp returns a pointer to the value of k, or nil.
func (t *strTable[V]) getp(k string) *V {
	if len(k) > t.max {
		return nil
	}
	h := strHash(k)
	fp := uint16(h>>16) | 1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.fps[i] {
		case 0:
			return nil
		case fp:
			if t.keys[i] == k {
				return &t.vals[i]
			}
		}
	}
}

var lexTab = newStrTable(lexBits)

// lx returns the lists the folded word f is in (lexBits[f]).
func lx(f string) uint64 {
	v, _ := lexTab.get(f)
	return v
}

// is says whether the token is in one of the lists of bits.
func (t *tok) is(bits uint64) bool { return t.lists()&bits != 0 }

// lists returns the lists the token is in, looked up once.
func (t *tok) lists() uint64 {
	if !t.lxOK {
		t.lx, t.lxOK = uint32(lx(t.f)), true
	}
	return uint64(t.lx)
}

//go:embed data/common-en.txt.gz
var commonEnGz []byte

// commonEn is the set of English words the dictionaries write only in
// lower case (cotton, gentlemen, kingdom): capitalised, they name nothing;
// with a filter that tells most other words at once.
var commonEn = sync.OnceValue(func() (c struct {
	words map[string]bool
	seen  *[1 << 14]uint64
}) {
	c.words = make(map[string]bool, 65000)
	c.seen = new([1 << 14]uint64)
	zr, err := gzip.NewReader(bytes.NewReader(commonEnGz))
	if err != nil {
		return c
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" && w[0] != '#' {
			c.words[w] = true
			h1, h2 := commonHash(w)
			c.seen[h1>>6] |= 1 << (h1 & 63)
			c.seen[h2>>6] |= 1 << (h2 & 63)
		}
	}
	return c
})

func commonHash(w string) (uint32, uint32) {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return uint32(h) & (1<<20 - 1), uint32(h>>40) & (1<<20 - 1)
}

// isCommonEn says whether the folded word f is in commonEn.
func isCommonEn(f string) bool {
	c := commonEn()
	h1, h2 := commonHash(f)
	if c.seen[h1>>6]&(1<<(h1&63)) == 0 || c.seen[h2>>6]&(1<<(h2&63)) == 0 {
		return false
	}
	return c.words[f]
}
