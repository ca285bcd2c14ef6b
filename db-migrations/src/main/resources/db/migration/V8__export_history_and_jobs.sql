-- export-service: who exported what (export_history) and batch exports to one ZIP (export_jobs).
-- New tables only: nothing existing is rewritten.

-- One batch export: the files, its progress and, once finished, the ZIP in the exports bucket.
CREATE TABLE export_jobs (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status      varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    format      varchar(16) NOT NULL,
    file_ids    uuid[]      NOT NULL,
    total       integer     NOT NULL CHECK (total > 0),
    done        integer     NOT NULL DEFAULT 0 CHECK (done >= 0 AND done <= total),
    -- [{"file_id", "code", "detail"}] of the files that could not be exported (the ZIP skips them).
    failures    jsonb       NOT NULL DEFAULT '[]',
    result_key  varchar(1024),
    size_bytes  bigint,
    error       varchar(1000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX export_jobs_user_idx ON export_jobs (user_id, created_at DESC);
-- The sweeper finds jobs whose instance stopped while they ran.
CREATE INDEX export_jobs_unfinished_idx ON export_jobs (updated_at) WHERE status IN ('queued', 'running');

-- One export a user made: of a file (or one of its versions), a posted document or code, or a job's file.
CREATE TABLE export_history (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- No foreign key: files are diagram-service's, known to export-service only through its API; a
    -- row of a purged file stays in its user's history.
    file_id        uuid,
    version_number integer,
    job_id         uuid REFERENCES export_jobs (id) ON DELETE SET NULL,
    source         varchar(16) NOT NULL CHECK (source IN ('file', 'document', 'code', 'job')),
    format         varchar(16) NOT NULL,
    size_bytes     bigint      NOT NULL CHECK (size_bytes >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_history_user_idx ON export_history (user_id, created_at DESC);
CREATE INDEX export_history_file_idx ON export_history (file_id, created_at DESC);
CREATE INDEX export_history_job_idx ON export_history (job_id);
