-- quellen schema 3: a lighter index, written faster.
--
-- passages_fts (schema 1) indexed the passages' text word by word, and no
-- search read it: dropped, with its triggers.
DROP TRIGGER IF EXISTS passages_ad;
DROP TRIGGER IF EXISTS passages_au;
DROP TABLE IF EXISTS passages_fts;

-- passages_tri indexed every trigram of every passage with its positions
-- (a third of the file, and most of the time an ingest spent writing).
-- ~fragments now go by a Bloom filter of the trigrams of each version's
-- passages, folded (see grams.go): the versions whose filter lacks one of
-- a fragment's trigrams are ruled out, the passages of the others read.
-- A version without a filter (stored before schema 3) is given one by
-- the next search on a writable store, and read through until then.
DROP TRIGGER IF EXISTS passages_tri_ad;
DROP TRIGGER IF EXISTS passages_tri_au;
DROP TABLE IF EXISTS passages_tri;

CREATE TABLE version_grams (
	version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
	filter     BLOB NOT NULL -- format byte, probes byte, bits
) STRICT;

-- Put writes one segment of passages_keys per document. FTS5's automatic
-- merging (automerge, 4 segments a level) rewrote each segment four or
-- five times over an ingest, a quarter of the writer's time; without it a
-- level's segments are merged once there are crisismerge (16) of them,
-- each rewritten about once per factor of 16 in the corpus's size, and a
-- query reads at most 15 segments a level.
INSERT INTO passages_keys(passages_keys, rank) VALUES ('automerge', 0);

-- From schema 3 the passage of a finding stores its text as '' while it
-- is the finding's text (findings.text), not twice; a correction of the
-- finding gives the passage its text back first.
