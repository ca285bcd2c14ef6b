package com.autograph.diagram.file;

import java.time.Instant;
import java.util.UUID;

/**
 * What keeps a file's history (the version package implements it): told of every
 * PUT/PATCH in the writing transaction, with the file's row locked and the new head
 * flushed. An interface here so that this package does not depend on the one that builds
 * on it.
 */
public interface ContentHistory {

    /**
     * {@code after} (now the head, written by {@code actor}) replaced {@code before}
     * (written by {@code beforeAuthor}); {@code explicitSave}: the client asked for a
     * version.
     */
    void afterEdit(UUID fileId, FileContent before, UUID beforeAuthor, FileContent after, UUID actor,
            boolean explicitSave, Instant now);

}
