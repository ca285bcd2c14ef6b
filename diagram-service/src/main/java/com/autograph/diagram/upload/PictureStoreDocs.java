package com.autograph.diagram.upload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * What the API document says alike of both ways to store a canvas picture (for a file and
 * through an edit link): the body and the answers that do not depend on who asks.
 * springdoc reads these through the annotation (as Spring merges meta-annotations); each
 * method adds its own summary and its own 403/404/409/410.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RequestBody(required = true,
        description = "The picture's bytes as the body (not multipart, not base64), Content-Type naming its type;"
                + " at most UPLOAD_MAX_IMAGE_BYTES (5 MB), checked from Content-Length before anything is read.",
        content = { @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")) })
@ApiResponse(responseCode = "201",
        description = "Stored: refer to it as src \"upload:<key>\" (and upload:"
                + " {key, media_type, width, height, bytes}) in the document.")
@ApiResponse(responseCode = "200", description = "The file holds these bytes already (same key): nothing stored again.")
@ApiResponse(responseCode = "400", description = "The body is empty.")
@ApiResponse(responseCode = "413", description = "The picture is over uploads.max-image-bytes (limit_exceeded).")
@ApiResponse(responseCode = "415", description = "Content-Type is not image/png, image/jpeg, image/gif or image/webp.")
@ApiResponse(responseCode = "422",
        description = "The bytes are not a picture of the declared type (invalid_picture), or it is over"
                + " uploads.max-image-pixels or the file's uploads.max-bytes-per-file (limit_exceeded).")
@ApiResponse(responseCode = "429",
        description = "Too many imports and pictures are being read; retry after Retry-After.")
@interface PictureStoreDocs {

}
