package com.autograph.diagram.tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.event.FileEvent;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.text.Text;

/**
 * A user's own labels (name and colour) and which files they put them on. Tags are
 * private to their owner: tagging needs only view access to the file, and nobody else
 * sees the tag.
 */
@Service
public class Tags {

    /** A tag as listed, with how many live files carry it. */
    public record TagView(UUID id, String name, String color, long fileCount, Instant createdAt) {
    }

    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    private static final int MAX_NAME = 50;

    private final JdbcClient jdbc;

    private final AccessPolicy access;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    Tags(JdbcClient jdbc, AccessPolicy access, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public TagView create(Caller caller, String name, String color) {
        String clean = name(name);
        checkColor(color);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            jdbc.sql(
                    "INSERT INTO tags (id, owner_id, name, color, created_at) VALUES (:id, :owner, :name, :color, :now)")
                .param("id", id)
                .param("owner", caller.userId())
                .param("name", clean)
                .param("color", color)
                .param("now", java.sql.Timestamp.from(now))
                .update();
        }
        catch (DuplicateKeyException ex) {
            throw tagExists(clean);
        }
        return new TagView(id, clean, color, 0, now);
    }

    @Transactional(readOnly = true)
    public List<TagView> list(Caller caller) {
        return jdbc.sql("""
                SELECT t.id, t.name, t.color, t.created_at,
                       (SELECT count(*) FROM file_tags ft JOIN files f ON f.id = ft.file_id
                        WHERE ft.tag_id = t.id AND f.deleted_at IS NULL) AS file_count
                FROM tags t WHERE t.owner_id = :owner ORDER BY lower(t.name)""")
            .param("owner", caller.userId())
            .query((rs, n) -> new TagView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("color"),
                    rs.getLong("file_count"), rs.getTimestamp("created_at").toInstant()))
            .list();
    }

    @Transactional
    public TagView change(Caller caller, UUID tagId, String name, String color) {
        own(caller, tagId);
        if (name != null) {
            String clean = name(name);
            try {
                jdbc.sql("UPDATE tags SET name = :name WHERE id = :id")
                    .param("name", clean)
                    .param("id", tagId)
                    .update();
            }
            catch (DuplicateKeyException ex) {
                throw tagExists(clean);
            }
        }
        if (color != null) {
            checkColor(color);
            jdbc.sql("UPDATE tags SET color = :color WHERE id = :id").param("color", color).param("id", tagId).update();
        }
        return list(caller).stream().filter(t -> t.id().equals(tagId)).findFirst().orElseThrow();
    }

    @Transactional
    public void delete(Caller caller, UUID tagId) {
        own(caller, tagId);
        jdbc.sql("DELETE FROM tags WHERE id = :id").param("id", tagId).update();
    }

    /** Idempotent: tagging twice leaves one tag. */
    @Transactional
    public void tag(Caller caller, UUID fileId, UUID tagId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.VIEW, "File", fileId);
        own(caller, tagId);
        int added = jdbc.sql("INSERT INTO file_tags (file_id, tag_id) VALUES (:file, :tag) ON CONFLICT DO NOTHING")
            .param("file", fileId)
            .param("tag", tagId)
            .update();
        if (added > 0) {
            events.publishEvent(new FileEvent("file.tagged", fileId, caller.userId(), clock.instant(),
                    Map.of("tag_id", tagId.toString())));
        }
    }

    @Transactional
    public void untag(Caller caller, UUID fileId, UUID tagId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.VIEW, "File", fileId);
        own(caller, tagId);
        jdbc.sql("DELETE FROM file_tags WHERE file_id = :file AND tag_id = :tag")
            .param("file", fileId)
            .param("tag", tagId)
            .update();
    }

    private void own(Caller caller, UUID tagId) {
        boolean mine = jdbc.sql("SELECT count(*) FROM tags WHERE id = :id AND owner_id = :owner")
            .param("id", tagId)
            .param("owner", caller.userId())
            .query(Long.class)
            .single() > 0;
        if (!mine) {
            throw ApiException.notFound("Tag", tagId);
        }
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || Text.length(clean) > MAX_NAME) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "A tag name must be 1 to " + MAX_NAME + " characters.");
        }
        return clean;
    }

    private static void checkColor(String color) {
        if (color != null && !COLOR.matcher(color).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "color must look like #3b82f6 or #38f.");
        }
    }

    private static ApiException tagExists(String name) {
        return new ApiException(HttpStatus.CONFLICT, "tag_exists", "You already have a tag named '" + name + "'.");
    }

}
