package com.autograph.diagram.file;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A file's canvas was replaced (an edit, a restored version) inside the current
 * transaction: the shape ids it now holds, for what is anchored to shapes (comment
 * threads) to follow them. Published synchronously, so a listener's writes commit or roll
 * back with the edit.
 */
public record CanvasChanged(UUID fileId, UUID actorId, Set<String> shapeIds) {

    public CanvasChanged {
        shapeIds = Set.copyOf(shapeIds);
    }

    static CanvasChanged of(UUID fileId, UUID actorId, JsonNode canvas) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode shape : canvas.path("shapes")) {
            JsonNode id = shape.get("id");
            if (id != null && id.isString()) {
                ids.add(id.asString());
            }
        }
        return new CanvasChanged(fileId, actorId, ids);
    }

}
