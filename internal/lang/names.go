package lang

import "strings"

// nameStems are the beginnings of language names and adjectives in
// English, French, German and Russian ("Russian", "russe", "Russisch",
// "русский", "с русского"), with the code they name.
var nameStems = []struct{ stem, code string }{
	{"russ", "ru"}, {"русск", "ru"},
	{"english", "en"}, {"anglais", "en"}, {"englisch", "en"}, {"англий", "en"},
	{"french", "fr"}, {"françai", "fr"}, {"francai", "fr"}, {"französisch", "fr"}, {"franzosisch", "fr"}, {"француз", "fr"},
	{"german", "de"}, {"allemand", "de"}, {"deutsch", "de"}, {"немец", "de"}, {"немецк", "de"},
	{"spanish", "es"}, {"espagnol", "es"}, {"spanisch", "es"}, {"испан", "es"},
	{"italian", "it"}, {"italien", "it"}, {"итальян", "it"},
	{"latin", "la"}, {"lateinisch", "la"}, {"латин", "la"},
	{"portug", "pt"}, {"португал", "pt"},
	{"dutch", "nl"}, {"néerlandais", "nl"}, {"niederländisch", "nl"}, {"голланд", "nl"}, {"нидерланд", "nl"},
	{"polish", "pl"}, {"polonais", "pl"}, {"polnisch", "pl"}, {"польск", "pl"},
	{"ukrainian", "uk"}, {"ukrainien", "uk"}, {"ukrainisch", "uk"}, {"украин", "uk"},
	{"czech", "cs"}, {"tchèque", "cs"}, {"tschechisch", "cs"}, {"чешск", "cs"},
	{"greek", "el"}, {"grec", "el"}, {"griechisch", "el"}, {"греческ", "el"},
	{"hebrew", "he"}, {"hébreu", "he"}, {"hebräisch", "he"}, {"иврит", "he"},
	{"yiddish", "yi"}, {"yiddisch", "yi"}, {"jiddisch", "yi"}, {"идиш", "yi"},
	{"chinese", "zh"}, {"chinois", "zh"}, {"chinesisch", "zh"}, {"китай", "zh"},
	{"japanese", "ja"}, {"japonais", "ja"}, {"japanisch", "ja"}, {"япон", "ja"},
	{"arabic", "ar"}, {"arabe", "ar"}, {"arabisch", "ar"}, {"арабск", "ar"},
	{"turkish", "tr"}, {"turc", "tr"}, {"türkisch", "tr"}, {"турецк", "tr"},
	{"hungarian", "hu"}, {"hongrois", "hu"}, {"ungarisch", "hu"}, {"венгер", "hu"},
	{"romanian", "ro"}, {"roumain", "ro"}, {"rumänisch", "ro"}, {"румын", "ro"},
	{"bulgarian", "bg"}, {"bulgare", "bg"}, {"bulgarisch", "bg"}, {"болгар", "bg"},
	{"serbian", "sr"}, {"serbe", "sr"}, {"serbisch", "sr"}, {"сербск", "sr"},
	{"georgian", "ka"}, {"géorgien", "ka"}, {"georgisch", "ka"}, {"грузин", "ka"},
	{"armenian", "hy"}, {"arménien", "hy"}, {"armenisch", "hy"}, {"армян", "hy"},
	{"swedish", "sv"}, {"suédois", "sv"}, {"schwedisch", "sv"}, {"швед", "sv"},
	{"finnish", "fi"}, {"finnois", "fi"}, {"finnisch", "fi"}, {"финск", "fi"},
	{"danish", "da"}, {"danois", "da"}, {"dänisch", "da"}, {"датск", "da"},
	{"norwegian", "no"}, {"norvégien", "no"}, {"norwegisch", "no"}, {"норвеж", "no"},
	{"belarusian", "be"}, {"byelorussian", "be"}, {"biélorusse", "be"}, {"белорус", "be"},
	{"lithuanian", "lt"}, {"lituanien", "lt"}, {"litauisch", "lt"}, {"литов", "lt"},
	{"latvian", "lv"}, {"letton", "lv"}, {"lettisch", "lv"}, {"латыш", "lv"},
	{"estonian", "et"}, {"estonien", "et"}, {"estnisch", "et"}, {"эстон", "et"},
	{"persian", "fa"}, {"persan", "fa"}, {"persisch", "fa"}, {"персид", "fa"},
}

// FromName returns the ISO 639-1 code of a language name or adjective in
// English, French, German or Russian ("Russian", "du russe", "aus dem
// Russischen", "с русского"), or "" for a name it does not know. An ISO
// code is returned as it is.
func FromName(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	s = strings.Trim(s, ".,;:()[] ")
	if len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
		return s
	}
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return ""
	}
	// The language is the last word: "from the Russian", "du russe",
	// "aus dem Russischen", "с русского".
	last := fields[len(fields)-1]
	if len(fields) > 1 {
		for _, f := range fields {
			if code := stemCode(f); code != "" {
				last = f
				break
			}
		}
	}
	if i := strings.IndexAny(last, "'’"); i >= 0 {
		last = last[i+len(string([]rune(last[i:])[0])):] // de l'allemand
	}
	return stemCode(last)
}

func stemCode(w string) string {
	for _, n := range nameStems {
		if strings.HasPrefix(w, n.stem) {
			return n.code
		}
	}
	return ""
}
