-- AutoGraph baseline schema. Every table has one owning service (docs/database.md); other
-- services read its data through that service's HTTP API, never its tables.
-- Conventions: UUID keys, timestamptz, JSONB for documents/settings/metadata, soft delete via
-- deleted_at, an index for every foreign key and for each list/sort the APIs serve.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- auth-service ------------------------------------------------------------------------------

CREATE TABLE users (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email              varchar(320) NOT NULL,
    password_hash      varchar(100),
    full_name          varchar(200) NOT NULL,
    role               varchar(16)  NOT NULL DEFAULT 'editor' CHECK (role IN ('admin', 'editor', 'viewer')),
    is_active          boolean      NOT NULL DEFAULT true,
    is_verified        boolean      NOT NULL DEFAULT false,
    mfa_enabled        boolean      NOT NULL DEFAULT false,
    mfa_secret         varchar(200),
    failed_login_count integer      NOT NULL DEFAULT 0,
    locked_at          timestamptz,
    last_login_at      timestamptz,
    avatar_url         varchar(2048),
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    deleted_at         timestamptz
);
-- Emails are unique regardless of case.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_created_at_idx ON users (created_at DESC);
CREATE INDEX users_full_name_trgm_idx ON users USING gin (full_name gin_trgm_ops);

CREATE TABLE teams (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       varchar(200) NOT NULL,
    slug       varchar(100) NOT NULL UNIQUE,
    -- A team outlives the account that created it.
    owner_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    plan       varchar(32)  NOT NULL DEFAULT 'free',
    settings   jsonb        NOT NULL DEFAULT '{}',
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX teams_owner_id_idx ON teams (owner_id);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    key_prefix   varchar(16)  NOT NULL,
    key_hash     varchar(128) NOT NULL UNIQUE,
    scopes       text[]       NOT NULL DEFAULT '{read}',
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id, created_at DESC);
CREATE INDEX api_keys_key_prefix_idx ON api_keys (key_prefix);

CREATE TABLE audit_log (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The trail must survive the account it describes.
    user_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    action         varchar(64)  NOT NULL,
    resource_type  varchar(64),
    resource_id    uuid,
    outcome        varchar(16)  NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure')),
    reason         varchar(200),
    ip_address     inet,
    user_agent     varchar(512),
    correlation_id varchar(128),
    metadata       jsonb        NOT NULL DEFAULT '{}',
    created_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_user_id_idx ON audit_log (user_id, created_at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, created_at DESC);
CREATE INDEX audit_log_created_at_idx ON audit_log (created_at DESC);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);

-- diagram-service ---------------------------------------------------------------------------

