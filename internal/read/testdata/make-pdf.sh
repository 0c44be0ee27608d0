#!/bin/sh
# Regenerates the PDF fixtures with headless Chromium. Run from this folder.
#   report.pdf   from report.html: two A5 pages with a running head (a
#                position: fixed element, repeated on every page),
#                footnotes at each page's foot, a folio, words hyphenated
#                at line ends.
#   columns.pdf  from columns.html: one page, a heading across two columns.
set -eu
for name in report columns; do
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
		--user-data-dir="$profile" --print-to-pdf="$PWD/$name.pdf" "file://$PWD/$name.html"
	rm -rf "$profile"
done
