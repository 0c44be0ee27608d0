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
	return givenGender[lower(ws[0])]
}
