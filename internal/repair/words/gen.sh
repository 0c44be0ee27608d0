#!/bin/sh
# Regenerates the built-in word lists of internal/repair from Debian's word
# lists (apt-get install -y wamerican wbritish wfrench):
#   en.txt.gz  every word of wamerican and wbritish (SCOWL, permissive
#              licence: see /usr/share/doc/wamerican/copyright), lower-cased,
#              possessives dropped, one a line;
#   fr.txt.gz  the words of wfrench (GPL-2+, Paul Leyland) that hold fi, ff
#              or fl, lower-cased, one a line: the ligature candidates.
set -eu
cd "$(dirname "$0")"
d=/usr/share/dict
cat $d/american-english $d/british-english | grep -v "'" | tr '[:upper:]' '[:lower:]' |
	LC_ALL=C sort -u | gzip -9n > en.txt.gz
grep -E 'ff|fi|fl' $d/french | tr '[:upper:]' '[:lower:]' |
	LC_ALL=C sort -u | gzip -9n > fr.txt.gz
