package postgres

import "github.com/quellen/quellen/internal/searchkey"

// The search keys, shared with the other store (internal/searchkey).
func baseLang(lang string) string { return searchkey.BaseLang(lang) }
func nameKeys(text string) string { return searchkey.NameKeys(text) }
