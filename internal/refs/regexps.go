package refs

import "regexp"

// Patterns used by the parsers, compiled once.
var (
	reArticle         = regexp.MustCompile(`^(?:art|arts|§|ch|chap|sec|fol|ff?|ll?)\.?\s*\d`)
	reAuthorSep       = regexp.MustCompile(`\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*[,;]\s*`)
	reColonImprint    = regexp.MustCompile(`\([^()]*:[^()]*\d{4}\)`)
	reEtAl            = regexp.MustCompile(`\s*,?\s*(?:et al\.?|and others)\s*$`)
	reGluedVolume     = regexp.MustCompile(`^(.*\D)\s+(\d{1,4})\s*(?:\((\d{1,4})\))?(?:\s*[:,]\s*(\d+\s*[-–]+\s*\d+))?$`)
	reIn              = regexp.MustCompile(`(?i)^In\s`)
	reIssueStart      = regexp.MustCompile(`(?i)^(?:no|nos|n°|№|issue|vol|t)\.?\s*\d`)
	reLetterWord      = regexp.MustCompile(`(?i)\bletter|\bto\b`)
	reMonthYear       = regexp.MustCompile(`^[A-Z][a-z]+\.?\s+\d{4}$`)
	reNameSep         = regexp.MustCompile(`\s+(?:and|&|et|und|и)\s+|\s*;\s*`)
	rePageMark        = regexp.MustCompile(`\bpp?\.\s*\d`)
	rePageRange       = regexp.MustCompile(`\d+(?:\s*[-–—]+\s*\d*)?`)
	reParenYear       = regexp.MustCompile(`\((1[4-9]\d\d|20\d\d)[a-z]?\)`)
	rePlaceAfterPages = regexp.MustCompile(`\d[).]*\s+([A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*){0,2})$`)
	reProceedings     = regexp.MustCompile(`(?i)\b(?:proc|proceedings|conference|conf|symposium|workshop|congress|colloqu)`)
	reState           = regexp.MustCompile(`^(?:[A-Z]{2}|[A-Z]\.\s?[A-Z]\.?|USA|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)$`)
	reTrailingParen   = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)\s*$`)
	reTrailingVolume  = regexp.MustCompile(`^(.*?\D)\s+(\d{1,4})(?:\s*\((\d{4})\))?$`)
	reVolumeOf        = regexp.MustCompile(`(?i)^vol(?:ume)?\.?\s*\d+\s+of\s`)
	reYearAlone       = regexp.MustCompile(`^\(?\d{4}\)?$`)
	reYearOnly        = regexp.MustCompile(`^\(?\d{4}[a-z]?\)?$`)
)
