-- diagram-service: stars, per-user views, tags, folder shares, searchable shape text and export
-- counts. No table is rewritten: the new files columns have constant defaults (a catalogue change
-- since PostgreSQL 11) and the new index starts empty (about 2 s on 100,000 rows of real text).

-- A view (view_count) or an export count is not an edit: updated_at moves only when lock_version
-- does, and only when the writer did not set it itself (diagram-service writes it from its clock).
DROP TRIGGER files_updated_at ON files;
CREATE TRIGGER files_updated_at BEFORE UPDATE ON files FOR EACH ROW
    WHEN (OLD.lock_version IS DISTINCT FROM NEW.lock_version AND OLD.updated_at IS NOT DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION set_updated_at();

-- The text inside the canvas shapes (labels, frame titles), extracted by diagram-service on every
-- write, so search covers it with the same trigram index kind as title and note_content.
ALTER TABLE files ADD COLUMN search_text text NOT NULL DEFAULT '';
CREATE INDEX files_search_text_trgm_idx ON files USING gin (search_text gin_trgm_ops);

-- Renders of the file recorded by export-service.
ALTER TABLE files ADD COLUMN export_count bigint NOT NULL DEFAULT 0;

CREATE TABLE file_stars (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_id    uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, file_id)
);
CREATE INDEX file_stars_file_id_idx ON file_stars (file_id);

-- Who opened what, when: "recent", "last viewed by me" and per-user view counts.
CREATE TABLE file_views (
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_id        uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    view_count     bigint      NOT NULL DEFAULT 1,
    last_viewed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, file_id)
);
CREATE INDEX file_views_file_id_idx ON file_views (file_id);
CREATE INDEX file_views_recent_idx ON file_views (user_id, last_viewed_at DESC);

-- A user's own labels; each user tags the files they can see.
CREATE TABLE tags (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       varchar(50) NOT NULL,
    color      varchar(32),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_owner_name_key ON tags (owner_id, lower(name));

CREATE TABLE file_tags (
    file_id    uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    tag_id     uuid        NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, tag_id)
);
CREATE INDEX file_tags_tag_id_idx ON file_tags (tag_id);

-- A folder shared with a user: the permission applies to everything inside, at any depth.
CREATE TABLE folder_shares (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    folder_id  uuid        NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission varchar(8)  NOT NULL DEFAULT 'view' CHECK (permission IN ('view', 'edit')),
    shared_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (folder_id, user_id)
);
CREATE INDEX folder_shares_user_id_idx ON folder_shares (user_id);
CREATE INDEX folder_shares_shared_by_idx ON folder_shares (shared_by);

-- Share links: public, or only for members of the file's team.
ALTER TABLE shares ADD COLUMN team_only boolean NOT NULL DEFAULT false;
