-- A version's label, description and lock are edited by several people; the revision is the
-- version's ETag, so that an edit sent with If-Match cannot overwrite one made since it was read.
-- A constant default: PostgreSQL adds the column without rewriting the table.
ALTER TABLE versions ADD COLUMN metadata_revision integer NOT NULL DEFAULT 0;
