#!/bin/sh
# Regenerates report.pdf from report.html with headless Chromium: two A5
# pages with a running head (a position: fixed element, repeated on every
# page), footnotes at each page's foot and a folio. Run from this folder.
set -eu
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
	--user-data-dir="$profile" --print-to-pdf="$PWD/report.pdf" "file://$PWD/report.html"
