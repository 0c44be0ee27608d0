package numbers

import "strings"

// Number words of en, fr, de, ru: units and tens add, multipliers multiply.
var (
	cardinals   = map[string]float64{}
	multipliers = map[string]float64{}
)

func init() {
	for w, v := range map[string]float64{
		// English
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
		"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
		// French
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
		"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
		"vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
		"octante": 80, "nonante": 90,
		// German
		"ein": 1, "eine": 1, "eins": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
		"acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
		"sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
		"fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
		// Russian
		"один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4,
		"четырёх": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8,
		"восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "одиннадцать": 11, "двенадцать": 12,
		"тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
		"восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
		"шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
		"триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
		"девятьсот": 900,
	} {
		cardinals[w] = v
		h := cardHash(w)
		cardSeen[h>>6] |= 1 << (h & 63)
	}
	for w, v := range map[string]float64{
		"hundred": 100, "hundreds": 100, "dozen": 12, "douzaine": 12, "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
		"billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "trillion": 1e12, "trillions": 1e12,
		"cent": 100, "cents": 100, "mille": 1e3, "mil": 1e3,
		"hundert": 100, "tausend": 1e3, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9,
		"тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
		"миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "млн": 1e6, "тыс": 1e3, "млрд": 1e9,
		"mio": 1e6, "mrd": 1e9, "bn": 1e9, "mln": 1e6,
	} {
		multipliers[w] = v
	}
}

// cardSeen holds a bit for the hash (see cardHash) of every cardinal, so
// that most words, none, are told so without a map lookup.
var cardSeen [1 << 12 / 64]uint64

// cardHash hashes a word's length and its first, second and last bytes
// into 12 bits.
func cardHash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(w[0]) | uint32(w[n-1])<<8 | uint32(w[min(1, n-1)])<<16 | uint32(n)<<24
	return (h * 0x9e3779b1) >> 20
}

// mayCardinal says whether w may be a cardinal (false: it is none).
func mayCardinal(w string) bool {
	h := cardHash(w)
	return cardSeen[h>>6]&(1<<(h&63)) != 0
}

// germanNumber reads a German compound number word (einundzwanzig,
// zweihundert, dreitausend); 0 when it is none.
func germanNumber(w string) float64 {
	if v, ok := cardinals[w]; ok {
		return v
	}
	for _, m := range []struct {
		s string
		v float64
	}{{"tausend", 1e3}, {"hundert", 100}} {
		if i := strings.Index(w, m.s); i > 0 {
			head := germanNumber(w[:i])
			if head == 0 {
				return 0
			}
			rest := 0.0
			if tail := w[i+len(m.s):]; tail != "" {
				if rest = germanNumber(tail); rest == 0 {
					return 0
				}
			}
			return head*m.v + rest
		}
	}
	if i := strings.Index(w, "und"); i > 0 {
		a, b := cardinals[w[:i]], cardinals[w[i+3:]]
		if w[:i] == "ein" {
			a = 1
		}
		if a > 0 && a < 10 && b >= 20 && b < 100 {
			return a + b
		}
	}
	return 0
}

// units maps a unit or counted noun to the contract's unit.
var units = map[string]string{}

func init() {
	for unit, ws := range map[string]string{
		"people": `men people persons workmen workers labourers laborers witnesses members deputies delegates dead
			inhabitants children women victims individuals souls residents civilians peasants
			hommes personnes ouvriers morts membres députés deputes témoins temoins habitants victimes enfants femmes âmes
			человек человека людей рабочих членов депутатов свидетелей жителей жертв детей женщин
			menschen männer arbeiter personen tote mitglieder abgeordnete zeugen einwohner opfer kinder frauen`,
		"votes":    `votes voix голосов голоса stimmen`,
		"percent":  `percent pct % prozent процентов процента процент`,
		"francs":   `francs franc fr frs`,
		"dollars":  `dollars dollar $`,
		"pounds":   `pounds £ sterling`,
		"marks":    `marks mark reichsmarks`,
		"euros":    `euros euro`,
		"roubles":  `roubles rubles рублей рубля рубль`,
		"km":       `km kilometres kilometers kilomètres kilometre kilometer километров километра километр kilometer`,
		"metres":   `m metres meters mètres metre meter метров метра метр`,
		"m3":       `m3 m³`,
		"degrees":  `degrees degree ° degrés degré градусов градуса grad`,
		"minutes":  `minutes minute min минут минуты minuten`,
		"hours":    `hours hour heures heure часов часа час stunden stunde`,
		"days":     `days day jours jour journées дней дня день tage tagen tag`,
		"weeks":    `weeks week semaines semaine недель недели неделю wochen woche`,
		"months":   `months month mois месяцев месяца месяц monate monaten monat`,
		"years":    `years year ans an années année annees annee лет года год jahre jahren jahr`,
		"tonnes":   `tonnes tons tonne ton тонн тонны`,
		"soldiers": `soldiers солдат солдата`,
		"miles":    `miles mile`,
		"versts":   `versts verstes вёрст верст`,
		"hectares": `hectares hectare ha`,
	} {
		for _, w := range strings.Fields(ws) {
			units[w] = unit
		}
	}
}

