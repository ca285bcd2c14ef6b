package com.autograph.diagram.upload;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.document.DiagramDocument;
import com.autograph.document.uploads.ImageHeader;
import com.autograph.document.uploads.Upload;
import com.autograph.document.uploads.UploadReferences;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.s3.ObjectStorage;

/**
 * Content kept beside documents in the S3 uploads bucket, under {@code sha256/<key>}. A
 * file may show a content only when a {@code file_uploads} row says so: that row, not the
 * document's reference, is what serving and exporting check, so a reference copied into
 * another file shows nothing there.
 */
@Service
public class Uploads {

    /** What serving answers: the bytes and the type they are. */
    public record Content(String key, String mediaType, byte[] bytes) {
    }

    private final ObjectStorage storage;

    private final JdbcClient jdbc;

    private final Files files;

    private final AccessPolicy access;

    private final Semaphore inlining;

    private final UploadProperties properties;

    Uploads(ObjectStorage storage, JdbcClient jdbc, Files files, AccessPolicy access, UploadProperties properties) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.files = files;
        this.access = access;
        this.properties = properties;
        this.inlining = new Semaphore(properties.maxConcurrentInlines(), true);
    }

    /**
     * Creates the file and stores what its document refers to, in one transaction: the
     * file's permission checks come first, so nothing is stored for a caller who may not
     * create it, and a failed store leaves no file behind.
     */
    @Transactional
    public FileView create(Caller caller, Files.Create request, List<Upload> uploads) {
        FileView view = files.create(caller, request);
        for (Upload upload : uploads) {
            storage.put(storage.buckets().uploads(), objectKey(upload.key()), upload.bytes(), upload.mediaType());
            jdbc.sql("""
                    INSERT INTO file_uploads (file_id, sha256, media_type, bytes, width, height)
                    VALUES (:file, :key, :type, :bytes, :width, :height) ON CONFLICT (file_id, sha256) DO NOTHING""")
                .param("file", view.file().id())
                .param("key", upload.key())
                .param("type", upload.mediaType())
                .param("bytes", upload.bytes().length)
                .param("width", upload.isImage() ? upload.width() : null)
                .param("height", upload.isImage() ? upload.height() : null)
                .update();
        }
        return view;
    }

    /**
     * Checks that the caller may view the file and that it holds the upload; answers the
     * type it was stored as. 404 alike for a file they may not see, a key that is not
     * one, and a content the file does not hold.
     */
    @Transactional(readOnly = true)
    public String require(Caller caller, UUID fileId, String key) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.VIEW, "File", fileId);
        return requireHeld(fileId, key);
    }

    /**
     * The type {@code key} was stored as for {@code fileId}, whose access the caller has
     * already checked (a share link); 404 {@code upload_not_found} for a key that is not
     * one or that the file does not hold.
     */
    @Transactional(readOnly = true)
    public String requireHeld(UUID fileId, String key) {
        String mediaType = Upload.KEY.matcher(key).matches() ? mediaType(fileId, key).orElse(null) : null;
        if (mediaType == null) {
            throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "upload_not_found",
                    "File " + fileId + " holds no upload " + printable(key) + ".");
        }
        return mediaType;
    }

    /**
     * The content under {@code key}, stored as {@code storedType}; see {@link #require}.
     */
    public Content read(String key, String storedType) {
        byte[] bytes = storage.get(storage.buckets().uploads(), objectKey(key));
        // Served as what the bytes are: they were checked when stored, and are again
        // here.
        return new Content(key,
                Upload.TEXT.equals(storedType) ? storedType : ImageHeader.read(bytes).type().mediaType(), bytes);
    }

    /**
     * {@code document} with the content {@code fileId} holds put back in place (pictures
     * as data URLs, long labels whole), for exports to other tools. At most
     * {@code max-concurrent-inlines} run at once (429 after {@code busy-wait}).
     */
    public DiagramDocument inline(UUID fileId, DiagramDocument document) {
        List<String> keys = UploadReferences.keys(document);
        if (keys.isEmpty()) {
            return document;
        }
        boolean acquired;
        try {
            acquired = inlining.tryAcquire(properties.busyWait().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiException.tooManyRequests("exports_busy",
                    "Too many exports with pictures are being prepared at once; retry shortly.",
                    Math.max(1, properties.busyWait().toSeconds()));
        }
        try {
            // A file holds what its imports stored (few); a document may name any number.
            Set<String> held = new HashSet<>(jdbc.sql("SELECT sha256 FROM file_uploads WHERE file_id = :file")
                .param("file", fileId)
                .query(String.class)
                .list());
            Map<String, byte[]> content = new HashMap<>();
            for (String key : keys) {
                if (held.contains(key)) {
                    content.put(key, storage.get(storage.buckets().uploads(), objectKey(key)));
                }
            }
            return UploadReferences.inline(document, content::get);
        }
        finally {
            inlining.release();
        }
    }

    private Optional<String> mediaType(UUID fileId, String key) {
        return jdbc.sql("SELECT media_type FROM file_uploads WHERE file_id = :file AND sha256 = :key")
            .param("file", fileId)
            .param("key", key)
            .query(String.class)
            .optional();
    }

    static String objectKey(String key) {
        return "sha256/" + key;
    }

    private static String printable(String key) {
        String cut = key.length() > 80 ? key.substring(0, 80) + "…" : key;
        return "'" + cut.replaceAll("[^A-Za-z0-9._-]", "?") + "'";
    }

}
