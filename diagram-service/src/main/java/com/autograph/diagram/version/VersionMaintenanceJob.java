package com.autograph.diagram.version;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work on history: gzips old versions' canvases and applies the retention
 * policy. Safe on every instance at once: a batch takes its rows with
 * {@code FOR UPDATE SKIP LOCKED}, and a delete finds a row once. Sizes before and after
 * are counted in {@code autograph.versions.compression.bytes}
 * ({@code stage=before|after}).
 */
@Component
public class VersionMaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(VersionMaintenanceJob.class);

    /** What one compression pass did. */
    public record Compressed(int versions, long bytesBefore, long bytesAfter) {
    }

    private record Candidate(UUID id, String canvas, long noteBytes) {
    }

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final VersionProperties properties;

    private final Clock clock;

    private final Counter compressedVersions;

    private final Counter bytesBefore;

    private final Counter bytesAfter;

    private final Counter deletedVersions;

    VersionMaintenanceJob(JdbcClient jdbc, TransactionTemplate transactions, VersionProperties properties, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.compressedVersions = Counter.builder("autograph.versions.compressed")
            .description("Versions whose canvas was gzip-compressed")
            .register(meters);
        this.bytesBefore = Counter.builder("autograph.versions.compression.bytes")
            .tag("stage", "before")
            .baseUnit("bytes")
            .description("Size of compressed versions before and after")
            .register(meters);
        this.bytesAfter = Counter.builder("autograph.versions.compression.bytes")
            .tag("stage", "after")
            .baseUnit("bytes")
            .description("Size of compressed versions before and after")
            .register(meters);
        this.deletedVersions = Counter.builder("autograph.versions.retention.deleted")
            .description("Versions deleted by the retention policy")
            .register(meters);
    }

    @Scheduled(fixedDelayString = "${autograph.diagrams.versions.job-interval:15m}",
            initialDelayString = "${autograph.diagrams.versions.job-interval:15m}")
    public void run() {
        Instant now = clock.instant();
        VersionProperties.Compression compression = properties.compression();
        Compressed done = compress(now, compression.after(), compression.keepLatest());
        if (done.versions() > 0) {
            log.info("Compressed {} versions: {} bytes before, {} after", done.versions(), done.bytesBefore(),
                    done.bytesAfter());
        }
        VersionProperties.Retention retention = properties.retention();
        if (retention.maxAge() != null) {
            int deleted = applyRetention(now, retention.maxAge(), retention.keepLatest());
            if (deleted > 0) {
                log.info("Retention deleted {} versions older than {}", deleted, retention.maxAge());
            }
        }
    }

    /**
     * Compresses versions created before {@code now - after} that are not among the
     * newest {@code keepLatest} numbers of their file, batch by batch until none is left.
     */
    public Compressed compress(Instant now, Duration after, int keepLatest) {
        int versions = 0;
        long before = 0;
        long compressedSize = 0;
        while (true) {
            Compressed batch = transactions.execute(status -> compressBatch(now.minus(after), keepLatest));
            versions += batch.versions();
            before += batch.bytesBefore();
            compressedSize += batch.bytesAfter();
            if (batch.versions() < properties.compression().batchSize()) {
                return new Compressed(versions, before, compressedSize);
            }
        }
    }

    private Compressed compressBatch(Instant cutoff, int keepLatest) {
        List<Candidate> candidates = jdbc.sql("""
                SELECT v.id, v.canvas_data::text AS canvas, octet_length(coalesce(v.note_content, '')) AS note_bytes
                FROM versions v JOIN files f ON f.id = v.file_id
                WHERE v.compressed IS NULL AND v.created_at < :cutoff AND v.version_number <= f.current_version - :keep
                ORDER BY v.created_at LIMIT :limit
                FOR UPDATE OF v SKIP LOCKED""")
            .param("cutoff", Timestamp.from(cutoff))
            .param("keep", keepLatest)
            .param("limit", properties.compression().batchSize())
            .query((rs, row) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("canvas"),
                    rs.getLong("note_bytes")))
            .list();
        long before = 0;
        long after = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (Candidate candidate : candidates) {
            byte[] gzip = Gzip.compress(candidate.canvas());
            long stored = gzip.length + candidate.noteBytes();
            jdbc.sql(
                    """
                            UPDATE versions SET compressed = :gzip, canvas_data = NULL, compressed_bytes = :stored, compressed_at = :now
                            WHERE id = :id""")
                .param("gzip", gzip)
                .param("stored", stored)
                .param("now", now)
                .param("id", candidate.id())
                .update();
            before += candidate.canvas().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + candidate.noteBytes();
            after += stored;
        }
        compressedVersions.increment(candidates.size());
        bytesBefore.increment(before);
        bytesAfter.increment(after);
        return new Compressed(candidates.size(), before, after);
    }

    /**
     * Deletes versions older than {@code maxAge} that are not among the newest
     * {@code keepLatest} numbers of their file; labelled and locked versions are never
     * touched. Returns how many.
     */
    public int applyRetention(Instant now, Duration maxAge, int keepLatest) {
        Integer deleted = transactions.execute(status -> jdbc.sql("""
                DELETE FROM versions v USING files f
                WHERE f.id = v.file_id AND v.label IS NULL AND NOT v.is_locked
                  AND v.created_at < :cutoff AND v.version_number <= f.current_version - :keep""")
            .param("cutoff", Timestamp.from(now.minus(maxAge)))
            .param("keep", keepLatest)
            .update());
        deletedVersions.increment(deleted);
        return deleted;
    }

}
