package com.autograph.export.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.autograph.document.DocumentCodec;
import com.autograph.export.ExportProperties;
import com.autograph.export.diagrams.DiagramService;
import com.autograph.export.diagrams.FileContent;
import com.autograph.export.history.ExportHistory;
import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.export.rendering.Exporter;
import com.autograph.export.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.json.JsonMapper;

/**
 * Batch exports ({@code export_jobs}): each file read from diagram-service with the
 * requester's rights, rendered (through the render cache, a render slot at a time) into
 * one ZIP in a temporary file, uploaded to the {@code exports} bucket as
 * {@code jobs/<id>.zip}. A file that cannot be exported (deleted, not visible, over a
 * limit) is listed in {@code failures} and left out; the job fails only when no file
 * could be exported, or the ZIP grows past its limit. The job's state is in the database
 * (any instance answers for it) and each change is published for the event streams
 * ({@link JobEvents}). The requester's identity stays in memory only: a job does not
 * survive its instance, and the sweeper marks such jobs failed.
 */
class ExportJobs {

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    private static final String COLUMNS = "id, status, format, file_ids, total, done, failures::text AS failures, "
            + "size_bytes, error, result_key, created_at, updated_at, finished_at";

    private final JdbcClient jdbc;

    private final Clock clock;

    private final ExportProperties.Jobs limits;

    private final DiagramService diagrams;

    private final Exporter exporter;

    private final ExportHistory history;

    private final ObjectStorage storage;

    private final MinioClient minio;

    private final JobEvents events;

    private final ExecutorService workers;

    private final JsonMapper json;

    ExportJobs(JdbcClient jdbc, Clock clock, ExportProperties properties, DiagramService diagrams, Exporter exporter,
            ExportHistory history, ObjectStorage storage, MinioClient minio, JobEvents events, ExecutorService workers,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = properties.jobs();
        this.diagrams = diagrams;
        this.exporter = exporter;
        this.history = history;
        this.storage = storage;
        this.minio = minio;
        this.events = events;
        this.workers = workers;
        this.json = json;
    }

