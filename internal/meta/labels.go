package meta

import (
	"regexp"
	"strings"
)

// Field names of the labels of citation blocks.
const (
	fTitle      = "title"
	fAuthor     = "author"
	fDate       = "date"
	fPublished  = "published"
	fSource     = "source"
	fTranslator = "translator"
	fOrigLang   = "original_language"
	fLanguage   = "language"
	fURL        = "url"
	fSummary    = "summary"
	fContents   = "contents"
	fPublisher  = "publisher"
	fTranslated = "translated" // "Translated: for X by Y", "Translation: ..."
)

// labels maps a lower-case label, as written before its colon, to the
// field it fills. English, French, German and Russian.
var labels = map[string]string{
	"title": fTitle, "titre": fTitle, "titel": fTitle, "заглавие": fTitle, "название": fTitle,
	"author": fAuthor, "authors": fAuthor, "auteur": fAuthor, "auteurs": fAuthor, "autor": fAuthor,
	"verfasser": fAuthor, "автор": fAuthor, "авторы": fAuthor, "by": fAuthor,
	"date": fDate, "dated": fDate, "datum": fDate, "дата": fDate, "written": fDate, "écrit": fDate,
	"date of document": fDate, "date de rédaction": fDate, "geschrieben": fDate, "написано": fDate,
	"published": fPublished, "first published": fPublished, "publication": fPublished,
	"date of publication": fPublished, "publié": fPublished, "première publication": fPublished,
	"date de publication": fPublished, "parution": fPublished, "erschienen": fPublished,
	"veröffentlicht": fPublished, "erstveröffentlichung": fPublished, "опубликовано": fPublished,
	"впервые опубликовано": fPublished, "публикация": fPublished, "first printed": fPublished,
	"source": fSource, "sources": fSource, "citation": fSource, "cite as": fSource, "reference": fSource,
	"quelle": fSource, "источник": fSource, "provenance": fSource, "archive": fSource,
	"fonds": fSource, "cote": fSource, "reprinted from": fSource,
	"translated by": fTranslator, "translator": fTranslator, "translators": fTranslator,
	"traduit par": fTranslator, "traducteur": fTranslator, "traductrice": fTranslator,
	"übersetzt von": fTranslator, "übersetzer": fTranslator, "übersetzung": fTranslated,
	"переводчик": fTranslator, "перевод": fTranslated, "перевёл": fTranslator, "перевел": fTranslator,
	"translated": fTranslated, "translation": fTranslated, "traduction": fTranslated,
	"original language": fOrigLang, "language of original": fOrigLang, "langue originale": fOrigLang,
	"langue d'origine": fOrigLang, "язык оригинала": fOrigLang, "originalsprache": fOrigLang,
	"language": fLanguage, "langue": fLanguage, "sprache": fLanguage, "язык": fLanguage,
	"url": fURL, "link": fURL, "online": fURL, "online version": fURL, "web": fURL, "lien": fURL,
	"ссылка": fURL, "permalink": fURL,
	"summary": fSummary, "abstract": fSummary, "résumé": fSummary, "resume": fSummary,
	"zusammenfassung": fSummary, "аннотация": fSummary, "резюме": fSummary, "description": fSummary,
	"contents": fContents, "content": fContents, "contenu": fContents, "inhalt": fContents,
	"содержание": fContents,
	"publisher":  fPublisher, "éditeur": fPublisher, "verlag": fPublisher, "издательство": fPublisher,
}

// labelRe is a label and its colon at the start of a line.
var labelRe = regexp.MustCompile(`^\s*([\p{L}][\p{L}' ]{0,30}?)\s*[:：]\s*(.*)$`)

// label splits a line into its label's field and the value after the
// colon ("" when the value is in the next paragraph).
func label(s string) (field, value string, ok bool) {
	m := labelRe.FindStringSubmatch(strings.TrimLeft(s, "*_ "))
	if m == nil {
		// A label alone on its line, without a colon: "Abstract".
		if f := labels[strings.ToLower(strings.Trim(s, "*_ "))]; bareLabels[f] {
			return f, "", true
		}
		return "", "", false
	}
	f, ok := labels[strings.ToLower(strings.TrimSpace(m[1]))]
	if !ok {
		return "", "", false
	}
	value = strings.TrimSpace(strings.TrimLeft(m[2], "*_"))
	if f == fURL && strings.HasPrefix(value, "//") {
		return "", "", false // "http://..." read as a label "http"
	}
	return f, value, true
}

// bareLabels are the fields whose label may stand alone on its line,
// without a colon, before its paragraph.
var bareLabels = map[string]bool{fSummary: true, fSource: true, fOrigLang: true, fContents: true}

// bareLabelRe are labels that carry their value without a colon:
// "Translated by E. R. Whitcombe", "Traduit par".
var bareLabelRe = regexp.MustCompile(`(?i)^(translated by|traduit par|traduit de \p{L}+ par|übersetzt von|перевод)\s+(\p{Lu}.*)$`)

// translatorRes find a translator's name after these words.
var translatorRes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\btranslat(?:ed|ion)\b(?:[^.;\n]|\.\S){0,60}?\bby\s+`),
	regexp.MustCompile(`(?i)\btranslator:?\s+`),
	regexp.MustCompile(`(?i)\btradu(?:it|ite|ction)\b(?:[^.;\n]|\.\S){0,60}?\bpar\s+`),
	regexp.MustCompile(`(?i)übersetz(?:t|ung)\b(?:[^.;\n]|\.\S){0,60}?\bvon\s+`),
	regexp.MustCompile(`(?i)(?:перевод|перевёл|перевел|перевела)(?:\s+с\s+\p{L}+)?(?:\s+язык[а-я]*)?:?\s+`),
}

// fromLangRes find the language a text was translated from.
var fromLangRes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\btranslated\s+from\s+(?:the\s+)?(\p{L}+)`),
	regexp.MustCompile(`(?i)\btranslation\s+from\s+(?:the\s+)?(\p{L}+)`),
	regexp.MustCompile(`(?i)\btradu(?:it|ite|ction)\s+(?:du|de\s+l['’]|de\s+la|de\s+l|de)\s*(\p{L}+)`),
	regexp.MustCompile(`(?i)(?:перевод|переведено|перевёл|перевел)\s+с\s+(\p{L}+)`),
	regexp.MustCompile(`(?i)\baus\s+dem\s+(\p{L}+)`),
}

// translationRe marks a text as a translation.
var translationRe = regexp.MustCompile(`(?i)\btranslat(?:ed|ion|or)\b|traduit|traduction|перевод|übersetz`)

// urlRe is a web address.
var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"'«»“”]+`)

// firstURL returns the first web address in s, without the punctuation
// that closes the sentence around it.
func firstURL(s string) string {
	u := urlRe.FindString(s)
	return strings.TrimRight(u, ".,;:)]}!?")
}
