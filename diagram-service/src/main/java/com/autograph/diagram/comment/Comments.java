package com.autograph.diagram.comment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.diagram.user.UserDirectory;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.Text;

/**
 * Comment threads on files. The rules, each checked on every request (nothing about a
 * caller's access is remembered between requests, so a member removed mid-session loses
 * it at once):
 * <ul>
 * <li>reading and writing comments needs view permission on the file; without it every
 * comment endpoint answers 404, as for a file that does not exist — a viewer may comment
 * though not edit the diagram;</li>
 * <li>only a comment's author may edit it (403 otherwise, even for the file's
 * owner);</li>
 * <li>the author, the file's owner and its team's admins (manage permission) may delete a
 * comment (403 for others); deleting a thread's first comment deletes the thread;</li>
 * <li>anyone who may comment may resolve or reopen a thread and react;</li>
 * <li>a comment may mention only people who can see the file (422 naming the others, with
 * whether the caller may share the file with them).</li>
 * </ul>
 */
@Service
@EnableConfigurationProperties(CommentProperties.class)
public class Comments {

    /** The reactions there are (a name each, as the API spells them). */
    public static final Set<String> EMOJI = Set.of("thumbs_up", "thumbs_down", "heart", "laugh", "tada", "eyes",
            "rocket", "confused");

    /**
     * What a thread is about: {@code file} (the whole file), {@code shape} (shape_id),
     * {@code point} (x, y on the canvas) or {@code note} (characters start to end of the
     * note).
     */
    public record Anchor(String kind, String shapeId, Double x, Double y, Integer start, Integer end) {

        static final Anchor FILE = new Anchor("file", null, null, null, null, null);

    }

    public record ReactionCount(String emoji, long count, boolean mine) {
    }

    /**
     * A comment; {@code authorName} is the author's full name, null once the account is
     * deleted (then {@code authorId} is null too, or names a deleted account).
     */
    public record CommentView(UUID id, UUID threadId, UUID authorId, String authorName, String content,
            Instant createdAt, Instant editedAt, List<UUID> mentions, List<ReactionCount> reactions) {
    }

    /**
     * A thread: its first comment's anchor and state, and its comments oldest first (in
     * lists: the first and the latest reply).
     */
    public record ThreadView(UUID id, UUID fileId, Anchor anchor, String status, UUID resolvedBy, String resolvedByName,
            Instant resolvedAt, boolean orphaned, long replyCount, List<CommentView> comments) {
    }

    public record ThreadPage(List<ThreadView> items, int page, int size, long total) {
    }

    public record Edit(String content, Instant editedAt) {
    }

    public record History(UUID id, String content, Instant editedAt, List<Edit> earlier) {
    }

    /** What a list selects: status open, resolved or all; mine; mentioning me; words. */
    public record Filter(String status, boolean mine, boolean mentioningMe, String query, int page, int size) {
    }

    private static final String COLUMNS = """
            c.id, c.file_id, c.parent_id, c.user_id, c.content, c.anchor_kind, c.shape_id, c.position_x,
            c.position_y, c.note_start, c.note_end, c.is_resolved, c.resolved_by, c.resolved_at, c.is_orphaned,
            c.created_at, c.edited_at""";

    /**
     * The names of a comment's author and of whoever resolved its thread, for display: a
     * read of auth-service's users in the statement that reads the comments
     * (docs/database.md), so that a page of threads costs no query per person. Subqueries
     * by primary key rather than joins: joined to the list's CTEs, the planner hashed the
     * whole users table for a page of 100 comments. A deleted account's name is not
     * shown; a deactivated one's still is (the words were theirs).
     */
    private static String namesOf(String alias) {
        return ("(SELECT u.full_name FROM users u WHERE u.id = %1$s.user_id AND u.deleted_at IS NULL) AS author_name,"
                + " (SELECT u.full_name FROM users u WHERE u.id = %1$s.resolved_by AND u.deleted_at IS NULL)"
                + " AS resolved_by_name")
            .formatted(alias);
    }

