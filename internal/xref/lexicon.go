package xref

import "strings"

// stopwords are left out of the content words compared across documents.
var stopwords = toSet(`a an the and or but of to in on at by for with from as is was were be been being it its this that these those
he she they we you i his her their our your my me him them us not no nor so if then than there here which who whom whose what when
where how all any each every some such only own same other also very can could would should will shall may might must do did does
done has have had having into over under after before about above below between through during without within upon out up down
one two three le la les un une des du de d l et ou mais ni car que qui quoi dont où ce cet cette ces il elle ils elles on nous vous
je tu son sa ses leur leurs mon ma mes ton ta tes notre nos votre vos pas ne plus au aux en dans par pour sur sous avec sans chez
est sont était étaient fut furent été être avoir avait ont a eu s y se lui même aussi très bien tout tous toute toutes
и в во не на с со что как а но по к у из за от о об для до же ли бы это он она они мы вы я его её их`)

// eventWords name the kinds of event that passages about one event share;
// each entry maps a folded word prefix to an event class, across languages.
var eventWords = map[string]string{
	"sign": "signing", "signe": "signing", "signa": "signing", "подпис": "signing",
	"ratif": "vote", "vote": "vote", "voted": "vote", "approv": "vote", "adopt": "vote", "голос": "vote",
	"resign": "resignation", "demiss": "resignation", "отстав": "resignation",
	"open": "opening", "ouvert": "opening", "inaugur": "opening", "открыт": "opening",
	"collaps": "disaster", "disast": "disaster", "catastr": "disaster", "effondr": "disaster", "eboul": "disaster", "accident": "disaster", "катастр": "disaster",
	"survey": "survey", "leve": "survey", "releve": "survey",
	"meet": "meeting", "met": "meeting", "rencontr": "meeting", "entrev": "meeting", "встреч": "meeting",
	"publish": "publication", "publie": "publication", "publia": "publication", "alleg": "publication", "опубл": "publication",
	"credit": "payment", "debit": "payment", "paid": "payment", "pay": "payment", "payment": "payment", "versem": "payment", "verse": "payment", "payé": "payment", "plat": "payment",
	"tender": "tender", "offer": "tender", "offre": "tender", "soumiss": "tender",
	"protest": "protest", "protesta": "protest", "протест": "protest",
	"pact": "treaty", "treat": "treaty", "traite": "treaty", "accord": "treaty", "договор": "treaty", "пакт": "treaty",
	"trial": "trial", "proces": "trial", "процесс": "trial", "суд": "trial",
	"famin": "famine", "famine": "famine", "голод": "famine",
	"purg": "purge", "purge": "purge", "чистк": "purge",
	"strik": "strike", "greve": "strike", "забаст": "strike",
	"war": "war", "guerr": "war", "войн": "war",
	"congress": "congress", "congres": "congress", "съезд": "congress",
	"kilomet": "length", "km": "length", "long": "length",
	"dead": "deaths", "died": "deaths", "death": "deaths", "killed": "deaths", "lives": "deaths", "mort": "deaths", "corps": "deaths", "tues": "deaths", "погиб": "deaths", "убит": "deaths",
}

// eventClass returns the event class of a folded word, or "". Keys of
// three bytes or fewer ("met", "war", "pay") must match the whole word, so
// that "metres" is no meeting and "warrant" no war.
func eventClass(w string) string {
	if len(w) < 2 {
		return ""
	}
	if c, ok := eventWords[w]; ok {
		return c
	}
	for n := min(len(w)-1, 8); n >= 4; n-- {
		if c, ok := eventWords[w[:n]]; ok {
			return c
		}
	}
	return ""
}

// bilingual holds English–French word pairs common in historical prose,
// folded; the cross-language comparison of passages counts them as shared
// words. The corpus's own side-by-side pairs add to it (Learn).
var bilingual = func() map[string]string {
	pairs := `never jamais|nor ni|anyone personne|engineer ingenieur|paid paye|build construire|built construit|railway chemin|
	conversations conversations|presence presence|held lieu|handed remis|payment versement|direct direct|indirect indirect|made fait|
	books livres|disposal disposition|committee commission|whole entiere|nation nation|affair affaire|bankers banquiers|sleeper traverse|
	laid posee|republic republique|line ligne|opened ouverte|traffic trafic|train train|minister ministre|months mois|year annee|years ans|
	day jour|days jours|week semaine|weeks semaines|first premier|new nouveau|board conseil|signed signee|office bureau|deed acte|
	concession concession|resigned demission|letter lettre|bank banque|account compte|money argent|sum somme|francs francs|dead morts|
	workmen ouvriers|men hommes|bodies corps|mud boue|four quatre|three trois|two deux|hotel hotel|station gare|city ville|port port|
	company societe|government gouvernement|deputy depute|state etat|war guerre|peace paix|army armee|people peuple|party parti|
	never jamais|always toujours|true vrai|false faux|lie mensonge|proof preuve|evidence preuve|witness temoin|inquiry enquete|
	report rapport|newspaper journal|telegram telegramme|paris paris|french francais|received recu|single seul|franc franc`
	m := map[string]string{}
	for _, p := range strings.Split(pairs, "|") {
		f := strings.Fields(p)
		if len(f) == 2 {
			m[f[0]] = f[1]
			m[f[1]] = f[0]
		}
	}
	return m
}()

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[fold(w)] = true
	}
	return m
}
