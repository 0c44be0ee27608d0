package entities

import (
	"fmt"
	"strings"
	"testing"
)

func TestLoneLetterStart(t *testing.T) {
	for _, c := range []struct {
		ws   []string
		want bool
	}{
		{[]string{"O", "N"}, true},            // ON in capitals, its drop capital set apart
		{[]string{"B", "E"}, true},            // BE it enacted
		{[]string{"J", "ATTEST"}, true},       // a letter before a word in capitals
		{[]string{"A", "Genève"}, false},      // a word of one letter before a name
		{[]string{"N.", "Sveshnikov"}, false}, // an initial
		{[]string{"O"}, false},
		{[]string{"Jan", "Volkar"}, false},
	} {
		if got := loneLetterStart(c.ws); got != c.want {
			t.Errorf("loneLetterStart(%q) = %v, want %v", c.ws, got, c.want)
		}
	}
}

func TestOnlyInitials(t *testing.T) {
	for _, c := range []struct {
		ws   []string
		want bool
	}{
		{[]string{"N.", "E."}, true},
		{[]string{"I.", "T."}, true},
		{[]string{"N.", "A.", "Sveshnikov"}, false},
		{[]string{"P.-E."}, false}, // one initial is left to the rules for one word
		{[]string{"Th.", "Mann"}, false},
		{[]string{"Capt.", "Willet"}, false},
	} {
		if got := onlyInitials(c.ws); got != c.want {
			t.Errorf("onlyInitials(%q) = %v, want %v", c.ws, got, c.want)
		}
	}
}

