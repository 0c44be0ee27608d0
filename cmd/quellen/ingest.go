package main

import "errors"

// IngestCmd is not written yet.
type IngestCmd struct{}

// Run implements the command.
func (c *IngestCmd) Run(g *Globals) error { return errors.New("ingest: not implemented yet") }
