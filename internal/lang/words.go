package lang

import (
	"math/bits"
	"strings"
)

// lid indexes the Latin-script languages Detect scores.
type lid int

const (
	en lid = iota
	fr
	de
	es
	it
	la
	pt
	nl
	pl
	cs
	tr
	ro
	hu
	sv
	fi
	ruL
	nLang
)

var codes = [nLang]string{"en", "fr", "de", "es", "it", "la", "pt", "nl", "pl", "cs", "tr", "ro", "hu", "sv", "fi", RussianLatin}

func lidOf(code string) (lid, bool) {
	for i, c := range codes {
		if c == code {
			return lid(i), true
		}
	}
	return 0, false
}

// stopLists are the most frequent function words of each language. A word
// in several lists counts for each, shared.
var stopLists = [nLang]string{
	en: `the of and to in a is that for it as was with be by on not he i this are or his from at which
	but have an they you were her she there been one all we their has would when if so no will its who
	more had what can about up out them some my me do into than only other could our your any these also
	him then now may such over how did most should those being because very itself himself whether
	whatever though upon against never nothing whom shall must without before after between under
	said says say asks asked ask kind person people time year years men new first last long great
	little own old right different small large next early young important few public same able know
	knew think thought take took see saw come came want look used find found give gave tell told work
	call called try feel left put mean meant keep kept let began seem seemed help talk turned show
	hear heard live believe hold brought happened wrote write written sit stand lost pay paid meet
	met set learn change led understand follow stop speak spoke read allow add grow open win offer
	remember consider appear wait serve send war man expect build stay fall reach remain way thing things
	day days life world hand child eye woman place week case point number group problem fact question
	country why where here well even back still just much many every each both same another while
	during against already always often again yet however although until since within among
	through across around toward towards whose anything something everything nobody someone`,
	fr: `le la les de des du un une et est en que qui dans pour pas au aux ce cette ces il elle ils elles
	ne se sur par plus avec son sa ses nous vous je leur leurs mais ou où était sont été être avait y
	lui même tout tous comme on ont fait aussi bien dont très sans mon ma mes notre nos votre vos moi
	toi eux quand chez avant après encore jamais rien personne alors puis donc car cela ceci ça où
	avaient étaient fut peut faire dit entre depuis aucun aucune chaque quelque`,
	de: `der die das und ist nicht den dem des ein eine einer einen eines zu mit sich von auf für im sie
	es auch an als wie wir ich er bei nach aus wird hat haben noch nur oder aber wenn so dass daß war
	waren sind kann über unser unsere unter zum zur vom werden wurde wurden diese dieser dieses man
	mir mich ihm ihr ihre seine sein seiner schon sehr gegen durch ohne einem keine kein nun doch hier
	dort müssen muss mußte würde`,
	es: `el la los las de del y que en un una es por con para se no lo su sus al como más pero fue ha
	muy también este esta estos estas sobre entre cuando ya sin hay donde porque él era son ser están
	está nos les le mi yo tu usted ellos ellas todo todos hasta desde otro otra cual quien eso esto`,
	it: `il lo la gli le di del della dei delle degli e che in un una è per con non si da al alla ai
	sono come più ma anche questo questa nel nella era stato essere ha hanno ci perché quando molto
	dopo tra fra sul sulla suo sua suoi loro io noi voi lui lei mi ti se anche ancora sempre già
	dove chi cosa tutto tutti uno ho hai abbiamo erano fu`,
	la: `et in est non ad cum quod qui quae sed ut ex de per sunt enim esse autem nec atque ac vel
	etiam ab hoc eius quam quoque erat neque ita tamen apud inter sicut ergo nos vos ego tu eum eam
	illud ille hic haec omnes omnia sub super post ante quia quibus cuius eorum suis suum sua sibi se
	nisi tunc iam nunc vero modo fuit sit esset eos eis ei illi illa illum nobis vobis mihi tibi
	erit erunt sicut quoniam ait dixit secundum ubi ibi tuus tua tuum meus mea meum suo sui quid quis
	omnis super usque propter contra sine tamquam ideo igitur nam namque dum donec ecce hanc hunc
	huius eorum earum ipse ipsa ipsum ipsi qua quo quem cui sive seu`,
	pt: `o a os as de do da dos das e que em um uma é para com não se no na por mais como mas foi ao
	seu sua ou ser quando muito nos já também pelo pela está são entre ele ela eles elas isso isto
	aos num numa pelos pelas foram tem têm meu minha`,
	nl: `de het een en van in is dat op te zijn voor met die niet aan er maar om ook als bij of wordt
	door naar uit dan was werd nog hij zij wij ze ik je hem haar hun deze dit geen wel heeft hebben
	werden kan zou moet tot over onder`,
	pl: `i w z na się nie do to że jest o jak a po co tak za od ale już być był była było są przez
	dla tylko ich jego jej oraz który która które także może bardzo gdy kiedy tym tego tej więc`,
	cs: `a v se na je že s z do o to jako k by ale po jsou byl byla bylo který která které jeho
	jejich také pro od při už jen tak když není mezi`,
	sv: `och att det som en är på för med har av inte till den jag var om men så de ett vi han hon
	nu kan eller när från sig hade skulle efter även under mot också bara alla mycket där`,
	fi: `ja on ei se että oli hän mutta kun niin myös kuin jos ovat olla tai nyt vain sen sitä hänen
	joka jotka mitä tämä tuo siis vielä jo kanssa`,
	ruL: `chto eto ne kak tak byl byla bylo byli nado vsio vsë vse vsë ia menia tebia sebia nas vas
	ikh ego ee emu ei on ona ono oni my vy ty v vo na s so k ko iz ot do po za pod nad pri bez dlia
	cherez posle i a no ili da net zhe li by bud' nibud' nebud' uzhe eshche eshchë tol'ko tolko mozhno
	nel'zia nelzia kto gde kogda pochemu zachem tozhe takzhe vot tut tam zdes' seichas teper' togda
	potom ochen' khorosho ploho budet budut est' nu chem chego chemu kotoryi kotoraia kotoroe kotorye
	etot eta eti etogo tot ta te svoi svoia nash vash odin odna mnogo sovsem vsegda nikogda nichego
	nikto ves' vsia vsego esli chtoby chtob khotia potomu poka ved' dazhe nibut nebut mne emu vsekh
	govoril skazal skazat' mozhet nuzhno ty tebe sebe`,
}