func TestOfficeBefore(t *testing.T) {
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"the King of France said", "France", true},
		{"the President of the United States", "United", true},
		{"a minister of Lesnia", "Lesnia", true},
		{"the road of Velgrad", "Velgrad", false},
		{"le roi de France", "France", false}, // French newspapers make it a place
		{"France", "France", false},
	} {
		ts := tokenize(c.text, 0, len(c.text), nil)
		i := 0
		for i < len(ts) && ts[i].w != c.name {
			i++
		}
		if got := officeBefore(ts, i); got != c.want {
			t.Errorf("officeBefore(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

func TestASCIIKey(t *testing.T) {
	for _, c := range []struct {
		in, want string
		fields   bool
		ok       bool
	}{
		{"New  York", "new york", true, true},
		{" Hotel\nTerminus ", "hotel terminus", true, true},
		{"Paris", "paris", false, true},
		{"Société", "", true, false},
		{strings.Repeat("x", 200), "", true, false},
	} {
		var buf [96]byte
		got, ok := asciiKey(buf[:0], c.in, c.fields)
		if ok != c.ok || (ok && string(got) != c.want) {
			t.Errorf("asciiKey(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
		if ok && c.fields && string(got) != gkey(c.in) {
			t.Errorf("asciiKey(%q) = %q, gkey says %q", c.in, got, gkey(c.in))
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Paris": "paris", "paris": "paris", "Société": "societe", "l’Etat": "l'etat", "ÉCOLE": "ecole"} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	ts := tokenize("Mr. Volkar met HENRI Delorme", 0, 28, nil)
	for _, tk := range ts {
		if tk.f != fold(tk.w) {
			t.Errorf("token %q folded %q, want %q", tk.w, tk.f, fold(tk.w))
		}
	}
}

func TestSentenceParticiple(t *testing.T) {
	text := "Resolved, That the bridge be built. Signed at Velgrad by Jan Volkar."
	var got []string
	for _, f := range Extract(doc(text, "en"), Default()) {
		got = append(got, f.Text)
	}
	for _, w := range got {
		if w == "Resolved" || w == "Signed" {
			t.Errorf("found %q in %q (all: %q)", w, text, got)
		}
	}
	if !strings.Contains(strings.Join(got, "|"), "Jan Volkar") {
		t.Errorf("Jan Volkar not found: %q", got)
	}
}

func TestLowerTitleBefore(t *testing.T) {
	for _, c := range []struct {
		text, name, title string
	}{
		{"had captain Johnson on board", "Johnson", "captain"},
		{"Island, the hon. James Townsend, who", "James", "hon"},
		{"the engineer Delorme", "Delorme", ""},
		{"from Captain Johnson", "Johnson", ""}, // capitalised titles are read by isTitleAt
		{"Johnson", "Johnson", ""},
	} {
		ts := tokenize(c.text, 0, len(c.text), nil)
		i := 0
		for i < len(ts) && ts[i].w != c.name {
			i++
		}
		got := ""
		if k := lowerTitleBefore(ts, i); k >= 0 {
			got = ts[k].w
		}
		if got != c.title {
			t.Errorf("lowerTitleBefore(%q, %q) = %q, want %q", c.text, c.name, got, c.title)
		}
	}
	for _, f := range Extract(doc("The ship came in; captain Johnson was ill.", "en"), Default()) {
		if f.Text == "Johnson" && (f.Attrs.String("type") != "person" || f.Attrs.String("title") != "captain") {
			t.Errorf("captain Johnson: %v", f.Attrs)
		}
	}
}

func TestLowerPlaceTail(t *testing.T) {
	for text, want := range map[string]string{
		"unimproved lands in Wayne county are taxed": "Wayne county",
		"the bridge to the Leesburg road is built":   "Leesburg road",
		"Captain Johnson road-tested it":             "Johnson",
	} {
		found := map[string]string{}
		for _, f := range Extract(doc(text, "en"), Default()) {
			found[f.Text] = f.Attrs.String("type")
		}
		typ, ok := found[want]
		if !ok || (strings.Contains(want, " ") && typ != "place") {
			t.Errorf("%q: want %q (place), found %v", text, want, found)
		}
	}
}

func TestLowerASCII(t *testing.T) {
	// Every byte, at every offset of the eight-byte blocks: capitals lowered, nothing else touched.
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", "A", "Hello, WORLD", "@AZ[`az{", "ÀÉÎ ÕÜ Ñ", "\xc1\xda\x80\xff@[", string(all), "x" + string(all) + "ZZZ"} {
		want := []byte(s)
		for i, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if got := lowerASCII(s); got != string(want) {
			t.Errorf("lowerASCII(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestPunctuationFold(t *testing.T) {
	// The tokenizer folds the punctuation of these ranges to itself (’ to '), as fold does.
	for _, r := range []rune{0xa1, 0xab, 0xbb, 0xbf, 0xd7, 0xf7, 0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2030, 0x203a, 0x205e} {
		ts := tokenize(string(r), 0, len(string(r)), nil)
		if len(ts) != 1 || ts[0].f != fold(string(r)) {
			t.Errorf("%U: folded %q, fold gives %q", r, ts[0].f, fold(string(r)))
		}
	}
}

func TestPossessive(t *testing.T) {
	// 's is cut off a word when the next rune is no letter, whatever its width; l', d' stay.
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Kirov's” Stalin", []string{"Kirov", "'", "s", "”", "Stalin"}},
		{"Kirov’s book", []string{"Kirov", "’", "s", "book"}},
		{"Kirov'sé", []string{"Kirov'sé"}},
		{"L’Humanité d'Orsay", []string{"L’", "Humanité", "d'", "Orsay"}},
		{"JUSQU'À", []string{"JUSQU'", "À"}},
		{"rock'n'roll", []string{"rock'n'roll"}},
	} {
		var got []string
		for _, tk := range tokenize(c.text, 0, len(c.text), nil) {
			got = append(got, tk.w)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("tokenize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLexTable(t *testing.T) {
	// lx is lexBits, word for word, and 0 for words of no list.
	for w, b := range lexBits {
		if got := lx(w); got != b {
			t.Errorf("lx(%q) = %b, want %b", w, got, b)
		}
	}
	for _, w := range []string{"", "volkar", "thee", "th", "t", "committees'", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "société", "comité!"} {
		if got, want := lx(w), lexBits[w]; got != want {
			t.Errorf("lx(%q) = %b, want %b", w, got, want)
		}
	}
}

func TestWordMap(t *testing.T) {
	// A map that grows, is emptied and filled again gives what a Go map gives.
	var m wordMap[int]
	for round := 0; round < 3; round++ {
		want := map[string]int{}
		for i := 0; i < 5000+round*100; i++ {
			k := fmt.Sprintf("w%d-%d", i%1777, round)
			*m.at(k) += i
			want[k] += i
		}
		if m.n != len(want) {
			t.Fatalf("round %d: %d keys, want %d", round, m.n, len(want))
		}
		for k, v := range want {
			if got := m.get(k); got != v {
				t.Fatalf("round %d: get(%q) = %d, want %d", round, k, got, v)
			}
		}
		if m.get("absent") != 0 || m.get("") != 0 {
			t.Fatalf("round %d: an absent key has a value", round)
		}
		n := 0
		m.each(func(k string, v int) {
			if want[k] != v {
				t.Errorf("each: %q = %d, want %d", k, v, want[k])
			}
			n++
		})
		if n != len(want) {
			t.Fatalf("each saw %d keys, want %d", n, len(want))
		}
		m.reset()
		if m.get("w1-0") != 0 {
			t.Fatal("reset kept a key")
		}
	}
}
