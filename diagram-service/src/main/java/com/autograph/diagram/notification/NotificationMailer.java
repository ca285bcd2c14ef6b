package com.autograph.diagram.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.autograph.diagram.DiagramProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails notifications as each user chose per type: {@code immediate} ones on the next
 * run, {@code daily} ones gathered into one digest per user at most every
 * {@code digest-interval}, {@code off} ones never. One instance runs it at a time (a
 * PostgreSQL advisory lock held for the run's transaction; the others skip the run). A
 * notification is marked sent right after auth-service took its mail, so an outage stops
 * the run and the rest go on the next one; auth-service applies the per-address cap.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationMailer {

    /**
     * The advisory lock's key: "notifmai" as a number, unique among AutoGraph's locks.
     */
    static final long LOCK = 0x6e6f7469666d6169L;

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

    private record Pending(UUID id, UUID userId, String type, UUID fileId, UUID commentId, JsonNode details,
            String delivery, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final MailDelivery mail;

    private final UnsubscribeTokens tokens;

    private final NotificationProperties properties;

    private final String publicUrl;

    private final JsonMapper json;

    private final Clock clock;

    NotificationMailer(JdbcClient jdbc, TransactionTemplate transactions, MailDelivery mail, UnsubscribeTokens tokens,
            NotificationProperties properties, DiagramProperties diagrams, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mail = mail;
        this.tokens = tokens;
        this.properties = properties;
        this.publicUrl = diagrams.publicUrl().replaceAll("/+$", "");
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${autograph.diagrams.notifications.mail-interval:1m}",
            initialDelayString = "${autograph.diagrams.notifications.mail-interval:1m}")
    void scheduled() {
        try {
            run();
        }
        catch (RuntimeException ex) {
            log.warn("Notification mail run failed; trying again on the next: {}", ex.getMessage());
        }
    }

    /** One run; returns how many mails auth-service took (-1: another instance runs). */
    public int run() {
        Integer sent = transactions.execute(status -> {
            boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", LOCK)
                .query(Boolean.class)
                .single();
            return mine ? sendDue(clock.instant()) : -1;
        });
        return sent == null ? 0 : sent;
    }

    private int sendDue(Instant now) {
        jdbc.sql("""
                UPDATE notifications n SET email_state = 'none'
                FROM notifications x LEFT JOIN notification_preferences p ON p.user_id = x.user_id
                WHERE n.id = x.id AND n.email_state = 'pending' AND %s = 'off'""".formatted(delivery("x"))).update();
        List<Pending> pending = jdbc.sql("""
                SELECT n.id, n.user_id, n.type, n.file_id, n.comment_id, n.details::text AS details, n.created_at,
                       %s AS delivery
                FROM notifications n LEFT JOIN notification_preferences p ON p.user_id = n.user_id
                WHERE n.email_state = 'pending'
                  AND (%s = 'immediate' OR coalesce(p.last_digest_at, n.created_at) <= :due)
                ORDER BY n.created_at, n.id LIMIT :limit""".formatted(delivery("n"), delivery("n")))
            .param("due", Timestamp.from(now.minus(properties.digestInterval())))
            .param("limit", properties.batchSize())
            .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                    rs.getString("type"), rs.getObject("file_id", UUID.class), rs.getObject("comment_id", UUID.class),
                    json.readTree(rs.getString("details")), rs.getString("delivery"),
                    rs.getTimestamp("created_at").toInstant()))
            .list();
        int sent = 0;
        Map<UUID, List<Pending>> digests = new LinkedHashMap<>();
        for (Pending notification : pending) {
            if ("immediate".equals(notification.delivery())) {
                if (!deliver(notification.userId(), false, List.of(notification), now)) {
                    return sent;
                }
                sent++;
            }
            else {
                digests.computeIfAbsent(notification.userId(), k -> new ArrayList<>()).add(notification);
            }
        }
        for (Map.Entry<UUID, List<Pending>> digest : digests.entrySet()) {
            if (!deliver(digest.getKey(), true, digest.getValue(), now)) {
                return sent;
            }
            jdbc.sql("""
                    INSERT INTO notification_preferences (user_id, last_digest_at) VALUES (:user, :now)
                    ON CONFLICT (user_id) DO UPDATE SET last_digest_at = :now""")
                .param("user", digest.getKey())
                .param("now", Timestamp.from(now))
                .update();
            sent++;
        }
        return sent;
    }

    /** Sends one mail and marks its notifications; false when auth-service failed. */
    private boolean deliver(UUID userId, boolean digest, List<Pending> notifications, Instant now) {
        List<MailDelivery.Item> items = notifications.stream().map(this::item).toList();
        NotificationType unsubscribeFrom = NotificationType.of(notifications.get(0).type())
            .orElse(NotificationType.MENTION);
        String unsubscribe = publicUrl + "/notifications/unsubscribe?token=" + tokens.sign(userId, unsubscribeFrom);
        try {
            mail.send(new MailDelivery.NotificationMail(userId, digest, items, unsubscribe));
        }
        catch (RuntimeException ex) {
            log.warn("auth-service did not take a notification mail; the rest wait for the next run: {}",
                    ex.getMessage());
            return false;
        }
        jdbc.sql("UPDATE notifications SET email_state = 'sent', emailed_at = :now WHERE id IN (:ids)")
            .param("now", Timestamp.from(now))
            .param("ids", notifications.stream().map(Pending::id).toList())
            .update();
        return true;
    }

    private MailDelivery.Item item(Pending n) {
        String file = n.details().path("file_title").asString("");
        String excerpt = n.details().path("excerpt").asString("");
        String link = n.fileId() == null ? publicUrl
                : publicUrl + "/files/" + n.fileId() + (n.commentId() == null ? "" : "#comment-" + n.commentId());
        return switch (n.type()) {
            case "mention" -> new MailDelivery.Item(n.type(), "You were mentioned on " + file, excerpt, link);
            case "reply" -> new MailDelivery.Item(n.type(), "New reply on " + file, excerpt, link);
            case "comment_on_file" -> new MailDelivery.Item(n.type(), "New comment on " + file, excerpt, link);
            case "share" -> new MailDelivery.Item(n.type(), file + " was shared with you",
                    "You may " + n.details().path("permission").asString("view") + " it.", link);
            default -> new MailDelivery.Item(n.type(),
                    "You were invited to team " + n.details().path("team_name").asString(""), "", publicUrl);
        };
    }

    private static String delivery(String alias) {
        return NotificationType.deliverySql().replace("n.type", alias + ".type");
    }

}
