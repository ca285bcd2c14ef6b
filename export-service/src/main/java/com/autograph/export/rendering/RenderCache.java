package com.autograph.export.rendering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.autograph.document.DocumentCodec;
import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.s3.ObjectStorageException;

/**
 * Finished renders in the {@code exports} bucket under
 * {@code cache/<sha256>.<extension>}, where the hash covers everything the bytes depend
 * on: the format, the document (its canonical JSON), title and note, every option, and
 * {@link #RENDERER_VERSION}. The hash is also the response's ETag, so a client that has a
 * render gets 304 without anything being rendered or read. The cache is an optimisation:
 * when S3 fails, the render is made (and served) without it. Entries expire with the
 * bucket's retention (S3_EXPORTS_RETENTION_DAYS).
 */
@Component
public class RenderCache {

    /**
     * Bumped whenever the renderers draw differently, so that no old picture is served
     * for new code.
     */
    public static final String RENDERER_VERSION = "1";

    private static final Logger log = LoggerFactory.getLogger(RenderCache.class);

    private final ObjectStorage storage;

    RenderCache(ObjectStorage storage) {
        this.storage = storage;
    }

    /** The hex SHA-256 naming this render. */
    public static String key(ExportFormat format, RenderInput input, RenderOptions options) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // Length-prefixed fields: no two different inputs share a hashed form.
            for (String field : new String[] { RENDERER_VERSION, format.id(), options.cacheKey(),
                    String.valueOf(input.title()), String.valueOf(input.note()) }) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            digest.update(DocumentCodec.writeBytes(input.document()));
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is unavailable", ex);
        }
    }

    public Optional<byte[]> get(String key, ExportFormat format) {
        try {
            return Optional.of(storage.get(storage.buckets().exports(), objectName(key, format)));
        }
        catch (ObjectStorageException ex) {
            if (!(ex.getCause() instanceof ErrorResponseException missing
                    && "NoSuchKey".equals(missing.errorResponse().code()))) {
                log.warn("Reading a cached export failed; rendering instead: {}", ex.getMessage());
            }
            return Optional.empty();
        }
        catch (RuntimeException ex) {
            log.warn("Reading a cached export failed; rendering instead: {}", ex.getMessage());
            return Optional.empty();
        }
    }

    public void put(String key, ExportFormat format, byte[] bytes) {
        try {
            storage.put(storage.buckets().exports(), objectName(key, format), bytes, format.mediaType());
        }
        catch (RuntimeException ex) {
            log.warn("Caching an export failed (it was served all the same): {}", ex.getMessage());
        }
    }

    static String objectName(String key, ExportFormat format) {
        return "cache/" + key + "." + format.extension();
    }

}
