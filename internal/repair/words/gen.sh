#!/bin/sh
# Regenerates the built-in word lists of internal/repair from Debian's
# English word lists (apt-get install -y wamerican wbritish) and the npm
# package an-array-of-french-words (MIT; npm install an-array-of-french-words@2
# in a scratch folder, then FRENCH=that/node_modules/an-array-of-french-words/index.json):
#   en.txt.gz  every word of wamerican and wbritish (SCOWL, permissive
#              licence: see /usr/share/doc/wamerican/copyright), lower-cased,
#              possessives dropped, one a line;
#   fr.txt.gz  the words of an-array-of-french-words (MIT, from the
#              Letterpress list) that hold fi, ff or fl, lower-cased, one a
#              line: the ligature candidates.
set -eu
cd "$(dirname "$0")"
d=/usr/share/dict
cat $d/american-english $d/british-english | grep -v "'" | tr '[:upper:]' '[:lower:]' |
	LC_ALL=C sort -u | gzip -9n > en.txt.gz
: "${FRENCH:?set FRENCH to the index.json of an-array-of-french-words}"
python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$FRENCH" |
	grep -E 'ff|fi|fl' | tr '[:upper:]' '[:lower:]' | LC_ALL=C sort -u | gzip -9n > fr.txt.gz
