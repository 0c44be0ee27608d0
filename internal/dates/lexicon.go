package dates

import "strings"

// word is what the lexicon knows about one lower-case word. A word may play
// several parts ("mai" is a month, "sept" a French number and, with its
// dot, an English abbreviation).
type word struct {
	month    int  // 1..12
	abbr     bool // the month name is an abbreviation (needs a number beside it)
	weekday  int  // 1..7 (Sunday = 7), 0 none
	season   int  // 1 spring, 2 summer, 3 autumn, 4 winter
	qual     int  // qualEarly, ...
	approx   bool // circa, vers, около
	prep     int  // a set of prepFrom, prepTo, prepAnd, prepBetween, prepIn, prepOn
	article  bool // the, le, la, l', au, der, ...
	of       bool // of, de, d', du
	day      int  // an ordinal word 1..31 (first, premier, ...)
	count    int  // a cardinal word (two, deux, два, ...) for "two days later"
	unit     int  // unitDay, unitWeek, unitMonth, unitYear
	later    int  // +1 later/after/plus tard, -1 earlier/before/ago
	rel      int  // relYesterday ...
	dir      int  // +1 next/following/suivant, -1 last/previous/dernier, 2 this/same
	part     bool // morning, evening, soir, вечером
	era      int  // -1 BCE, +1 CE
	yearWord bool // year, année, год, г., Jahr
	idPrefix bool // p., no., col., f., art. ...: a number after it is an identifier
	decadeW  bool // années (les années 1920), Jahre, годы
	century  bool // century, siècle, век
	// start: a date expression may begin at the word whatever follows it
	// (a month, a weekday, a season, a qualifier, ...: see canStart), set
	// by add
	start bool
}

// Qualifiers.
const (
	qualEarly = iota + 1
	qualMid
	qualLate
	qualEnd
)

// Connectors (a set: "until" both ends a range and introduces a date).
const (
	prepFrom = 1 << iota
	prepTo
	prepAnd
	prepBetween
	prepIn // in, on, since, by: a bare month after it is a date
)

// Units of a relative offset.
const (
	unitDay = iota + 1
	unitWeek
	unitMonth
	unitYear
)

// Deictic and anaphoric words.
const (
	relYesterday = iota + 1
	relToday
	relTomorrow
	relNextDay   // the next day, le lendemain
	relPrevDay   // the day before, la veille
	relDayBefore // the day before yesterday, avant-hier
	relDayAfter  // the day after tomorrow, après-demain
)

var lexicon = map[string]*word{}

// lexEnts holds each lexicon word with its entry, chained from lexSlot by
// the word's hash (see lexHash): a word is looked up by one index and a
// comparison or two, and a lower-cased word interned as the lexicon's own
// string.
var (
	lexEnts []lexEnt
	lexSlot [1 << 16]uint16 // 1 + the index in lexEnts of the last word of a hash, 0 none
)

type lexEnt struct {
	key  string
	w    *word
	next uint16 // 1 + the index of the word before it with the same hash, 0 none
}

// lexFind returns the lexicon's entry of w, or nil.
func lexFind(w string) *lexEnt {
	h := lexHash(w)
	if lexSeen[h>>6]&(1<<(h&63)) == 0 {
		return nil
	}
	for k := lexSlot[h]; k != 0; {
		e := &lexEnts[k-1]
		if e.key == w {
			return e
		}
		k = e.next
	}
	return nil
}

func add(w string, f func(*word)) {
	e := lexicon[w]
	if e == nil {
		e = &word{}
		lexicon[w] = e
		h := lexHash(w)
		if len(lexEnts) >= 1<<16-1 {
			panic("dates: lexicon too large for lexSlot")
		}
		lexEnts = append(lexEnts, lexEnt{key: w, w: e, next: lexSlot[h]})
		lexSlot[h] = uint16(len(lexEnts))
		lexSeen[h>>6] |= 1 << (h & 63)
	}
	f(e)
	e.start = e.month > 0 || e.weekday > 0 || e.season > 0 || e.qual > 0 || e.approx || e.rel > 0 || e.day > 0 || e.dir != 0 || e.unit > 0 || e.century || e.era != 0
}

// lexSeen holds a bit for the hash (see lexHash) of every word of the
// lexicon, so that most words of a text, not in it, are told so without a
// lookup.
var lexSeen [1 << 16 / 64]uint64

