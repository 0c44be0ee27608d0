package main

import "errors"

// DocsCmd is not written yet.
type DocsCmd struct{}

// Run implements the command.
func (c *DocsCmd) Run(g *Globals) error { return errors.New("docs: not implemented yet") }
