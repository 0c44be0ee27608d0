package main

import (
	"context"
	"fmt"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/server"
)

// ServeCmd serves the web reader and the JSON API.
type ServeCmd struct {
	Addr  string `name:"addr" default:"127.0.0.1:8080" help:"Address to listen on. Beyond loopback a token is required."`
	Token string `name:"token" env:"QUELLEN_TOKEN" help:"Require this token (Authorization: Bearer TOKEN, or ?token= once in the browser)."`
	Who   string `name:"who" env:"USER" default:"reader" help:"Name recorded with corrections made in the reader."`
}

// Help is shown under the command's usage.
func (c *ServeCmd) Help() string {
	return `Serves the corpus in the database: the reader at /, the JSON API under
/api/v1, its OpenAPI 3.1 description at /openapi.json. Everything is embedded
in the binary and nothing is loaded from the network. By default it listens
on 127.0.0.1 only; to listen on another address give a token, which every
request must then carry.

Examples:
  quellen --db corpus.db serve
  quellen serve --addr 0.0.0.0:8080 --token "$(openssl rand -hex 16)"`
}

// Run implements the command.
func (c *ServeCmd) Run(g *Globals) error {
	if err := server.CheckAddr(c.Addr, c.Token); err != nil {
		return err
	}
	store, err := openStore(g, false)
	if err != nil {
		return err
	}
	defer store.Close()
	warnUnanalysed(g, store, "the reader shows their text and repairs, not their layers")
	return serve(g, store, c.Addr, c.Token, c.Who)
}

// serve runs the server over store until interrupted.
func serve(g *Globals, store quellen.Store, addr, token, who string) error {
	srv := server.New(store, server.Options{Token: token, Log: g.log, Who: who, Ingest: uploader(store)})
	return srv.Serve(g.ctx, addr, func(url string) {
		fmt.Fprintf(g.stderr, "quellen: serving the reader at %s (Ctrl-C stops)\n", url)
	})
}

// uploader analyses and stores one uploaded file.
func uploader(store quellen.Store) server.Ingester {
	return func(ctx context.Context, name string, data []byte) (*quellen.Document, bool, error) {
		a, err := pipeline.Run(name, data, pipeline.Options{})
		if err != nil {
			return nil, false, err
		}
		created, err := store.Put(ctx, a.Doc)
		return a.Doc, created, err
	}
}
