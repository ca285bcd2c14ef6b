-- diagram-service: version history. No table is rewritten: the new columns have constant defaults
-- and versions is empty until this release writes to it.

-- Why a version was made: a client's explicit save, the autosave interval, a major edit (many
-- shapes deleted), the head kept before a restore, the restore itself, or the first version of a fork.
ALTER TABLE versions ADD COLUMN reason varchar(16) NOT NULL DEFAULT 'save'
    CHECK (reason IN ('save', 'autosave', 'major_edit', 'before_restore', 'restore', 'fork'));

-- The shape text of the snapshot (as files.search_text), kept readable when canvas_data is
-- compressed, so history search never has to inflate old versions.
ALTER TABLE versions ADD COLUMN search_text text NOT NULL DEFAULT '';

-- Set by the background compression: bytes of the gzip'd canvas and when it was done.
ALTER TABLE versions ADD COLUMN compressed_bytes bigint;
ALTER TABLE versions ADD COLUMN compressed_at timestamptz;

-- The compression job's work list: old versions not yet compressed.
CREATE INDEX versions_uncompressed_idx ON versions (created_at) WHERE compressed IS NULL;
