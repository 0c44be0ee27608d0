package sqlite

import "github.com/quellen/quellen/internal/searchkey"

// The search keys, shared with the other store (internal/searchkey).
type word = searchkey.Word

func words(text string) []word      { return searchkey.Words(text) }
func fold(s string) string          { return searchkey.Fold(s) }
func baseLang(lang string) string   { return searchkey.BaseLang(lang) }
func wordKey(w, lang string) string { return searchkey.Key(w, lang) }
func normalize(s string) string     { return searchkey.Normalize(s) }
func stem(w, lang string) string    { return searchkey.Stem(w, lang) }
func nameKey(w string) string       { return searchkey.NameKey(w) }
func nameKeys(text string) string   { return searchkey.NameKeys(text) }
func textKeys(text, lang string, cache map[string]string) string {
	return searchkey.TextKeys(text, lang, cache)
}
