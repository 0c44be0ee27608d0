-- quellen schema 2 on PostgreSQL: reuse detection shared by many workers
-- (`quellen xref --stored`, docs/scaling.md). Every table below a version
-- carries version_id, as in schema 1 (a distributed schema would widen it
-- to (document_id, version_id)).

-- What reuse detection compares of a version, fixed the first time it is
-- fingerprinted: the text (clean, when it is not the stored clean text:
-- the version was repaired with another corpus's lexicon when it was
-- ingested) and, for each of its words in order, the raw span and lines
-- the word maps to (words: four signed varints a word, the raw start as a
-- delta from the previous word's, the raw end from the start, the line of
-- the start from the previous word's, the line of the byte before the end
-- from that), so that a worker turns the word span of a passage into raw
-- offsets and lines without running the pipeline again.
CREATE TABLE xref_texts (
	version_id bigint PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
	clean      bytea,
	nwords     integer NOT NULL,
	words      bytea NOT NULL
);

-- The shingle fingerprints of a version's xref text: every distinct hash
-- of ngram words (their first stem letters when stem > 0), as a signed
-- 64-bit integer, with how many times it occurs, in 16 parts by the top
-- four bits of the hash (unsigned): a row a version, scheme and part, so
-- that the candidate pairs are found part by part, by unnesting and
-- grouping by hash, in as many workers as there are.
CREATE TABLE fingerprints (
	version_id bigint NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	ngram      smallint NOT NULL,
	stem       smallint NOT NULL,
	part       smallint NOT NULL,
	hashes     bigint[] NOT NULL,
	counts     integer[] NOT NULL,
	PRIMARY KEY (version_id, ngram, stem, part)
);

-- What some parts of the fingerprints of a run of xref (a set of versions
-- and options; part: the first of them) give a pair of versions (by their
-- rank in the run, in order of name): the seeds (pairs of occurrences, one in each) of the
-- rare fingerprints they share, and those fingerprints. Gathered into
-- xref_pairs once every part is done, then deleted.
CREATE TABLE xref_seeds (
	run    text NOT NULL,
	a      integer NOT NULL,
	b      integer NOT NULL,
	part   smallint NOT NULL,
	seeds  bigint NOT NULL,
	hashes bigint[] NOT NULL,
	PRIMARY KEY (run, a, b, part)
);

-- The candidate pairs of a run, in blocks of neighbouring pairs: each
-- block is one item of the run's alignment job (job 'xref:' || run, key
-- the block's number). Side a is the version whose document's name sorts
-- first; hashes are the fingerprints the two share that are rare in the
-- run (in at most its document-frequency ceiling of versions: the others
-- are boilerplate), seeds the pairs of their occurrences, one in each.
CREATE TABLE xref_pairs (
	run    text NOT NULL,
	block  integer NOT NULL,
	a      bigint NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	b      bigint NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	seeds  bigint NOT NULL,
	hashes bigint[] NOT NULL,
	PRIMARY KEY (run, block, a, b)
);
CREATE INDEX xref_pairs_b ON xref_pairs(b);

-- A link is stored once, however many workers find it (a pair redone
-- after its lease ran out finds the same links).
DELETE FROM links l USING links m
WHERE l.id > m.id AND l.kind = m.kind
	AND l.a_version_id = m.a_version_id AND l.a_finding_id IS NOT DISTINCT FROM m.a_finding_id
	AND l.a_raw_start = m.a_raw_start AND l.a_raw_end = m.a_raw_end
	AND l.b_version_id = m.b_version_id AND l.b_finding_id IS NOT DISTINCT FROM m.b_finding_id
	AND l.b_raw_start = m.b_raw_start AND l.b_raw_end = m.b_raw_end
	AND l.relation = m.relation AND l.event = m.event;
CREATE UNIQUE INDEX links_once ON links (kind, a_version_id, a_raw_start, a_raw_end, b_version_id, b_raw_start, b_raw_end,
	(coalesce(a_finding_id, 0)), (coalesce(b_finding_id, 0)), relation, event);
