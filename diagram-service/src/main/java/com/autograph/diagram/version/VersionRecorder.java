package com.autograph.diagram.version;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.autograph.diagram.event.FileEvent;
import com.autograph.diagram.file.CanvasCodec;
import com.autograph.diagram.file.ContentHistory;
import com.autograph.diagram.file.FileContent;

import tools.jackson.databind.JsonNode;

/**
 * Makes versions: decides after each content write whether one is due
 * ({@link VersionRules}) and writes the snapshots. Every method expects the caller's
 * transaction to hold the file's row lock, so numbers come out 1, 2, 3 … without gaps or
 * duplicates: the number is taken from {@code files.current_version} in the same
 * statement that inserts the version, and a rollback returns it. A snapshot of the head
 * (nearly every one) is compared with and copied from the file's row inside the database:
 * its canvas is neither sent nor parsed again.
 */
@Component
public class VersionRecorder implements ContentHistory {

    public enum Reason {

        SAVE, AUTOSAVE, MAJOR_EDIT, BEFORE_RESTORE, RESTORE, FORK;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    /**
     * The newest version of a file, and whether it holds the content it was compared
     * with.
     */
    private record Latest(int number, Instant createdAt, boolean same) {
    }

    private final JdbcClient jdbc;

    private final CanvasCodec canvases;

    private final ApplicationEventPublisher events;

    private final VersionRules rules;

    VersionRecorder(JdbcClient jdbc, CanvasCodec canvases, ApplicationEventPublisher events,
            VersionProperties properties) {
        this.jdbc = jdbc;
        this.canvases = canvases;
        this.events = events;
        this.rules = VersionRules.of(properties);
    }

    /**
     * After a PUT/PATCH wrote {@code after} (now the head) over {@code before}: a major
     * edit keeps the state before it (when history lacks it) and the state after it; an
     * explicit save keeps the new head; otherwise a changed head is kept when the newest
     * version is at least the autosave interval old. Content equal to the newest version
     * is never kept again. The canvases are compared only when their text differs:
     * {@code before} is parsed at most once and {@code after} not at all when it came
     * from the request.
     */
    @Override
    public void afterEdit(UUID fileId, FileContent before, UUID beforeAuthor, FileContent after, UUID actor,
            boolean explicitSave, Instant now) {
        boolean canvasChanged = !before.canvasJson().equals(after.canvasJson())
                && !canvases.canvas(before).equals(canvases.canvas(after));
        boolean changed = canvasChanged || !Objects.equals(before.noteContent(), after.noteContent());
        int deleted = canvasChanged ? deletedShapes(canvases.canvas(before), canvases.canvas(after)) : 0;
        switch (rules.afterEdit(changed, deleted, explicitSave)) {
            case MAJOR_EDIT -> {
                record(fileId, before, beforeAuthor, actor, "Before deleting " + deleted + " shapes", null,
                        Reason.MAJOR_EDIT, now);
                recordHead(fileId, actor, actor, "Deleted " + deleted + " shapes", null, Reason.MAJOR_EDIT, now);
            }
            case SAVE -> recordHead(fileId, actor, actor, null, null, Reason.SAVE, now);
            case AUTOSAVE_IF_DUE -> {
                // One query answers both questions: is a version due, and would it repeat
                // the newest?
                Optional<Latest> latest = latest(fileId, null);
                if (rules.autosaveDue(latest.map(Latest::createdAt), now) && !latest.map(Latest::same).orElse(false)) {
                    insert(fileId, null, actor, actor, null, null, Reason.AUTOSAVE, now);
                }
            }
            case NOTHING -> {
            }
        }
    }

    /**
     * Keeps the file's head (as flushed in this transaction) as the next version unless
     * it equals the newest one; returns its number. {@code author} made the content,
     * {@code actor} caused the version (they differ for the state kept before a restore).
     */
    public Optional<Integer> recordHead(UUID fileId, UUID author, UUID actor, String description, String label,
            Reason reason, Instant now) {
        return record(fileId, null, author, actor, description, label, reason, now);
    }

