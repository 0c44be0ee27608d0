-- quellen schema 2: search. Beside each passage, the text as search keys
-- (tokenized, stemmed in the passage's language, folded to one Latin key
-- per word in Go: see search.go), the keys of the quotation's speaker and
-- of the entities it holds, the dates it holds and where it lies in the
-- raw text. passages_keys indexes the keys; passages_tri indexes the
-- original text by trigrams for ~fragment search.

ALTER TABLE passages ADD COLUMN keys TEXT;     -- NULL: not yet keyed (a schema-1 row)
ALTER TABLE passages ADD COLUMN speakers TEXT; -- name keys of the quotation's speaker
ALTER TABLE passages ADD COLUMN entities TEXT; -- name keys of the entities inside
ALTER TABLE passages ADD COLUMN dates TEXT;    -- JSON [[lo, hi], ...] of the dates inside
ALTER TABLE passages ADD COLUMN raw_start INTEGER;
ALTER TABLE passages ADD COLUMN raw_end INTEGER;
ALTER TABLE passages ADD COLUMN line INTEGER;
CREATE INDEX passages_unkeyed ON passages(version_id) WHERE keys IS NULL;

-- The keys are already folded: the tokenizer only splits them at spaces.
CREATE VIRTUAL TABLE passages_keys USING fts5(
	keys, speakers, entities,
	content='passages', content_rowid='id',
	tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE passages_tri USING fts5(
	text,
	content='passages', content_rowid='id',
	tokenize='trigram remove_diacritics 1'
);
INSERT INTO passages_tri(rowid, text) SELECT id, text FROM passages;

CREATE TRIGGER passages_keys_ad AFTER DELETE ON passages WHEN old.keys IS NOT NULL BEGIN
	INSERT INTO passages_keys(passages_keys, rowid, keys, speakers, entities)
		VALUES ('delete', old.id, old.keys, old.speakers, old.entities);
END;
CREATE TRIGGER passages_keys_au AFTER UPDATE ON passages BEGIN
	INSERT INTO passages_keys(passages_keys, rowid, keys, speakers, entities)
		SELECT 'delete', old.id, old.keys, old.speakers, old.entities WHERE old.keys IS NOT NULL;
	INSERT INTO passages_keys(rowid, keys, speakers, entities)
		SELECT new.id, new.keys, new.speakers, new.entities WHERE new.keys IS NOT NULL;
END;
CREATE TRIGGER passages_tri_ad AFTER DELETE ON passages BEGIN
	INSERT INTO passages_tri(passages_tri, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER passages_tri_au AFTER UPDATE OF text ON passages BEGIN
	INSERT INTO passages_tri(passages_tri, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO passages_tri(rowid, text) VALUES (new.id, new.text);
END;
