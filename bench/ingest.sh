#!/usr/bin/env bash
# Ingest throughput against gzip -1 on the same generated corpus.
#
#   bench/ingest.sh [MB]        (default 100; run from anywhere)
#
# Generates MB megabytes with ../shared/bench/gencorpus.py into a temporary
# folder, then times `quellen ingest` into a fresh database and
# `gzip -1 -c` over the same files, and prints MB/s of both, their ratio
# and the peak RSS of quellen. Targets: ingest at least 1/8 of gzip's
# speed, peak RSS under 500 MB. QUELLEN_BENCH_KEEP=1 keeps the folder;
# QUELLEN_BENCH_CORPUS=DIR uses a corpus generated there already (bench/gen.sh DIR MB).
set -euo pipefail

mb=${1:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${QUELLEN_SHARED:-$root/../shared}
gen=$shared/bench/gencorpus.py
[ -f "$gen" ] || { echo "bench: $gen not found (set QUELLEN_SHARED)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/quellen-bench-XXXXXX")
if [ "${QUELLEN_BENCH_KEEP:-}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

echo "bench: building quellen" >&2
(cd "$root" && go build -o "$work/quellen" ./cmd/quellen)

echo "bench: generating $mb MB (or using QUELLEN_BENCH_CORPUS)" >&2
corpus=${QUELLEN_BENCH_CORPUS:-}
if [ -z "$corpus" ]; then
	corpus=$work/corpus
	"$root/bench/gen.sh" "$corpus" "$mb"
fi
# The top-level documents only: corpus/clean/ holds the same names undamaged.
files=("$corpus"/*.txt)
bytes=$(cat "${files[@]}" | wc -c)
echo "bench: ${#files[@]} files, $bytes bytes" >&2

now() { date +%s.%N; }

# gzip -1 over the same files (warm cache: cat them once first).
cat "${files[@]}" >/dev/null
t0=$(now)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%U %S' -o "$work/gzip.time" gzip -1 -c "${files[@]}" >/dev/null
	gzip_cpu=$(awk '{print $1 + $2}' "$work/gzip.time")
else
	gzip -1 -c "${files[@]}" >/dev/null
fi
t1=$(now)
gzip_s=$(echo "$t1 - $t0" | bc -l)

# quellen ingest into a fresh database, with its peak RSS.
db=$work/bench.db
t0=$(now)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$work/time.txt" "$work/quellen" --db "$db" ingest "$corpus/*.txt" >"$work/ingest.out" 2>"$work/ingest.err" || { cat "$work/ingest.err" >&2; exit 1; }
	peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
	quellen_cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
else
	"$work/quellen" --db "$db" ingest "$corpus/*.txt" >"$work/ingest.out" 2>"$work/ingest.err" &
	pid=$!
	peak_kb=0
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
		[ -n "$rss" ] && [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
		sleep 0.2
	done
	wait "$pid" || { cat "$work/ingest.err" >&2; exit 1; }
fi
t1=$(now)
ingest_s=$(echo "$t1 - $t0" | bc -l)

mbytes=$(echo "$bytes / 1000000" | bc -l)
gzip_mbs=$(echo "$mbytes / $gzip_s" | bc -l)
ingest_mbs=$(echo "$mbytes / $ingest_s" | bc -l)
ratio=$(echo "$ingest_mbs / $gzip_mbs" | bc -l)
db_mb=$(du -cm "$db"* | tail -1 | cut -f1)

cat "$work/ingest.out"
printf 'corpus        %8.1f MB in %d files\n' "$mbytes" "${#files[@]}"
printf 'gzip -1       %8.2f s  %8.2f MB/s\n' "$gzip_s" "$gzip_mbs"
printf 'quellen ingest%8.2f s  %8.2f MB/s\n' "$ingest_s" "$ingest_mbs"
printf 'ratio         %8.3f    (target >= 0.125, i.e. 1/8 of gzip)\n' "$ratio"
if [ -n "${gzip_cpu:-}" ] && [ -n "${quellen_cpu:-}" ]; then
	# On a shared, loaded machine wall time says little; CPU time is
	# steadier. quellen uses every core, so its wall-clock speed on an
	# idle machine is about this CPU speed times the cores it has.
	printf 'CPU time      gzip %.2f s, quellen %.2f s on %d cores; per CPU-second: gzip %.2f MB/s, quellen %.2f MB/s\n' \
		"$gzip_cpu" "$quellen_cpu" "$(nproc)" "$(echo "$mbytes / ($gzip_cpu + 0.001)" | bc -l)" "$(echo "$mbytes / $quellen_cpu" | bc -l)"
fi
printf 'peak RSS      %8.1f MB (target < 500 MB)\n' "$(echo "$peak_kb / 1024" | bc -l)"
printf 'database      %8d MB\n' "$db_mb"
