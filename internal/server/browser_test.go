package server

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/corpus"
	"github.com/quellen/quellen/internal/pipeline"
)

// browser returns a chromedp context on the Chromium named by
// QUELLEN_TEST_BROWSER (skipping without it, failing under CI=true).
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := os.Getenv("QUELLEN_TEST_BROWSER")
	if exe == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("QUELLEN_TEST_BROWSER must name Chromium under CI (.ci/run installs it)")
		}
		t.Skip("set QUELLEN_TEST_BROWSER=/usr/bin/chromium to run the reader's browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true))
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// sampleServer ingests the embedded sample corpus (and extra files) into a
// fresh store and serves it.
func sampleServer(t *testing.T, extra map[string]string) (*httptest.Server, quellen.Store) {
	t.Helper()
	st := testStore(t)
	sample, err := fs.Sub(quellen.Sample, "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, sample); err != nil {
		t.Fatal(err)
	}
	for name, body := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	as, err := corpus.Analyse(files, pipeline.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if _, err := st.Put(t.Context(), a.Doc); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(New(st, Options{Ingest: ingester(st)}).Handler())
	t.Cleanup(srv.Close)
	return srv, st
}

func docID(t *testing.T, st quellen.Store, name string) string {
	t.Helper()
	ds, err := st.Documents(t.Context(), quellen.DocFilter{Name: name})
	if err != nil || len(ds) == 0 {
		t.Fatalf("document %s: %v", name, err)
	}
	return itoa(ds[0].ID)
}

func TestReaderInBrowser(t *testing.T) {
	ctx := browser(t)
	srv, st := sampleServer(t, map[string]string{
		"dangerous.txt": scriptDoc,
		"letter.txt":    "A Letter from Moscow\n\nOn 3 March 1936 Stalin received the delegation; the French press wrote of Staline the next day.\n",
	})
	shots := os.Getenv("QUELLEN_SCREENSHOTS")
	shot := func(name string) {
		if shots == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Error(err)
		}
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}

	// The corpus page lists every document.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/"), chromedp.WaitVisible(chromedp.CSS("tbody tr"))); err != nil {
		t.Fatal(err)
	}
	if rows := eval(`document.querySelectorAll("tbody tr").length`).(float64); rows < 6 {
		t.Errorf("corpus page lists %v documents, want the 5 of the sample and one more", rows)
	}

	// A document page: toggle every layer off and on again.
	id := docID(t, st, "critique-marlowe.md")
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+id), chromedp.WaitVisible(chromedp.CSS("#doc-text .f"))); err != nil {
		t.Fatal(err)
	}
	toggled := eval(`(() => { const out = [];
		for (const b of document.querySelectorAll("[data-layer]")) {
			b.click(); const off = !document.querySelector("#doc-text").classList.contains("show-" + b.dataset.layer) && b.getAttribute("aria-pressed") === "false";
			b.click(); const on = document.querySelector("#doc-text").classList.contains("show-" + b.dataset.layer) && b.getAttribute("aria-pressed") === "true";
			out.push(b.dataset.layer + ":" + off + on);
		} return out; })()`).([]any)
	if len(toggled) < 10 {
		t.Errorf("only %d layer toggles", len(toggled))
	}
	for _, p := range toggled {
		if !strings.HasSuffix(p.(string), "truetrue") {
			t.Errorf("layer toggle failed: %s", p)
		}
	}
	// Toggling layers never moves the text: on a 300 KB document the text's
	// box is the same with every layer on and every layer off.
	big := strings.Repeat(scriptDoc+"\nOn 12 April 1922 Mr. Brand said: \"The ledger is not a rumour,\" and the Board agreed by 61 votes to 44.[1]\n\n", 1500)
	bigDoc, _, err := ingester(st)(t.Context(), "big.txt", []byte(big))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+itoa(bigDoc.ID)), chromedp.WaitVisible(chromedp.CSS("#doc-text .f"))); err != nil {
		t.Fatal(err)
	}
	jump := eval(`(() => { const t = document.querySelector("#doc-text"); const r0 = t.getBoundingClientRect();
		const bs = [...document.querySelectorAll("[data-layer]")]; bs.forEach(b => b.click());
		const r1 = t.getBoundingClientRect(); bs.forEach(b => b.click());
		return [r0.height, r1.height, r0.width, r1.width, t.textContent.length]; })()`).([]any)
	if jump[0] != jump[1] || jump[2] != jump[3] || jump[4].(float64) < 290000 {
		t.Errorf("layer toggles moved the text of a 300 KB document: %v", jump)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+id), chromedp.WaitVisible(chromedp.CSS("#doc-text .f"))); err != nil {
		t.Fatal(err)
	}

	// A note marker's card shows its note.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#doc-text .l-note_marker")), chromedp.WaitVisible(chromedp.CSS("#card .note-text"))); err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#card .note-text")))
	if err != nil || len(strings.TrimSpace(note)) < 5 {
		t.Errorf("marker card shows note %q (%v)", note, err)
	}
	shot("reader-document.png")

	// A document with script tags shows them as text and runs nothing.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+docID(t, st, "dangerous.txt")),
		chromedp.WaitVisible(chromedp.CSS("#doc-text")), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	title, _ := chromedp.Run(ctx, chromedp.Title())
	shown, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#doc-text")))
	if title == "pwned" || !strings.Contains(shown, "<script>") {
		t.Errorf("script in a document: title %q, text shown %q", title, shown)
	}

	// A correction of a speaker is stored, shown as a person's, and
	// survives re-ingest of the document.
	if err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+id),
		chromedp.WaitVisible(chromedp.CSS("#doc-text .l-quote")),
		chromedp.Click(chromedp.CSS("#doc-text .l-quote")),
		chromedp.WaitVisible(chromedp.CSS(`#card [data-action="correct"]`)),
		chromedp.SetValue(chromedp.CSS("#card input"), "Corrected Speaker"),
		chromedp.Click(chromedp.CSS(`#card [data-action="correct"]`)),
		chromedp.WaitVisible(chromedp.CSS("#doc-text .f.human")),
	); err != nil {
		t.Fatal(err)
	}
	d, err := st.Document(t.Context(), mustInt(id))
	if err != nil {
		t.Fatal(err)
	}
	raw := append(d.Raw[:len(d.Raw):len(d.Raw)], []byte("\n\nA line added later.\n")...)
	a, err := pipeline.Run(d.Name, raw, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(t.Context(), a.Doc); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/doc/"+itoa(a.Doc.ID)),
		chromedp.WaitVisible(chromedp.CSS("#doc-text .f.human")),
		chromedp.Click(chromedp.CSS("#doc-text .f.human")),
		chromedp.WaitVisible(chromedp.CSS("#card dl")),
	); err != nil {
		t.Fatal(err)
	}
	if speaker, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#card dl"))); !strings.Contains(speaker, "Corrected Speaker") {
		t.Errorf("after re-ingest the card reads %q, not the corrected speaker", speaker)
	}

	// Searching in Cyrillic finds the Latin spellings.
	if err := chromedp.Do(ctx,
		chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/"),
		chromedp.WaitVisible(chromedp.CSS("tbody tr")),
		chromedp.SendKeys(chromedp.CSS("#search-box"), "Сталин\r"),
		chromedp.WaitVisible(chromedp.CSS(".hit mark")),
	); err != nil {
		t.Fatal(err)
	}
	marks := eval(`[...document.querySelectorAll(".hit mark")].map(m => m.textContent)`).([]any)
	var latin bool
	for _, m := range marks {
		latin = latin || m == "Stalin" || m == "Staline"
	}
	if !latin {
		t.Errorf("search for Сталин highlighted %v, not the Latin spellings", marks)
	}
	shot("reader-search.png")

	// The timeline draws the corpus's dates.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#/timeline"), chromedp.WaitVisible(chromedp.CSS(".vis-item"))); err != nil {
		t.Fatal(err)
	}
	if n := eval(`document.querySelectorAll(".vis-item").length`).(float64); n == 0 {
		t.Error("the timeline shows no events")
	}
	shot("reader-timeline.png")
}

func mustInt(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