// stopMap maps a lower-case word to the set of languages it is a function
// word of.
var stopMap = func() map[string]uint16 {
	m := map[string]uint16{}
	for l, list := range stopLists {
		for w := range strings.FieldsSeq(list) {
			m[w] |= 1 << l
		}
	}
	return m
}()

// stop is stopMap as a table for the hot loop: a word of up to 8 bytes
// (nearly all of them) packed into a uint64 and looked up in an
// open-addressing table, longer ones in a map; a word longer than the
// longest function word is not looked up at all.
var stop = newStopTable(stopMap)

const (
	stopBits  = 11
	stopSlots = 1 << stopBits // twice the function words
)

type stopTable struct {
	keys   [stopSlots]uint64
	lens   [stopSlots]uint8 // 0: an empty slot
	masks  [stopSlots]uint16
	long   map[string]uint16
	maxLen int
}

func newStopTable(m map[string]uint16) *stopTable {
	t := &stopTable{long: map[string]uint16{}}
	for w, mask := range m {
		t.maxLen = max(t.maxLen, len(w))
		if len(w) > 8 {
			t.long[w] = mask
			continue
		}
		k := packWord([]byte(w))
		i := stopSlot(k, len(w))
		for t.lens[i] != 0 {
			i = (i + 1) & (stopSlots - 1)
		}
		t.keys[i], t.lens[i], t.masks[i] = k, uint8(len(w)), mask
	}
	return t
}

// packWord packs up to 8 bytes into a uint64, the first in the low byte
// (with the length, one to one).
func packWord(b []byte) uint64 {
	var k uint64
	for i, c := range b {
		k |= uint64(c) << (8 * i)
	}
	return k
}

func stopSlot(k uint64, n int) uint64 {
	return ((k + uint64(n)) * 0x9e3779b97f4a7c15) >> (64 - stopBits)
}

