package com.autograph.diagram.file;

import java.time.Instant;
import java.util.UUID;

/**
 * A list request: which view, filters, order and page. Null filters do not filter.
 *
 * @param owner a user id, or null
 * @param folderId a folder id; with {@code rootOnly}, files outside any folder
 */
public record FileQuery(View view, FileType type, UUID owner, UUID folderId, boolean rootOnly, UUID tagId,
        Boolean starred, UUID teamId, Instant createdAfter, Instant createdBefore, Instant updatedAfter,
        Instant updatedBefore, Sort sort, boolean ascending, int page, int size) {

    public enum View {

        /** Every live file the caller can see. */
        ALL,
        /** The last 10 files the caller opened (and can still see). */
        RECENT, STARRED,
        /**
         * Files of others that reach the caller through a share of the file or of a
         * folder.
         */
        SHARED,
        /** Files of the caller's teams. */
        TEAM,
        /** Trashed files the caller can see. */
        TRASH

    }

    public enum Sort {

        TITLE("lower(f.title)"), CREATED("f.created_at"), UPDATED("f.updated_at"), LAST_VIEWED("fv.last_viewed_at"),
        SIZE("f.size_bytes");

        final String column;

        Sort(String column) {
            this.column = column;
        }

    }

    /** How many files the "recent" view holds. */
    public static final int RECENT_LIMIT = 10;

}
