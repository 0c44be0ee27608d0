package names

import (
	"strings"
	"testing"
	"unicode"
)

func TestGender(t *testing.T) {
	for w, want := range map[string]byte{
		"Mary": Female, "MARY": Female, "mary": Female, "Peter": Male,
		"André": Male, "Andre": Male, "ANDRÉ": Male, "Hélène": Female, "Helene": Female,
		"Фёдор": Male, "Федор": Male, "Анна": Female,
		"Claude": Either, "Sasha": Either, "Jean": Either,
		"Smith": 0, "": 0, "the": 0,
		"Hal": 0, "Kit": 0, // forms only
	} {
		if got := Gender(w); got != want {
			t.Errorf("Gender(%q) = %q, want %q", w, got, want)
		}
		if got := Given(w); got != (want != 0) {
			t.Errorf("Given(%q) = %v", w, got)
		}
	}
}

func TestFormGender(t *testing.T) {
	for w, want := range map[string]byte{
		"Mary": Female, "Lizzy": Female, "Hal": Male, "hank": Male, "Teddy": Male,
		"Alex":   Male, // Either as a name, Male from Alexander's group
		"Claude": 0,    // Either, and in no group
		"Bertie": Male, // Albert's and Herbert's groups agree
		"Smith":  0,
	} {
		if got := FormGender(w); got != want {
			t.Errorf("FormGender(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestSame(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Harry", "Henry", true}, {"HAL", "henry", true}, {"Jack", "John", true},
		{"Teddy", "Edward", true}, {"Teddy", "Theodore", true}, {"Edward", "Theodore", false},
		{"Smith", "smith", true}, {"Henry", "John", false}, {"Xyz", "Henry", false},
	} {
		if got := Same(tt.a, tt.b); got != tt.want {
			t.Errorf("Same(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if len(Groups("Teddy")) != 2 || Groups("Smith") != nil {
		t.Errorf("Groups(Teddy) = %v, Groups(Smith) = %v", Groups("Teddy"), Groups("Smith"))
	}
}

// TestData checks the file: each name once, written capitalised, a gender
// each; each group of two forms or more, lower case, none twice in it.
func TestData(t *testing.T) {
	seen := map[string]bool{}
	n := 0
	for w, g := range All() {
		n++
		if g != Male && g != Female && g != Either {
			t.Errorf("%s: gender %q", w, g)
		}
		if seen[w] {
			t.Errorf("%s: twice", w)
		}
		seen[w] = true
		if r := []rune(w)[0]; !unicode.IsUpper(r) {
			t.Errorf("%s: not capitalised", w)
		}
	}
	if n < 700 {
		t.Errorf("%d names", n)
	}
	groups := 0
	for line := range strings.Lines(givenTXT) {
		if !strings.HasPrefix(line, "=") {
			continue
		}
		groups++
		f := strings.Fields(line[1:])
		in := map[string]bool{}
		for _, w := range f {
			if w != strings.ToLower(w) || in[w] {
				t.Errorf("group %q: %q", line, w)
			}
			in[w] = true
		}
		if len(f) < 2 {
			t.Errorf("group %q: one form", line)
		}
	}
	if groups < 50 {
		t.Errorf("%d groups", groups)
	}
}

func TestParseSkips(t *testing.T) {
	// lines that are neither a name with a gender nor a group are skipped
	x := parse("# c\n\nOnlyName\nName q\nToo many fields\nZed m\n= zed zeddy\n=\n")
	if len(x.list) != 1 || x.list[0] != (entry{"Zed", Male}) || len(x.gender) != 1 {
		t.Errorf("list = %v, gender = %v", x.list, x.gender)
	}
	if get(x.formGender, "Zeddy") != Male || len(get(x.groups, "zed")) != 1 {
		t.Errorf("groups = %v, formGender = %v", x.groups, x.formGender)
	}
}

func BenchmarkGender(b *testing.B) {
	ws := strings.Fields("The Henry said Mary to Holmes and Lizzy of London Фёдор André")
	for b.Loop() {
		for _, w := range ws {
			_ = Gender(w)
			_ = FormGender(w)
		}
	}
}
