package main

import "errors"

// DemoCmd is not written yet.
type DemoCmd struct{}

// Run implements the command.
func (c *DemoCmd) Run(g *Globals) error { return errors.New("demo: not implemented yet") }
