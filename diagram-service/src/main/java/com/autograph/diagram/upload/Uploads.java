package com.autograph.diagram.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.autograph.diagram.access.AccessPolicy;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.access.Permission;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;
import com.autograph.document.uploads.ImageHeader;
import com.autograph.document.uploads.ImageType;
import com.autograph.document.uploads.Upload;
import com.autograph.document.uploads.UploadCollector;
import com.autograph.document.uploads.UploadLimits;
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

    /**
     * A picture a file holds, as storing it answers (the fields of a document image's
     * {@code upload}).
     */
    public record StoredPicture(String key, String mediaType, int width, int height, long bytes) {
    }

    /** What storing answered, and whether the file held the picture already. */
    public record Stored(StoredPicture picture, boolean created) {
    }

    /** The advisory lock space of the per-file lock taken while a picture is recorded. */
    private static final int STORE_LOCK = 0x55504c44;

    /**
     * The advisory lock space of a content's key, between recording it and forgetting it.
     */
    private static final int KEY_LOCK = 0x55504b59;

    private final ObjectStorage storage;

    private final JdbcClient jdbc;

    private final Files files;

    private final AccessPolicy access;

    private final Semaphore inlining;

    private final UploadProperties properties;

    private final ImportBudget budget;

    private final TransactionTemplate transactions;

    Uploads(ObjectStorage storage, JdbcClient jdbc, Files files, AccessPolicy access, UploadProperties properties,
            ImportBudget budget, TransactionTemplate transactions) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.files = files;
        this.access = access;
        this.properties = properties;
        this.budget = budget;
        this.transactions = transactions;
        this.inlining = new Semaphore(properties.maxConcurrentInlines(), true);
    }

    /**
     * Checks that the caller may edit the file, before anything they send is read: 404
     * when they may not see it, 403 when they may only view it, 409 when it is in the
     * trash.
     */
    @Transactional(readOnly = true)
    public void requireEditable(Caller caller, UUID fileId) {
        AccessPolicy.require(access.onFile(caller, fileId), Permission.EDIT, "File", fileId);
        files.live(fileId);
    }

    /**
     * Stores a picture put on the file's canvas, sent as {@code contentType} in
     * {@code body}, for a caller {@code mayEdit} has let through already (before the body
     * is read) and lets through again where the picture is recorded. Nothing is read
     * before the declared type and length pass, and never more than
     * {@code uploads.max-image-bytes} and one byte; what is read counts against the
     * import budget until it is stored. The bytes must be the type declared (never SVG)
     * and within the pixel limit; a picture the file holds already is answered as it is,
     * a new one must fit the file's total.
     * @param mayEdit throws the caller's problem (403, 404, 409, 410) when they may not
     * edit the file now
     * @param contentLength the declared length, or -1 when the body is chunked
     */
    public Stored store(UUID fileId, Runnable mayEdit, String contentType, long contentLength, InputStream body)
            throws IOException, InterruptedException {
        ImageType declared = declaredType(contentType);
        long max = properties.maxImageBytes().toBytes();
        if (contentLength > max) {
            throw tooLarge(contentLength);
        }
        try (ImportBudget.Permit reading = budget.reserve(contentLength >= 0 ? contentLength : max)) {
            byte[] bytes = body.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge(-1);
            }
            if (bytes.length == 0) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                        "The body is empty: send the picture's bytes.");
            }
            Upload upload;
            try {
                upload = UploadCollector.picture(bytes, declared.mediaType(), properties.toLimits(), "the picture");
            }
            catch (FormatException ex) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_picture",
                        capitalized(ex.getMessage()) + ".");
            }
            // Checked again under the lock when recording; here, without it, so that a
            // file at its limit, or holding these bytes already, costs no S3 round trip.
            if (!heldOrFits(fileId, upload)) {
                // S3 first, outside any transaction: a slow put holds no lock and no
                // connection.
                storage.put(storage.buckets().uploads(), objectKey(upload.key()), upload.bytes(), upload.mediaType());
            }
            try {
                return transactions.execute(status -> record(fileId, mayEdit, upload));
            }
            catch (RuntimeException ex) {
                forget(upload.key(), ex);
                throw ex;
            }
        }
    }

    /**
     * Records the picture for the file, one store per file at a time (the total is
     * checked and written under a lock on the file's uploads, not on its row, which edits
     * need meanwhile). Who may edit is checked again here, so that a share revoked or a
     * file trashed while the body was read records nothing.
     */
    private Stored record(UUID fileId, Runnable mayEdit, Upload upload) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:space, :file)")
            .param("space", STORE_LOCK)
            .param("file", fileId.hashCode())
            .query(Integer.class)
            .single();
        mayEdit.run();
        Optional<StoredPicture> held = jdbc
            .sql("SELECT media_type, width, height, bytes FROM file_uploads WHERE file_id = :file AND sha256 = :key")
            .param("file", fileId)
            .param("key", upload.key())
            .query((rs, row) -> new StoredPicture(upload.key(), rs.getString("media_type"), rs.getInt("width"),
                    rs.getInt("height"), rs.getLong("bytes")))
            .optional();
        if (held.isPresent()) {
            return new Stored(held.get(), false);
        }
        long total = jdbc.sql("SELECT coalesce(sum(bytes), 0) FROM file_uploads WHERE file_id = :file")
            .param("file", fileId)
            .query(Long.class)
            .single();
        new UploadCollector(properties.toLimits(), total).add(upload);
        holdKey(upload.key());
        // A failed store of the same bytes may have removed them since they were put
        // (forget): rare, and then they are put again here.
        if (!storage.exists(storage.buckets().uploads(), objectKey(upload.key()))) {
            storage.put(storage.buckets().uploads(), objectKey(upload.key()), upload.bytes(), upload.mediaType());
        }
        insert(fileId, upload);
        return new Stored(new StoredPicture(upload.key(), upload.mediaType(), upload.width(), upload.height(),
                upload.bytes().length), true);
    }

    /**
     * Whether the file holds the picture already; when it does not, throws the per-file
     * limit's problem unless it fits beside what the file holds.
     */
    private boolean heldOrFits(UUID fileId, Upload upload) {
        record Holding(long total, boolean held) {
        }
        Holding holding = jdbc
            .sql("SELECT coalesce(sum(bytes), 0) AS total, coalesce(bool_or(sha256 = :key), false) AS held"
                    + " FROM file_uploads WHERE file_id = :file")
            .param("file", fileId)
            .param("key", upload.key())
            .query((rs, row) -> new Holding(rs.getLong("total"), rs.getBoolean("held")))
            .single();
        if (!holding.held()) {
            new UploadCollector(properties.toLimits(), holding.total()).add(upload);
        }
        return holding.held();
    }

    private static ImageType declaredType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return ImageType.ofMediaType(type)
            .orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    (type.isEmpty() ? "The request names no Content-Type"
                            : "Content-Type '" + printableType(type) + "' is not a picture AutoGraph stores")
                            + ": send the picture's bytes as image/png, image/jpeg, image/gif or image/webp"
                            + (type.contains("svg") ? " (SVG can carry scripts: convert it to PNG first)." : ".")));
    }

    private ApiException tooLarge(long declared) {
        long max = properties.maxImageBytes().toBytes();
        return ApiException.limitExceeded(HttpStatus.CONTENT_TOO_LARGE,
                "The picture is larger than " + ModelLimits.bytes(max)
                        + (declared >= 0 ? " (it has " + declared + " bytes)" : "") + " (limit "
                        + UploadLimits.IMAGE_BYTES + "). Make it smaller, or save it as JPEG or WebP.",
                UploadLimits.IMAGE_BYTES, max);
    }

    private static String printableType(String type) {
        return (type.length() > 80 ? type.substring(0, 80) + "…" : type).replaceAll("[^a-z0-9.+/-]", "?");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Creates the file and stores what its document refers to. Who may create the file
     * there is checked first, so nothing is stored for a caller who may not. The objects
     * are then put outside any transaction: a slow or unreachable S3 holds no database
     * connection and no lock, which a burst of imports would otherwise take from every
     * other request. The file and its rows follow in one transaction; when a put or the
     * transaction fails, the objects it put that no file holds are removed again.
     */
    public FileView create(Caller caller, Files.Create request, List<Upload> uploads) {
        if (uploads.isEmpty()) {
            return files.create(caller, request);
        }
        files.requireCreatable(caller, request);
        // Keys in one order in every import: two imports sharing pictures, each behind a
        // failed store waiting to forget one, cannot wait for each other.
        List<Upload> ordered = uploads.stream().sorted(Comparator.comparing(Upload::key)).toList();
        List<Upload> put = new ArrayList<>();
        try {
            for (Upload upload : ordered) {
                storage.put(storage.buckets().uploads(), objectKey(upload.key()), upload.bytes(), upload.mediaType());
                put.add(upload);
            }
            return transactions.execute(status -> {
                FileView view = files.create(caller, request);
                for (Upload upload : ordered) {
                    holdKey(upload.key());
                    // A failed store of the same bytes may have removed them since they
                    // were put (forget): rare, and then they are put again here.
                    if (!storage.exists(storage.buckets().uploads(), objectKey(upload.key()))) {
                        storage.put(storage.buckets().uploads(), objectKey(upload.key()), upload.bytes(),
                                upload.mediaType());
                    }
                    insert(view.file().id(), upload);
                }
                return view;
            });
        }
        catch (RuntimeException ex) {
            // Only what was put: a put that failed (S3 unreachable) leaves nothing to
            // remove.
            for (Upload upload : put) {
                forget(upload.key(), ex);
            }
            throw ex;
        }
    }

    /**
     * Removes the object a failed store put, unless a file holds it: keys are contents,
     * shared by every file that holds the same bytes. Under the key's lock, which
     * recording takes (shared) before it checks the object is there, so that a store of
     * the same bytes either sees it gone and puts it again or has recorded it already.
     */
    private void forget(String key, RuntimeException failure) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:space, :key)")
                    .param("space", KEY_LOCK)
                    .param("key", keyHash(key))
                    .query(Integer.class)
                    .single();
                boolean held = jdbc.sql("SELECT EXISTS (SELECT 1 FROM file_uploads WHERE sha256 = :key)")
                    .param("key", key)
                    .query(Boolean.class)
                    .single();
                if (!held) {
                    storage.delete(storage.buckets().uploads(), objectKey(key));
                }
            });
        }
        catch (RuntimeException ex) {
            // The store's own failure is what the caller hears; an unused object is
            // harmless.
            failure.addSuppressed(ex);
        }
    }

    /** Until the transaction ends, {@link #forget} cannot remove {@code key}'s object. */
    private void holdKey(String key) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock_shared(:space, :key)")
            .param("space", KEY_LOCK)
            .param("key", keyHash(key))
            .query(Integer.class)
            .single();
    }

    /** 32 bits of the SHA-256 key: collisions only make unrelated keys wait. */
    private static int keyHash(String key) {
        return (int) Long.parseLong(key.substring(0, 8), 16);
    }

    private void insert(UUID fileId, Upload upload) {
        jdbc.sql("""
                INSERT INTO file_uploads (file_id, sha256, media_type, bytes, width, height)
                VALUES (:file, :key, :type, :bytes, :width, :height) ON CONFLICT (file_id, sha256) DO NOTHING""")
            .param("file", fileId)
            .param("key", upload.key())
            .param("type", upload.mediaType())
            .param("bytes", upload.bytes().length)
            .param("width", upload.isImage() ? upload.width() : null)
            .param("height", upload.isImage() ? upload.height() : null)
            .update();
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
            throw new ApiException(HttpStatus.NOT_FOUND, "upload_not_found",
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
