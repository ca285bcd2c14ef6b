package com.autograph.export.rendering;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.autograph.export.render.ExportFormat;

/**
 * How an export is answered: its bytes with ETag and a file name, or 304 when the client
 * has it.
 */
public final class Responses {

    /**
     * Whether the export came from the cache ({@code hit}) or was rendered now
     * ({@code miss}).
     */
    public static final String CACHE_HEADER = "X-Export-Cache";

    private Responses() {
    }

    /** True when {@code ifNoneMatch} names {@code etag} (or is {@code *}). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public static ResponseEntity<byte[]> notModified(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(revalidate()).build();
    }

    /**
     * The export inline, named {@code name.extension} (anything but letters, digits, ._-
     * and space replaced).
     */
    public static ResponseEntity<byte[]> ok(Exporter.Export export, ExportFormat format, String name) {
        String fileName = (name == null || name.isBlank() ? "diagram" : name).replaceAll("[^A-Za-z0-9._ -]", "_") + "."
                + format.extension();
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(export.mediaType()))
            .eTag(export.etag())
            .cacheControl(revalidate())
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline().filename(fileName, StandardCharsets.UTF_8).build().toString())
            .header(CACHE_HEADER, export.cached() ? "hit" : "miss")
            // Exports embed user text; a browser must never run an SVG or HTML export as
            // the API's page.
            .header("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; sandbox")
            .header("X-Content-Type-Options", "nosniff")
            .body(export.bytes());
    }

    /** Private (exports follow permissions), and checked with the ETag on every use. */
    private static CacheControl revalidate() {
        return CacheControl.noCache().cachePrivate();
    }

}
