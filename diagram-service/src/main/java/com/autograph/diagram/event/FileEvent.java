package com.autograph.diagram.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a file, published on Redis channel {@code file:{id}} once
 * the transaction that did it has committed: {@code {"event": "file.updated", "file_id",
 * "actor_id", "at", …details}}.
 */
public record FileEvent(String event, UUID fileId, UUID actorId, Instant at, Map<String, Object> details) {

    public FileEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static FileEvent of(String event, UUID fileId, UUID actorId, Instant at) {
        return new FileEvent(event, fileId, actorId, at, Map.of());
    }
}
