package quotes

import "strings"

// givenGender gives common given names (English, French, German, Italian,
// Russian, in their usual forms and pet forms) their gender: a general
// lexicon, for pronoun agreement when the text's own pronouns do not tell.
var givenGender = map[string]byte{}

func init() {
	for _, w := range strings.Fields(`adam alan albert alexander alexandre alexis alfred allan andrew andré anthony antoine archibald arthur
	augustus august benjamin bernard bill billy bob bobby charles charlie christopher claude clarence daniel david dick edgar edmund edward
	edwin ernest eugene eugène francis francois françois frank frederick fred freddie gabriel george georges gerald gilbert giles godfrey
	gregory guy harold harry henry herbert horace hugh ivan jack jacob jacques james jean jem jim jimmy joe john johnny jonathan joseph
	julian karl lawrence leonard lewis louis luke marcus mark martin matthew maurice michael nathaniel ned nicholas oliver oscar patrick
	paul peter philip pierre ralph raymond richard robert roger rudolf rudolph samuel sam simon stephen steve theodore thomas tom tommy
	victor vincent walter wilhelm will william willie wolfgang friedrich heinrich hans otto fritz giovanni giuseppe luigi marco pietro
	nikolai pavel sergei dmitri fyodor alexei mikhail vladimir boris leo lev konstantin gabriel humphrey jerry
	abraham isaac moses aaron felix hector jasper rupert cecil reginald basil percy rodney stanley wilfred jeremiah ebenezer ezra amos`) {
		givenGender[w] = 'm'
	}
	for _, w := range strings.Fields(`ada agnes alice amelia amy ann anna anne annie beatrice becky bella bertha betsy betty catherine cecilia
	charlotte clara daisy dora dorothy edith eleanor elinor eliza elizabeth ellen emily emma esther ethel eva eve evelyn fanny florence frances
	georgiana georgina grace hannah harriet helen helena henrietta hester isabel isabella jane janet jenny jessie josephine judith julia
	kate katharine katherine kathleen laura lizzie louisa louise lucy lydia mabel madeline maggie margaret maria marian marianne
	marie martha mary matilda maud meg millie minnie molly nancy nell nellie olivia pamela patience peggy phoebe polly rachel rebecca rose
	rosa ruth sally sarah sophia sophie susan susanna theresa victoria violet virginia winifred marguerite jeanne madeleine colette
	gertrude greta ingrid natasha olga tatiana anastasia sonia sonya irina maria giulia lucia francesca caroline daisy
 charity prudence honor hetty phoebe edna adele cora ida irene mildred myrtle pearl stella`) {
		givenGender[w] = 'f'
	}
}

// givenNameGender gives a name its gender from its first given name.
func givenNameGender(n string) byte {
	ws := strings.Fields(n)
	if len(ws) < 1 {
		return 0
	}
	w := lower(ws[0])
	if g, ok := givenGender[w]; ok {
		return g
	}
	return petGender[w]
}

// petGender gives a pet form the gender of the names of its groups
// ("Lizzy", "Teddy"), where they agree.
var petGender = map[string]byte{}

// hypocorisms groups the usual English pet forms and spellings of a given
// name with it (Henry, Harry, Hal; John, Jack; Caroline, Carrie): a general
// lexicon, so that "Harry" and "Lord Henry" of one document, where no
// other Henry or Harry is, lead to one person. A form may belong to two
// groups (Teddy: Edward, Theodore).
var hypocorisms = map[string][]int{}

func init() {
	for i, g := range strings.Split(`henry harry hal hank
	john jack johnny jock
	caroline carrie carry carolina
	elizabeth eliza elisa lizzie lizzy liz beth betsy betsey betty bess bessie libby elsie
	margaret meg maggie peggy madge
	william will willie willy bill billy
	robert bob bobby rob robin
	richard dick dicky dickie
	edward ned neddy ted teddy eddie
	theodore teddy theo
	thomas tom tommy
	james jim jimmy jem jemmy jamie
	charles charlie charley
	catherine katherine katharine kathryn catharine kate katie kitty
	mary molly polly mollie mamie
	sarah sally sadie
	ann anne anna annie nancy nan
	frances fanny fannie
	francis frank frankie
	joseph joe joey
	samuel sam sammy
	benjamin ben benny
	frederick frederic fred freddie freddy
	alexander alec alex sandy
	anthony antony tony
	susan susanna susannah sue susie
	dorothy dolly dot
	isabella isabel isabelle bella
	christopher chris kit
	matilda tilly
	patrick pat paddy
	michael mike mick
	nicholas nick
	peter pete
	daniel dan danny
	david davy dave
	andrew andy
	sidney sydney sid
	lawrence laurence larry
	leonard len lenny
	albert bert bertie
	herbert bert bertie
	harriet hattie hatty
	henrietta hetty
	esther hetty
	rebecca becky
	abigail abby nabby
	eleanor elinor nell nelly nellie
	helen nell nelly nellie
	louisa louise lou
	jane jenny jennie janey
	josephine jo josie
	amelia emmy
	emily emmy
	philip phillip phil
	gilbert gil
	timothy tim
	nathaniel nat
	augustus gus
	reginald reggie
	archibald archie
	percival percy
	cecilia cecily cissy
	deborah deb debby
	jacob jake
	judith judy
	martha patty mattie
	millicent millie milly
	agnes aggie
	gertrude gertie
	winifred winnie`, "\n") {
		for _, w := range strings.Fields(g) {
			hypocorisms[w] = append(hypocorisms[w], i)
		}
	}
	group := map[int]byte{} // a group's gender; 'x' where its names disagree
	for w, gs := range hypocorisms {
		for _, i := range gs {
			if g := givenGender[w]; g != 0 && group[i] != g {
				if group[i] == 0 {
					group[i] = g
				} else {
					group[i] = 'x'
				}
			}
		}
	}
	for w, gs := range hypocorisms {
		var g byte
		for _, i := range gs {
			switch {
			case group[i] == 0:
			case g == 0:
				g = group[i]
			case g != group[i]:
				g = 'x'
			}
		}
		if g != 'x' {
			petGender[w] = g
		}
	}
}

// sameGiven reports whether two given names are one, or forms of one
// ("Harry", "Henry").
func sameGiven(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	ga, gb := lookup(hypocorisms, a), lookup(hypocorisms, b)
	for _, x := range ga {
		for _, y := range gb {
			if x == y {
				return true
			}
		}
	}
	return false
}