    JobView start(TrustedIdentity identity, List<UUID> fileIds, String format, RenderOptions options) {
        UUID user = Callers.userId(identity);
        ExportFormat target = ExportFormat.of(format);
        List<UUID> files = List.copyOf(new java.util.LinkedHashSet<>(fileIds));
        if (files.size() > limits.maxFiles()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "A job exports at most "
                    + limits.maxFiles() + " files (EXPORT_JOB_MAX_FILES); this one names " + files.size() + ".");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        // The count and the insert in one statement: two requests at once cannot both
        // slip under the limit.
        int inserted = jdbc
            .sql("""
                    INSERT INTO export_jobs (id, user_id, status, format, file_ids, total, created_at, updated_at)
                    SELECT :id, :user, 'queued', :format, CAST(:files AS uuid[]), :total, :now, :now
                    WHERE (SELECT count(*) FROM export_jobs WHERE user_id = :user AND status IN ('queued', 'running')) < :max""")
            .param("id", id)
            .param("user", user)
            .param("format", target.id())
            .param("files", "{" + String.join(",", files.stream().map(UUID::toString).toList()) + "}")
            .param("total", files.size())
            .param("now", Timestamp.from(now))
            .param("max", limits.maxActivePerUser())
            .update();
        if (inserted == 0) {
            throw ApiException.tooManyRequests("too_many_jobs", "You have " + limits.maxActivePerUser()
                    + " export jobs running already (EXPORT_JOB_MAX_ACTIVE); retry when one has finished.", 10);
        }
        try {
            workers.execute(() -> run(identity, id, files, target, options));
        }
        catch (RejectedExecutionException full) {
            finish(id, "failed", null, null, "The export service is shutting down; start the job again.");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "export_unavailable",
                    "The export service is shutting down; retry in a moment.");
        }
        return get(user, id);
    }

    JobView get(UUID user, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM export_jobs WHERE id = :id AND user_id = :user")
            .param("id", id)
            .param("user", user)
            .query(this::view)
            .optional()
            .orElseThrow(() -> ApiException.notFound("Export job", id));
    }

    List<JobView> list(UUID user, int page, int size) {
        return jdbc
            .sql("SELECT " + COLUMNS + " FROM export_jobs WHERE user_id = :user ORDER BY created_at DESC, id"
                    + " LIMIT :limit OFFSET :offset")
            .param("user", user)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(this::view)
            .list();
    }

    long count(UUID user) {
        return jdbc.sql("SELECT count(*) FROM export_jobs WHERE user_id = :user")
            .param("user", user)
            .query(Long.class)
            .single();
    }

    /** Jobs whose instance stopped while they were queued or running. */
    int failAbandoned() {
        return jdbc.sql("""
                UPDATE export_jobs SET status = 'failed', updated_at = :now, finished_at = :now,
                       error = 'The export stopped (its service instance restarted); start it again.'
                WHERE status IN ('queued', 'running') AND updated_at < :cutoff""")
            .param("now", Timestamp.from(clock.instant()))
            .param("cutoff", Timestamp.from(clock.instant().minus(limits.abandonedAfter())))
            .update();
    }

    private void run(TrustedIdentity identity, UUID id, List<UUID> files, ExportFormat format, RenderOptions options) {
        UUID user = Callers.userId(identity);
        Path zip = null;
        try {
            update(id, "UPDATE export_jobs SET status = 'running', updated_at = :now WHERE id = :id");
            publish(user, id);
            zip = Files.createTempFile("export-job-", ".zip");
            List<Map<String, String>> failures = new ArrayList<>();
            Set<String> names = new HashSet<>();
            int exported = 0;
            try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
                for (UUID fileId : files) {
                    try {
                        FileContent content = diagrams.content(identity, fileId, null);
                        RenderInput input = new RenderInput(DocumentCodec.read(content.canvasData()), content.title(),
                                content.noteContent());
                        Exporter.Export export = exporter.exportInBackground(format, input, options);
                        out.putNextEntry(new ZipEntry(unique(names, content.title(), format)));
                        out.write(export.bytes());
                        out.closeEntry();
                        exported++;
                        history.record(user, fileId, null, id, ExportHistory.Source.JOB, format.id(),
                                export.bytes().length);
                        countExport(identity, fileId, format);
                    }
                    catch (ApiException ex) {
                        failures.add(failure(fileId, ex.code(), ex.getMessage()));
                    }
                    catch (RuntimeException ex) {
                        log.warn("Export job {}: file {} failed: {}", id, fileId, ex.toString());
                        failures.add(failure(fileId, "export_failed", "The file could not be exported."));
                    }
                    out.flush();
                    if (Files.size(zip) > limits.maxZipBytes().toBytes()) {
                        throw new ZipTooLarge();
                    }
                    jdbc.sql(
                            "UPDATE export_jobs SET done = done + 1, failures = CAST(:failures AS jsonb), updated_at = :now"
                                    + " WHERE id = :id")
                        .param("failures", json.writeValueAsString(failures))
                        .param("now", Timestamp.from(clock.instant()))
                        .param("id", id)
                        .update();
                    publish(user, id);
                }
            }
            if (exported == 0) {
                finish(id, "failed", null, null, "None of the files could be exported; see failures.");
            }
            else {
                String key = "jobs/" + id + ".zip";
                long size = Files.size(zip);
                try (InputStream in = Files.newInputStream(zip)) {
                    minio.putObject(PutObjectArgs.builder()
                        .bucket(storage.buckets().exports())
                        .object(key)
                        .stream(in, size, -1)
                        .contentType("application/zip")
                        .build());
                }
                finish(id, "succeeded", key, size, null);
            }
        }
        catch (ZipTooLarge ex) {
            finish(id, "failed", null, null, "The ZIP grew past " + limits.maxZipBytes().toMegabytes()
                    + " MB (EXPORT_JOB_MAX_ZIP_BYTES); export fewer files per job.");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            finish(id, "failed", null, null, "The export service stopped; start the job again.");
        }
        catch (Exception ex) {
            log.warn("Export job {} failed: {}", id, ex.toString());
            finish(id, "failed", null, null, "The export failed (storage or service trouble); start it again.");
        }
        finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                }
                catch (IOException ex) {
                    log.warn("Could not delete {}: {}", zip, ex.getMessage());
                }
            }
            publish(user, id);
        }
    }

    private void countExport(TrustedIdentity identity, UUID fileId, ExportFormat format) {
        try {
            diagrams.recordExport(identity, fileId, format == ExportFormat.MARKDOWN ? "markdown" : format.id());
        }
        catch (RuntimeException ex) {
            log.warn("Could not count an export of file {}: {}", fileId, ex.getMessage());
        }
    }

    private void finish(UUID id, String status, String key, Long size, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE export_jobs SET status = :status, result_key = :key, size_bytes = :size, error = :error,"
                + " updated_at = :now, finished_at = :now WHERE id = :id")
            .param("status", status)
            .param("key", key)
            .param("size", size)
            .param("error", error)
            .param("now", now)
            .param("id", id)
            .update();
    }

    private void update(UUID id, String sql) {
        jdbc.sql(sql).param("id", id).param("now", Timestamp.from(clock.instant())).update();
    }

    private void publish(UUID user, UUID id) {
        try {
            events.publish(get(user, id));
        }
        catch (RuntimeException ex) {
            log.warn("Could not publish export job {}: {}", id, ex.getMessage());
        }
    }

    private JobView view(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        String key = rs.getString("result_key");
        String url = "succeeded".equals(status) && key != null
                ? storage.presignedGetUrl(storage.buckets().exports(), key, limits.downloadExpiry()) : null;
        Array files = rs.getArray("file_ids");
        List<UUID> fileIds = Arrays.asList((UUID[]) files.getArray());
        Long size = (Long) rs.getObject("size_bytes");
        return new JobView(rs.getObject("id", UUID.class), status, rs.getString("format"), fileIds, rs.getInt("total"),
                rs.getInt("done"), rs.getString("failures"), size, rs.getString("error"), url,
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Map<String, String> failure(UUID fileId, String code, String detail) {
        Map<String, String> failure = new LinkedHashMap<>();
        failure.put("file_id", fileId.toString());
        failure.put("code", code);
        failure.put("detail", detail);
        return failure;
    }

    /**
     * "Title.png", then "Title (2).png": ZIP entry names without path characters, each
     * once.
     */
    static String unique(Set<String> names, String title, ExportFormat format) {
        String base = (title == null || title.isBlank() ? "diagram" : title).replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        base = base.length() > 100 ? base.substring(0, 100) : base;
        String name = base + "." + format.extension();
        for (int n = 2; !names.add(name); n++) {
            name = base + " (" + n + ")." + format.extension();
        }
        return name;
    }

    private static final class ZipTooLarge extends RuntimeException {

        ZipTooLarge() {
            super(null, null, false, false);
        }

    }

}
