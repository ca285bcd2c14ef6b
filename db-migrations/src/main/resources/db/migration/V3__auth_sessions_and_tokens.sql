-- auth-service: what logins, token rotation, one-time links, MFA and teams need.

-- Refresh tokens are opaque; only their SHA-256 is stored. A login starts a family; each refresh
-- rotates to a new token in the same family. Presenting a rotated token again means it was
-- stolen: the whole family (the session) is revoked.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id  uuid         NOT NULL,
    token_hash  varchar(64)  NOT NULL UNIQUE,
    expires_at  timestamptz  NOT NULL,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

-- Single-use links sent by mail: e-mail verification (24 h) and password reset (1 h).
CREATE TABLE one_time_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     varchar(32)  NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash  varchar(64)  NOT NULL UNIQUE,
    expires_at  timestamptz  NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_user_purpose_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE mfa_backup_codes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  varchar(100) NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mfa_backup_codes_user_id_idx ON mfa_backup_codes (user_id);

-- Per-team roles (admin, editor, viewer); the user's own role is users.role.
CREATE TABLE team_members (
    team_id    uuid        NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       varchar(16) NOT NULL DEFAULT 'editor' CHECK (role IN ('admin', 'editor', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);

-- Login protection: consecutive failures lock the account until an admin unlocks it or a
-- password reset completes (users.locked_at, users.failed_login_count exist since V1).
ALTER TABLE users ADD COLUMN locked_reason varchar(64);