// lexHash hashes a word's length and its first, second and last bytes
// into 16 bits.
func lexHash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(w[0]) | uint32(w[n-1])<<8 | uint32(w[min(1, n-1)])<<16 | uint32(n)<<24
	return (h * 0x9e3779b1) >> 16
}

// mayKnow says whether w may be in the lexicon (false: it is not).
func mayKnow(w string) bool {
	h := lexHash(w)
	return lexSeen[h>>6]&(1<<(h&63)) != 0
}

// lookup is lexicon[w].
func lookup(w string) *word {
	if e := lexFind(w); e != nil {
		return e.w
	}
	return nil
}

func init() {
	months := [][]string{
		// en, fr, de, ru (nominative, genitive, prepositional), it/es kept out
		{"january", "janvier", "januar", "jänner", "январь", "января", "январе"},
		{"february", "février", "fevrier", "februar", "февраль", "февраля", "феврале"},
		{"march", "mars", "märz", "marz", "март", "марта", "марте"},
		{"april", "avril", "апрель", "апреля", "апреле"},
		{"may", "mai", "май", "мая", "мае"},
		{"june", "juin", "juni", "июнь", "июня", "июне"},
		{"july", "juillet", "juli", "июль", "июля", "июле"},
		{"august", "août", "aout", "август", "августа", "августе"},
		{"september", "septembre", "сентябрь", "сентября", "сентябре"},
		{"october", "octobre", "oktober", "октябрь", "октября", "октябре"},
		{"november", "novembre", "ноябрь", "ноября", "ноябре"},
		{"december", "décembre", "decembre", "dezember", "декабрь", "декабря", "декабре"},
	}
	for i, names := range months {
		for _, n := range names {
			add(n, func(w *word) { w.month = i + 1 })
		}
	}
	abbrs := [][]string{
		{"jan", "janv", "jän", "янв"},
		{"feb", "febr", "fév", "févr", "fev", "fevr", "февр", "фев"},
		{"mar", "mär", "мар"},
		{"apr", "avr", "апр"},
		{},
		{"jun"},
		{"jul", "juil"},
		{"aug", "aoû", "авг"},
		{"sep", "sept", "сент", "сен"},
		{"oct", "okt", "окт"},
		{"nov", "нояб", "ноя"},
		{"dec", "déc", "dez", "дек"},
	}
	for i, names := range abbrs {
		for _, n := range names {
			add(n, func(w *word) {
				if w.month == 0 {
					w.month, w.abbr = i+1, true
				}
			})
		}
	}
	days := [][]string{
		{"monday", "lundi", "montag", "понедельник", "понедельника"},
		{"tuesday", "mardi", "dienstag", "вторник", "вторника"},
		{"wednesday", "mercredi", "mittwoch", "среда", "среду", "среды"},
		{"thursday", "jeudi", "donnerstag", "четверг", "четверга"},
		{"friday", "vendredi", "freitag", "пятница", "пятницу", "пятницы"},
		{"saturday", "samedi", "samstag", "sonnabend", "суббота", "субботу", "субботы"},
		{"sunday", "dimanche", "sonntag", "воскресенье", "воскресенья"},
	}
	for i, names := range days {
		for _, n := range names {
			add(n, func(w *word) { w.weekday = i + 1 })
		}
	}
	seasons := [][]string{
		{"spring", "printemps", "frühjahr", "frühling", "весна", "весной", "весны", "весне", "весну"},
		{"summer", "été", "ete", "sommer", "лето", "летом", "лета", "лете"},
		{"autumn", "fall", "automne", "herbst", "осень", "осенью", "осени"},
		{"winter", "hiver", "зима", "зимой", "зимы", "зиме", "зиму"},
	}
	for i, names := range seasons {
		for _, n := range names {
			add(n, func(w *word) { w.season = i + 1 })
		}
	}
	for q, names := range map[int][]string{
		qualEarly: {"early", "beginning", "start", "début", "debut", "commencement", "начале", "начала", "начало", "anfang"},
		qualMid:   {"mid", "middle", "mi", "milieu", "середине", "середины", "mitte"},
		qualLate:  {"late", "latter"},
		qualEnd:   {"end", "close", "fin", "конце", "конца", "конец", "ende"},
	} {
		for _, n := range names {
			add(n, func(w *word) { w.qual = q })
		}
	}
	for _, n := range []string{"circa", "c", "ca", "circ", "around", "about", "approximately", "vers", "environ", "около", "примерно", "приблизительно", "um", "etwa", "gegen"} {
		add(n, func(w *word) { w.approx = true })
	}
	for p, names := range map[int][]string{
		prepFrom:    {"from", "du", "de", "depuis", "с", "со", "von", "vom", "ab"},
		prepTo:      {"to", "until", "till", "til", "through", "thru", "au", "à", "jusqu'au", "jusqu'à", "jusqu'en", "по", "до", "bis", "zum", "-"},
		prepAnd:     {"and", "et", "и", "und", "or", "ou"},
		prepBetween: {"between", "entre", "между", "zwischen"},
		prepIn:      {"in", "on", "since", "by", "during", "throughout", "before", "after", "until", "till", "of", "en", "dès", "avant", "après", "pendant", "в", "во", "im", "am", "seit", "bis"},
	} {
		for _, n := range names {
			add(n, func(w *word) { w.prep |= p })
		}
	}
	for _, n := range []string{"the", "le", "la", "l'", "l’", "les", "au", "aux", "der", "die", "das", "dem", "den"} {
		add(n, func(w *word) { w.article = true })
	}
	for _, n := range []string{"of", "de", "d'", "d’", "du", "des"} {
		add(n, func(w *word) { w.of = true })
	}
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	for i, n := range ords {
		add(n, func(w *word) { w.day = i + 1 })
	}
	tens := []string{"twenty", "thirty"}
	for ti, t := range tens {
		add(strings.TrimSuffix(t, "y")+"ieth", func(w *word) { w.day = 20 + 10*ti })
		for i := 1; i <= 9 && 20+10*ti+i <= 31; i++ {
			add(t+"-"+ords[i-1], func(w *word) { w.day = 20 + 10*ti + i })
		}
	}
	add("premier", func(w *word) { w.day = 1 })
	add("1er", func(w *word) { w.day = 1 })
	counts := map[int][]string{
		1:  {"one", "a", "an", "un", "une", "один", "одна", "одно", "ein", "eine", "einen"},
		2:  {"two", "deux", "два", "две", "zwei"},
		3:  {"three", "trois", "три", "drei"},
		4:  {"four", "quatre", "четыре", "vier"},
		5:  {"five", "cinq", "пять", "fünf"},
		6:  {"six", "шесть", "sechs"},
		7:  {"seven", "sept", "семь", "sieben"},
		8:  {"eight", "huit", "восемь", "acht"},
		9:  {"nine", "neuf", "девять", "neun"},
		10: {"ten", "dix", "десять", "zehn"},
		11: {"eleven", "onze", "одиннадцать", "elf"},
		12: {"twelve", "douze", "двенадцать", "zwölf"},
		13: {"thirteen", "treize"},
		14: {"fourteen", "quatorze"},
		15: {"fifteen", "quinze"},
		20: {"twenty", "vingt", "двадцать", "zwanzig"},
		30: {"thirty", "trente", "тридцать", "dreißig"},
		// "a few", "several" are not counts
	}
	for n, names := range counts {
		for _, s := range names {
			add(s, func(w *word) { w.count = n })
		}
	}
	for u, names := range map[int][]string{
		unitDay:   {"day", "days", "jour", "jours", "journée", "день", "дня", "дней", "tag", "tage", "tagen"},
		unitWeek:  {"week", "weeks", "semaine", "semaines", "неделю", "недели", "недель", "woche", "wochen"},
		unitMonth: {"month", "months", "mois", "месяц", "месяца", "месяцев", "monat", "monate", "monaten"},
		unitYear:  {"year", "years", "an", "ans", "année", "années", "annee", "annees", "год", "года", "лет", "jahr", "jahre", "jahren"},
	} {
		for _, n := range names {
			add(n, func(w *word) { w.unit = u })
		}
	}
	for _, n := range []string{"later", "afterwards", "after", "thereafter", "plus", "спустя", "später", "danach"} {
		add(n, func(w *word) { w.later = 1 })
	}
	for _, n := range []string{"earlier", "before", "ago", "previously", "auparavant", "назад", "тому", "früher", "vorher", "zuvor"} {
		add(n, func(w *word) { w.later = -1 })
	}
	for r, names := range map[int][]string{
		relYesterday: {"yesterday", "hier", "вчера", "gestern"},
		relToday:     {"today", "aujourd'hui", "aujourd’hui", "сегодня", "heute", "to-day"},
		relTomorrow:  {"tomorrow", "demain", "завтра", "to-morrow"},
		relNextDay:   {"lendemain", "назавтра", "nächsten", "nachsten"},
		relPrevDay:   {"veille", "накануне", "vortag", "vorabend"},
		relDayBefore: {"avant-hier", "позавчера", "vorgestern"},
		relDayAfter:  {"après-demain", "послезавтра", "übermorgen", "surlendemain"},
	} {
		for _, n := range names {
			add(n, func(w *word) { w.rel = r })
		}
	}
	for d, names := range map[int][]string{
		1:  {"next", "following", "ensuing", "subsequent", "suivant", "suivante", "suivants", "prochain", "prochaine", "следующий", "следующего", "следующем", "следующую", "будущем", "будущего", "nächste", "nächsten", "folgenden", "kommenden", "другой"},
		-1: {"last", "previous", "preceding", "prior", "past", "dernier", "dernière", "derniere", "précédent", "précédente", "precedent", "прошлый", "прошлого", "прошлом", "прошлую", "предыдущий", "letzte", "letzten", "vorigen", "vergangenen"},
		2:  {"this", "same", "that", "current", "cette", "ce", "cet", "même", "этот", "этого", "этом", "том", "тот", "того", "текущего", "diese", "diesem", "dieses", "diesen", "selben"},
	} {
		for _, n := range names {
			add(n, func(w *word) { w.dir = d })
		}
	}
	for _, n := range []string{"morning", "afternoon", "evening", "night", "noon", "midday", "matin", "après-midi", "soir", "soirée", "nuit", "утром", "днём", "днем", "вечером", "ночью", "morgen", "vormittag", "nachmittag", "abend", "abends", "nacht"} {
		add(n, func(w *word) { w.part = true })
	}
	for _, n := range []string{"bc", "bce", "b", "av", "avant", "до", "v", "vor"} {
		add(n, func(w *word) { w.era = -1 })
	}
	for _, n := range []string{"ad", "a", "ce", "c", "ap", "apr", "н", "n"} {
		add(n, func(w *word) {
			if w.era == 0 {
				w.era = 1
			}
		})
	}
	for _, n := range []string{"year", "année", "an", "год", "года", "году", "г", "гг", "jahr", "jahres", "jahre"} {
		add(n, func(w *word) { w.yearWord = true })
	}
	for _, n := range []string{"années", "annees", "jahre", "jahren", "годы", "годов", "годах", "гг", "er"} {
		add(n, func(w *word) { w.decadeW = true })
	}
	for _, n := range []string{"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"} {
		add(n, func(w *word) { w.decadeW = true })
	}
	for _, n := range []string{"century", "centuries", "siècle", "siecle", "siècles", "век", "века", "веке", "jahrhundert", "jahrhunderts"} {
		add(n, func(w *word) { w.century = true })
	}
	for _, n := range []string{
		"p", "pp", "page", "pages", "col", "cols", "column", "columns", "no", "nos", "nr", "nº", "n°", "number", "num",
		"vol", "vols", "volume", "tome", "t", "tom", "f", "ff", "fol", "fols", "folio", "folios", "l", "ll", "d", "op",
		"art", "arts", "article", "articles", "clause", "clauses", "section", "sections", "sec", "para", "paragraph",
		"note", "notes", "n", "fig", "figure", "table", "exhibit", "exhibits", "issue", "chapter", "chap", "ch", "item",
		"doc", "file", "box", "folder", "carton", "dossier", "reg", "registration", "line", "lines", "sheet", "plate",
		"s", "ss", "с", "стр", "л", "лл", "д", "оп", "ф", "т", "вып", "seite", "heft", "bd", "nr", "fo", "cab", "wo", "adm",
		"tel", "phone", "fax", "room", "platform", "route", "flight", "code", "cod", "ms", "mss", "inv", "cote", "série",
		"pièce", "liasse",
	} {
		add(n, func(w *word) { w.idPrefix = true })
	}
}

// quantityNouns are nouns after which a four-digit number counts things
// rather than naming a year ("1500 men", "1920 francs").
var quantityNouns = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`men people persons soldiers troops workers workmen labourers laborers prisoners
	dead deaths victims killed wounded casualties women children families households inhabitants peasants
	francs dollars pounds marks roubles rubles lire crowns guilders florins pesetas yen sterling
	km kilometres kilometers miles metres meters feet tons tonnes kg kilograms hectares acres
	copies pages volumes votes members deputies delegates cases items units houses villages
	hommes personnes soldats ouvriers morts victimes habitants francs livres tonnes kilomètres mètres
	человек людей солдат рабочих рублей тонн километров верст вёрст
	Männer Menschen Soldaten Arbeiter Mark Tote Opfer
	`) {
		quantityNouns[strings.ToLower(n)] = true
	}
}
