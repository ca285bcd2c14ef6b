package com.autograph.diagram.file;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import com.autograph.diagram.web.ETags;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.text.Text;

import tools.jackson.databind.JsonNode;

/**
 * Creating, reading, changing, trashing, restoring and copying files; the version package
 * builds restoring and forking a version on the public steps here ({@link #lockForWrite},
 * {@link #replaceContent}, {@link #copy}, {@link #view}).
 */
@Service
public class Files {

    public record Create(String title, FileType type, JsonNode canvasData, String noteContent, UUID folderId,
            UUID teamId) {
    }

    /** A change; null fields stay as they are (PATCH), PUT sends them all. */
    public record Change(String title, FileType type, JsonNode canvasData, String noteContent) {
    }

    private final DiagramFileRepository files;

    private final FileQueries queries;

    private final AccessPolicy access;

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final CanvasCodec canvases;

    private final Clock clock;

    private final ContentHistory history;

    Files(DiagramFileRepository files, FileQueries queries, AccessPolicy access, JdbcClient jdbc,
            ApplicationEventPublisher events, CanvasCodec canvases, Clock clock, ContentHistory history) {
        this.files = files;
        this.queries = queries;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
        this.canvases = canvases;
        this.clock = clock;
        this.history = history;
    }

    @Transactional
    public FileView create(Caller caller, Create request) {
        requireCreatable(caller, request);
        Instant now = clock.instant();
        DiagramFile file = files.saveAndFlush(new DiagramFile(caller.userId(), request.teamId(), request.folderId(),
                request.title().strip(), request.type(),
                canvases.validated(request.canvasData(), request.noteContent() != null ? request.noteContent() : ""),
                now));
        events.publishEvent(new FileEvent("file.created", file.id(), caller.userId(), now,
                Map.of("title", file.title(), "type", file.type().value())));
        return view(caller, file, Permission.MANAGE);
    }

    /**
     * Throws the problem (403, 404) when the caller may not create the file where the
     * request puts it: in its team, in its folder. {@link #create} checks it again.
     */
    public void requireCreatable(Caller caller, Create request) {
        if (request.teamId() != null) {
            access.requireTeamWriter(caller, request.teamId());
        }
        if (request.folderId() != null) {
            AccessPolicy.require(access.onFolder(caller, request.folderId()), Permission.EDIT, "Folder",
                    request.folderId());
        }
    }

