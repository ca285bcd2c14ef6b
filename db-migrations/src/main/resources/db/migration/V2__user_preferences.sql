-- Per-user preferences (theme, language, editor defaults) and time zone.
-- Existing accounts get the defaults; nothing is rewritten but the new columns.
ALTER TABLE users
    ADD COLUMN preferences jsonb        NOT NULL
        DEFAULT '{"theme": "system", "language": "en", "grid": true, "snap_to_grid": true}',
    ADD COLUMN time_zone   varchar(64)  NOT NULL DEFAULT 'UTC';

ALTER TABLE users
    ADD CONSTRAINT users_preferences_is_object CHECK (jsonb_typeof(preferences) = 'object');
