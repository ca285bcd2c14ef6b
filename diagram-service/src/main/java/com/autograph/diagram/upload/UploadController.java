package com.autograph.diagram.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.share.Shares;
import com.autograph.document.uploads.ImageType;
import com.autograph.shared.security.TrustedIdentity;

/**
 * Serves what a document refers to as {@code upload:<key>} to whoever may view the file.
 * The answer can never run as a page: its type is what its bytes are (never SVG or HTML),
 * browsers are told not to guess another ({@code nosniff}), and a CSP with
 * {@code sandbox} would stop a script even if one got there. Share-link holders fetch
 * through the link's token, as the link allows. Editors store the pictures they put on
 * the canvas here too, so that documents (and their edits, live or saved) carry only the
 * reference, never the picture.
 */
@RestController
@RequestMapping("/api/diagrams")
class UploadController {

    private static final String KEY_DESCRIPTION = "SHA-256 of the content, 64 lower-case hex digits";

    private static final String CONTENT_DESCRIPTION = "The content: image/png, image/jpeg, image/gif, image/webp or text/plain;charset=utf-8.";

    private static final String NOT_MODIFIED_DESCRIPTION = "If-None-Match named it: the content never changes.";

    private final Uploads uploads;

    private final UploadProperties properties;

    private final Shares shares;

    UploadController(Uploads uploads, UploadProperties properties, Shares shares) {
        this.uploads = uploads;
        this.properties = properties;
        this.shares = shares;
    }

    @Operation(summary = "A picture or long label an import stored for a file",
            description = "For a document's upload:<key> reference (src of an image, text_upload.key of a label).")
    @ApiResponse(responseCode = "200", description = CONTENT_DESCRIPTION,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = NOT_MODIFIED_DESCRIPTION)
    @ApiResponse(responseCode = "404",
            description = "No such file, not one the caller may view, or the file holds no such upload.")
    @GetMapping("/{id}/uploads/{key}")
    ResponseEntity<byte[]> upload(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = KEY_DESCRIPTION) @PathVariable String key,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return serve(key, uploads.require(Caller.of(identity), id, key), ifNoneMatch);
    }

    @Operation(summary = "A picture or long label of the file a share link shows (signing in is optional)",
            description = "For the upload:<key> references of the document GET /api/diagrams/links/{token} answered. "
                    + "The link is checked as there (password in X-Share-Password, revocation, expiry, team-only); "
                    + "fetching does not count as opening the link.")
    @ApiResponse(responseCode = "200", description = CONTENT_DESCRIPTION,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = NOT_MODIFIED_DESCRIPTION)
    @ApiResponse(responseCode = "403",
            description = "The link needs a password (X-Share-Password) or is for team members only.")
    @ApiResponse(responseCode = "404",
            description = "No such link, its file was deleted, or the file holds no such upload.")
    @ApiResponse(responseCode = "410", description = "The link has expired or was revoked.")
    @GetMapping("/links/{token}/uploads/{key}")
    ResponseEntity<byte[]> linkUpload(Optional<TrustedIdentity> identity, @PathVariable String token,
            @Parameter(description = KEY_DESCRIPTION) @PathVariable String key,
            @RequestHeader(name = Shares.PASSWORD_HEADER, required = false) String password,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        UUID fileId = shares.fileThroughLink(token, password, identity.map(Caller::of));
        return serve(key, uploads.requireHeld(fileId, key), ifNoneMatch);
    }

    @Operation(summary = "Store a picture put on the file's canvas (editors only)",
            description = "Pasted or inserted pictures go here first; the document then names the answer's key."
                    + " The type is read from the bytes and must be the one declared; SVG is refused; the pixels"
                    + " (UPLOAD_MAX_IMAGE_PIXELS) are read from the header; everything the file holds together is at"
                    + " most UPLOAD_MAX_BYTES_PER_FILE. Sending the same bytes again answers 200 with the same key.")
    @PictureStoreDocs
    @ApiResponse(responseCode = "403", description = "The caller may only view the file.")
    @ApiResponse(responseCode = "404", description = "No such file, or not one the caller may see.")
    @ApiResponse(responseCode = "409", description = "The file is in the trash.")
    @PostMapping("/{id}/uploads")
    ResponseEntity<Uploads.StoredPicture> store(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String type,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
            @Parameter(hidden = true) InputStream body) throws IOException, InterruptedException {
        // Who may store comes first: nothing of a stranger's body is read.
        Caller caller = Caller.of(identity);
        uploads.requireEditable(caller, id);
        return stored("/api/diagrams/" + id + "/uploads/",
                uploads.store(id, () -> uploads.requireEditable(caller, id), type, lengthOf(length), body));
    }

    @Operation(summary = "Store a picture put on the canvas through an edit link (signing in is optional)",
            description = "As POST /api/diagrams/{id}/uploads, for the holder of a link that lets them edit; the link"
                    + " is checked as for PATCH /api/diagrams/links/{token} (password in X-Share-Password).")
    @PictureStoreDocs
    @ApiResponse(responseCode = "403",
            description = "The link only lets its holder view, needs a password, or is for team members only.")
    @ApiResponse(responseCode = "404", description = "No such link, or its file was deleted.")
    @ApiResponse(responseCode = "410", description = "The link has expired or was revoked.")
    @PostMapping("/links/{token}/uploads")
    ResponseEntity<Uploads.StoredPicture> linkStore(Optional<TrustedIdentity> identity, @PathVariable String token,
            @RequestHeader(name = Shares.PASSWORD_HEADER, required = false) String password,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String type,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
            @Parameter(hidden = true) InputStream body) throws IOException, InterruptedException {
        Optional<Caller> caller = identity.map(Caller::of);
        UUID fileId = shares.fileEditableThroughLink(token, password, caller);
        return stored("/api/diagrams/links/" + token + "/uploads/", uploads.store(fileId,
                () -> shares.stillEditableThroughLink(token, caller), type, lengthOf(length), body));
    }

    private static ResponseEntity<Uploads.StoredPicture> stored(String servedUnder, Uploads.Stored stored) {
        Uploads.StoredPicture picture = stored.picture();
        if (!stored.created()) {
            return ResponseEntity.ok(picture);
        }
        return ResponseEntity.created(URI.create(servedUnder + picture.key())).body(picture);
    }

    private static long lengthOf(Long contentLength) {
        return contentLength == null ? -1 : contentLength;
    }

    /** Answers content the caller may see; 304 when they named its ETag. */
    private ResponseEntity<byte[]> serve(String key, String storedType, String ifNoneMatch) {
        String etag = "\"" + key + "\"";
        boolean unchanged = etag.equals(ifNoneMatch);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
            .eTag(etag)
            .cacheControl(CacheControl.maxAge(properties.cacheMaxAge()).cachePrivate().immutable())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; sandbox")
            .header("Cross-Origin-Resource-Policy", "same-origin")
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline().filename(key + extension(storedType)).build().toString());
        if (unchanged) {
            return answer.build();
        }
        Uploads.Content content = uploads.read(key, storedType);
        return answer.contentType(MediaType.parseMediaType(content.mediaType())).body(content.bytes());
    }

    private static String extension(String mediaType) {
        return ImageType.ofMediaType(mediaType).map(t -> "." + t.extension()).orElse(".txt");
    }

}
