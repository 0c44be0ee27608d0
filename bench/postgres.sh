#!/usr/bin/env bash
# Ingest on PostgreSQL with 1, 2 and 4 worker processes beside SQLite with
# one process, on the same generated corpus.
#
#   bench/postgres.sh [--mb MB] [--workers "1 2 4"] [--no-sqlite]   (default 1000 MB: the 1 GB benchmark)
#
# Generates MB megabytes with ../shared/bench/gencorpus.py, starts a
# throwaway PostgreSQL with scripts/pg-cluster (or uses $QUELLEN_TEST_POSTGRES's
# server when set), then for each worker count ingests into a fresh
# database with that many `quellen ingest` processes started together
# (their -j split the cores between them), and prints wall time, MB/s,
# the peak RSS of the largest worker and the database's size; the same
# for SQLite with one process; then `quellen xref --stored` with as many
# workers on each database, and `xref --reuse-only` on the files for
# comparison (--no-sqlite leaves SQLite out, --workers "" PostgreSQL: a
# 1 GB table takes hours on two cores, and can be made in parts).
# QUELLEN_BENCH_KEEP=1 keeps the folder;
# QUELLEN_BENCH_CORPUS=DIR uses a corpus generated there already (bench/gen.sh DIR MB).
set -euo pipefail

mb=1000
counts="1 2 4"
sqlite=1
while [ $# -gt 0 ]; do
	case "$1" in
	--mb) mb=$2; shift 2 ;;
	--workers) counts=$2; shift 2 ;;
	--no-sqlite) sqlite=0; shift ;;
	*) echo "usage: $0 [--mb MB] [--workers \"1 2 4\"] [--no-sqlite]" >&2; exit 2 ;;
	esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${QUELLEN_SHARED:-$root/../shared}
gen=$shared/bench/gencorpus.py
[ -f "$gen" ] || { echo "bench: $gen not found (set QUELLEN_SHARED)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/quellen-pgbench-XXXXXX")
chmod 755 "$work"
cluster=""
cleanup() {
	[ -n "$cluster" ] && "$root/scripts/pg-cluster" stop "$cluster" >/dev/null 2>&1 || true
	if [ "${QUELLEN_BENCH_KEEP:-}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

echo "bench: building quellen" >&2
(cd "$root" && go build -o "$work/quellen" ./cmd/quellen)
echo "bench: generating $mb MB (or using QUELLEN_BENCH_CORPUS)" >&2
corpus=${QUELLEN_BENCH_CORPUS:-}
if [ -z "$corpus" ]; then
	corpus=$work/corpus
	"$root/bench/gen.sh" "$corpus" "$mb"
fi
files=("$corpus"/*.txt)
bytes=$(cat "${files[@]}" | wc -c)
mbytes=$(echo "$bytes / 1000000" | bc -l)
echo "bench: ${#files[@]} files, $bytes bytes" >&2

server=${QUELLEN_TEST_POSTGRES:-}
if [ -z "$server" ]; then
	cluster=$work/pg
	port=$((20000 + RANDOM % 20000))
	server=$("$root/scripts/pg-cluster" start "$cluster" "$port")
fi
psqlc() { PGOPTIONS=--client-min-messages=warning psql "$server" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

now() { date +%s.%N; }
cores=$(nproc)

# run_workers DB N CMD...: N processes of `quellen --db DB CMD... -j J` at
# once (their -j split the cores between them); prints "seconds peak_kb".
run_workers() {
	local db=$1 n=$2 jobs pids=() i t0 t1 peak=0 kb
	shift 2
	jobs=$(( cores / n )); [ "$jobs" -ge 1 ] || jobs=1
	t0=$(now)
	for i in $(seq "$n"); do
		/usr/bin/time -f '%M' -o "$work/rss.$i" "$work/quellen" --db "$db" "$@" -j "$jobs" \
			>"$work/out.$i" 2>"$work/err.$i" &
		pids+=($!)
	done
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" || { cat "$work/err.$((i + 1))" >&2; exit 1; }
	done
	t1=$(now)
	for i in $(seq "$n"); do
		kb=$(tail -1 "$work/rss.$i")
		[ "$kb" -gt "$peak" ] && peak=$kb
	done
	echo "$(echo "$t1 - $t0" | bc -l) $peak"
}

row() { # name seconds peak_kb db_bytes
	printf '%-30s %9.2f %9.2f %12.1f %10.1f\n' "$1" "$2" "$(echo "$mbytes / $2" | bc -l)" \
		"$(echo "$3 / 1024" | bc -l)" "$(echo "$4 / 1000000" | bc -l)"
}

printf '%-30s %9s %9s %12s %10s\n' "store, step" seconds MB/s "peak RSS MB" "db MB"
for n in $counts; do
	name="quellen_bench_$n"
	psqlc "DROP DATABASE IF EXISTS $name"
	psqlc "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8'"
	db=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$server" "$name")
	read -r secs peak < <(run_workers "$db" "$n" ingest "$corpus/*.txt")
	stored=$(psql "$db" -qAtX -c "SELECT count(*) FROM versions")
	[ "$stored" -eq "${#files[@]}" ] || { echo "bench: $n workers stored $stored of ${#files[@]} files" >&2; exit 1; }
	size=$(psql "$db" -qAtX -c "SELECT pg_database_size(current_database())")
	row "postgres ingest, $n worker(s)" "$secs" "$peak" "$size"
	read -r secs peak < <(run_workers "$db" "$n" xref --stored)
	links=$(psql "$db" -qAtX -c "SELECT count(*) FROM links WHERE kind = 'reuse'")
	size=$(psql "$db" -qAtX -c "SELECT pg_database_size(current_database())")
	row "postgres xref, $n worker(s)" "$secs" "$peak" "$size"
	echo "  ($links reuse links)"
	psqlc "DROP DATABASE $name"
done
if [ "$sqlite" = 1 ]; then
read -r secs peak < <(run_workers "$work/bench.db" 1 ingest "$corpus/*.txt")
row "sqlite ingest, 1 process" "$secs" "$peak" "$(du -cb "$work"/bench.db* | tail -1 | cut -f1)"
read -r secs peak < <(run_workers "$work/bench.db" 1 xref --stored)
row "sqlite xref, 1 process" "$secs" "$peak" "$(du -cb "$work"/bench.db* | tail -1 | cut -f1)"
t0=$(now)
/usr/bin/time -f '%M' -o "$work/rss.x" "$work/quellen" xref --reuse-only "${files[@]}" >/dev/null 2>"$work/err.x"
t1=$(now)
row "xref --reuse-only on files" "$(echo "$t1 - $t0" | bc -l)" "$(tail -1 "$work/rss.x")" 0
fi
printf 'corpus %.1f MB in %d files, %d cores\n' "$mbytes" "${#files[@]}" "$cores"
