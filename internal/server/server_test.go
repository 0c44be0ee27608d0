package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/pipeline"
	"github.com/quellen/quellen/internal/sqlite"
)

const scriptDoc = "A Dangerous Page\n\nThe editor wrote: \"<script>document.title='pwned'</script> is not a quotation.\"\n\nOn 3 May 1890 the mill closed.[1]\n\n[1] Town Archive, f. 2, op. 1, d. 5, l. 3.\n"

func testStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "q.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func ingester(st quellen.Store) Ingester {
	return func(ctx context.Context, name string, data []byte) (*quellen.Document, bool, error) {
		a, err := pipeline.Run(name, data, pipeline.Options{})
		if err != nil {
			return nil, false, err
		}
		created, err := st.Put(ctx, a.Doc)
		return a.Doc, created, err
	}
}

func do(t *testing.T, h http.Handler, method, path string, body io.Reader, hdr ...string) (int, map[string]any) {
	t.Helper()
	r := httptest.NewRequest(method, path, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var m map[string]any
	if strings.Contains(w.Header().Get("Content-Type"), "json") {
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
			t.Fatalf("%s %s: not JSON: %v\n%s", method, path, err, w.Body.String())
		}
	}
	return w.Code, m
}

func TestAPI(t *testing.T) {
	st := testStore(t)
	h := New(st, Options{Ingest: ingester(st), MaxUpload: 4096}).Handler()

	code, m := do(t, h, "POST", "/api/v1/documents?name=../../etc/page.txt", strings.NewReader(scriptDoc), "Content-Type", "application/octet-stream")
	if code != http.StatusCreated {
		t.Fatalf("upload: %d %v", code, m)
	}
	doc := m["document"].(map[string]any)
	if doc["name"] != "page.txt" {
		t.Errorf("upload stored under %q: a request path must never name a file", doc["name"])
	}
	id := int64(doc["id"].(float64))
	if code, m = do(t, h, "POST", "/api/v1/documents?name=page.txt", strings.NewReader(scriptDoc), "Content-Type", "application/octet-stream"); code != http.StatusCreated || m["created"] != false {
		t.Errorf("second upload of the same bytes: %d created=%v", code, m["created"])
	}

	code, m = do(t, h, "GET", "/api/v1/documents", nil)
	if code != 200 || len(m["documents"].([]any)) != 1 {
		t.Fatalf("list: %d %v", code, m)
	}
	code, m = do(t, h, "GET", "/api/v1/documents/"+itoa(id)+"?raw=true", nil)
	if code != 200 || !strings.Contains(m["text"].(string), "<script>") || m["source"] != scriptDoc {
		t.Fatalf("get: %d text=%q", code, m["text"])
	}
	var quote map[string]any
	for _, f := range m["findings"].([]any) {
		if f := f.(map[string]any); f["kind"] == "quote" {
			quote = f
		}
	}
	if quote == nil {
		t.Fatal("no quote found in the document")
	}
	fid := int64(quote["id"].(float64))
	code, m = do(t, h, "POST", "/api/v1/findings/"+itoa(fid)+"/correction",
		strings.NewReader(`{"status":"corrected","attrs":{"speaker":"Ann Editor"},"who":"tester"}`), "Content-Type", "application/json")
	if code != 200 || m["who"] != "tester" || m["status"] != "corrected" {
		t.Fatalf("correct: %d %v", code, m)
	}
	code, m = do(t, h, "GET", "/api/v1/documents/"+itoa(id)+"/findings?kind=quote", nil)
	if fs := m["findings"].([]any); code != 200 || len(fs) != 1 || fs[0].(map[string]any)["attrs"].(map[string]any)["speaker"] != "Ann Editor" {
		t.Errorf("corrected quote: %d %v", code, m)
	}
	if code, m = do(t, h, "GET", "/api/v1/documents/"+itoa(id)+"/corrections", nil); code != 200 || len(m["corrections"].([]any)) != 1 {
		t.Errorf("corrections: %d %v", code, m)
	}

	// Errors have one shape with a stable code.
	for _, c := range []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"GET", "/api/v1/documents/999", "", 404, "not_found"},
		{"GET", "/api/v1/documents/x", "", 422, "bad_request"},
		{"POST", "/api/v1/findings/" + itoa(fid) + "/correction", `{"status":"maybe"}`, 422, "bad_request"},
		{"POST", "/api/v1/documents?name=big.txt", strings.Repeat("x", 10000), 413, "too_large"},
		{"POST", "/api/v1/documents?name=bin.txt", "\x00\x01\x02binary", 422, "bad_input.binary"},
	} {
		code, m := do(t, h, c.method, c.path, strings.NewReader(c.body), "Content-Type", "application/json")
		if code != c.status || m["code"] != c.code || m["message"] == "" {
			t.Errorf("%s %s: %d %v, want %d %s", c.method, c.path, code, m, c.status, c.code)
		}
	}

	for _, p := range []string{"/api/v1/timeline", "/api/v1/graph", "/api/v1/links", "/api/v1/documents/" + itoa(id) + "/audit", "/openapi.json"} {
		if code, _ := do(t, h, "GET", p, nil); code != 200 {
			t.Errorf("GET %s: %d", p, code)
		}
	}
}

