-- auth-service: invitations to join a team by e-mail.

-- A mailed, single-use, expiring invitation. Like one_time_tokens, only the SHA-256 of the
-- link's 256-bit random token is stored. claimed_by: the account registered from the link,
-- which becomes a member once its address is verified.
CREATE TABLE team_invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id     uuid         NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       varchar(320) NOT NULL,
    role        varchar(16)  NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    token_hash  varchar(64)  NOT NULL UNIQUE,
    invited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    claimed_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    expires_at  timestamptz  NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX team_invitations_team_id_idx ON team_invitations (team_id, created_at DESC);
CREATE INDEX team_invitations_email_idx ON team_invitations (lower(email));
CREATE INDEX team_invitations_invited_by_idx ON team_invitations (invited_by);
CREATE INDEX team_invitations_claimed_by_idx ON team_invitations (claimed_by);
CREATE INDEX team_invitations_accepted_by_idx ON team_invitations (accepted_by);
