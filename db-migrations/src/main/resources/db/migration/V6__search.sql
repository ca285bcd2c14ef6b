-- diagram-service search: the words of every file in one weighted full-text vector, and a
-- dictionary of those words with a trigram index. A search corrects each query word against the
-- dictionary (pg_trgm word similarity on short words, not on whole documents) and then matches
-- files through the vector's GIN index, so its cost follows the number of matching files rather
-- than the size of the table. Applying this rewrites every files row once (about 25 s on 100,000
-- rows of bench/diagrams data on 2 cores, most of it computing the vectors).
-- Numbered 6: V5 is taken by file versions work.

-- Title (A), shape text (B) and note (C), as the 'simple' configuration splits them: lower-cased
-- words, no stemming and no stop words, so "kubernetes" in a note is the word "kubernetes".
CREATE FUNCTION files_search_vector(title text, search_text text, note_content text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(search_text, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(note_content, '')), 'C');
EXCEPTION WHEN program_limit_exceeded THEN
    -- A vector holds at most 1 MB: a huge note of distinct tokens would otherwise fail the write.
    -- Such a file is found by its title, its shapes and the start of its note.
    RETURN setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', left(coalesce(search_text, ''), 100000)), 'B')
        || setweight(to_tsvector('simple', left(coalesce(note_content, ''), 100000)), 'C');
END $$;

ALTER TABLE files ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;
UPDATE files SET search_vector = files_search_vector(title, search_text, note_content);

-- Kept by the database rather than by diagram-service so that every writer (imports, the
-- benchmark's generator, manual fixes) leaves the file searchable. An edit also adds the words it
-- brought to the dictionary below (inserts add theirs per statement, see there); in word order, so
-- two edits adding the same new words wait for each other rather than deadlock.
CREATE FUNCTION files_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.search_vector := files_search_vector(NEW.title, NEW.search_text, NEW.note_content);
    ELSIF NEW.title IS DISTINCT FROM OLD.title OR NEW.search_text IS DISTINCT FROM OLD.search_text
            OR NEW.note_content IS DISTINCT FROM OLD.note_content THEN
        NEW.search_vector := files_search_vector(NEW.title, NEW.search_text, NEW.note_content);
        INSERT INTO search_words (word)
        SELECT w FROM unnest(tsvector_to_array(NEW.search_vector)) w
        WHERE length(w) <= 200 AND NOT w = ANY(tsvector_to_array(OLD.search_vector)) ORDER BY w
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END $$;
-- Only updates that set one of the three columns can change them (counters and moves skip this).
CREATE TRIGGER files_search_vector BEFORE INSERT OR UPDATE OF title, search_text, note_content ON files
    FOR EACH ROW EXECUTE FUNCTION files_search_vector_update();

-- Every word that is or was in some file. Words are only added: a stale one costs a dictionary
-- row and finds no file (the vector decides what matches), while deleting words could race with
-- a writer adding them back. Words over 200 characters are left out (they would not fit a btree
-- entry in every script); a query word is always matched as typed as well, so they are still found.
CREATE TABLE search_words (
    word text PRIMARY KEY
);
INSERT INTO search_words (word)
SELECT DISTINCT w FROM files, unnest(tsvector_to_array(files.search_vector)) w WHERE length(w) <= 200;
-- fastupdate off: a search reads no pending list, so its time does not grow between vacuums;
-- new words are rare once a workspace has its vocabulary.
CREATE INDEX search_words_word_trgm_idx ON search_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- New files add their words with one insert per statement (a bulk import at once), in word order.
CREATE FUNCTION search_words_from_inserted_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_words (word)
    SELECT DISTINCT w FROM new_files, unnest(tsvector_to_array(new_files.search_vector)) w
    WHERE length(w) <= 200 ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER files_search_words_insert AFTER INSERT ON files REFERENCING NEW TABLE AS new_files
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_from_inserted_files();

-- Edits are frequent here, so new entries go to GIN's pending list (an append, not a few dozen
-- index insertions per edit), but a small one: a search reads the whole list, so 1 MB (about a
-- thousand edits, merged by the edit that fills it or by vacuum) bounds what that costs.
CREATE INDEX files_search_vector_idx ON files USING gin (search_vector) WITH (gin_pending_list_limit = 1024);

-- Search no longer reads these (the dictionary does the fuzzy part); they only cost writes.
-- files_title_trgm_idx stays for fuzzy lookups by title.
DROP INDEX files_search_text_trgm_idx;
DROP INDEX files_note_content_trgm_idx;

-- Statistics for the new column and table now, so the first searches after an upgrade are planned
-- with them rather than with defaults until autovacuum's next round.
ANALYZE files;
ANALYZE search_words;
