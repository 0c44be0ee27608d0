package main

import "errors"

// ShowCmd is not written yet.
type ShowCmd struct{}

// Run implements the command.
func (c *ShowCmd) Run(g *Globals) error { return errors.New("show: not implemented yet") }
