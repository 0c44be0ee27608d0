package searchkey

import "testing"

func TestKeysMeet(t *testing.T) {
	same := []struct{ a, langA, b, langB string }{
		{"Сталин", "ru", "Stalin", "en"},
		{"Staline", "fr", "Stalin", "en"},
		{"Société", "fr", "Societe", "fr"},
		{"SOCIÉTÉ", "fr", "société", "fr"},
		{"Хрущёв", "ru", "Khrushchev", "en"},
	}
	for _, c := range same {
		if ka, kb := NameKey(c.a), NameKey(c.b); ka != kb || ka == "" {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want one key", c.a, ka, c.b, kb)
		}
	}
	if Key("signée", "fr") != Key("signé", "fr") {
		t.Errorf("French stems differ: %q %q", Key("signée", "fr"), Key("signé", "fr"))
	}
	if Key("Stalin", "en") == Key("Trotsky", "en") {
		t.Error("different names share a key")
	}
}

func TestWordsAndKeys(t *testing.T) {
	text := "L'Humanité, 12 mai: «Сталин»!"
	ws := Words(text)
	var got []string
	for _, w := range ws {
		got = append(got, text[w.Start:w.End])
	}
	if len(got) < 4 || got[len(got)-1] != "Сталин" {
		t.Errorf("Words = %q", got)
	}
	cache := map[string]string{}
	if a, b := TextKeys(text, "fr", cache), TextKeys(text, "fr", nil); a != b || a == "" {
		t.Errorf("TextKeys with and without a cache: %q / %q", a, b)
	}
	if BaseLang("fr-CA") != "fr" || BaseLang("") != "" {
		t.Error("BaseLang")
	}
}

func TestCacheTextKeys(t *testing.T) {
	texts := []struct{ text, lang string }{
		{"L'Humanité, 12 mai: «Сталин»!", "fr"},
		{"Stalin signed the pact; the signing was secret.", "en"},
		{"Сталин подписал договор в Москве.", "ru"},
		{"", "en"},
		{"  ,;  ", "en"},
		{"x\xffy ́a", "en"}, // invalid UTF-8 and a lone mark
	}
	var c Cache
	for range 2 { // the second time from the cache
		for _, tc := range texts {
			if got, want := c.TextKeys(tc.text, tc.lang), TextKeys(tc.text, tc.lang, nil); got != want {
				t.Errorf("Cache.TextKeys(%q, %s) = %q, TextKeys %q", tc.text, tc.lang, got, want)
			}
		}
	}
	// Full, it forgets at the next new word and goes on giving the same
	// keys.
	c.n = MaxCached
	text := "Molotov wrote again."
	if got, want := c.TextKeys(text, "en"), TextKeys(text, "en", nil); got != want || c.n != 3 {
		t.Errorf("after forgetting: %q, want %q (%d cached)", got, want, c.n)
	}
}

func TestGramSet(t *testing.T) {
	var s GramSet
	want := map[uint64]bool{}
	for i := range 5000 {
		h := GramHash(rune(i%97), rune(i%89), rune(i%83))
		s.Add(h)
		s.Add(h) // twice: once in the set
		if h == 0 {
			h = 1
		}
		want[h] = true
	}
	s.Add(0)
	want[1] = true
	if s.Len() != len(want) {
		t.Fatalf("Len %d, want %d", s.Len(), len(want))
	}
	for _, h := range s.Hashes() {
		if !want[h] {
			t.Fatalf("hash %x was never added", h)
		}
		delete(want, h)
	}
	if len(want) != 0 {
		t.Fatalf("%d hashes lost", len(want))
	}
	if GramHash('a', 'b', 'c') == GramHash('a', 'c', 'b') {
		t.Error("GramHash ignores order")
	}
}
