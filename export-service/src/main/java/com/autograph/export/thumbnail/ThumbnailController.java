package com.autograph.export.thumbnail;

import java.util.HexFormat;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.export.diagrams.DiagramService;
import com.autograph.export.diagrams.FileContent;
import com.autograph.export.rendering.Responses;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.s3.ObjectStorage;
import com.autograph.shared.security.TrustedIdentity;

/**
 * A file's or a version's 256 × 256 PNG thumbnail, for whoever may view the file
 * (diagram-service decides: 404/403 as for the file). 404 {@code thumbnail_not_ready}
 * until the first one is made, a few seconds after the save that needs it.
 */
@RestController
@Validated
@RequestMapping("/api/export/thumbnails")
class ThumbnailController {

    private static final String PNG = "The thumbnail, image/png; ETag is its content's hash.";

    private final DiagramService diagrams;

    private final ObjectStorage storage;

    ThumbnailController(DiagramService diagrams, ObjectStorage storage) {
        this.diagrams = diagrams;
        this.storage = storage;
    }

    @Operation(summary = "A file's thumbnail (of its current content)")
    @ApiResponse(responseCode = "200", description = PNG,
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the thumbnail's ETag.")
    @GetMapping("/{fileId}")
    ResponseEntity<byte[]> head(TrustedIdentity identity, @PathVariable UUID fileId,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return serve(diagrams.metadata(identity, fileId, null), ifNoneMatch);
    }

    @Operation(summary = "A version's thumbnail")
    @ApiResponse(responseCode = "200", description = PNG,
            content = @Content(mediaType = MediaType.IMAGE_PNG_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names the thumbnail's ETag.")
    @GetMapping("/{fileId}/versions/{number}")
    ResponseEntity<byte[]> version(TrustedIdentity identity, @PathVariable UUID fileId,
            @PathVariable @Positive @Max(Integer.MAX_VALUE) int number,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return serve(diagrams.metadata(identity, fileId, number), ifNoneMatch);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is unavailable", ex);
        }
    }

    private ResponseEntity<byte[]> serve(FileContent file, String ifNoneMatch) {
        if (file.thumbnailKey() == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "thumbnail_not_ready",
                    "This thumbnail has not been made yet; it follows a few seconds after a save.");
        }
        byte[] png = storage.get(storage.buckets().diagrams(), file.thumbnailKey());
        String etag = "\"" + sha256(png) + "\"";
        if (Responses.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok()
            .contentType(MediaType.IMAGE_PNG)
            .eTag(etag)
            .cacheControl(CacheControl.noCache().cachePrivate())
            .header("X-Content-Type-Options", "nosniff")
            .body(png);
    }

}
