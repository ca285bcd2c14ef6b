package com.autograph.diagram.version;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import com.autograph.diagram.file.ShapeText;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes versions: decides after each content write whether one is due (explicit save, autosave
 * interval, major edit) and writes the snapshots. Every method expects the caller's transaction to
 * hold the file's row lock, so numbers come out 1, 2, 3 … without gaps or duplicates: the number is
 * taken from {@code files.current_version} in the same transaction, and a rollback returns it.
 */
@Component
public class VersionRecorder {

    public enum Reason {
        SAVE, AUTOSAVE, MAJOR_EDIT, BEFORE_RESTORE, RESTORE, FORK;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A file's content at one moment: the canvas document as JSON text and the note. */
    public record Snapshot(String canvasJson, String noteContent) {
    }

    /** The newest version of a file, and whether it holds the content it was compared with. */
    private record Latest(int number, Instant createdAt, boolean same) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final VersionProperties properties;

    VersionRecorder(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, VersionProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.properties = properties;
    }

    /**
     * After a PUT/PATCH wrote {@code after} over {@code before} (written by {@code beforeAuthor}):
     * a major edit keeps the state before it (when history lacks it) and the state after it; an
     * explicit save keeps the new head; otherwise a changed head is kept when the newest version is
     * at least the autosave interval old. Content equal to the newest version is never kept again.
     */
    public List<Integer> afterEdit(UUID fileId, Snapshot before, UUID beforeAuthor, Snapshot after, UUID actor,
            boolean explicitSave, Instant now) {
        JsonNode beforeCanvas = json.readTree(before.canvasJson());
        JsonNode afterCanvas = json.readTree(after.canvasJson());
        boolean changed = !beforeCanvas.equals(afterCanvas) || !Objects.equals(before.noteContent(), after.noteContent());
        List<Integer> made = new ArrayList<>();
        int deleted = changed ? deletedShapes(beforeCanvas, afterCanvas) : 0;
        if (deleted >= properties.majorEditShapes()) {
            record(fileId, before, beforeAuthor, actor, "Before deleting " + deleted + " shapes", null, Reason.MAJOR_EDIT, now)
                    .ifPresent(made::add);
            record(fileId, after, actor, actor, "Deleted " + deleted + " shapes", null, Reason.MAJOR_EDIT, now)
                    .ifPresent(made::add);
        }
        else if (explicitSave) {
            record(fileId, after, actor, actor, null, null, Reason.SAVE, now).ifPresent(made::add);
        }
        else if (changed) {
            Optional<Latest> latest = latest(fileId, null);
            boolean due = latest.isEmpty()
                    || !latest.get().createdAt().isAfter(now.minus(properties.autosaveInterval()));
            if (due) {
                record(fileId, after, actor, actor, null, null, Reason.AUTOSAVE, now).ifPresent(made::add);
            }
        }
        return made;
    }

    /**
     * Keeps {@code snapshot} as the next version unless it equals the newest one; returns its number.
     * {@code author} made the content, {@code actor} caused the version (they differ for the state
     * kept before a major edit or a restore).
     */
    public Optional<Integer> record(UUID fileId, Snapshot snapshot, UUID author, UUID actor, String description,
            String label, Reason reason, Instant now) {
        if (latest(fileId, snapshot).map(Latest::same).orElse(false)) {
            return Optional.empty();
        }
        int number = jdbc.sql("UPDATE files SET current_version = current_version + 1 WHERE id = :id RETURNING current_version")
                .param("id", fileId).query(Integer.class).single();
        long size = snapshot.canvasJson().getBytes(StandardCharsets.UTF_8).length
                + snapshot.noteContent().getBytes(StandardCharsets.UTF_8).length;
        jdbc.sql("""
                INSERT INTO versions (file_id, version_number, canvas_data, note_content, description, label, reason,
                                      search_text, size_bytes, created_by, created_at)
                VALUES (:file, :number, CAST(:canvas AS jsonb), :note, :description, :label, :reason, :search, :size,
                        :author, :at)""")
                .param("file", fileId).param("number", number).param("canvas", snapshot.canvasJson())
                .param("note", snapshot.noteContent()).param("description", description).param("label", label)
                .param("reason", reason.value()).param("search", ShapeText.of(json.readTree(snapshot.canvasJson())))
                .param("size", size).param("author", author).param("at", Timestamp.from(now)).update();
        events.publishEvent(new FileEvent("version.created", fileId, actor, now,
                Map.of("version_number", number, "reason", reason.value())));
        return Optional.of(number);
    }

    /** The newest version's number; the file must have one. */
    public int latestNumber(UUID fileId) {
        return jdbc.sql("SELECT max(version_number) FROM versions WHERE file_id = :file").param("file", fileId)
                .query(Integer.class).single();
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
     * The newest version; {@code same} compares it with {@code snapshot} (jsonb equality, so key
     * order and number spelling do not count as changes), inflating it when it is compressed.
     */
    private Optional<Latest> latest(UUID fileId, Snapshot snapshot) {
        String canvas = snapshot == null ? "{}" : snapshot.canvasJson();
        String note = snapshot == null ? "" : snapshot.noteContent();
        return jdbc.sql("""
                SELECT version_number, created_at, compressed, note_content,
                       CASE WHEN canvas_data IS NULL THEN NULL
                            ELSE canvas_data = CAST(:canvas AS jsonb) AND note_content IS NOT DISTINCT FROM :note END AS same
                FROM versions WHERE file_id = :file ORDER BY version_number DESC LIMIT 1""")
                .param("file", fileId).param("canvas", canvas).param("note", note)
                .query((rs, row) -> {
                    boolean same;
                    Object sameColumn = rs.getObject("same");
                    if (snapshot == null) {
                        same = false;
                    }
                    else if (sameColumn != null) {
                        same = (Boolean) sameColumn;
                    }
                    else {
                        same = Objects.equals(rs.getString("note_content"), note)
                                && json.readTree(Gzip.inflate(rs.getBytes("compressed"))).equals(json.readTree(canvas));
                    }
                    return new Latest(rs.getInt("version_number"), rs.getTimestamp("created_at").toInstant(), same);
                }).optional();
    }
}