func TestReaderFilesAndHeaders(t *testing.T) {
	h := New(testStore(t), Options{}).Handler()
	for _, p := range []string{"/", "/app.js", "/style.css", "/vendor/cytoscape.min.js", "/vendor/vis-timeline-graph2d.min.js"} {
		r := httptest.NewRequest("GET", p, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Errorf("GET %s: %d", p, w.Code)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
	}
	for _, p := range []string{"/../go.mod", "/vendor/../../server.go", "/%2e%2e/%2e%2e/etc/passwd"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = p
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if bytes.Contains(w.Body.Bytes(), []byte("package server")) || bytes.Contains(w.Body.Bytes(), []byte("module ")) || bytes.Contains(w.Body.Bytes(), []byte("root:")) {
			t.Errorf("GET %s reached the file system", p)
		}
	}
}

func TestToken(t *testing.T) {
	h := New(testStore(t), Options{Token: "s3cret"}).Handler()
	if code, m := do(t, h, "GET", "/api/v1/documents", nil); code != 401 || m["code"] != "unauthorized" {
		t.Errorf("without token: %d %v", code, m)
	}
	if code, _ := do(t, h, "GET", "/api/v1/documents", nil, "Authorization", "Bearer wrong"); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	if code, _ := do(t, h, "GET", "/api/v1/documents", nil, "Authorization", "Bearer s3cret"); code != 200 {
		t.Errorf("right token: %d", code)
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true}, {"localhost:0", "", true}, {"[::1]:80", "", true},
		{"0.0.0.0:8080", "", false}, {":8080", "", false}, {"192.168.1.5:80", "", false}, {"0.0.0.0:8080", "t", true}, {"nonsense", "", false},
	} {
		if err := CheckAddr(c.addr, c.token); (err == nil) != c.ok {
			t.Errorf("CheckAddr(%q, %q) = %v", c.addr, c.token, err)
		}
	}
}

// TestAPIUnanalysed: a document stored without its analysis says so in the
// list and on its own, and an analysed one does not.
func TestAPIUnanalysed(t *testing.T) {
	st := testStore(t)
	h := New(st, Options{}).Handler()
	for i, unanalysed := range []bool{true, false} {
		a, err := pipeline.Run([]string{"bare.txt", "full.txt"}[i], []byte(scriptDoc+strings.Repeat("x", i)), pipeline.Options{NoExtractors: unanalysed})
		if err != nil {
			t.Fatal(err)
		}
		a.Doc.Unanalysed = unanalysed
		if _, err := st.Put(t.Context(), a.Doc); err != nil {
			t.Fatal(err)
		}
	}
	_, m := do(t, h, "GET", "/api/v1/documents", nil)
	got := map[string]any{}
	for _, d := range m["documents"].([]any) {
		d := d.(map[string]any)
		got[d["name"].(string)] = d["unanalysed"]
		_, one := do(t, h, "GET", "/api/v1/documents/"+itoa(int64(d["id"].(float64))), nil)
		if one["unanalysed"] != d["unanalysed"] {
			t.Errorf("%s: unanalysed %v alone, %v in the list", d["name"], one["unanalysed"], d["unanalysed"])
		}
	}
	if got["bare.txt"] != true || got["full.txt"] != nil {
		t.Errorf("unanalysed in the list: %v", got)
	}
}
