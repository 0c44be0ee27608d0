// Package server serves quellen over HTTP: a JSON API under /api/v1
// (documented as OpenAPI 3.1 at /openapi.json, with huma on the standard
// mux) and the web reader, embedded in the binary, at /. It binds to
// loopback unless a token is configured, escapes every document's text,
// and never lets a request path reach the file system.
package server
