package com.autograph.diagram.exports;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.FileSummary;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.version.VersionView;
import com.autograph.diagram.version.Versions;
import com.autograph.diagram.upload.Uploads;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.uploads.UploadReferences;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.ServiceIdentity;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Reads for export-service through the same permission rules as the public API, and the
 * one write it makes (thumbnail keys). A service identity reads as the file's owner:
 * thumbnails are made for whoever may see the file, and the owner always may.
 */
@Service
public class ExportSupport {

    /**
     * A file's head or one version as export-service renders it. {@code version_number}
     * is the version's (null for the head); {@code latest_version} is the file's newest
     * version.
     */
    public record Content(UUID fileId, String title, Integer versionNumber, Integer latestVersion, String etag,
            String permission, @JsonRawValue String canvasData, String noteContent, String thumbnailKey) {
    }

    private final AccessPolicy access;

    private final FileQueries queries;

    private final Versions versions;

    private final JdbcClient jdbc;

    private final Uploads uploads;

    ExportSupport(AccessPolicy access, FileQueries queries, Versions versions, JdbcClient jdbc, Uploads uploads) {
        this.uploads = uploads;
        this.access = access;
        this.queries = queries;
        this.versions = versions;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Content content(TrustedIdentity identity, UUID fileId, Integer version, boolean withContent) {
        Caller caller = caller(identity, fileId);
        Permission permission = access.onFile(caller, fileId);
        AccessPolicy.require(permission, Permission.VIEW, "File", fileId);
        FileSummary file = queries.summary(caller, fileId).orElseThrow(() -> ApiException.notFound("File", fileId));
        if (version != null) {
            VersionView view = versions.get(caller, fileId, version);
            return new Content(fileId, file.title(), version, file.latestVersion(), view.version().etag(),
                    permission.value(), withContent ? inlined(fileId, view.canvasData()) : null,
                    withContent ? view.noteContent() : null, view.version().thumbnailKey());
        }
        String thumbnail = jdbc.sql("SELECT thumbnail_key FROM files WHERE id = :id")
            .param("id", fileId)
            .query(String.class)
            .optional()
            .orElse(null);
        if (!withContent) {
            return new Content(fileId, file.title(), null, file.latestVersion(), file.etag(), permission.value(), null,
                    null, thumbnail);
        }
        FileView view = queries.withContent(caller, fileId, permission.value())
            .orElseThrow(() -> ApiException.notFound("File", fileId));
        return new Content(fileId, file.title(), null, file.latestVersion(), file.etag(), permission.value(),
                inlined(fileId, view.canvasData()), view.noteContent(), thumbnail);
    }

    /**
     * Exports show the pictures and long labels the file holds in storage: they are put
     * back into the document export-service renders (a cheap look first, as most
     * documents have none).
     */
    private String inlined(UUID fileId, String canvas) {
        if (canvas == null
                || !canvas.contains(UploadReferences.SCHEME) && !canvas.contains(UploadReferences.TEXT_FIELD)) {
            return canvas;
        }
        DiagramDocument document = DocumentCodec.read(canvas);
        DiagramDocument inlined = uploads.inline(fileId, document);
        return inlined == document ? canvas : DocumentCodec.write(inlined);
    }

    /**
     * Sets the thumbnail key of the head ({@code version} null) or of a version. Only a
     * service may: a user could otherwise point a file's thumbnail at any object. Neither
     * the file's ETag nor {@code updated_at} moves: a thumbnail is not an edit.
     */
    @Transactional
    public void storeThumbnail(TrustedIdentity identity, UUID fileId, Integer version, String key) {
        if (ServiceIdentity.serviceName(identity).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "permission_denied", "Only a service may store thumbnails.");
        }
        int changed = version == null
                ? jdbc.sql("UPDATE files SET thumbnail_key = :key WHERE id = :file")
                    .param("key", key)
                    .param("file", fileId)
                    .update()
                : jdbc
                    .sql("UPDATE versions SET thumbnail_key = :key WHERE file_id = :file AND version_number = :number")
                    .params(Map.of("key", key, "file", fileId, "number", version))
                    .update();
        if (changed == 0) {
            throw version == null ? ApiException.notFound("File", fileId)
                    : ApiException.notFound("Version", fileId + "/" + version);
        }
    }

    private Caller caller(TrustedIdentity identity, UUID fileId) {
        if (ServiceIdentity.serviceName(identity).isEmpty()) {
            return Caller.of(identity);
        }
        UUID owner = jdbc.sql("SELECT owner_id FROM files WHERE id = :id")
            .param("id", fileId)
            .query(UUID.class)
            .optional()
            .orElseThrow(() -> ApiException.notFound("File", fileId));
        return new Caller(owner, Map.of());
    }

}
