package com.autograph.diagram.comment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.autograph.diagram.event.FileEvent;
import com.autograph.diagram.file.CanvasChanged;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps shape threads in step with the document: when a write leaves a thread's shape out
 * of the canvas, the thread is marked orphaned (kept, with its anchor, for the panel to
 * list apart); when the shape comes back (an undo, a restored version) the mark goes.
 * Runs inside the write's transaction as one indexed UPDATE over the file's shape threads
 * (none for most files), comparing shape ids only.
 */
@Component
class ShapeAnchors {

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final JsonMapper json;

    ShapeAnchors(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void canvasChanged(CanvasChanged change) {
        Instant now = clock.instant();
        List<Map.Entry<UUID, Boolean>> changed = jdbc
            .sql("""
                    UPDATE comments SET is_orphaned = NOT (shape_id = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:shapes AS jsonb))))), updated_at = :now
                    WHERE file_id = :file AND anchor_kind = 'shape' AND deleted_at IS NULL
                      AND is_orphaned = (shape_id = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:shapes AS jsonb)))))
                    RETURNING id, is_orphaned""")
            .param("shapes", json.writeValueAsString(change.shapeIds()))
            .param("file", change.fileId())
            .param("now", Timestamp.from(now))
            .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getBoolean("is_orphaned")))
            .list();
        for (Map.Entry<UUID, Boolean> thread : changed) {
            events.publishEvent(new FileEvent("comment.updated", change.fileId(), change.actorId(), now,
                    Map.of("comment_id", thread.getKey().toString(), "thread_id", thread.getKey().toString(),
                            "orphaned", thread.getValue())));
        }
    }

}
