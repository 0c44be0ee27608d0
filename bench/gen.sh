#!/usr/bin/env bash
# Generates a corpus with ../shared/bench/gencorpus.py for the benchmarks.
#
#   bench/gen.sh OUT MB
#
# The generator crashes on large corpora (an edit of a planted passage
# shortened below eight words asks randrange for an empty range: seen at
# about 130 MB with --seed 1, and at 100 MB with --seed 7). It is run from a
# temporary copy with that one call bounded; a corpus it made without
# crashing is byte for byte the one the unpatched script makes, since the
# patched call draws the same numbers whenever the original does not fail.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OUT MB" >&2; exit 2; }
out=$1 mb=$2
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${QUELLEN_SHARED:-$root/../shared}
gen=$shared/bench/gencorpus.py
[ -f "$gen" ] || { echo "bench: $gen not found (set QUELLEN_SHARED)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quellen-gen-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sed 's/rng.randrange(1, len(words) - 6)/rng.randrange(1, max(2, len(words) - 6))/' "$gen" >"$tmp/gencorpus.py"
python3 "$tmp/gencorpus.py" --source "$shared/corpus" --out "$out" --mb "$mb" >/dev/null
