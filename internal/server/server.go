package server

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/quellen/quellen"
)

//go:embed reader
var readerFiles embed.FS

// Ingester stores uploaded bytes as a document: the pipeline and the
// store's Put, as `quellen ingest` does for one file.
type Ingester func(ctx context.Context, name string, data []byte) (*quellen.Document, bool, error)

// Options configure a server.
type Options struct {
	Token     string       // required as "Authorization: Bearer TOKEN" when set
	MaxUpload int64        // largest upload accepted, in bytes (default 32 MiB)
	Ingest    Ingester     // nil: uploads are refused
	Log       *slog.Logger // nil: slog.Default()
	Who       string       // the name corrections are recorded under when the request gives none
}

// Server is the HTTP API and the reader over one store.
type Server struct {
	store quellen.Store
	opts  Options
	mux   *http.ServeMux
	api   huma.API

	mu       sync.Mutex
	analyses map[string]any // cache for audits, keyed by the corpus's version ids
}

// New returns a server over store.
func New(store quellen.Store, opts Options) *Server {
	if opts.MaxUpload == 0 {
		opts.MaxUpload = 32 << 20
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Who == "" {
		opts.Who = "reader"
	}
	s := &Server{store: store, opts: opts, mux: http.NewServeMux(), analyses: map[string]any{}}
	cfg := huma.DefaultConfig("quellen API", "1.0.0")
	cfg.Info.Description = "Documents, their findings (quotations, notes, references, dates, entities, numbers, verdicts, repairs), search, corrections and links of a quellen corpus."
	cfg.OpenAPIPath = "/openapi"
	cfg.DocsPath = "" // the docs page loads from a CDN: off
	cfg.SchemasPath = "/schemas"
	s.api = humago.New(s.mux, cfg)
	s.routes()
	sub, _ := fs.Sub(readerFiles, "reader")
	static := http.FileServerFS(sub)
	s.mux.Handle("GET /", static)
	return s
}

// Handler returns the server's handler with its guards: token,
// security headers, and size limits.
func (s *Server) Handler() http.Handler {
	return s.guard(s.mux)
}

func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		// The reader runs only its own scripts; document text is data.
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if s.opts.Token != "" && !s.authorised(r) {
			writeError(w, http.StatusUnauthorized, "unauthorized", "this server needs a token: send Authorization: Bearer TOKEN")
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload+1<<20)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) authorised(r *http.Request) bool {
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if got == "" {
		if c, err := r.Cookie("quellen_token"); err == nil {
			got = c.Value
		}
	}
	if got == "" {
		got = r.URL.Query().Get("token")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
}

// CheckAddr refuses to listen beyond loopback without a token.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %v", addr, err)
	}
	if token != "" {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to serve on %s without a token: anyone who can reach it could read and change the corpus; give --token (or QUELLEN_TOKEN), or bind to 127.0.0.1", addr)
	}
	return nil
}

// Serve listens on addr until ctx is done, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, addr string, ready func(url string)) error {
	if err := CheckAddr(addr, s.opts.Token); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}