    /** Comments with their people's names; a WHERE clause on {@code c} follows. */
    private static final String SELECT_NAMED = "SELECT " + COLUMNS + ", " + namesOf("c") + " FROM comments c";

    private record Row(UUID id, UUID fileId, UUID parentId, UUID authorId, String authorName, String content,
            Anchor anchor, boolean resolved, UUID resolvedBy, String resolvedByName, Instant resolvedAt,
            boolean orphaned, Instant createdAt, Instant editedAt) {

        UUID threadId() {
            return parentId == null ? id : parentId;
        }
    }

    private record FileFacts(String title, UUID ownerId, boolean trashed) {
    }

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    private final UserDirectory users;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final CommentProperties limits;

    Comments(JdbcClient jdbc, AccessPolicy access, UserDirectory users, ApplicationEventPublisher events, Clock clock,
            CommentProperties limits) {
        this.jdbc = jdbc;
        this.access = access;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.limits = limits;
    }

    /** A new thread on a file the caller may see. */
    @Transactional
    public ThreadView start(TrustedIdentity identity, Caller caller, UUID fileId, String content, Anchor anchor,
            List<String> mentions) {
        Permission permission = access.onFile(caller, fileId);
        AccessPolicy.require(permission, Permission.VIEW, "File", fileId);
        FileFacts file = liveFile(fileId);
        String text = content(content);
        Anchor where = anchor(fileId, anchor == null ? Anchor.FILE : anchor);
        List<UUID> mentioned = mentioned(identity, caller, permission, fileId, mentions);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO comments (id, file_id, user_id, content, anchor_kind, shape_id, position_x, position_y,
                                      note_start, note_end, created_at, updated_at)
                VALUES (:id, :file, :user, :content, :kind, :shape, :x, :y, :start, :end, :now, :now)""")
            .param("id", id)
            .param("file", fileId)
            .param("user", caller.userId())
            .param("content", text)
            .param("kind", where.kind())
            .param("shape", where.shapeId())
            .param("x", where.x())
            .param("y", where.y())
            .param("start", where.start())
            .param("end", where.end())
            .param("now", Timestamp.from(now))
            .update();
        addMentions(id, mentioned, now);
        publish("comment.created", fileId, caller, now, id, id);
        events.publishEvent(new CommentPosted(fileId, file.title(), file.ownerId(), id, id, caller.userId(),
                excerpt(text), mentioned, List.of(), false));
        return thread(caller, id);
    }

    /** A reply in the thread of {@code commentId} (any comment of it). */
    @Transactional
    public ThreadView reply(TrustedIdentity identity, Caller caller, UUID commentId, String content,
            List<String> mentions) {
        Row target = visible(caller, commentId);
        Permission permission = access.onFile(caller, target.fileId());
        FileFacts file = liveFile(target.fileId());
        String text = content(content);
        UUID threadId = target.threadId();
        jdbc.sql("SELECT id FROM comments WHERE id = :id FOR UPDATE").param("id", threadId).query(UUID.class).list();
        List<UUID> participants = jdbc.sql("""
                SELECT user_id FROM comments WHERE (id = :thread OR parent_id = :thread) AND deleted_at IS NULL
                AND user_id IS NOT NULL GROUP BY user_id ORDER BY min(created_at)""")
            .param("thread", threadId)
            .query(UUID.class)
            .list();
        long replies = jdbc.sql("SELECT count(*) FROM comments WHERE parent_id = :thread AND deleted_at IS NULL")
            .param("thread", threadId)
            .query(Long.class)
            .single();
        if (replies >= limits.maxRepliesPerThread()) {
            throw ApiException.limitExceeded(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Thread " + threadId + " already holds " + limits.maxRepliesPerThread()
                            + " replies, the most one thread may hold; start a new thread.",
                    "max_replies_per_thread", limits.maxRepliesPerThread());
        }
        List<UUID> mentioned = mentioned(identity, caller, permission, target.fileId(), mentions);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO comments (id, file_id, user_id, parent_id, content, anchor_kind, created_at, updated_at)
                VALUES (:id, :file, :user, :thread, :content, 'reply', :now, :now)""")
            .param("id", id)
            .param("file", target.fileId())
            .param("user", caller.userId())
            .param("thread", threadId)
            .param("content", text)
            .param("now", Timestamp.from(now))
            .update();
        addMentions(id, mentioned, now);
        publish("comment.created", target.fileId(), caller, now, id, threadId);
        events.publishEvent(new CommentPosted(target.fileId(), file.title(), file.ownerId(), id, threadId,
                caller.userId(), excerpt(text), mentioned, participants, false));
        return thread(caller, threadId);
    }

    /**
     * The author changes their comment's text; the earlier text is kept. {@code mentions}
     * null keeps the comment's mentions, a list replaces them.
     */
    @Transactional
    public CommentView edit(TrustedIdentity identity, Caller caller, UUID commentId, String content,
            List<String> mentions) {
        Row comment = visible(caller, commentId);
        if (!caller.userId().equals(comment.authorId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied",
                    "Only its author may edit comment " + commentId + ".");
        }
        Permission permission = access.onFile(caller, comment.fileId());
        FileFacts file = liveFile(comment.fileId());
        String text = content(content);
        List<UUID> before = mentionsOf(List.of(commentId)).getOrDefault(commentId, List.of());
        List<UUID> after = mentions == null ? before
                : mentioned(identity, caller, permission, comment.fileId(), mentions);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO comment_edits (comment_id, content, edited_at) VALUES (:id, :content, :at)")
            .param("id", commentId)
            .param("content", comment.content())
            .param("at", Timestamp.from(comment.editedAt() == null ? comment.createdAt() : comment.editedAt()))
            .update();
        jdbc.sql("UPDATE comments SET content = :content, edited_at = :now, updated_at = :now WHERE id = :id")
            .param("content", text)
            .param("now", Timestamp.from(now))
            .param("id", commentId)
            .update();
        List<UUID> added = after.stream().filter(user -> !before.contains(user)).toList();
        if (mentions != null) {
            jdbc.sql("DELETE FROM mentions WHERE comment_id = :id AND NOT (user_id = ANY(CAST(:keep AS uuid[])))")
                .param("id", commentId)
                .param("keep", uuidArray(after))
                .update();
            addMentions(commentId, added, now);
        }
        publish("comment.updated", comment.fileId(), caller, now, commentId, comment.threadId());
        if (!added.isEmpty()) {
            events.publishEvent(new CommentPosted(comment.fileId(), file.title(), file.ownerId(), commentId,
                    comment.threadId(), caller.userId(), excerpt(text), added, List.of(), true));
        }
        return views(caller, List.of(row(commentId))).get(0);
    }

    /** A comment's text now and before each edit. */
    @Transactional(readOnly = true)
    public History history(Caller caller, UUID commentId) {
        Row comment = visible(caller, commentId);
        List<Edit> earlier = jdbc
            .sql("SELECT content, edited_at FROM comment_edits WHERE comment_id = :id ORDER BY edited_at, id")
            .param("id", commentId)
            .query((rs, n) -> new Edit(rs.getString("content"), rs.getTimestamp("edited_at").toInstant()))
            .list();
        return new History(commentId, comment.content(), comment.editedAt(), earlier);
    }

    /**
     * Deletes a comment (its author, or whoever manages the file); the first comment of a
     * thread takes the thread with it.
     */
    @Transactional
    public void delete(Caller caller, UUID commentId) {
        Row comment = visible(caller, commentId);
        Permission permission = access.onFile(caller, comment.fileId());
        if (!caller.userId().equals(comment.authorId()) && !permission.allows(Permission.MANAGE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "Only its author, the file's owner"
                    + " or an admin of the file's team may delete comment " + commentId + ".");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE comments SET deleted_at = :now WHERE (id = :id OR parent_id = :id) AND deleted_at IS NULL")
            .param("now", Timestamp.from(now))
            .param("id", commentId)
            .update();
        publish("comment.deleted", comment.fileId(), caller, now, commentId, comment.threadId());
    }

    /** Resolves ({@code true}) or reopens the thread of a comment; idempotent. */
    @Transactional
    public ThreadView resolve(Caller caller, UUID commentId, boolean resolved) {
        Row comment = visible(caller, commentId);
        UUID threadId = comment.threadId();
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                UPDATE comments SET is_resolved = :resolved, resolved_by = :by, resolved_at = :at, updated_at = :now
                WHERE id = :thread AND is_resolved <> :resolved""")
            .param("resolved", resolved)
            .param("by", resolved ? caller.userId() : null)
            .param("at", resolved ? Timestamp.from(now) : null)
            .param("now", Timestamp.from(now))
            .param("thread", threadId)
            .update();
        if (changed > 0) {
            publish(resolved ? "comment.resolved" : "comment.reopened", comment.fileId(), caller, now, threadId,
                    threadId);
        }
        return thread(caller, threadId);
    }

    /** Adds ({@code true}) or takes back the caller's reaction; idempotent. */
    @Transactional
    public CommentView react(Caller caller, UUID commentId, String emoji, boolean add) {
        Row comment = visible(caller, commentId);
        if (!EMOJI.contains(emoji)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "emoji must be one of " + EMOJI.stream().sorted().toList() + ".");
        }
        Instant now = clock.instant();
        if (add) {
            jdbc.sql("SELECT id FROM comments WHERE id = :id FOR UPDATE")
                .param("id", commentId)
                .query(UUID.class)
                .list();
            long count = jdbc.sql("SELECT count(*) FROM comment_reactions WHERE comment_id = :id")
                .param("id", commentId)
                .query(Long.class)
                .single();
            if (count >= limits.maxReactions()) {
                throw ApiException.limitExceeded(HttpStatus.UNPROCESSABLE_CONTENT,
                        "Comment " + commentId + " already carries " + limits.maxReactions()
                                + " reactions, the most one comment may carry.",
                        "max_reactions", limits.maxReactions());
            }
            jdbc.sql(
                    """
                            INSERT INTO comment_reactions (comment_id, user_id, emoji, created_at) VALUES (:id, :user, :emoji, :now)
                            ON CONFLICT DO NOTHING""")
                .param("id", commentId)
                .param("user", caller.userId())
                .param("emoji", emoji)
                .param("now", Timestamp.from(now))
                .update();
        }
        else {
            jdbc.sql("DELETE FROM comment_reactions WHERE comment_id = :id AND user_id = :user AND emoji = :emoji")
                .param("id", commentId)
                .param("user", caller.userId())
                .param("emoji", emoji)
                .update();
        }
        publish("comment.updated", comment.fileId(), caller, now, commentId, comment.threadId());
        return views(caller, List.of(row(commentId))).get(0);
    }

    /**
     * A thread in full by the id of any of its comments (a permalink); 404 unless the
     * caller may see the file.
     */
    @Transactional(readOnly = true)
    public ThreadView thread(Caller caller, UUID commentId) {
        Row comment = visible(caller, commentId);
        Row root = comment.parentId() == null ? comment : row(comment.parentId());
        List<Row> rows = jdbc
            .sql(SELECT_NAMED + " WHERE (c.id = :thread OR c.parent_id = :thread) AND c.deleted_at IS NULL"
                    + " ORDER BY c.parent_id IS NOT NULL, c.created_at, c.id")
            .param("thread", root.id())
            .query(Comments::row)
            .list();
        return threadView(root, rows.size() - 1L, views(caller, rows));
    }

    /**
     * A page of a file's threads, newest first, each with its first comment and latest
     * reply.
     */
    @Transactional(readOnly = true)
    public ThreadPage list(Caller caller, UUID fileId, Filter filter) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.VIEW, "File", fileId);
        Map<String, Object> params = new HashMap<>();
        params.put("file", fileId);
        params.put("me", caller.userId());
        List<String> conditions = new ArrayList<>(
                List.of("c.file_id = :file", "c.parent_id IS NULL", "c.deleted_at IS NULL"));
        switch (filter.status()) {
            case "open" -> conditions.add("NOT c.is_resolved");
            case "resolved" -> conditions.add("c.is_resolved");
            default -> {
            }
        }
        if (filter.mine()) {
            conditions.add("(c.user_id = :me OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id"
                    + " AND r.user_id = :me AND r.deleted_at IS NULL))");
        }
        if (filter.mentioningMe()) {
            conditions
                .add("""
                        EXISTS (SELECT 1 FROM mentions m JOIN comments mc ON mc.id = m.comment_id
                                WHERE m.user_id = :me AND (mc.id = c.id OR mc.parent_id = c.id) AND mc.deleted_at IS NULL)""");
        }
        if (filter.query() != null && !filter.query().isBlank()) {
            if (Text.length(filter.query()) > limits.maxSearchLength()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                        "q may hold at most " + limits.maxSearchLength() + " characters.");
            }
            conditions.add("""
                    EXISTS (SELECT 1 FROM comments s WHERE (s.id = c.id OR s.parent_id = c.id) AND s.deleted_at IS NULL
                            AND s.search_vector @@ plainto_tsquery('simple', :q))""");
            params.put("q", filter.query());
        }
        params.put("limit", filter.size());
        params.put("offset", (long) filter.page() * filter.size());
        // One statement for the page: its threads (with the total and reply counts), each
        // one's latest reply, the mentions and reactions of both and who wrote them,
        // instead of one query for each (bench/comments). Rows come thread by thread,
        // the first comment first.
        List<Row> roots = new ArrayList<>();
        Map<UUID, Long> replyCounts = new HashMap<>();
        Map<UUID, List<CommentView>> shown = new HashMap<>();
        long[] total = { 0 };
        // The rows travel whole through the CTEs: joining comments again by id made the
        // planner scan the file's comments for a hash join.
        jdbc.sql(
                """
                        WITH page AS (
                            SELECT %1$s, count(*) OVER () AS total FROM comments c WHERE %2$s
                            ORDER BY c.created_at DESC, c.id LIMIT :limit OFFSET :offset),
                        shown AS (
                            SELECT p.*, p.id AS thread_id, p.created_at AS thread_at, 0 AS place,
                                   (SELECT count(*) FROM comments r WHERE r.parent_id = p.id AND r.deleted_at IS NULL) AS reply_count
                            FROM page p
                            UNION ALL
                            SELECT latest.*, p.id, p.created_at, 1, 0 FROM page p CROSS JOIN LATERAL (
                                SELECT %1$s, p.total FROM comments c WHERE c.parent_id = p.id AND c.deleted_at IS NULL
                                ORDER BY c.created_at DESC, c.id DESC LIMIT 1) latest),
                        mentioned AS (
                            SELECT m.comment_id, array_agg(m.user_id ORDER BY m.created_at, m.user_id) AS ids FROM mentions m
                            WHERE m.comment_id IN (SELECT id FROM shown) GROUP BY m.comment_id),
                        reacted AS (
                            SELECT x.comment_id, array_agg(x.emoji || ' ' || x.n || ' ' || x.mine ORDER BY x.first, x.emoji) AS list
                            FROM (SELECT comment_id, emoji, count(*) AS n, bool_or(user_id = :me) AS mine, min(created_at) AS first
                                  FROM comment_reactions WHERE comment_id IN (SELECT id FROM shown) GROUP BY comment_id, emoji) x
                            GROUP BY x.comment_id)
                        SELECT s.*, %3$s, coalesce(m.ids, '{}') AS mentioned, coalesce(r.list, '{}') AS reactions
                        FROM shown s LEFT JOIN mentioned m ON m.comment_id = s.id LEFT JOIN reacted r ON r.comment_id = s.id
                        ORDER BY s.thread_at DESC, s.thread_id, s.place"""
                    .formatted(COLUMNS, String.join(" AND ", conditions), namesOf("s")))
            .params(params)
            .query((rs, n) -> {
                Row comment = row(rs, n);
                total[0] = rs.getLong("total");
                if (comment.parentId() == null) {
                    roots.add(comment);
                    replyCounts.put(comment.id(), rs.getLong("reply_count"));
                }
                shown.computeIfAbsent(comment.threadId(), k -> new ArrayList<>())
                    .add(new CommentView(comment.id(), comment.threadId(), comment.authorId(), comment.authorName(),
                            comment.content(), comment.createdAt(), comment.editedAt(),
                            List.of((UUID[]) rs.getArray("mentioned").getArray()),
                            reactions((String[]) rs.getArray("reactions").getArray())));
                return comment;
            })
            .list();
        if (roots.isEmpty() && filter.page() > 0) {
            total[0] = -1;
        }
        List<ThreadView> threads = roots.stream()
            .map(root -> threadView(root, replyCounts.get(root.id()), shown.get(root.id())))
            .toList();
        long count = total[0] >= 0 ? total[0] : countThreads(conditions, params);
        return new ThreadPage(threads, filter.page(), filter.size(), count);
    }

    /** "emoji count mine" as the list query writes a reaction. */
    private static List<ReactionCount> reactions(String[] encoded) {
        return java.util.Arrays.stream(encoded).map(entry -> {
            String[] parts = entry.split(" ");
            return new ReactionCount(parts[0], Long.parseLong(parts[1]), Boolean.parseBoolean(parts[2]));
        }).toList();
    }

    private long countThreads(List<String> conditions, Map<String, Object> params) {
        return jdbc.sql("SELECT count(*) FROM comments c WHERE " + String.join(" AND ", conditions))
            .params(params)
            .query(Long.class)
            .single();
    }

    /**
     * The live comment, if the caller may see its file; 404 (naming the comment)
     * otherwise.
     */
    private Row visible(Caller caller, UUID commentId) {
        Row comment = jdbc.sql(SELECT_NAMED + " WHERE c.id = :id AND c.deleted_at IS NULL")
            .param("id", commentId)
            .query(Comments::row)
            .optional()
            .orElseThrow(() -> ApiException.notFound("Comment", commentId));
        if (access.onFile(caller, comment.fileId()) == Permission.NONE) {
            throw ApiException.notFound("Comment", commentId);
        }
        return comment;
    }

    private Row row(UUID id) {
        return jdbc.sql(SELECT_NAMED + " WHERE c.id = :id").param("id", id).query(Comments::row).single();
    }

    private FileFacts liveFile(UUID fileId) {
        FileFacts file = jdbc.sql("SELECT title, owner_id, deleted_at IS NOT NULL AS trashed FROM files WHERE id = :id")
            .param("id", fileId)
            .query((rs, n) -> new FileFacts(rs.getString("title"), rs.getObject("owner_id", UUID.class),
                    rs.getBoolean("trashed")))
            .optional()
            .orElseThrow(() -> ApiException.notFound("File", fileId));
        if (file.trashed()) {
            throw new ApiException(HttpStatus.CONFLICT, "file_in_trash", "File " + fileId
                    + " is in the trash; restore it (POST /api/diagrams/" + fileId + "/restore) to comment on it.");
        }
        return file;
    }

    private String content(String content) {
        String text = content == null ? "" : content.strip();
        if (text.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "A comment needs some text.");
        }
        if (Text.length(text) > limits.maxLength()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "A comment may hold at most " + limits.maxLength() + " characters.");
        }
        return text;
    }

    /**
     * The anchor checked against the file: the shape must be in the document, the range
     * inside the note.
     */
    private Anchor anchor(UUID fileId, Anchor anchor) {
        String kind = anchor.kind() == null ? "file" : anchor.kind();
        return switch (kind) {
            case "file" -> Anchor.FILE;
            case "shape" -> {
                String shape = anchor.shapeId();
                if (shape == null || shape.isBlank() || shape.length() > 128) {
                    throw invalidAnchor("A shape anchor needs shape_id (at most 128 characters).");
                }
                boolean present = jdbc
                    .sql("SELECT jsonb_path_exists(canvas_data, '$.shapes[*] ? (@.id == $id)', "
                            + "jsonb_build_object('id', CAST(:shape AS text))) FROM files WHERE id = :file")
                    .param("shape", shape)
                    .param("file", fileId)
                    .query(Boolean.class)
                    .single();
                if (!present) {
                    throw ApiException.unprocessable("unknown_shape",
                            "File " + fileId + " has no shape with id '" + shape + "'.", Map.of("shape_id", shape));
                }
                yield new Anchor("shape", shape, null, null, null, null);
            }
            case "point" -> {
                if (anchor.x() == null || anchor.y() == null || !Double.isFinite(anchor.x())
                        || !Double.isFinite(anchor.y())) {
                    throw invalidAnchor("A point anchor needs finite x and y.");
                }
                yield new Anchor("point", null, anchor.x(), anchor.y(), null, null);
            }
            case "note" -> {
                Integer start = anchor.start();
                Integer end = anchor.end();
                if (start == null || end == null || start < 0 || end < start) {
                    throw invalidAnchor("A note anchor needs start and end with 0 <= start <= end.");
                }
                int length = jdbc.sql("SELECT char_length(note_content) FROM files WHERE id = :file")
                    .param("file", fileId)
                    .query(Integer.class)
                    .single();
                if (end > length) {
                    throw ApiException.unprocessable(
                            "invalid_anchor", "The note of file " + fileId + " has " + length
                                    + " characters; the range " + start + "–" + end + " is outside it.",
                            Map.of("note_length", length));
                }
                yield new Anchor("note", null, null, null, start, end);
            }
            default -> throw invalidAnchor("anchor.kind must be file, shape, point or note.");
        };
    }

    private static ApiException invalidAnchor(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail);
    }

    /**
     * The people a comment names, as user ids; each must be able to see the file. 422
     * {@code mention_without_access} names those who cannot, with whether the caller may
     * share the file with them.
     */
    private List<UUID> mentioned(TrustedIdentity identity, Caller caller, Permission callerPermission, UUID fileId,
            List<String> mentions) {
        if (mentions == null || mentions.isEmpty()) {
            return List.of();
        }
        if (mentions.size() > limits.maxMentions()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "A comment may mention at most " + limits.maxMentions() + " people.");
        }
        Map<UUID, String> named = new LinkedHashMap<>();
        for (String mention : new LinkedHashSet<>(mentions)) {
            if (mention == null || mention.isBlank()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                        "mentions must hold user ids or e-mail addresses.");
            }
            UUID user;
            try {
                user = users.resolve(identity, mention.strip());
            }
            catch (ApiException ex) {
                if (ex.status() != HttpStatus.NOT_FOUND) {
                    throw ex;
                }
                throw ApiException.unprocessable("unknown_user",
                        "No AutoGraph account has the address " + mention.strip() + "; only people with an account"
                                + " who can see the file may be mentioned.",
                        Map.of("people", List.of(Map.of("user", mention.strip()))));
            }
            named.putIfAbsent(user, mention.strip());
        }
        List<Map<String, Object>> withoutAccess = new ArrayList<>();
        named.forEach((user, as) -> {
            if (!user.equals(caller.userId()) && access.onFileFor(user, fileId) == Permission.NONE) {
                withoutAccess.add(Map.of("user", as, "user_id", user.toString()));
            }
        });
        if (!withoutAccess.isEmpty()) {
            boolean canShare = callerPermission.allows(Permission.MANAGE);
            throw ApiException.unprocessable("mention_without_access",
                    withoutAccess.stream().map(p -> (String) p.get("user")).toList() + " cannot see file " + fileId
                            + (canShare
                                    ? "; share it with them (PUT /api/diagrams/" + fileId
                                            + "/shares/users/{user}) and mention them again."
                                    : "; ask its owner to share it with them."),
                    Map.of("can_share", canShare, "people", withoutAccess));
        }
        return List.copyOf(named.keySet());
    }

    private void addMentions(UUID commentId, List<UUID> mentioned, Instant now) {
        for (UUID user : mentioned) {
            jdbc.sql(
                    """
                            INSERT INTO mentions (comment_id, user_id, created_at) SELECT :comment, id, :now FROM users WHERE id = :user
                            ON CONFLICT DO NOTHING""")
                .param("comment", commentId)
                .param("user", user)
                .param("now", Timestamp.from(now))
                .update();
        }
    }

    private Map<UUID, List<UUID>> mentionsOf(List<UUID> commentIds) {
        Map<UUID, List<UUID>> mentions = new HashMap<>();
        if (commentIds.isEmpty()) {
            return mentions;
        }
        jdbc.sql("SELECT comment_id, user_id FROM mentions WHERE comment_id IN (:ids) ORDER BY created_at, user_id")
            .param("ids", commentIds)
            .query((rs, n) -> mentions.computeIfAbsent(rs.getObject("comment_id", UUID.class), k -> new ArrayList<>())
                .add(rs.getObject("user_id", UUID.class)))
            .list();
        return mentions;
    }

    /** Views of the rows in their order, with mentions and reactions in two queries. */
    private List<CommentView> views(Caller caller, List<Row> rows) {
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, List<UUID>> mentions = mentionsOf(ids);
        Map<UUID, List<ReactionCount>> reactions = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(
                    """
                            SELECT comment_id, emoji, count(*) AS n, bool_or(user_id = :me) AS mine FROM comment_reactions
                            WHERE comment_id IN (:ids) GROUP BY comment_id, emoji ORDER BY comment_id, min(created_at), emoji""")
                .param("ids", ids)
                .param("me", caller.userId())
                .query((rs, n) -> reactions
                    .computeIfAbsent(rs.getObject("comment_id", UUID.class), k -> new ArrayList<>())
                    .add(new ReactionCount(rs.getString("emoji"), rs.getLong("n"), rs.getBoolean("mine"))))
                .list();
        }
        return rows.stream()
            .map(row -> new CommentView(row.id(), row.threadId(), row.authorId(), row.authorName(), row.content(),
                    row.createdAt(), row.editedAt(), mentions.getOrDefault(row.id(), List.of()),
                    reactions.getOrDefault(row.id(), List.of())))
            .toList();
    }

    private static ThreadView threadView(Row root, long replies, List<CommentView> comments) {
        return new ThreadView(root.id(), root.fileId(), root.anchor(), root.resolved() ? "resolved" : "open",
                root.resolvedBy(), root.resolvedByName(), root.resolvedAt(), root.orphaned(), replies, comments);
    }

    private void publish(String event, UUID fileId, Caller caller, Instant now, UUID commentId, UUID threadId) {
        events.publishEvent(new FileEvent(event, fileId, caller.userId(), now,
                Map.of("comment_id", commentId.toString(), "thread_id", threadId.toString())));
    }

    private static String excerpt(String text) {
        return Text.truncate(text, 200);
    }

    static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("anchor_kind");
        Anchor anchor = switch (kind) {
            case "shape" -> new Anchor(kind, rs.getString("shape_id"), null, null, null, null);
            case "point" -> new Anchor(kind, null, rs.getDouble("position_x"), rs.getDouble("position_y"), null, null);
            case "note" -> new Anchor(kind, null, null, null, rs.getInt("note_start"), rs.getInt("note_end"));
            case "reply" -> null;
            default -> Anchor.FILE;
        };
        return new Row(rs.getObject("id", UUID.class), rs.getObject("file_id", UUID.class),
                rs.getObject("parent_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("author_name"),
                rs.getString("content"), anchor, rs.getBoolean("is_resolved"), rs.getObject("resolved_by", UUID.class),
                rs.getString("resolved_by_name"), instant(rs, "resolved_at"), rs.getBoolean("is_orphaned"),
                instant(rs, "created_at"), instant(rs, "edited_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

}
