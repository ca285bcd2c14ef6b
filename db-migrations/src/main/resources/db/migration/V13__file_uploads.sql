-- Pictures and over-long texts an import took out of a file's document (diagram-service). The
-- content is in the S3 uploads bucket under its SHA-256 (content-addressed, shared by every file
-- that holds it); a row is what lets a file show it: the document's `upload:<sha256>` reference
-- alone grants nothing. Copies and forks of a file get its rows. New table only.
CREATE TABLE file_uploads (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id    uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    sha256     char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    media_type varchar(64) NOT NULL,
    bytes      bigint      NOT NULL CHECK (bytes >= 0),
    width      integer CHECK (width >= 0),
    height     integer CHECK (height >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (file_id, sha256)
);
-- Whether any file still holds a content (before its object may be deleted).
CREATE INDEX file_uploads_sha256_idx ON file_uploads (sha256);