// about words qualify a number that follows them.
var aboutWords = map[string]bool{
	"about": true, "around": true, "approximately": true, "roughly": true, "some": true, "nearly": true,
	"almost": true, "over": true, "under": true, "circa": true, "ca": true, "c": false, "estimated": true,
	"environ": true, "presque": true, "quelque": true, "près": true, "около": true, "почти": true, "более": true,
	"свыше": true, "менее": true, "примерно": true, "приблизительно": true, "etwa": true, "rund": true,
	"fast": true, "über": true, "ungefähr": true, "knapp": true, "beinahe": true, "upwards": true,
}

// aboutPhrases are qualifiers of two or three words.
var aboutPhrases = [][]string{
	{"not", "more", "than"}, {"no", "more", "than"}, {"not", "less", "than"}, {"more", "than"}, {"less", "than"}, {"fewer", "than"}, {"at", "least"}, {"at", "most"}, {"up", "to"},
	{"close", "to"}, {"as", "many", "as"}, {"as", "much", "as"}, {"in", "excess", "of"}, {"upwards", "of"},
	{"plus", "de"}, {"moins", "de"}, {"près", "de"}, {"au", "moins"}, {"jusqu'à"}, {"mehr", "als"}, {"weniger", "als"},
	{"an", "estimated"}, {"some"}, {"nearly"},
}

// idWords before a number make it an identifier, not a quantity.
var idWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`p pp page pages col cols column no nos nr nº n° number numbers num vol vols volume tome t tom
		f ff fol fols folio folios l ll d op art arts article articles clause clauses section sections sec para paragraph
		note notes n fig figure figures table tables exhibit exhibits issue issues chapter chapters chap ch item items doc
		file box folder carton dossier reg registration line lines sheet sheets plate plates s ss стр л лл д оп ф т вып
		seite heft bd fo cab wo adm tel room platform route flight code ms mss inv cote série pièce liasse
		appendix annex schedule part book verse psalm act scene canto series model type mark division`) {
		idWords[w] = true
	}
}

// stop words end the search for a counted noun.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of and or to in on at by for with from his her their its our my your was were is are
		had has have be been being that which who whom whose than as but not no this these those there it he she they we i you
		if so such then when while where why how into over under after before since until upon about against between
		through during without within also only even more most less few many much very all any each every other same own
		de des du la le les et ou à au aux en dans par pour sur avec qui que sont ont était étaient est sa son ses leur
		leurs ce cet cette mes tes nos vos y ne pas plus
		и в на с по к о за из от до что как не он она они мы вы я это его её их
		der die das den dem des und oder zu im am von mit für auf aus bei nach vor über ist sind war waren`) {
		stopWords[w] = true
	}
}

// notPlural are words ending in s that are no counted noun.
var notPlural = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`was has is this his us its thus less across always perhaps plus sans dans sous vers chez pas mais puis
		alors lors moins très jamais toujours parmi ans ours yes besides whereas towards afterwards various previous
		serious famous obvious numerous enormous anxious nervous cautious conscious gracious precious generous
		ambitious tedious dangerous curious religious glorious furious jealous vicious delicious`) {
		notPlural[w] = true
	}
	delete(notPlural, "ans")
}