// get returns the languages w is a function word of.
func (t *stopTable) get(w []byte) (uint16, bool) {
	if len(w) == 0 || len(w) > t.maxLen {
		return 0, false
	}
	if len(w) > 8 {
		m, ok := t.long[string(w)]
		return m, ok
	}
	k, n := packWord(w), uint8(len(w))
	for i := stopSlot(k, len(w)); ; i = (i + 1) & (stopSlots - 1) {
		switch {
		case t.lens[i] == 0:
			return 0, false
		case t.keys[i] == k && t.lens[i] == n:
			return t.masks[i], true
		}
	}
}

// addMask spreads weight w over the languages of mask.
func addMask(sc *[nLang]float32, mask uint16, w float32) {
	share := w / float32(bits.OnesCount16(mask))
	for mask != 0 {
		l := bits.TrailingZeros16(mask)
		sc[l] += share
		mask &= mask - 1
	}
}

// letterVotes are the diacritic letters that speak for languages.
type vote struct {
	l lid
	w float32
}

var letterVotes = map[rune][]vote{
	'œ': {{fr, 1}},
	'ß': {{de, 1}},
	'ä': {{de, .5}, {sv, .3}, {fi, .3}},
	'ö': {{de, .4}, {hu, .2}, {tr, .2}, {sv, .2}, {fi, .2}},
	'å': {{sv, 1}},
	'ü': {{de, .6}, {hu, .2}, {tr, .2}},
	'é': {{fr, .5}, {es, .15}, {pt, .15}, {it, .05}, {cs, .1}, {hu, .05}},
	'è': {{fr, .6}, {it, .4}},
	'ê': {{fr, .6}, {pt, .4}},
	'à': {{fr, .5}, {it, .3}, {pt, .2}},
	'â': {{fr, .5}, {pt, .3}, {ro, .2}},
	'ç': {{fr, .5}, {pt, .4}, {tr, .1}},
	'î': {{fr, .6}, {ro, .4}},
	'ï': {{fr, .6}, {nl, .4}},
	'ë': {{fr, .4}, {nl, .6}},
	'ô': {{fr, .6}, {pt, .4}},
	'û': {{fr, 1}},
	'ù': {{fr, .7}, {it, .3}},
	'ÿ': {{fr, 1}},
	'ñ': {{es, 1}},
	'á': {{es, .4}, {pt, .3}, {cs, .2}, {hu, .1}},
	'í': {{es, .4}, {pt, .2}, {cs, .3}, {hu, .1}},
	'ó': {{es, .4}, {pt, .2}, {pl, .3}, {hu, .1}},
	'ú': {{es, .5}, {pt, .2}, {cs, .2}, {hu, .1}},
	'ì': {{it, 1}},
	'ò': {{it, 1}},
	'ã': {{pt, 1}},
	'õ': {{pt, 1}},
	'ą': {{pl, 1}},
	'ę': {{pl, 1}},
	'ł': {{pl, 1}},
	'ś': {{pl, 1}},
	'ź': {{pl, 1}},
	'ż': {{pl, 1}},
	'ń': {{pl, 1}},
	'ř': {{cs, 1}},
	'ě': {{cs, 1}},
	'ů': {{cs, 1}},
	'č': {{cs, .6}},
	'š': {{cs, .6}},
	'ž': {{cs, .6}},
	'ý': {{cs, .8}},
	'ğ': {{tr, 1}},
	'ı': {{tr, 1}},
	'ş': {{tr, .6}, {ro, .4}},
	'ș': {{ro, 1}},
	'ț': {{ro, 1}},
	'ţ': {{ro, 1}},
	'ă': {{ro, 1}},
	'ő': {{hu, 1}},
	'ű': {{hu, 1}},
}

// frElide are the French elided words before an apostrophe.
var frElide = map[string]bool{
	"l": true, "d": true, "j": true, "n": true, "s": true, "c": true, "m": true, "t": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// itElide are the Italian ones.
var itElide = map[string]bool{
	"dell": true, "all": true, "nell": true, "sull": true, "dall": true, "quell": true,
	"un": true, "quest": true, "coll": true,
}

// enClitic are the English contractions after an apostrophe.
var enClitic = map[string]bool{"s": true, "t": true, "ll": true, "re": true, "ve": true, "m": true, "d": true}
