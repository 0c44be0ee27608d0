// Command quellen reads contested historical writing the way a careful
// historian does: it lays bare each document's apparatus (quotations and
// who is quoted, footnotes and what they cite, dates, people, numbers, the
// author's verdicts) and cross-examines the documents against each other.
//
// Each subcommand is one file of this package; the work is done in
// internal packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/alecthomas/kong"
	"github.com/quellen/quellen"
)

// Globals are the flags every command takes.
type Globals struct {
	DB         string `name:"db" env:"QUELLEN_DB" default:"quellen.db" help:"Database: a SQLite file path (default ./quellen.db)." placeholder:"PATH"`
	Verbose    bool   `short:"v" help:"Log what is being done to stderr."`
	Profile    string `name:"cpuprofile" hidden:"" help:"Write a CPU profile of the command to this file (for go tool pprof)." placeholder:"FILE"`
	MemProfile string `name:"memprofile" hidden:"" help:"Write an allocation profile of the command to this file when it ends (for go tool pprof)." placeholder:"FILE"`

	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// CLI is the command line.
type CLI struct {
	Globals

	Extract ExtractCmd `cmd:"" help:"Run the whole single-document pipeline on files, without a database, and print every finding."`
	Ingest  IngestCmd  `cmd:"" help:"Read, repair and analyse files into the database."`
	Analyse AnalyseCmd `cmd:"" help:"Add the extractors' layers to documents stored without them (ingest --store-only), or re-analyse every document (--all)."`
	Docs    DocsCmd    `cmd:"" help:"List the documents in the database."`
	Show    ShowCmd    `cmd:"" help:"Print a document's text with its metadata."`
	Demo    DemoCmd    `cmd:"" help:"Analyse the built-in sample corpus in a temporary database, print what was found, then serve the reader over it."`

	Xref     XrefCmd     `cmd:"" help:"Cross-examine files: shared passages (with word diffs and fidelity), translations, passages about one event, conflicts."`
	Audit    AuditCmd    `cmd:"" help:"Audit one document against a corpus: evidence cited, corroboration, contradictions, quotation fidelity, unsupported claims."`
	Trace    TraceCmd    `cmd:"" help:"Trace a quotation across a corpus: every occurrence, the earliest dated one, each variant's diff."`
	Timeline TimelineCmd `cmd:"" help:"Print the dated events of documents as TimelineJS JSON."`
	Graph    GraphCmd    `cmd:"" help:"Print the network of who quotes and who judges whom as GraphML."`
	Export   ExportCmd   `cmd:"" help:"Write what was found in files, analysed as one corpus, in a format of the field: jsonl, csv, tei, webanno, csl, graphml, timeline."`
	Serve    ServeCmd    `cmd:"" help:"Serve the web reader and the JSON API over the database."`
	Search   SearchCmd   `cmd:"" help:"Search the passages of the database: words by stem in any script, phrases, prefixes, fragments; filters by kind, speaker, entity, author, document, language and date."`
	Migrate  MigrateCmd  `cmd:"" help:"Copy a database into another: SQLite to PostgreSQL or back, every version, correction and link."`

	ParseDate ParseDateCmd `cmd:"" name:"parse-date" help:"Normalise one date expression (en, fr, ru, de) and print its from/to."`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args and runs the command; it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cli CLI
	exit := -1
	parser, err := kong.New(&cli,
		kong.Name("quellen"),
		kong.Description("Source criticism of contested historical writing: quotations and their speakers, footnotes and what they cite, dates, people, numbers and verdicts, and where documents agree or conflict."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exit = code; panic(exitPanic{}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintln(stderr, "quellen:", err)
		return 2
	}
	var kctx *kong.Context
	func() {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(exitPanic); !ok {
					panic(p)
				}
			}
		}()
		kctx, err = parser.Parse(args)
	}()
	if exit >= 0 {
		return exit
	}
	if err != nil {
		fmt.Fprintln(stderr, "quellen:", err)
		return 2
	}
	cli.ctx, cli.stdout, cli.stderr = ctx, stdout, stderr
	level := slog.LevelWarn
	if cli.Verbose {
		level = slog.LevelDebug
	}
	cli.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	tuneGC()
	if cli.Profile != "" {
		f, err := os.Create(cli.Profile)
		if err != nil {
			return report(stderr, err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return report(stderr, err)
		}
		defer pprof.StopCPUProfile()
	}
	if cli.MemProfile != "" {
		defer func() {
			if f, err := os.Create(cli.MemProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if err := kctx.Run(&cli.Globals); err != nil {
		return report(stderr, err)
	}
	return 0
}

type exitPanic struct{}

// tuneGC trades memory the commands hardly use for CPU time: the
// collector runs when the heap has grown fivefold rather than twofold (a
// tenth to a quarter less CPU on a corpus; ingest's heap stays in the low
// hundreds of MB), with a soft limit of 3 GiB past which it collects more
// often. GOGC and GOMEMLIMIT, when set, win; xref --memory sets its own.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(3 << 30)
	}
}

// report prints an error for a person and returns its exit status.
func report(stderr io.Writer, err error) int {
	if ie, ok := errors.AsType[*quellen.InputError](err); ok {
		fmt.Fprintf(stderr, "quellen: %s: %v\n", ie.Path, ie.Err)
		return 1
	}
	fmt.Fprintln(stderr, "quellen:", err)
	return 1
}
