-- Comments (diagram-service): what a thread is anchored to, edit history, reactions, full-text
-- search; in-app notifications with their e-mail delivery state, and each user's e-mail choices.
-- Numbered 11: V9 and V10 belong to work merged alongside.

-- A thread's root says what it is about: the whole file, a shape (shape_id, which exists since V1),
-- a point on the canvas (position_x/y, since V1) or a character range of the note. Replies carry
-- 'reply'. A shape thread whose shape left the document is kept and marked orphaned; it is
-- un-marked if the shape comes back (an undo).
ALTER TABLE comments
    ADD COLUMN anchor_kind varchar(8) NOT NULL DEFAULT 'file'
        CHECK (anchor_kind IN ('file', 'shape', 'point', 'note', 'reply')),
    ADD COLUMN note_start  integer,
    ADD COLUMN note_end    integer,
    ADD COLUMN is_orphaned boolean NOT NULL DEFAULT false,
    ADD COLUMN edited_at   timestamptz,
    -- Comment text is at most 10,000 characters (diagram-service checks), far below the 1 MB a
    -- vector may hold.
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED;
-- Rows written before anchors existed (none were, no API wrote comments) get the kind they imply.
UPDATE comments SET anchor_kind = CASE WHEN parent_id IS NOT NULL THEN 'reply'
                                       WHEN shape_id IS NOT NULL THEN 'shape'
                                       WHEN position_x IS NOT NULL AND position_y IS NOT NULL THEN 'point'
                                       ELSE 'file' END;
ALTER TABLE comments
    ADD CONSTRAINT comments_note_range CHECK (anchor_kind <> 'note'
        OR (note_start IS NOT NULL AND note_end IS NOT NULL AND 0 <= note_start AND note_start <= note_end)),
    ADD CONSTRAINT comments_shape_anchor CHECK (anchor_kind <> 'shape' OR shape_id IS NOT NULL),
    ADD CONSTRAINT comments_point_anchor CHECK (anchor_kind <> 'point'
        OR (position_x IS NOT NULL AND position_y IS NOT NULL)),
    ADD CONSTRAINT comments_reply_has_parent CHECK ((anchor_kind = 'reply') = (parent_id IS NOT NULL));

-- A file's threads, open ones first, as the comment panel and bench/comments list them.
CREATE INDEX comments_file_threads_idx ON comments (file_id, is_resolved, created_at DESC)
    WHERE parent_id IS NULL AND deleted_at IS NULL;
-- The shape threads a document change may orphan or bring back.
CREATE INDEX comments_file_shape_idx ON comments (file_id, shape_id) WHERE anchor_kind = 'shape' AND deleted_at IS NULL;
CREATE INDEX comments_search_idx ON comments USING gin (search_vector);
CREATE INDEX mentions_comment_id_idx ON mentions (comment_id);

-- Earlier texts of an edited comment, newest last.
CREATE TABLE comment_edits (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    comment_id uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    content    text        NOT NULL,
    edited_at  timestamptz NOT NULL
);
CREATE INDEX comment_edits_comment_id_idx ON comment_edits (comment_id, edited_at);

CREATE TABLE comment_reactions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    comment_id uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      varchar(16) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (comment_id, user_id, emoji)
);
CREATE INDEX comment_reactions_user_id_idx ON comment_reactions (user_id);

-- What happened that a user should hear of. file_id and comment_id may go (the file purged, the
-- comment deleted): the notification keeps its summary in details. email_state: 'pending' until
-- the mail job sends it at once or in a digest, 'sent', or 'none' (the user chose no mail).
CREATE TABLE notifications (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type        varchar(32) NOT NULL
        CHECK (type IN ('mention', 'reply', 'comment_on_file', 'share', 'team_invitation')),
    actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    file_id     uuid REFERENCES files (id) ON DELETE SET NULL,
    comment_id  uuid REFERENCES comments (id) ON DELETE SET NULL,
    details     jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    read_at     timestamptz,
    email_state varchar(8)  NOT NULL DEFAULT 'pending' CHECK (email_state IN ('pending', 'sent', 'none')),
    emailed_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_mail_idx ON notifications (created_at) WHERE email_state = 'pending';
-- Every diagram-service instance hears a team invitation on Redis; one notification per invitation.
CREATE UNIQUE INDEX notifications_invitation_idx ON notifications (user_id, (details ->> 'invitation_id'))
    WHERE type = 'team_invitation';
CREATE INDEX notifications_actor_id_idx ON notifications (actor_id);
CREATE INDEX notifications_file_id_idx ON notifications (file_id);
CREATE INDEX notifications_comment_id_idx ON notifications (comment_id);

-- E-mail per notification type: {"mention": "immediate", "reply": "daily", "share": "off", …};
-- a type not named gets diagram-service's default. last_digest_at: when the daily digest last went.
CREATE TABLE notification_preferences (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email          jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(email) = 'object'),
    last_digest_at timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
