-- quellen schema 4: versions stored without their analysis.
--
-- `quellen ingest --store-only` stores a document read, repaired and with
-- its metadata, but without the extractors' layers, search passages and
-- fragment filter; `quellen analyse` adds them later (and re-derives them
-- for every version with --all, after an upgrade of quellen). Every
-- version stored before this schema was analysed as it was stored.
ALTER TABLE versions ADD COLUMN analysed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX versions_unanalysed ON versions(id) WHERE analysed = 0;
