#!/usr/bin/env bash
# Ingest throughput against gzip -1 on the same generated corpus.
#
#   bench/ingest.sh [MB]        (default 100; run from anywhere)
#
# Generates MB megabytes with ../shared/bench/gencorpus.py into a temporary
# folder, then times, on the same files in one run:
#   gzip -1 -c                      (before and after the others)
#   quellen ingest --store-only     read, repair and store: the foundation
#   quellen analyse                 the extractors' layers and search index
#                                   added to what --store-only stored
#   quellen ingest                  both in one step, into another database
# and prints MB/s of each, their ratios to gzip (against the mean of its
# two runs) and the peak RSS of each quellen run. Targets: the store-only
# ingest at least 1/8 of gzip's speed, peak RSS under 500 MB.
# QUELLEN_BENCH_KEEP=1 keeps the folder; QUELLEN_BENCH_CORPUS=DIR uses a
# corpus generated there already (bench/gen.sh DIR MB); QUELLEN_BENCH_FULL=0
# leaves out the one-step ingest.
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
mbytes=$(echo "$bytes / 1000000" | bc -l)

# timed NAME CMD...: runs CMD, sets NAME_s (wall), NAME_cpu (user+sys) and
# NAME_kb (peak RSS); its stdout goes to $work/NAME.out.
timed() {
	local name=$1
	shift
	local t0 t1
	t0=$(now)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
		printf -v "${name}_kb" '%s' "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name.time")"
		printf -v "${name}_cpu" '%s' "$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$name.time")"
	else
		"$@" >"$work/$name.out" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
		printf -v "${name}_kb" '%s' 0
		printf -v "${name}_cpu" '%s' 0
	fi
	t1=$(now)
	printf -v "${name}_s" '%s' "$(echo "$t1 - $t0" | bc -l)"
}

# gzip -1 over the same files (warm cache: cat them once first).
cat "${files[@]}" >/dev/null
timed gzip1 gzip -1 -c "${files[@]}"
timed storeonly "$work/quellen" --db "$work/store.db" ingest --store-only "$corpus/*.txt"
store_mb=$(du -cm "$work/store.db"* | tail -1 | cut -f1)
timed analyse "$work/quellen" --db "$work/store.db" analyse
if [ "${QUELLEN_BENCH_FULL:-1}" != 0 ]; then
	timed full "$work/quellen" --db "$work/full.db" ingest "$corpus/*.txt"
fi
timed gzip2 gzip -1 -c "${files[@]}"

gzip_s=$(echo "($gzip1_s + $gzip2_s) / 2" | bc -l)
gzip_mbs=$(echo "$mbytes / $gzip_s" | bc -l)
row() { # row LABEL NAME
	local s cpu kb mbs
	s=${2}_s cpu=${2}_cpu kb=${2}_kb
	mbs=$(echo "$mbytes / ${!s}" | bc -l)
	printf '%-30s %8.2f s %8.2f MB/s  ratio %6.3f  CPU %7.2f s  peak RSS %6.1f MB\n' \
		"$1" "${!s}" "$mbs" "$(echo "$mbs / $gzip_mbs" | bc -l)" "${!cpu}" "$(echo "${!kb} / 1024" | bc -l)"
}

cat "$work/storeonly.out" "$work/analyse.out"
[ -f "$work/full.out" ] && cat "$work/full.out"
printf 'corpus        %8.1f MB in %d files, %d cores\n' "$mbytes" "${#files[@]}" "$(nproc)"
printf 'gzip -1       %8.2f s and %.2f s: %.2f MB/s (mean)\n' "$gzip1_s" "$gzip2_s" "$gzip_mbs"
row 'ingest --store-only' storeonly
row 'analyse (after --store-only)' analyse
[ -n "${full_s:-}" ] && row 'ingest (both in one step)' full
printf 'target        store-only ingest ratio >= 0.125 (1/8 of gzip), peak RSS < 500 MB\n'
printf 'database      %8d MB after store-only, %d MB after analyse' \
	"$store_mb" "$(du -cm "$work/store.db"* | tail -1 | cut -f1)"
[ -n "${full_s:-}" ] && printf ', %d MB by the one-step ingest' "$(du -cm "$work/full.db"* | tail -1 | cut -f1)"
echo
