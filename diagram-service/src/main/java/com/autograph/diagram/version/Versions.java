package com.autograph.diagram.version;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.diagram.file.CanvasCodec;
import com.autograph.diagram.file.DiagramFile;
import com.autograph.diagram.file.FileContent;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.diagram.web.ETags;
import com.autograph.shared.error.ApiException;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file's history: list and search, one version, labels and locks, save now, restore,
 * fork, diff.
 */
@Service
public class Versions {

    /** The metadata columns of version {@code v}. */
    private static final String SUMMARY_COLUMNS = """
            v.id, v.file_id, v.version_number, v.reason, v.description, v.label, v.is_locked, v.created_by, v.created_at,
            v.size_bytes, coalesce(v.compressed_bytes, v.size_bytes) AS stored_bytes, v.compressed IS NOT NULL AS is_compressed,
            v.compressed_at, v.thumbnail_key, v.metadata_revision""";

    /** Filters of a history list; null fields do not filter. */
    public record Query(String text, Instant createdAfter, Instant createdBefore, UUID author, Boolean labelled,
            int page, int size) {
    }

    /**
     * What PATCH may change; null fields stay ({@code ""} clears a label or description).
     */
    public record Change(String label, String description, Boolean locked) {
    }

    /** One side of a diff: a version number, or the head when null. */
    public record Side(Integer versionNumber) {

        static final Side HEAD = new Side(null);

        boolean isHead() {
            return versionNumber == null;
        }
    }

    private record Content(String canvasJson, String noteContent) {
    }

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    private final Files files;

    private final VersionRecorder recorder;

    private final CanvasCodec canvases;

