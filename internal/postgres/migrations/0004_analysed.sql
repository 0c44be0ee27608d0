-- quellen schema 4 on PostgreSQL: versions stored without their analysis
-- (`quellen ingest --store-only`: read, repaired and with their metadata,
-- but without the extractors' findings, search passages or fragment
-- filter), which `quellen analyse` completes (Store.Reanalyse). The
-- versions already stored were analysed.
ALTER TABLE versions ADD COLUMN analysed boolean NOT NULL DEFAULT true;
-- What `quellen analyse` has to do, found without reading every version.
CREATE INDEX versions_unanalysed ON versions(id) WHERE NOT analysed;
