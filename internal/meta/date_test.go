package meta

import "testing"

func TestFindDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"11 May 1923", []string{"1923-05-11"}},
		{"Saturday, 12 May 1923", []string{"1923-05-12"}},
		{"November 19, 1944", []string{"1944-11-19"}},
		{"May 11th, 1923", []string{"1923-05-11"}},
		{"le 3 mars 1921", []string{"1921-03-03"}},
		{"le 1er octobre 1924", []string{"1924-10-01"}},
		{"12. Mai 1923", []string{"1923-05-12"}},
		{"19 ноября 1944 г.", []string{"1944-11-19"}},
		{"1923-05-11", []string{"1923-05-11"}},
		{"11.05.1923", []string{"1923-05-11"}},
		{"May/June 2005", []string{"2005-05/2005-06"}},
		{"December 2021 - January 2022", []string{"2021-12/2022-01"}},
		{"Carnets (1936-1947). Agone, 2012", []string{"1936/1947", "2012"}},
		{"Late May 1945 –", []string{"1945-05"}},
		{"spring 1921", []string{"1921-03/1921-05"}},
		{"winter 1920", []string{"1920-12/1921-02"}},
		{"No. 1412", nil},
		{"31 February 1923", []string{"1923-02"}}, // no such day: the month is left
		{"mayor of 19234", nil},
		{"", nil},
		{"май 1922", []string{"1922-05"}},
		{"fin mai 1922", []string{"1922-05"}},
		{"from 1921 to 1929", []string{"1921/1929"}},
		{"1929 to 1921", []string{"1929", "1921"}}, // backwards: two dates
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findDates(tt.in) {
			got = append(got, d.iso())
			if d.start < 0 || d.end > len(tt.in) || d.start >= d.end {
				t.Errorf("findDates(%q): bad span [%d,%d)", tt.in, d.start, d.end)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
				break
			}
		}
	}
}

func TestWholeDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"11 May 1923", "1923-05-11", true},
		{"Velgrad, 11 May 1923, 10.15 a.m.", "1923-05-11", true},
		{"Saturday, 12 May 1923", "1923-05-12", true},
		{"Minutes of the sitting of 11 May 1923", "", false},
		{"11 May 1923 and 12 May 1923", "", false},
		{"The Concession Affair", "", false},
	}
	for _, tt := range tests {
		d, ok := wholeDate(tt.in)
		if ok != tt.ok || (ok && d.iso() != tt.want) {
			t.Errorf("wholeDate(%q) = %q, %v; want %q, %v", tt.in, d.iso(), ok, tt.want, tt.ok)
		}
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"11 May 1923", "May/June 2005", "1936-1947", "19 ноября 1944 г.", "\xff 1er mai 1999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range findDates(s) {
			if d.start < 0 || d.end > len(s) || d.start > d.end || d.from == "" {
				t.Fatalf("findDates(%q): %+v", s, d)
			}
		}
	})
}
