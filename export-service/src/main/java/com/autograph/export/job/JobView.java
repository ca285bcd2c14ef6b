package com.autograph.export.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A batch export as clients see it: {@code status} queued → running → succeeded | failed,
 * {@code done} of {@code total} files, {@code failures} (files that could not be
 * exported; the ZIP leaves them out) and, once succeeded, a presigned
 * {@code download_url} of the ZIP.
 */
public record JobView(UUID id, String status, String format, List<UUID> fileIds, int total, int done,
        @JsonRawValue String failures, Long sizeBytes, String error, String downloadUrl, Instant createdAt,
        Instant updatedAt, Instant finishedAt) {

    boolean finished() {
        return "succeeded".equals(status) || "failed".equals(status);
    }
}