    /**
     * The file in full; counts the view and remembers it as the caller's latest (not for
     * a file in the trash). Two statements (the read with the permission, then the
     * count), no entity and no transaction: this is the most frequent request there is,
     * and under READ COMMITTED a transaction would give the two statements no common
     * snapshot anyway, only a commit round trip more.
     */
    public FileView open(Caller caller, UUID id) {
        FileQueries.Opened opened = queries.opened(caller, id)
            .orElseGet(() -> new FileQueries.Opened(Permission.NONE, null));
        AccessPolicy.require(opened.permission(), Permission.VIEW, "File", id);
        FileView read = opened.view();
        // As stored: PostgreSQL keeps microseconds.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!recordView(caller.userId(), id, now)) {
            return read;
        }
        return new FileView(read.file().viewedAt(now), read.canvasData(), read.noteContent(), read.permission());
    }

    /**
     * Counts a view of a file that is not in the trash, in the file and in the viewer's
     * recent list; false when the file is in the trash (nothing counted).
     */
    boolean recordView(UUID userId, UUID fileId, Instant now) {
        // A view count is a statistic: its commit need not wait for the WAL to reach disk
        // (an fsync of ~1.6 ms here, with the file's row locked meanwhile, on every GET).
        // A database crash can lose the last fraction of a second of view counts, never
        // anything else. The setting is made inside the statement (set_config, local to
        // its transaction, in force at its commit) rather than by a SET of its own: one
        // round trip less on every GET. A row is counted only when every condition held,
        // that one included, so nothing is written with the setting unmade.
        return jdbc
            .sql("""
                    WITH counted AS (UPDATE files SET view_count = view_count + 1 WHERE id = :file AND deleted_at IS NULL
                                     AND set_config('synchronous_commit', 'off', true) = 'off' RETURNING id)
                    INSERT INTO file_views (user_id, file_id, view_count, last_viewed_at) SELECT :user, id, 1, :now FROM counted
                    ON CONFLICT (user_id, file_id) DO UPDATE SET view_count = file_views.view_count + 1, last_viewed_at = :now""")
            .param("user", userId)
            .param("file", fileId)
            .param("now", Timestamp.from(now))
            .update() > 0;
    }

    /**
     * A change; {@code save}: the client saved explicitly (Ctrl+S), so the new head
     * becomes a version.
     */
    @Transactional
    public FileView change(Caller caller, UUID id, String ifMatch, Change change, boolean save) {
        Permission permission = access.onFile(caller, id);
        AccessPolicy.require(permission, Permission.EDIT, "File", id);
        return apply(caller, id, ifMatch, change, permission, save);
    }

    /**
     * A change through an edit link the share service has already validated;
     * {@code viewer} is the signed-in caller or {@link Caller#anonymous()}.
     */
    @Transactional
    public FileView changeThroughLink(Caller viewer, UUID id, String ifMatch, Change change) {
        return apply(viewer, id, ifMatch, change, Permission.EDIT, false);
    }

    /** The file as a share link shows it (no view is recorded for the holder). */
    @Transactional(readOnly = true)
    public FileView showThroughLink(Caller viewer, UUID id, Permission permission) {
        return view(viewer, live(id), permission);
    }

    /**
     * One pass: the request's canvas is validated, serialised and its text extracted once
     * ({@link CanvasCodec#validated}), and history gets that same content; a change of
     * title or type alone touches no canvas at all (nor does the UPDATE send it back).
     */
    private FileView apply(Caller caller, UUID id, String ifMatch, Change change, Permission permission, boolean save) {
        DiagramFile file = lockForWrite(id, ifMatch);
        FileContent before = file.content();
        UUID beforeAuthor = file.updatedBy();
        if (change.title() != null) {
            file.rename(change.title().strip());
        }
        if (change.type() != null) {
            file.changeType(change.type());
        }
        FileContent after = before;
        if (change.canvasData() != null) {
            after = canvases.validated(change.canvasData(),
                    change.noteContent() != null ? change.noteContent() : before.noteContent());
        }
        else if (change.noteContent() != null) {
            after = before.withNote(change.noteContent());
        }
        if (after != before) {
            file.setContent(after);
        }
        boolean canvasReplaced = change.canvasData() != null;
        Instant now = clock.instant();
        UUID actor = caller.isAnonymous() ? null : caller.userId();
        file.touch(actor, now);
        files.saveAndFlush(file);
        if (save || after != before) {
            history.afterEdit(id, before, beforeAuthor, after, actor, save, now);
        }
        if (canvasReplaced) {
            events.publishEvent(CanvasChanged.of(id, actor, canvases.canvas(after)));
        }
        events.publishEvent(new FileEvent("file.updated", id, actor, now,
                Map.of("fields", changedFields(change), "etag", ETags.of(file.lockVersion()))));
        return view(caller, file, permission);
    }

    /**
     * The live file with its row locked until the transaction ends, at the version
     * {@code ifMatch} names (428 without one, 412 when it moved on); 404 or 409 (in the
     * trash) otherwise.
     */
    public DiagramFile lockForWrite(UUID id, String ifMatch) {
        DiagramFile file = liveForUpdate(id);
        ETags.requireMatch(ifMatch, file.lockVersion());
        return file;
    }

    /**
     * Makes {@code content} the file's (a change by {@code actor} at {@code now}) and
     * writes it.
     */
    public void replaceContent(DiagramFile file, FileContent content, UUID actor, Instant now) {
        file.setContent(content);
        file.touch(actor, now);
        files.saveAndFlush(file);
        events.publishEvent(CanvasChanged.of(file.id(), actor, canvases.canvas(content)));
    }

    /**
     * A new file owned by the caller holding {@code content}, of the original's type: in
     * the original's folder and team only when the caller may add there (permissions
     * never grow by copying).
     */
    public DiagramFile copy(Caller caller, DiagramFile original, String title, FileContent content, Instant now) {
        DiagramFile copy = files.saveAndFlush(new DiagramFile(caller.userId(), teamFor(caller, original),
                folderFor(caller, original), limitTitle(title), original.type(), content, now));
        // The copy shows the pictures its content refers to, as the original does.
        jdbc.sql("""
                INSERT INTO file_uploads (file_id, sha256, media_type, bytes, width, height)
                SELECT :copy, sha256, media_type, bytes, width, height FROM file_uploads WHERE file_id = :original""")
            .param("copy", copy.id())
            .param("original", original.id())
            .update();
        return copy;
    }

    /**
     * Moves a file into a folder (null: to the top level); needs manage on the file and
     * edit on the folder ({@link AccessPolicy#requireFileMove}).
     */
    @Transactional
    public FileView move(Caller caller, UUID id, UUID folderId) {
        // Held from the check to the write: a transfer committed in between must not let
        // the former owner move the new owner's file into their own folder. The tree
        // first, then the row: the order a folder's transfer takes them in.
        if (folderId != null) {
            access.lockFolderTree();
        }
        access.lockFile(id);
        Permission permission = access.requireFileMove(caller, id, folderId);
        DiagramFile file = live(id);
        Instant now = clock.instant();
        file.moveTo(folderId);
        file.touch(caller.userId(), now);
        files.saveAndFlush(file);
        events.publishEvent(new FileEvent("file.moved", id, caller.userId(), now,
                folderId == null ? Map.of() : Map.of("folder_id", folderId.toString())));
        return view(caller, file, permission);
    }

    @Transactional
    public void trash(Caller caller, UUID id) {
        AccessPolicy.require(access.onFile(caller, id), Permission.EDIT, "File", id);
        DiagramFile file = files.findById(id).orElseThrow(() -> ApiException.notFound("File", id));
        if (file.isTrashed()) {
            return;
        }
        Instant now = clock.instant();
        file.trash(caller.userId(), now);
        files.saveAndFlush(file);
        events.publishEvent(FileEvent.of("file.deleted", id, caller.userId(), now));
    }

    @Transactional
    public void deletePermanently(Caller caller, UUID id) {
        AccessPolicy.require(access.onFile(caller, id), Permission.MANAGE, "File", id);
        files.deleteById(id);
        events.publishEvent(
                new FileEvent("file.purged", id, caller.userId(), clock.instant(), Map.of("reason", "deleted")));
    }

    @Transactional
    public FileView restore(Caller caller, UUID id) {
        Permission permission = access.onFile(caller, id);
        AccessPolicy.require(permission, Permission.EDIT, "File", id);
        DiagramFile file = files.findById(id).orElseThrow(() -> ApiException.notFound("File", id));
        if (!file.isTrashed()) {
            throw new ApiException(HttpStatus.CONFLICT, "not_in_trash", "File " + id + " is not in the trash.");
        }
        boolean folderGone = file.folderId() != null
                && jdbc.sql("SELECT count(*) FROM folders WHERE id = :id AND deleted_at IS NULL")
                    .param("id", file.folderId())
                    .query(Long.class)
                    .single() == 0;
        Instant now = clock.instant();
        file.restore(caller.userId(), now, folderGone);
        files.saveAndFlush(file);
        events.publishEvent(FileEvent.of("file.restored", id, caller.userId(), now));
        return view(caller, file, permission);
    }

    /**
     * A copy owned by the caller: new id, "Copy of …", no history; same folder when the
     * caller may add there.
     */
    @Transactional
    public FileView duplicate(Caller caller, UUID id) {
        AccessPolicy.require(access.onFile(caller, id), Permission.VIEW, "File", id);
        DiagramFile original = live(id);
        Instant now = clock.instant();
        DiagramFile copy = copy(caller, original, "Copy of " + original.title(), original.content(), now);
        events.publishEvent(new FileEvent("file.created", copy.id(), caller.userId(), now,
                Map.of("title", copy.title(), "type", copy.type().value(), "copied_from", id.toString())));
        return view(caller, copy, Permission.MANAGE);
    }

    @Transactional
    public void star(Caller caller, UUID id, boolean starred) {
        AccessPolicy.require(access.onFile(caller, id), Permission.VIEW, "File", id);
        if (starred) {
            jdbc.sql(
                    "INSERT INTO file_stars (user_id, file_id, created_at) VALUES (:user, :file, :now) ON CONFLICT DO NOTHING")
                .param("user", caller.userId())
                .param("file", id)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        }
        else {
            jdbc.sql("DELETE FROM file_stars WHERE user_id = :user AND file_id = :file")
                .param("user", caller.userId())
                .param("file", id)
                .update();
        }
    }

    /** export-service reports a render of the file (counted in export_count). */
    @Transactional
    public void recordExport(Caller caller, UUID id, String format) {
        AccessPolicy.require(access.onFile(caller, id), Permission.VIEW, "File", id);
        Instant now = clock.instant();
        jdbc.sql("UPDATE files SET export_count = export_count + 1, last_activity_at = :now WHERE id = :id")
            .param("id", id)
            .param("now", Timestamp.from(now))
            .update();
        events.publishEvent(new FileEvent("file.exported", id, caller.userId(), now, Map.of("format", format)));
    }

    /** Deletes files trashed before {@code cutoff}; returns how many. */
    @Transactional
    public int purgeTrashedBefore(Instant cutoff) {
        List<UUID> purged = jdbc.sql("DELETE FROM files WHERE deleted_at < :cutoff RETURNING id")
            .param("cutoff", Timestamp.from(cutoff))
            .query(UUID.class)
            .list();
        Instant now = clock.instant();
        purged.forEach(id -> events
            .publishEvent(new FileEvent("file.purged", id, null, now, Map.of("reason", "trash_expired"))));
        return purged.size();
    }

    /** A copy stays in the original's folder only when the caller may add there. */
    private UUID folderFor(Caller caller, DiagramFile original) {
        return original.folderId() != null && access.onFolder(caller, original.folderId()).allows(Permission.EDIT)
                ? original.folderId() : null;
    }

    /** …and in its team only when the caller may add to the team. */
    private static UUID teamFor(Caller caller, DiagramFile original) {
        String role = caller.roleIn(original.teamId());
        return "admin".equals(role) || "editor".equals(role) ? original.teamId() : null;
    }

    private static String limitTitle(String title) {
        return Text.truncate(title, DiagramFile.MAX_TITLE_LENGTH);
    }

    /** The file unless it is in the trash (409) or gone (404). */
    public DiagramFile live(UUID id) {
        return requireLive(files.findById(id).orElseThrow(() -> ApiException.notFound("File", id)));
    }

    private DiagramFile liveForUpdate(UUID id) {
        return requireLive(files.findForUpdate(id).orElseThrow(() -> ApiException.notFound("File", id)));
    }

    private static DiagramFile requireLive(DiagramFile file) {
        UUID id = file.id();
        if (file.isTrashed()) {
            throw new ApiException(HttpStatus.CONFLICT, "file_in_trash",
                    "File " + id + " is in the trash; restore it (POST /api/diagrams/" + id + "/restore) first.");
        }
        return file;
    }

    private static List<String> changedFields(Change change) {
        return java.util.stream.Stream
            .of(change.title() != null ? "title" : null, change.type() != null ? "type" : null,
                    change.canvasData() != null ? "canvas_data" : null,
                    change.noteContent() != null ? "note_content" : null)
            .filter(java.util.Objects::nonNull)
            .toList();
    }

    /**
     * What a write answers: the file in full, with what {@code permission} lets the
     * caller do.
     */
    public FileView view(Caller caller, DiagramFile file, Permission permission) {
        FileSummary summary = queries.summary(caller, file.id())
            .orElseThrow(() -> ApiException.notFound("File", file.id()));
        return new FileView(summary, file.canvasData(), file.noteContent(), permission.value());
    }

}
