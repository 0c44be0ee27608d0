package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/quellen/quellen/internal/dates"
)

// ParseDateCmd normalises one date expression and prints its span.
type ParseDateCmd struct {
	Lang   string   `name:"lang" help:"Language of the expression (en, fr, ru, de); it decides 11/19/1944 against 19/11/1944." placeholder:"LANG"`
	Anchor string   `name:"anchor" help:"Date that relative expressions (yesterday, the next day, Friday next) are resolved against: YYYY, YYYY-MM or YYYY-MM-DD." placeholder:"DATE"`
	JSON   bool     `name:"json" help:"Print the result as one JSON object."`
	Expr   []string `arg:"" name:"expression" help:"The date expression (several words are joined with spaces)."`
}

// Help is shown under the command's usage.
func (c *ParseDateCmd) Help() string {
	return `Reads the first date expression in the words given, as the dates extractor
does, and prints its span: from and to (YYYY, YYYY-MM or YYYY-MM-DD, kept at
the precision written), whether it is approximate, and for a relative
expression the anchor it was resolved against.

Examples:
  quellen parse-date 19 November 1944
  quellen parse-date --lang fr "la fin de l'hiver 1920-1921"
  quellen parse-date --lang ru "19 ноября 1944 г."
  quellen parse-date --anchor 1923-05-12 Friday next
  quellen parse-date --json "from 5 to 11 April 1922"
  quellen parse-date "25 October / 7 November 1917"`
}

// parsedDate is the JSON form of a parsed date.
type parsedDate struct {
	Raw        string `json:"raw"`
	From       any    `json:"from"`
	To         any    `json:"to"`
	Approx     bool   `json:"approx"`
	Relative   bool   `json:"relative,omitempty"`
	Anchor     string `json:"anchor,omitempty"`
	Unresolved bool   `json:"unresolved,omitempty"`
	OldFrom    string `json:"old_style_from,omitempty"`
	OldTo      string `json:"old_style_to,omitempty"`
}

// Run implements the command.
func (c *ParseDateCmd) Run(g *Globals) error {
	expr := strings.TrimSpace(strings.Join(c.Expr, " "))
	var anchor dates.Point
	if c.Anchor != "" {
		p, ok := dates.ParsePoint(c.Anchor)
		if !ok {
			return fmt.Errorf("parse-date: --anchor %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", c.Anchor)
		}
		anchor = p
	}
	m, ok := dates.Parse(expr, c.Lang, anchor)
	if !ok {
		return fmt.Errorf("parse-date: no date in %q", expr)
	}
	r := parsedDate{Raw: m.Text, Approx: m.Approx, Relative: m.Relative, Unresolved: m.Unresolved}
	if !m.Unresolved {
		r.From, r.To = m.From.String(), m.To.String()
	}
	if m.Relative && !m.Anchor.IsZero() {
		r.Anchor = m.Anchor.String()
	}
	if !m.OldFrom.IsZero() {
		r.OldFrom, r.OldTo = m.OldFrom.String(), m.OldTo.String()
	}
	if c.JSON {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		fmt.Fprintln(g.stdout, string(b))
		return nil
	}
	fmt.Fprintf(g.stdout, "expression: %s\n", r.Raw)
	if m.Unresolved {
		fmt.Fprintln(g.stdout, "from:       (unresolved: give --anchor)")
	} else {
		fmt.Fprintf(g.stdout, "from:       %s\nto:         %s\n", r.From, r.To)
	}
	fmt.Fprintf(g.stdout, "approx:     %v\n", r.Approx)
	if r.Anchor != "" {
		fmt.Fprintf(g.stdout, "anchor:     %s\n", r.Anchor)
	}
	if r.OldFrom != "" {
		fmt.Fprintf(g.stdout, "old style:  %s\n", r.OldFrom)
	}
	return nil
}
