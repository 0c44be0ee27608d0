#!/usr/bin/env bash
# Reuse detection at scale: for each corpus size (MB), generate a corpus with
# planted reuse (../shared/bench/gencorpus.py), run `quellen xref --reuse-only`
# on it, and report wall time, peak RSS and planted-reuse recall for passages
# of 12+ words (score.py --xref on the planted gold). All sizes in one run, so
# that the ratios between them are comparable on a shared machine.
#
# Usage: bench/xref.sh [MB ...]      (default: 25 50 100)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${QUELLEN_SHARED:-$root/../shared}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(25 50 100)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/quellen" ./cmd/quellen)
printf '| corpus MB | files | wall s | MB/s | peak RSS MB | planted 12+ words | recall |\n|---:|---:|---:|---:|---:|---:|---:|\n'
for mb in "${sizes[@]}"; do
  dir="$work/c$mb"
  python3 "$shared/bench/gencorpus.py" --out "$dir" --mb "$mb" >/dev/null
  python3 - "$dir/reuse-gold.jsonl" > "$dir/gold12.jsonl" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get("words", 0) >= 12:
        print(l, end="")
PY
  bytes=$(cat "$dir"/d*.txt | wc -c)
  files=$(ls "$dir"/d*.txt | wc -l)
  start=$(date +%s.%N)
  ( cd "$dir" && /usr/bin/time -f '%M' -o "$work/rss" "$work/quellen" xref --reuse-only d*.txt > "$work/links.jsonl" )
  end=$(date +%s.%N)
  rss=$(( $(cat "$work/rss") / 1024 ))
  report=$(python3 "$shared/eval/score.py" --gold "$dir/gold12.jsonl" --found "$work/links.jsonl" --xref --json)
  read -r gold recall < <(python3 -c 'import json,sys; r=json.loads(sys.argv[1])["reuse"]; print(r["gold"], r["recall"])' "$report")
  python3 -c "b=$bytes; w=$end-$start; print(f'| {b/1e6:.1f} | $files | {w:.1f} | {b/1e6/w:.2f} | $rss | $gold | $recall |')"
  rm -rf "$dir"
done