CREATE TABLE folders (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id   uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id    uuid REFERENCES teams (id) ON DELETE CASCADE,
    parent_id  uuid REFERENCES folders (id) ON DELETE CASCADE,
    name       varchar(255) NOT NULL,
    color      varchar(32),
    icon       varchar(64),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX folders_owner_id_idx ON folders (owner_id, name);
CREATE INDEX folders_team_id_idx ON folders (team_id);
CREATE INDEX folders_parent_id_idx ON folders (parent_id);
CREATE INDEX folders_name_trgm_idx ON folders USING gin (name gin_trgm_ops);

CREATE TABLE files (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id         uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id          uuid REFERENCES teams (id) ON DELETE SET NULL,
    -- Deleting a folder moves its files to the root rather than losing them.
    folder_id        uuid REFERENCES folders (id) ON DELETE SET NULL,
    title            varchar(255) NOT NULL,
    file_type        varchar(16)  NOT NULL DEFAULT 'canvas' CHECK (file_type IN ('canvas', 'note', 'mixed')),
    canvas_data      jsonb        NOT NULL DEFAULT '{"schema_version": 1, "shapes": []}',
    note_content     text         NOT NULL DEFAULT '',
    thumbnail_key    varchar(1024),
    metadata         jsonb        NOT NULL DEFAULT '{}',
    current_version  integer      NOT NULL DEFAULT 0,
    size_bytes       bigint       NOT NULL DEFAULT 0,
    view_count       bigint       NOT NULL DEFAULT 0,
    -- Optimistic locking: the ETag of a file.
    lock_version     bigint       NOT NULL DEFAULT 0,
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    last_activity_at timestamptz  NOT NULL DEFAULT now(),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    deleted_at       timestamptz
);
CREATE INDEX files_owner_updated_idx ON files (owner_id, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_created_idx ON files (owner_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_title_idx ON files (owner_id, title) WHERE deleted_at IS NULL;
CREATE INDEX files_trash_idx ON files (owner_id, deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX files_deleted_at_idx ON files (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX files_team_id_idx ON files (team_id, updated_at DESC);
CREATE INDEX files_folder_id_idx ON files (folder_id);
CREATE INDEX files_created_by_idx ON files (created_by);
CREATE INDEX files_updated_by_idx ON files (updated_by);
CREATE INDEX files_title_trgm_idx ON files USING gin (title gin_trgm_ops);
CREATE INDEX files_note_content_trgm_idx ON files USING gin (note_content gin_trgm_ops);

CREATE TABLE versions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id        uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    version_number integer     NOT NULL CHECK (version_number > 0),
    canvas_data    jsonb,
    note_content   text,
    -- Old versions are gzip-compressed in the background into this column.
    compressed     bytea,
    description    varchar(1000),
    label          varchar(100),
    is_locked      boolean     NOT NULL DEFAULT false,
    size_bytes     bigint      NOT NULL DEFAULT 0,
    thumbnail_key  varchar(1024),
    created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (file_id, version_number),
    CHECK (compressed IS NOT NULL OR canvas_data IS NOT NULL)
);
CREATE INDEX versions_file_created_idx ON versions (file_id, created_at DESC);
CREATE INDEX versions_created_by_idx ON versions (created_by);

CREATE TABLE comments (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id     uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    -- A thread stays readable after its author's account is deleted.
    user_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    parent_id   uuid REFERENCES comments (id) ON DELETE CASCADE,
    content     text        NOT NULL,
    shape_id    varchar(128),
    position_x  double precision,
    position_y  double precision,
    is_resolved boolean     NOT NULL DEFAULT false,
    resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
    resolved_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE INDEX comments_file_id_idx ON comments (file_id, created_at);
CREATE INDEX comments_user_id_idx ON comments (user_id);
CREATE INDEX comments_parent_id_idx ON comments (parent_id);
CREATE INDEX comments_resolved_by_idx ON comments (resolved_by);

CREATE TABLE mentions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    comment_id uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    is_read    boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (comment_id, user_id)
);
CREATE INDEX mentions_user_unread_idx ON mentions (user_id, is_read, created_at DESC);

CREATE TABLE shares (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id             uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    shared_by           uuid REFERENCES users (id) ON DELETE SET NULL,
    -- Set for a share to one user; NULL for a share link (token).
    shared_with_user_id uuid REFERENCES users (id) ON DELETE CASCADE,
    token               varchar(128) UNIQUE,
    permission          varchar(8)  NOT NULL DEFAULT 'view' CHECK (permission IN ('view', 'edit')),
    is_public           boolean     NOT NULL DEFAULT false,
    password_hash       varchar(100),
    version_id          uuid REFERENCES versions (id) ON DELETE CASCADE,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    view_count          bigint      NOT NULL DEFAULT 0,
    last_accessed_at    timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (shared_with_user_id IS NOT NULL OR token IS NOT NULL)
);
CREATE INDEX shares_file_id_idx ON shares (file_id);
CREATE INDEX shares_shared_by_idx ON shares (shared_by);
CREATE INDEX shares_shared_with_idx ON shares (shared_with_user_id, created_at DESC);
CREATE INDEX shares_version_id_idx ON shares (version_id);
CREATE UNIQUE INDEX shares_file_user_key ON shares (file_id, shared_with_user_id) WHERE shared_with_user_id IS NOT NULL;

-- git-service -------------------------------------------------------------------------------

CREATE TABLE git_connections (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_id                uuid REFERENCES files (id) ON DELETE CASCADE,
    provider               varchar(32)   NOT NULL CHECK (provider IN ('github', 'gitlab', 'bitbucket', 'azure_devops', 'generic')),
    repo_url               varchar(2048) NOT NULL,
    branch                 varchar(255)  NOT NULL DEFAULT 'main',
    path                   varchar(1024) NOT NULL DEFAULT '',
    access_token_encrypted text,
    webhook_secret_hash    varchar(128),
    auto_sync              boolean       NOT NULL DEFAULT false,
    last_synced_at         timestamptz,
    last_commit_sha        varchar(64),
    settings               jsonb         NOT NULL DEFAULT '{}',
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX git_connections_user_id_idx ON git_connections (user_id, created_at DESC);
CREATE INDEX git_connections_file_id_idx ON git_connections (file_id);

-- ai-service --------------------------------------------------------------------------------

CREATE TABLE usage_metrics (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Usage stays countable for billing after an account or team is gone.
    user_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    team_id     uuid REFERENCES teams (id) ON DELETE SET NULL,
    metric_type varchar(64)    NOT NULL,
    quantity    numeric(20, 6) NOT NULL DEFAULT 0,
    unit        varchar(32)    NOT NULL,
    provider    varchar(64),
    model       varchar(128),
    metadata    jsonb          NOT NULL DEFAULT '{}',
    recorded_at timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX usage_metrics_user_idx ON usage_metrics (user_id, recorded_at DESC);
CREATE INDEX usage_metrics_team_idx ON usage_metrics (team_id, recorded_at DESC);
CREATE INDEX usage_metrics_type_idx ON usage_metrics (metric_type, recorded_at DESC);

-- updated_at maintenance --------------------------------------------------------------------

CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER teams_updated_at BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER folders_updated_at BEFORE UPDATE ON folders FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER files_updated_at BEFORE UPDATE ON files FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER comments_updated_at BEFORE UPDATE ON comments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER git_connections_updated_at BEFORE UPDATE ON git_connections FOR EACH ROW EXECUTE FUNCTION set_updated_at();
