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
