-- quellen schema 1: documents and their versions, findings, links,
-- problems, corrections and the full-text passages.

CREATE TABLE quellen_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- A document is a name (the file's base name); its content lives in versions.
CREATE TABLE documents (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	created TEXT NOT NULL
) STRICT;

-- One row per distinct content. raw is the file as read, never modified;
-- source is the addressable text when it differs from raw (PDF, EPUB,
-- re-decoded text), else NULL; clean is the repaired text when it differs
-- from source, else NULL.
CREATE TABLE versions (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	version     INTEGER NOT NULL,
	sha256      TEXT NOT NULL UNIQUE,
	path        TEXT NOT NULL,
	format      TEXT NOT NULL,
	language    TEXT NOT NULL,
	title       TEXT NOT NULL,
	meta        TEXT NOT NULL, -- JSON of quellen.Metadata
	raw         BLOB NOT NULL,
	source      TEXT,
	clean       TEXT,
	size        INTEGER NOT NULL,
	ingested    TEXT NOT NULL,
	UNIQUE (document_id, version)
) STRICT;

CREATE TABLE findings (
	id          INTEGER PRIMARY KEY,
	version_id  INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	clean_start INTEGER NOT NULL,
	clean_end   INTEGER NOT NULL,
	raw_start   INTEGER NOT NULL,
	raw_end     INTEGER NOT NULL,
	line        INTEGER NOT NULL,
	end_line    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	attrs       TEXT, -- JSON object or NULL
	extractor   TEXT NOT NULL,
	status      TEXT NOT NULL
) STRICT;
CREATE INDEX findings_version_kind ON findings(version_id, kind);

CREATE TABLE problems (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	severity   TEXT NOT NULL,
	code       TEXT NOT NULL,
	message    TEXT NOT NULL,
	offset     INTEGER NOT NULL
) STRICT;
CREATE INDEX problems_version ON problems(version_id);

-- Links between findings or passages, within or across documents.
CREATE TABLE links (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL,
	a_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	a_finding_id INTEGER REFERENCES findings(id) ON DELETE CASCADE,
	a_raw_start  INTEGER NOT NULL,
	a_raw_end    INTEGER NOT NULL,
	a_line       INTEGER NOT NULL,
	a_end_line   INTEGER NOT NULL,
	a_text       TEXT NOT NULL,
	b_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	b_finding_id INTEGER REFERENCES findings(id) ON DELETE CASCADE,
	b_raw_start  INTEGER NOT NULL,
	b_raw_end    INTEGER NOT NULL,
	b_line       INTEGER NOT NULL,
	b_end_line   INTEGER NOT NULL,
	b_text       TEXT NOT NULL,
	relation     TEXT NOT NULL DEFAULT '',
	event        TEXT NOT NULL DEFAULT '',
	score        REAL NOT NULL DEFAULT 0,
	attrs        TEXT
) STRICT;
CREATE INDEX links_a ON links(a_version_id);
CREATE INDEX links_b ON links(b_version_id);
CREATE INDEX links_a_finding ON links(a_finding_id);
CREATE INDEX links_b_finding ON links(b_finding_id);

-- A person's correction, named by what survives re-ingest: the document's
-- name, the finding's kind, raw span and the SHA-256 of its text.
CREATE TABLE corrections (
	id        INTEGER PRIMARY KEY,
	doc       TEXT NOT NULL,
	kind      TEXT NOT NULL,
	raw_start INTEGER NOT NULL,
	raw_end   INTEGER NOT NULL,
	text_hash TEXT NOT NULL,
	status    TEXT NOT NULL,
	text      TEXT NOT NULL DEFAULT '',
	attrs     TEXT,
	who       TEXT NOT NULL,
	at        TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX corrections_identity ON corrections(doc, kind, raw_start, raw_end, text_hash);

-- Passages for full-text search: paragraphs of the clean text and the
-- text of quotations, notes and references, each with its language.
CREATE TABLE passages (
	id          INTEGER PRIMARY KEY,
	version_id  INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	finding_id  INTEGER REFERENCES findings(id) ON DELETE CASCADE,
	kind        TEXT NOT NULL, -- paragraph, or the finding's kind
	clean_start INTEGER NOT NULL,
	clean_end   INTEGER NOT NULL,
	lang        TEXT NOT NULL,
	text        TEXT NOT NULL
) STRICT;
CREATE INDEX passages_version ON passages(version_id);
CREATE INDEX passages_finding ON passages(finding_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
	text, lang UNINDEXED,
	content='passages', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
-- Put fills the index of a version's passages in one statement (an insert
-- trigger would flush FTS5's pending terms after every row); deletes and
-- updates keep it in step through triggers.
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
	INSERT INTO passages_fts(passages_fts, rowid, text, lang) VALUES ('delete', old.id, old.text, old.lang);
END;
CREATE TRIGGER passages_au AFTER UPDATE ON passages BEGIN
	INSERT INTO passages_fts(passages_fts, rowid, text, lang) VALUES ('delete', old.id, old.text, old.lang);
	INSERT INTO passages_fts(rowid, text, lang) VALUES (new.id, new.text, new.lang);
END;
