-- ai-service: each generation, refinement or prose answer a user asked for, for their history, the
-- per-user daily quota and the provider comparison. New table only: nothing existing is rewritten.
CREATE TABLE ai_generations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          varchar(16)   NOT NULL CHECK (kind IN ('generate', 'refine', 'explain', 'critique', 'suggest')),
    -- The user's own words; bounded by autograph.ai.max-prompt-chars before it gets here.
    prompt        text          NOT NULL,
    source        varchar(64)   NOT NULL,
    model         varchar(128),
    diagram_type  varchar(16),
    input_tokens  integer       NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens integer       NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cost_usd      numeric(12,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    quality       integer CHECK (quality BETWEEN 0 AND 100),
    duration_ms   integer       NOT NULL CHECK (duration_ms >= 0),
    cached        boolean       NOT NULL DEFAULT false,
    -- No foreign key: files are diagram-service's; a purged file's row stays in the history.
    file_id       uuid,
    created_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX ai_generations_user_idx ON ai_generations (user_id, created_at DESC);
CREATE INDEX ai_generations_file_idx ON ai_generations (file_id, created_at DESC) WHERE file_id IS NOT NULL;
