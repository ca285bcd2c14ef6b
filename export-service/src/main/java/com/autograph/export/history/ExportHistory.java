package com.autograph.export.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who exported what, when and how big ({@code export_history}): each user's own list,
 * optionally of one file. Writing it never fails an export: a lost history row is logged,
 * the picture is still delivered.
 */
@Component
public class ExportHistory {

    /** Where an export came from. */
    public enum Source {

        FILE, DOCUMENT, CODE, JOB;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

    }

    /** One export as the history lists it. */
    public record Entry(UUID id, UUID fileId, Integer versionNumber, UUID jobId, String source, String format,
            long sizeBytes, Instant createdAt) {
    }

    public record Page(List<Entry> items, int page, int size, long total) {
    }

    private static final Logger log = LoggerFactory.getLogger(ExportHistory.class);

    private final JdbcClient jdbc;

    private final Clock clock;

    ExportHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(UUID userId, UUID fileId, Integer versionNumber, UUID jobId, Source source, String format,
            long sizeBytes) {
        try {
            jdbc.sql(
                    """
                            INSERT INTO export_history (user_id, file_id, version_number, job_id, source, format, size_bytes, created_at)
                            VALUES (:user, :file, :version, :job, :source, :format, :size, :at)""")
                .param("user", userId)
                .param("file", fileId)
                .param("version", versionNumber)
                .param("job", jobId)
                .param("source", source.value())
                .param("format", format)
                .param("size", sizeBytes)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        }
        catch (RuntimeException ex) {
            log.warn("Could not record an export in the history: {}", ex.getMessage());
        }
    }

    /** The user's exports, newest first; of one file when {@code fileId} is given. */
    public Page list(UUID userId, UUID fileId, int page, int size) {
        String where = " FROM export_history WHERE user_id = :user" + (fileId == null ? "" : " AND file_id = :file");
        var total = jdbc.sql("SELECT count(*)" + where).param("user", userId);
        var items = jdbc
            .sql("SELECT id, file_id, version_number, job_id, source, format, size_bytes, created_at" + where
                    + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
            .param("user", userId)
            .param("limit", size)
            .param("offset", (long) page * size);
        if (fileId != null) {
            total = total.param("file", fileId);
            items = items.param("file", fileId);
        }
        return new Page(items.query(ExportHistory::entry).list(), page, size, total.query(Long.class).single());
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("file_id", UUID.class),
                (Integer) rs.getObject("version_number"), rs.getObject("job_id", UUID.class), rs.getString("source"),
                rs.getString("format"), rs.getLong("size_bytes"), rs.getTimestamp("created_at").toInstant());
    }

}
