package com.autograph.diagram.file;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A file as lists show it: everything but the content. {@code last_viewed_at},
 * {@code starred} and {@code tags} are the caller's own; {@code etag} is what If-Match
 * needs; {@code latest_version} is the newest version's number (null before the first);
 * {@code thumbnail_url} is where export-service serves the head's picture, null until one
 * has been rendered (so a dashboard never asks for a thumbnail that is not there).
 */
public record FileSummary(UUID id, String title, String type, UUID ownerId, UUID teamId, UUID folderId, UUID createdBy,
        Instant createdAt, UUID updatedBy, Instant updatedAt, Instant deletedAt, Instant lastViewedAt, long viewCount,
        long sizeBytes, long versionCount, Integer latestVersion, long commentCount, long collaboratorCount,
        long exportCount, Instant lastActivityAt, boolean starred, @JsonRawValue String tags, String etag,
        String thumbnailUrl) {

    /** This summary after one more view by its reader at {@code at}. */
    FileSummary viewedAt(Instant at) {
        return new FileSummary(id, title, type, ownerId, teamId, folderId, createdBy, createdAt, updatedBy, updatedAt,
                deletedAt, at, viewCount + 1, sizeBytes, versionCount, latestVersion, commentCount, collaboratorCount,
                exportCount, lastActivityAt, starred, tags, etag, thumbnailUrl);
    }

}