    /** As {@link #recordHead} for {@code snapshot}, or for the head when it is null. */
    private Optional<Integer> record(UUID fileId, FileContent snapshot, UUID author, UUID actor, String description,
            String label, Reason reason, Instant now) {
        if (latest(fileId, snapshot).map(Latest::same).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(insert(fileId, snapshot, author, actor, description, label, reason, now));
    }

    /**
     * The next number and the version in one statement; a null snapshot copies the file's
     * row.
     */
    private int insert(UUID fileId, FileContent snapshot, UUID author, UUID actor, String description, String label,
            Reason reason, Instant now) {
        String content = snapshot == null ? "canvas_data, note_content, search_text, size_bytes"
                : "CAST(:canvas AS jsonb), :note, :search, :size";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                WITH head AS (
                    UPDATE files SET current_version = current_version + 1 WHERE id = :file
                    RETURNING id, current_version, canvas_data, note_content, search_text, size_bytes)
                INSERT INTO versions (file_id, version_number, canvas_data, note_content, search_text, size_bytes,
                                      description, label, reason, created_by, created_at)
                SELECT id, current_version, %s, :description, :label, :reason, :author, :at FROM head
                RETURNING version_number""".formatted(content))
            .param("file", fileId)
            .param("description", description)
            .param("label", label)
            .param("reason", reason.value())
            .param("author", author)
            .param("at", Timestamp.from(now));
        if (snapshot != null) {
            statement = statement.param("canvas", snapshot.canvasJson())
                .param("note", snapshot.noteContent())
                .param("search", snapshot.searchText())
                .param("size", snapshot.sizeBytes());
        }
        int number = statement.query(Integer.class).single();
        events.publishEvent(new FileEvent("version.created", fileId, actor, now,
                Map.of("version_number", number, "reason", reason.value())));
        return number;
    }

    /** The newest version's number; the file must have one. */
    public int latestNumber(UUID fileId) {
        return jdbc.sql("SELECT max(version_number) FROM versions WHERE file_id = :file")
            .param("file", fileId)
            .query(Integer.class)
            .single();
    }

    /** Shapes (by id) in {@code before} that {@code after} no longer has. */
    static int deletedShapes(JsonNode before, JsonNode after) {
        Set<String> remaining = new HashSet<>();
        for (JsonNode shape : after.path("shapes")) {
            remaining.add(shape.path("id").asString(""));
        }
        int deleted = 0;
        for (JsonNode shape : before.path("shapes")) {
            if (!remaining.contains(shape.path("id").asString(""))) {
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * The newest version; {@code same} compares it with {@code snapshot}, or with the
     * file's row when that is null (jsonb equality, so key order and number spelling do
     * not count as changes), inflating it when it is compressed.
     */
    private Optional<Latest> latest(UUID fileId, FileContent snapshot) {
        String compared = snapshot == null
                ? "SELECT canvas_data AS canvas, note_content AS note FROM files WHERE id = :file"
                : "SELECT CAST(:canvas AS jsonb) AS canvas, CAST(:note AS text) AS note";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                SELECT v.version_number, v.created_at, v.compressed, v.note_content, c.note,
                       CASE WHEN v.canvas_data IS NULL THEN c.canvas::text END AS canvas_text,
                       CASE WHEN v.canvas_data IS NULL THEN NULL
                            ELSE v.canvas_data = c.canvas AND v.note_content IS NOT DISTINCT FROM c.note END AS same
                FROM versions v, (%s) c
                WHERE v.file_id = :file ORDER BY v.version_number DESC LIMIT 1""".formatted(compared))
            .param("file", fileId);
        if (snapshot != null) {
            statement = statement.param("canvas", snapshot.canvasJson()).param("note", snapshot.noteContent());
        }
        return statement.query((rs, row) -> {
            Object sameColumn = rs.getObject("same");
            boolean same = sameColumn != null ? (Boolean) sameColumn
                    : Objects.equals(rs.getString("note_content"), rs.getString("note"))
                            && canvases.parse(Gzip.inflate(rs.getBytes("compressed")))
                                .equals(snapshot != null ? canvases.canvas(snapshot)
                                        : canvases.parse(rs.getString("canvas_text")));
            return new Latest(rs.getInt("version_number"), rs.getTimestamp("created_at").toInstant(), same);
        }).optional();
    }

}