    private final JsonMapper json;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    Versions(JdbcClient jdbc, AccessPolicy access, Files files, VersionRecorder recorder, CanvasCodec canvases,
            JsonMapper json, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.access = access;
        this.files = files;
        this.recorder = recorder;
        this.canvases = canvases;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Newest first, filtered by content text (shape text, note, label, description), date
     * range, author, label.
     */
    @Transactional(readOnly = true)
    public FileQueries.Page<VersionSummary> list(Caller caller, UUID fileId, Query query) {
        require(caller, fileId, Permission.VIEW);
        Map<String, Object> params = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        conditions.add("v.file_id = :file");
        params.put("file", fileId);
        if (query.text() != null) {
            conditions.add("(v.search_text ILIKE :text OR v.note_content ILIKE :text OR v.label ILIKE :text"
                    + " OR v.description ILIKE :text)");
            params.put("text", "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.createdAfter() != null) {
            conditions.add("v.created_at >= :created_after");
            params.put("created_after", Timestamp.from(query.createdAfter()));
        }
        if (query.createdBefore() != null) {
            conditions.add("v.created_at < :created_before");
            params.put("created_before", Timestamp.from(query.createdBefore()));
        }
        if (query.author() != null) {
            conditions.add("v.created_by = :author");
            params.put("author", query.author());
        }
        if (query.labelled() != null) {
            conditions.add(query.labelled() ? "v.label IS NOT NULL" : "v.label IS NULL");
        }
        String where = " FROM versions v WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT count(*)" + where).params(params).query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<VersionSummary> items = jdbc
            .sql("SELECT " + SUMMARY_COLUMNS + where + " ORDER BY v.version_number DESC LIMIT :limit OFFSET :offset")
            .params(params)
            .query(Versions::summary)
            .list();
        return new FileQueries.Page<>(items, query.page(), query.size(), total);
    }

    @Transactional(readOnly = true)
    public VersionView get(Caller caller, UUID fileId, int number) {
        require(caller, fileId, Permission.VIEW);
        VersionSummary summary = summary(fileId, number);
        Content content = content(fileId, number);
        return new VersionView(summary, content.canvasJson(), content.noteContent());
    }

    @Transactional(readOnly = true)
    public VersionStats stats(Caller caller, UUID fileId) {
        require(caller, fileId, Permission.VIEW);
        return jdbc
            .sql("""
                    SELECT count(*) AS versions, count(compressed) AS compressed, count(label) AS labelled,
                           count(*) FILTER (WHERE is_locked) AS locked, max(version_number) AS latest,
                           coalesce(sum(size_bytes), 0) AS size, coalesce(sum(coalesce(compressed_bytes, size_bytes)), 0) AS stored
                    FROM versions WHERE file_id = :file""")
            .param("file", fileId)
            .query((rs, row) -> new VersionStats(rs.getLong("versions"), rs.getLong("compressed"),
                    rs.getLong("labelled"), rs.getLong("locked"), rs.getObject("latest", Integer.class),
                    rs.getLong("size"), rs.getLong("stored")))
            .single();
    }

    /**
     * An explicit save of the head as it is (edit permission): the next version, with an
     * optional description and label. 409 {@code version_unchanged} when the newest
     * version already holds it.
     */
    @Transactional
    public VersionSummary saveHead(Caller caller, UUID fileId, String description, String label) {
        require(caller, fileId, Permission.EDIT);
        boolean trashed = jdbc.sql("SELECT deleted_at IS NOT NULL FROM files WHERE id = :id FOR NO KEY UPDATE")
            .param("id", fileId)
            .query(Boolean.class)
            .single();
        if (trashed) {
            throw new ApiException(HttpStatus.CONFLICT, "file_in_trash", "File " + fileId
                    + " is in the trash; restore it (POST /api/diagrams/" + fileId + "/restore) first.");
        }
        int number = recorder
            .recordHead(fileId, caller.userId(), caller.userId(), blankToNull(description), blankToNull(label),
                    VersionRecorder.Reason.SAVE, clock.instant())
            .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "version_unchanged",
                    "The file has not changed"
                            + " since its newest version; label or describe that one instead (PATCH /api/diagrams/"
                            + fileId + "/versions/{number})."));
        return summary(fileId, number);
    }

    /**
     * Label, description (edit permission) and lock (manage: owner or team admin). With
     * {@code ifMatch} (optional here), 412 when the version's ETag has moved on since it
     * was read.
     */
    @Transactional
    public VersionSummary change(Caller caller, UUID fileId, int number, String ifMatch, Change change) {
        Permission permission = require(caller, fileId, Permission.EDIT);
        if (change.locked() != null) {
            AccessPolicy.require(permission, Permission.MANAGE, "File", fileId);
        }
        VersionSummary current = lockedSummary(fileId, number, ifMatch);
        String label = change.label() != null ? blankToNull(change.label()) : current.label();
        String description = change.description() != null ? blankToNull(change.description()) : current.description();
        boolean locked = change.locked() != null ? change.locked() : current.locked();
        if (Objects.equals(label, current.label()) && Objects.equals(description, current.description())
                && locked == current.locked()) {
            return current; // nothing changes, so neither does the ETag
        }
        jdbc.sql("""
                UPDATE versions SET label = :label, description = :description, is_locked = :locked,
                       metadata_revision = metadata_revision + 1
                WHERE id = :id""")
            .param("label", label)
            .param("description", description)
            .param("locked", locked)
            .param("id", current.id())
            .update();
        return summary(fileId, number);
    }

    /**
     * Deletes one version (manage); a locked one must be unlocked first (409
     * {@code version_locked}). With {@code ifMatch} (optional), 412 when the version's
     * ETag has moved on since it was read.
     */
    @Transactional
    public void delete(Caller caller, UUID fileId, int number, String ifMatch) {
        require(caller, fileId, Permission.MANAGE);
        VersionSummary version = lockedSummary(fileId, number, ifMatch);
        if (version.locked()) {
            throw new ApiException(HttpStatus.CONFLICT, "version_locked",
                    "Version " + number + " is locked; unlock it (PATCH with {\"locked\": false}) before deleting it.");
        }
        jdbc.sql("DELETE FROM versions WHERE id = :id").param("id", version.id()).update();
        events.publishEvent(new FileEvent("version.deleted", fileId, caller.userId(), clock.instant(),
                Map.of("version_number", number)));
    }

    /**
     * Makes a version's content the head (edit permission; If-Match as for updates). The
     * head is kept as a version first when history lacks it, and the restored content
     * becomes a new version: nothing is lost.
     */
    @Transactional
    public FileView restore(Caller caller, UUID fileId, int number, String ifMatch) {
        Permission permission = require(caller, fileId, Permission.EDIT);
        Content stored = content(fileId, number);
        DiagramFile file = files.lockForWrite(fileId, ifMatch);
        FileContent restored = validated(stored);
        Instant now = clock.instant();
        UUID actor = caller.userId();
        recorder.recordHead(fileId, file.updatedBy(), actor, "Before restoring version " + number, null,
                VersionRecorder.Reason.BEFORE_RESTORE, now);
        files.replaceContent(file, restored, actor, now);
        // No new version when the newest one already holds the restored content: the head
        // is that one.
        int head = recorder
            .recordHead(fileId, actor, actor, "Restored version " + number, null, VersionRecorder.Reason.RESTORE, now)
            .orElseGet(() -> recorder.latestNumber(fileId));
        events.publishEvent(new FileEvent("file.updated", fileId, actor, now,
                Map.of("fields", List.of("canvas_data", "note_content"), "etag", ETags.of(file.lockVersion()))));
        events.publishEvent(new FileEvent("version.restored", fileId, actor, now,
                Map.of("restored_from", number, "version_number", head)));
        return files.view(caller, file, permission);
    }

    /**
     * A new file owned by the caller holding the version's content (view permission); its
     * history starts with that content as version 1. Placed like a duplicate.
     */
    @Transactional
    public FileView fork(Caller caller, UUID fileId, int number) {
        require(caller, fileId, Permission.VIEW);
        Content stored = content(fileId, number);
        DiagramFile original = files.live(fileId);
        FileContent content = validated(stored);
        Instant now = clock.instant();
        DiagramFile fork = files.copy(caller, original, original.title() + " (version " + number + ")", content, now);
        recorder.recordHead(fork.id(), caller.userId(), caller.userId(),
                "Forked from version " + number + " of \"" + original.title() + "\"", null, VersionRecorder.Reason.FORK,
                now);
        events.publishEvent(new FileEvent("file.created", fork.id(), caller.userId(), now, Map.of("title", fork.title(),
                "type", fork.type().value(), "forked_from", fileId.toString(), "forked_version", number)));
        return files.view(caller, fork, Permission.MANAGE);
    }

    /**
     * A stored version's content as it would be written anew (checked against today's
     * schema).
     */
    private FileContent validated(Content content) {
        return canvases.validated(canvases.parse(content.canvasJson()), content.noteContent());
    }

    /** Between two versions, or a version and the head, in either direction. */
    @Transactional(readOnly = true)
    public ObjectNode diff(Caller caller, UUID fileId, Side from, Side to) {
        require(caller, fileId, Permission.VIEW);
        Content before = from.isHead() ? head(fileId) : content(fileId, from.versionNumber());
        Content after = to.isHead() ? head(fileId) : content(fileId, to.versionNumber());
        ObjectNode diff = json.createObjectNode();
        diff.set("from", describe(fileId, from));
        diff.set("to", describe(fileId, to));
        diff.setAll(VersionDiff.between(json.readTree(before.canvasJson()), before.noteContent(),
                json.readTree(after.canvasJson()), after.noteContent()));
        return diff;
    }

    private ObjectNode describe(UUID fileId, Side side) {
        ObjectNode node = json.createObjectNode();
        if (side.isHead()) {
            Map<String, Object> head = jdbc.sql("SELECT lock_version, updated_at, updated_by FROM files WHERE id = :id")
                .param("id", fileId)
                .query()
                .singleRow();
            node.put("head", true);
            node.put("etag", ETags.of(((Number) head.get("lock_version")).longValue()));
            node.put("updated_at", ((Timestamp) head.get("updated_at")).toInstant().toString());
            node.put("updated_by", head.get("updated_by") == null ? null : head.get("updated_by").toString());
        }
        else {
            VersionSummary version = summary(fileId, side.versionNumber());
            node.put("head", false);
            node.put("version_number", version.versionNumber());
            node.put("created_at", version.createdAt().toString());
            node.put("created_by", version.createdBy() == null ? null : version.createdBy().toString());
            node.put("label", version.label());
        }
        return node;
    }

    private Permission require(Caller caller, UUID fileId, Permission needed) {
        Permission permission = access.onFile(caller, fileId);
        AccessPolicy.require(permission, needed, "File", fileId);
        return permission;
    }

    private VersionSummary summary(UUID fileId, int number) {
        return jdbc
            .sql("SELECT " + SUMMARY_COLUMNS
                    + " FROM versions v WHERE v.file_id = :file AND v.version_number = :number")
            .param("file", fileId)
            .param("number", number)
            .query(Versions::summary)
            .optional()
            .orElseThrow(() -> notFound(fileId, number));
    }

    /**
     * The version, its row locked until the transaction ends (a concurrent edit waits,
     * then sees the new ETag); 412 when {@code ifMatch} is sent and does not name its
     * ETag.
     */
    private VersionSummary lockedSummary(UUID fileId, int number, String ifMatch) {
        VersionSummary version = jdbc
            .sql("SELECT " + SUMMARY_COLUMNS
                    + " FROM versions v WHERE v.file_id = :file AND v.version_number = :number FOR UPDATE")
            .param("file", fileId)
            .param("number", number)
            .query(Versions::summary)
            .optional()
            .orElseThrow(() -> notFound(fileId, number));
        if (ifMatch != null && !ifMatch.isBlank() && !ETags.matches(ifMatch, version.etag())) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition_failed",
                    "Version " + number + " has changed since you read it (ETag now " + version.etag()
                            + "). Fetch it again and reapply your change.");
        }
        return version;
    }

    /**
     * The snapshot as it was saved, inflated when the background job has compressed it.
     */
    private Content content(UUID fileId, int number) {
        return jdbc.sql("""
                SELECT canvas_data::text AS canvas, compressed, note_content FROM versions
                WHERE file_id = :file AND version_number = :number""")
            .param("file", fileId)
            .param("number", number)
            .query((rs, row) -> {
                String canvas = rs.getString("canvas");
                return new Content(canvas != null ? canvas : Gzip.inflate(rs.getBytes("compressed")),
                        rs.getString("note_content") == null ? "" : rs.getString("note_content"));
            })
            .optional()
            .orElseThrow(() -> notFound(fileId, number));
    }

    private Content head(UUID fileId) {
        return jdbc.sql("SELECT canvas_data::text AS canvas, note_content FROM files WHERE id = :id")
            .param("id", fileId)
            .query((rs, row) -> new Content(rs.getString("canvas"), rs.getString("note_content")))
            .single();
    }

    private static ApiException notFound(UUID fileId, int number) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", "File " + fileId + " has no version " + number
                + " (GET /api/diagrams/" + fileId + "/versions lists them).");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static VersionSummary summary(ResultSet rs, int row) throws SQLException {
        return new VersionSummary(rs.getObject("id", UUID.class), rs.getObject("file_id", UUID.class),
                rs.getInt("version_number"), rs.getString("reason"), rs.getString("description"), rs.getString("label"),
                rs.getBoolean("is_locked"), rs.getObject("created_by", UUID.class), instant(rs, "created_at"),
                rs.getLong("size_bytes"), rs.getLong("stored_bytes"), rs.getBoolean("is_compressed"),
                instant(rs, "compressed_at"), rs.getString("thumbnail_key"),
                VersionSummary.etag(rs.getInt("version_number"), rs.getInt("metadata_revision")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

}
