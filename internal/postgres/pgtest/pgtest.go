// Package pgtest gives tests a fresh PostgreSQL database of their own on
// the server named by QUELLEN_TEST_POSTGRES. Without it tests are skipped
// with a message saying how to start one, except under CI=true, where a
// missing DSN fails them.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the variable holding the DSN of a server tests may use.
const Env = "QUELLEN_TEST_POSTGRES"

// Server returns the DSN of the test server, skipping (or, under CI,
// failing) the test when none is given.
func Server(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(Env)
	if dsn == "" {
		msg := Env + " is not set: start a throwaway cluster with\n" +
			"  export " + Env + "=$(scripts/pg-cluster start /tmp/pg 55432)\n" +
			"and stop it with scripts/pg-cluster stop /tmp/pg"
		if os.Getenv("CI") == "true" {
			t.Fatal("under CI a PostgreSQL is required: " + msg)
		}
		t.Skip(msg)
	}
	return dsn
}

// DSN creates a new, empty database on the test server, dropped when the
// test ends, and returns its DSN.
func DSN(t testing.TB) string {
	t.Helper()
	server := Server(t)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "quellen_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connecting to %s: %v", Env, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE template0 ENCODING 'UTF8'`); err != nil {
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("dropping %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("dropping %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
