package main

import "errors"

// ParseDateCmd is not written yet.
type ParseDateCmd struct{}

// Run implements the command.
func (c *ParseDateCmd) Run(g *Globals) error { return errors.New("parse-date: not implemented yet") }
