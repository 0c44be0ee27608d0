#!/usr/bin/env bash
# Extraction throughput (every layer, no database) against gzip -1 on the
# same generated corpus.
#
#   bench/extract.sh [MB]        (default 100; run from anywhere)
#
# Generates MB megabytes with ../shared/bench/gencorpus.py into a temporary
# folder, then times `quellen extract --jsonl` over all its files (output
# to /dev/null) and `gzip -1 -c` over the same files, and prints MB/s of
# both, their ratio, CPU time and peak RSS. Target (the apparatus issue):
# extraction at least 1/10 of gzip's speed. QUELLEN_BENCH_KEEP=1 keeps the
# folder; QUELLEN_BENCH_CORPUS=DIR uses a corpus already generated there.
set -euo pipefail

mb=${1:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${QUELLEN_SHARED:-$root/../shared}
gen=$shared/bench/gencorpus.py

work=$(mktemp -d "${TMPDIR:-/tmp}/quellen-bench-XXXXXX")
if [ "${QUELLEN_BENCH_KEEP:-}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi

echo "bench: building quellen" >&2
(cd "$root" && go build -o "$work/quellen" ./cmd/quellen)

corpus=${QUELLEN_BENCH_CORPUS:-}
if [ -z "$corpus" ]; then
	[ -f "$gen" ] || { echo "bench: $gen not found (set QUELLEN_SHARED)" >&2; exit 1; }
	echo "bench: generating $mb MB" >&2
	corpus=$work/corpus
	"$root/bench/gen.sh" "$corpus" "$mb"
fi
# The top-level documents only: corpus/clean/ holds the same names undamaged.
files=("$corpus"/*.txt)
bytes=$(cat "${files[@]}" | wc -c)
echo "bench: ${#files[@]} files, $bytes bytes" >&2

now() { date +%s.%N; }
cat "${files[@]}" >/dev/null # warm the cache for both

t0=$(now)
/usr/bin/time -f '%U %S' -o "$work/gzip.time" gzip -1 -c "${files[@]}" >/dev/null
t1=$(now)
gzip_s=$(echo "$t1 - $t0" | bc -l)
gzip_cpu=$(awk '{print $1 + $2}' "$work/gzip.time")

t0=$(now)
/usr/bin/time -v -o "$work/time.txt" "$work/quellen" extract --jsonl "${files[@]}" >/dev/null 2>"$work/extract.err" || { tail "$work/extract.err" >&2; exit 1; }
t1=$(now)
ex_s=$(echo "$t1 - $t0" | bc -l)
peak_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
ex_cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")

mbytes=$(echo "$bytes / 1000000" | bc -l)
gzip_mbs=$(echo "$mbytes / $gzip_s" | bc -l)
ex_mbs=$(echo "$mbytes / $ex_s" | bc -l)
printf 'corpus          %8.1f MB in %d files\n' "$mbytes" "${#files[@]}"
printf 'gzip -1         %8.2f s  %8.2f MB/s  (CPU %.2f s)\n' "$gzip_s" "$gzip_mbs" "$gzip_cpu"
printf 'quellen extract %8.2f s  %8.2f MB/s  (CPU %.2f s on %d cores)\n' "$ex_s" "$ex_mbs" "$ex_cpu" "$(nproc)"
printf 'ratio           %8.3f    (target >= 0.100, i.e. 1/10 of gzip)\n' "$(echo "$ex_mbs / $gzip_mbs" | bc -l)"
printf 'per CPU-second  gzip %.2f MB/s, quellen %.2f MB/s\n' "$(echo "$mbytes / ($gzip_cpu + 0.001)" | bc -l)" "$(echo "$mbytes / $ex_cpu" | bc -l)"
printf 'peak RSS        %8.1f MB\n' "$(echo "$peak_kb / 1024" | bc -l)"
