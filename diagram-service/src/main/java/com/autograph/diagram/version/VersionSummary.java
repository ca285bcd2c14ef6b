package com.autograph.diagram.version;

import java.time.Instant;
import java.util.UUID;

/**
 * A version as the history list shows it: everything but the content. {@code size_bytes}
 * is the snapshot's size (canvas JSON + note), {@code stored_bytes} what it takes now
 * (less once {@code compressed}); {@code thumbnail_key} stays null until export-service
 * renders thumbnails. {@code etag} changes with the label, description and lock (the
 * content never changes).
 */
public record VersionSummary(UUID id, UUID fileId, int versionNumber, String reason, String description, String label,
        boolean locked, UUID createdBy, Instant createdAt, long sizeBytes, long storedBytes, boolean compressed,
        Instant compressedAt, String thumbnailKey, String etag) {

    /**
     * {@code "v<number>.<revision>"}: never equal to a file's ETag, so one sent for the
     * other fails.
     */
    static String etag(int versionNumber, int metadataRevision) {
        return "\"v" + versionNumber + "." + metadataRevision + "\"";
    }
}
