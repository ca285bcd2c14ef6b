package com.autograph.export.diagrams;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A file's head, or one of its versions, as diagram-service answers {@code GET
 * /internal/files/{id}/content}: {@code version_number} is null for the head;
 * {@code canvas_data} and {@code note_content} are null when only metadata was asked for.
 */
public record FileContent(UUID fileId, String title, Integer versionNumber, Integer latestVersion, String etag,
        String permission, JsonNode canvasData, String noteContent, String thumbnailKey) {
}
