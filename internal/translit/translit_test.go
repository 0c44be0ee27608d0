package translit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestToLatin(t *testing.T) {
	tests := []struct {
		in   string
		sc   Scheme
		want string
	}{
		{"Сталин", BGN, "Stalin"},
		{"Сталин", French, "Stalin"}, // the French -e is a spelling habit, not the table's
		{"Свешников", BGN, "Sveshnikov"},
		{"Свешников", French, "Svechnikov"},
		{"Свешников", German, "Sweschnikow"},
		{"Свешников", ISO9, "Svešnikov"},
		{"Свешников", Scholarly, "Svešnikov"},
		{"Щукин", ALALC, "Shchukin"},
		{"Щукин", German, "Schtschukin"},
		{"Хрущёв", BGN, "Khrushchëv"},
		{"Хрущёв", French, "Khrouchtchiov"},
		{"Ельцин", BGN, "Yeltsin"},
		{"Юрьев", ISO9, "Ûrʹev"},
		{"Юрьев", BGN, "Yurev"},
		{"СССР", BGN, "SSSR"},
		{"Василий", German, "Wassilij"},
		{"Василий", BGN, "Vasiliy"},
		{"", BGN, ""},
		{"Paris 1923 — ok", BGN, "Paris 1923 — ok"},
		{"Маркс and Engels", BGN, "Marks and Engels"},
		{"\xff\xfeЖ", BGN, "\ufffd\ufffdZh"},
	}
	for _, tt := range tests {
		if got := ToLatin(tt.in, tt.sc); got != tt.want {
			t.Errorf("ToLatin(%q, %v) = %q, want %q", tt.in, tt.sc, got, tt.want)
		}
	}
}

func TestToCyrillic(t *testing.T) {
	tests := []struct {
		in   string
		sc   Scheme
		want string
	}{
		{"Sveshnikov", BGN, "Свешников"},
		{"Svechnikov", French, "Свешников"},
		{"Swetschnikow", German, "Свечников"},
		{"Khrushchev", BGN, "Хрущев"},
		{"Stalin", BGN, "Сталин"},
		{"Tolstoy", BGN, "Толстой"},
		{"Dostoyevskiy", BGN, "Достоевский"},
		{"", BGN, ""},
		{"42!", ISO9, "42!"},
	}
	for _, tt := range tests {
		if got := ToCyrillic(tt.in, tt.sc); got != tt.want {
			t.Errorf("ToCyrillic(%q, %v) = %q, want %q", tt.in, tt.sc, got, tt.want)
		}
	}
}

// The one-letter-per-letter schemes read back exactly.
func TestRoundTrip(t *testing.T) {
	words := []string{"Сталин", "Свешников", "Щукин", "Жуков", "Чичерин", "Цветаева", "Хрущёв", "Бухарин", "Зиновьев", "Каменев",
		"Троцкий", "Молотов", "Ягода", "Ежов", "Берия", "Шолохов", "Эренбург", "Мандельштам", "Ахматова"}
	for _, sc := range []Scheme{ISO9, Scholarly} {
		for _, w := range words {
			lat := ToLatin(w, sc)
			if back := ToCyrillic(lat, sc); back != w {
				t.Errorf("%v: %q -> %q -> %q", sc, w, lat, back)
			}
		}
	}
	// The others read back to the same matching key.
	for _, sc := range Schemes {
		for _, w := range words {
			if lat := ToLatin(w, sc); !Same(w, lat) {
				t.Errorf("%v: Same(%q, %q) = false (keys %v / %v)", sc, w, lat, Keys(w), Keys(lat))
			}
		}
	}
}

func TestSame(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Sveshnikov", "Svechnikov", true},
		{"Sveshnikov", "Swetschnikow", true},
		{"Sveshnikov", "Свешников", true},
		{"Staline", "Stalin", true},
		{"Staline", "Сталин", true},
		{"Khrouchtchev", "Khrushchev", true},
		{"Tchaikovsky", "Chaykovskiy", true},
		{"Trotsky", "Trotzki", true},
		{"Société", "Societe", true},
		{"Volkar", "Garnier", false},
		{"Stalin", "Starin", false},
		{"Molotov", "Malenkov", false},
		{"", "", true},
		{"", "Stalin", false},
	}
	for _, tt := range tests {
		if got := Same(tt.a, tt.b); got != tt.want {
			t.Errorf("Same(%q, %q) = %v, want %v (keys %v / %v)", tt.a, tt.b, got, tt.want, Keys(tt.a), Keys(tt.b))
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Société": "societe", "Königsberg": "konigsberg", "Paul-Émile": "paul-emile", "ЁЛКА": "елка", "": ""} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTranslit(f *testing.F) {
	for _, s := range []string{"Сталин", "Sveshnikov", "Щ", "shch", "\xff", "Ёё Йй ъь", "tsch-tch ch"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sc := range Schemes {
			lat := ToLatin(s, sc)
			if utf8.ValidString(s) && !utf8.ValidString(lat) {
				t.Fatalf("ToLatin(%q, %v) gave invalid UTF-8", s, sc)
			}
			if utf8.ValidString(s) && !IsCyrillic(s) && lat != s {
				t.Fatalf("ToLatin changed Latin text %q to %q", s, lat)
			}
			cyr := ToCyrillic(s, sc)
			if utf8.ValidString(s) && !utf8.ValidString(cyr) {
				t.Fatalf("ToCyrillic(%q, %v) gave invalid UTF-8", s, sc)
			}
		}
		if !Same(s, s) {
			t.Fatalf("Same(%q, itself) = false", s)
		}
		_ = Keys(s)
	})
}

func BenchmarkKeys(b *testing.B) {
	names := strings.Fields("Sveshnikov Svechnikov Swetschnikow Свешников Stalin Staline Khrushchev Tchaikovsky")
	for b.Loop() {
		for _, n := range names {
			Keys(n)
		}
	}
}
