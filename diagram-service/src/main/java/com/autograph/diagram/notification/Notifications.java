package com.autograph.diagram.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.comment.CommentPosted;
import com.autograph.diagram.event.FileEvent;
import com.autograph.shared.error.ApiException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-app notifications: recorded inside the transaction of what caused them (a comment, a
 * share) or from events addressed to a user ({@link UserEvents}); read, marked read, and
 * mailed by {@link NotificationMailer} as each user chose per type. Nobody is told of
 * their own doing, and a comment tells each person once (a mention outranks a reply,
 * which outranks a comment on their file).
 */
@Service
public class Notifications {

    /**
     * A notification; {@code actorName} is the full name of whoever caused it, null once
     * that account is deleted.
     */
    public record NotificationView(UUID id, String type, UUID actorId, String actorName, UUID fileId, UUID commentId,
            Map<String, Object> details, boolean read, Instant createdAt) {
    }

    public record NotificationPage(List<NotificationView> items, long unreadCount, int page, int size) {
    }

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    private final JsonMapper json;

    private final Clock clock;

    private final UnsubscribeTokens unsubscribe;

    Notifications(JdbcClient jdbc, AccessPolicy access, JsonMapper json, Clock clock, UnsubscribeTokens unsubscribe) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
        this.clock = clock;
        this.unsubscribe = unsubscribe;
    }

    @EventListener
    void commentPosted(CommentPosted comment) {
        Map<UUID, NotificationType> recipients = new LinkedHashMap<>();
        comment.newlyMentioned().forEach(user -> recipients.putIfAbsent(user, NotificationType.MENTION));
        if (!comment.edit()) {
            comment.participants().forEach(user -> recipients.putIfAbsent(user, NotificationType.REPLY));
            recipients.putIfAbsent(comment.fileOwnerId(), NotificationType.COMMENT_ON_FILE);
        }
        recipients.remove(comment.authorId());
        Map<String, Object> details = Map.of("file_title", comment.fileTitle(), "excerpt", comment.excerpt(),
                "thread_id", comment.threadId().toString());
        recipients.forEach((user, type) -> {
            // Mentions were checked when written; a past participant may have lost access
            // since.
            if (type == NotificationType.MENTION || access.onFileFor(user, comment.fileId()).allows(Permission.VIEW)) {
                record(user, type, comment.authorId(), comment.fileId(), comment.commentId(), details);
            }
        });
    }

    /** A file shared with someone (or their permission changed) tells them. */
    @EventListener
    void fileShared(FileEvent event) {
        if (!"file.shared".equals(event.event()) || !(event.details().get("user_id") instanceof String user)) {
            return;
        }
        String title = jdbc.sql("SELECT title FROM files WHERE id = :id")
            .param("id", event.fileId())
            .query(String.class)
            .optional()
            .orElse("");
        record(UUID.fromString(user), NotificationType.SHARE, event.actorId(), event.fileId(), null,
                Map.of("file_title", title, "permission", String.valueOf(event.details().get("permission"))));
    }

    /**
     * A team invitation announced on the invitee's channel; every instance hears it, the
     * first records it (a unique index allows one per invitation).
     */
    @Transactional
    public void teamInvitation(UUID userId, UUID invitedBy, Map<String, Object> details) {
        jdbc.sql("""
                INSERT INTO notifications (user_id, type, actor_id, details, created_at)
                SELECT u.id, 'team_invitation', (SELECT id FROM users WHERE id = :actor), CAST(:details AS jsonb), :now
                FROM users u WHERE u.id = :user
                ON CONFLICT DO NOTHING""")
            .param("user", userId)
            .param("actor", invitedBy)
            .param("details", json.writeValueAsString(details))
            .param("now", Timestamp.from(clock.instant()))
            .update();
    }

    private void record(UUID user, NotificationType type, UUID actor, UUID fileId, UUID commentId,
            Map<String, Object> details) {
        jdbc.sql("""
                INSERT INTO notifications (user_id, type, actor_id, file_id, comment_id, details, created_at)
                SELECT id, :type, :actor, :file, :comment, CAST(:details AS jsonb), :now FROM users WHERE id = :user""")
            .param("user", user)
            .param("type", type.value)
            .param("actor", actor)
            .param("file", fileId)
            .param("comment", commentId)
            .param("details", json.writeValueAsString(details))
            .param("now", Timestamp.from(clock.instant()))
            .update();
    }

    /** The caller's notifications, newest first, with how many are unread in all. */
    @Transactional(readOnly = true)
    public NotificationPage list(Caller caller, boolean unreadOnly, int page, int size) {
        // The page and the unread count in one statement (bench/comments): the count row
        // is there even when the page is empty. The actors' names are read from
        // auth-service's users in the same statement, for display only
        // (docs/database.md).
        long[] unread = { 0 };
        List<NotificationView> items = new ArrayList<>();
        jdbc.sql("""
                SELECT u.unread, n.id, n.type, n.actor_id, a.full_name AS actor_name, n.file_id, n.comment_id,
                       n.details, n.read_at, n.created_at
                FROM (SELECT count(*) AS unread FROM notifications WHERE user_id = :me AND read_at IS NULL) u
                LEFT JOIN LATERAL (
                    SELECT id, type, actor_id, file_id, comment_id, details::text AS details, read_at, created_at
                    FROM notifications WHERE user_id = :me""" + (unreadOnly ? " AND read_at IS NULL" : "") + """
                 ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset) n ON true
                LEFT JOIN users a ON a.id = n.actor_id AND a.deleted_at IS NULL
                ORDER BY n.created_at DESC, n.id""")
            .param("me", caller.userId())
            .param("limit", size)
            .param("offset", (long) page * size)
            .query((rs, n) -> {
                unread[0] = rs.getLong("unread");
                UUID id = rs.getObject("id", UUID.class);
                if (id != null) {
                    items.add(new NotificationView(id, rs.getString("type"), rs.getObject("actor_id", UUID.class),
                            rs.getString("actor_name"), rs.getObject("file_id", UUID.class),
                            rs.getObject("comment_id", UUID.class), details(rs.getString("details")),
                            rs.getTimestamp("read_at") != null, rs.getTimestamp("created_at").toInstant()));
                }
                return id;
            })
            .list();
        return new NotificationPage(items, unread[0], page, size);
    }

    /** Marks one of the caller's notifications read; 404 for anyone else's. */
    @Transactional
    public void markRead(Caller caller, UUID id) {
        int found = jdbc
            .sql("UPDATE notifications SET read_at = coalesce(read_at, :now) WHERE id = :id AND user_id = :me")
            .param("now", Timestamp.from(clock.instant()))
            .param("id", id)
            .param("me", caller.userId())
            .update();
        if (found == 0) {
            throw ApiException.notFound("Notification", id);
        }
    }

    /** Marks all the caller's notifications read; returns how many were unread. */
    @Transactional
    public int markAllRead(Caller caller) {
        return jdbc.sql("UPDATE notifications SET read_at = :now WHERE user_id = :me AND read_at IS NULL")
            .param("now", Timestamp.from(clock.instant()))
            .param("me", caller.userId())
            .update();
    }

    /** How the caller gets each type by e-mail: immediate, daily or off. */
    @Transactional(readOnly = true)
    public Map<String, String> preferences(UUID userId) {
        Map<String, String> chosen = new LinkedHashMap<>();
        JsonNode stored = jdbc.sql("SELECT email::text FROM notification_preferences WHERE user_id = :me")
            .param("me", userId)
            .query(String.class)
            .optional()
            .map(json::readTree)
            .orElse(null);
        for (NotificationType type : NotificationType.values()) {
            JsonNode value = stored == null ? null : stored.get(type.value);
            chosen.put(type.value, value != null && value.isString() ? value.asString() : type.defaultDelivery.value);
        }
        return chosen;
    }

    /**
     * Changes the caller's choices for the types named (others stay); 400 naming an
     * unknown type or delivery.
     */
    @Transactional
    public Map<String, String> changePreferences(UUID userId, Map<String, String> changes) {
        Set<String> problems = new LinkedHashSet<>();
        changes.forEach((type, delivery) -> {
            if (NotificationType.of(type).isEmpty()) {
                problems.add("unknown notification type '" + type + "'");
            }
            if (delivery == null || NotificationType.Delivery.of(delivery).isEmpty()) {
                problems.add(type + " must be immediate, daily or off");
            }
        });
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", String.join("; ", problems) + ".");
        }
        jdbc.sql(
                """
                        INSERT INTO notification_preferences (user_id, email, updated_at) VALUES (:me, CAST(:email AS jsonb), :now)
                        ON CONFLICT (user_id) DO UPDATE SET email = notification_preferences.email || EXCLUDED.email, updated_at = :now""")
            .param("me", userId)
            .param("email", json.writeValueAsString(changes))
            .param("now", Timestamp.from(clock.instant()))
            .update();
        return preferences(userId);
    }

    /**
     * The unsubscribe link of a mail: turns off mail of its type for its user; 400 for a
     * token this service did not sign.
     */
    @Transactional
    public UnsubscribeTokens.Unsubscribe unsubscribe(String token) {
        UnsubscribeTokens.Unsubscribe request = unsubscribe.verify(token)
            .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "invalid_token",
                    "This unsubscribe link is not valid; change your e-mail choices in the app's settings."));
        boolean known = jdbc.sql("SELECT count(*) FROM users WHERE id = :id")
            .param("id", request.userId())
            .query(Long.class)
            .single() > 0;
        if (known) {
            changePreferences(request.userId(), Map.of(request.type(), NotificationType.Delivery.OFF.value));
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String text) {
        return json.readValue(text, Map.class);
    }

}
