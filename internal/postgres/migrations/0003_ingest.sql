-- quellen schema 3 on PostgreSQL: a cheaper ingest (docs/scaling.md).
--
-- ~fragment search no longer needs a pg_trgm index over every passage's
-- text (the most expensive index to maintain, a third of an ingest's
-- server time): each version keeps a Bloom filter of the trigrams of its
-- passages' text, case folded (grams.go), and a fragment's trigrams rule
-- out the versions whose filter lacks one of them before ILIKE reads the
-- passages of the others. A version without a filter (stored before this
-- schema) may hold anything: its passages are read.
CREATE TABLE version_grams (
	version_id bigint PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
	filter     bytea NOT NULL -- the bits (bit n: byte n/8, bit n%8 from the right), 10 per distinct trigram
);
DROP INDEX IF EXISTS passages_trgm;

-- Search reads the search keys (keys), never tsv: Put no longer computes
-- to_tsvector(config, unaccent(text)) for every passage (another quarter
-- of the server's time) and leaves it NULL; the values already there stay.
-- to_tsvector(config, unaccent(text)) gives it on demand.
ALTER TABLE passages ALTER COLUMN tsv DROP NOT NULL;
DROP INDEX IF EXISTS passages_tsv;

-- Put draws the ids of a version's findings beforehand (so that COPY can
-- carry them): a session keeps a thousand at a time instead of asking the
-- sequence for each (ids stay unique; sessions leave gaps).
ALTER TABLE findings ALTER COLUMN id SET CACHE 1000;
