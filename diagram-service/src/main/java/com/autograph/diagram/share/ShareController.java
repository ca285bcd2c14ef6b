package com.autograph.diagram.share;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.DiagramProperties;
import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.DiagramFile;
import com.autograph.diagram.file.FileType;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.diagram.user.UserDirectory;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/diagrams")
class ShareController {

    record UserShareRequest(
            @NotNull @Pattern(regexp = "view|edit", message = "must be view or edit") String permission) {
    }

    record LinkRequest(@NotNull @Pattern(regexp = "view|edit", message = "must be view or edit") String permission,
            Boolean teamOnly, @Size(min = 4, max = 72) String password, Integer expiresInDays, Integer versionNumber) {
    }

    record LinkEditRequest(
            @CodePointLength(min = 1, max = DiagramFile.MAX_TITLE_LENGTH) @Pattern(regexp = "(?s).*\\S.*",
                    message = "must not be blank") String title,
            @Pattern(regexp = "canvas|note|mixed", message = "must be canvas, note or mixed") String type,
            JsonNode canvasData, @CodePointLength(max = 1_000_000) String noteContent) {
    }

    record ShareList(List<ShareView> items, int page, int size, long total) {
    }

    private final Shares shares;

    private final DiagramProperties properties;

    private final UserDirectory users;

    ShareController(Shares shares, DiagramProperties properties, UserDirectory users) {
        this.shares = shares;
        this.properties = properties;
        this.users = users;
    }

    @Operation(summary = "List a file's shares and links")
    @GetMapping("/{id}/shares")
    ShareList list(TrustedIdentity identity, @PathVariable UUID id) {
        List<ShareView> items = shares.list(Caller.of(identity), id);
        return new ShareList(items, 0, items.size(), items.size());
    }

    @Operation(summary = "Share a file with a user, by user id or e-mail address")
    @ApiResponse(responseCode = "200", description = "The share, created or changed.")
    @ApiResponse(responseCode = "404", description = "The file is not found, or no account has the e-mail address.")
    @ApiResponse(responseCode = "422", description = "There is no such user, or it is you.")
    @PutMapping("/{id}/shares/users/{user}")
    ShareView shareWithUser(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = UserDirectory.USER_PARAMETER) @PathVariable String user,
            @Valid @RequestBody UserShareRequest request) {
        return shares.shareWithUser(Caller.of(identity), id, users.resolveOther(identity, user), request.permission());
    }

    @Operation(summary = "Stop sharing a file with a user, by user id or e-mail address")
    @DeleteMapping("/{id}/shares/users/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unshare(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = UserDirectory.USER_PARAMETER) @PathVariable String user) {
        shares.unshareUser(Caller.of(identity), id, users.resolve(identity, user));
    }

    @Operation(summary = "Create a share link")
    @ApiResponse(responseCode = "422",
            description = "The link's settings are invalid (team-only without a team, unknown version, expiry).")
    @PostMapping("/{id}/links")
    @ResponseStatus(HttpStatus.CREATED)
    ShareView createLink(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody LinkRequest request) {
        return shares.createLink(Caller.of(identity), id, request.permission(), Boolean.TRUE.equals(request.teamOnly()),
                request.password(), request.expiresInDays(), request.versionNumber());
    }

    @Operation(summary = "Revoke a share link")
    @DeleteMapping("/{id}/links/{shareId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeLink(TrustedIdentity identity, @PathVariable UUID id, @PathVariable UUID shareId) {
        shares.revokeLink(Caller.of(identity), id, shareId);
    }

    /** Opening a link; signing in is optional (needed for team-only links). */
    @Operation(summary = "Open a share link (signing in is optional)")
    @ApiResponse(responseCode = "200", description = "The file (or the linked version) and what the link allows.")
    @ApiResponse(responseCode = "403",
            description = "The link needs a password (X-Share-Password) or is for team members only.")
    @ApiResponse(responseCode = "410", description = "The link has expired or was revoked.")
    @GetMapping("/links/{token}")
    ResponseEntity<Shares.LinkView> open(Optional<TrustedIdentity> identity, @PathVariable String token,
            @RequestHeader(name = Shares.PASSWORD_HEADER, required = false) String password) {
        Shares.LinkView view = shares.open(token, password, identity.map(Caller::of));
        return ResponseEntity.ok().eTag(view.file().file().etag()).body(view);
    }

    @Operation(summary = "Change a file through an edit link")
    @ApiResponse(responseCode = "200", description = "The changed file; ETag is its new version.")
    @ApiResponse(responseCode = "403",
            description = "The link needs a password, is view-only or for team members only.")
    @ApiResponse(responseCode = "410", description = "The link has expired or was revoked.")
    @ApiResponse(responseCode = "428",
            description = "If-Match is missing: a write must name the version it read (its ETag).")
    @ApiResponse(responseCode = "422",
            description = "canvas_data is not a valid diagram document; the problem says where.")
    @PatchMapping("/links/{token}")
    ResponseEntity<FileView> edit(Optional<TrustedIdentity> identity, @PathVariable String token,
            @RequestHeader(name = Shares.PASSWORD_HEADER, required = false) String password,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody LinkEditRequest request) {
        FileView view = shares.edit(token, password, identity.map(Caller::of), ifMatch,
                new Files.Change(request.title(),
                        request.type() == null ? null : FileType.of(request.type()).orElseThrow(), request.canvasData(),
                        request.noteContent()));
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    /**
     * oEmbed 1.0 (rich) for a public, password-free link URL, so chat tools and wikis can
     * preview it.
     */
    @Operation(summary = "oEmbed description of a public share link")
    @ApiResponse(responseCode = "200", description = "The oEmbed JSON.")
    @ApiResponse(responseCode = "501", description = "Only format=json is offered.")
    @GetMapping("/oembed")
    Map<String, Object> oembed(@RequestParam String url, @RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) Integer maxwidth, @RequestParam(required = false) Integer maxheight) {
        if (!"json".equals(format)) {
            throw new ApiException(HttpStatus.NOT_IMPLEMENTED, "format_not_supported", "Only format=json is offered.");
        }
        String prefix = properties.publicUrl() + "/s/";
        if (!url.startsWith(prefix)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "The URL is not an AutoGraph share link (" + prefix + "…).");
        }
        String token = url.substring(prefix.length());
        DiagramFile file = shares.embeddable(token)
            .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "The link cannot be embedded: it is unknown, revoked, expired, team-only or password-protected."));
        int width = Math.min(maxwidth == null ? 800 : maxwidth, 1600);
        int height = Math.min(maxheight == null ? 600 : maxheight, 1200);
        Map<String, Object> oembed = new LinkedHashMap<>();
        oembed.put("version", "1.0");
        oembed.put("type", "rich");
        oembed.put("provider_name", "AutoGraph");
        oembed.put("provider_url", properties.publicUrl());
        oembed.put("title", file.title());
        oembed.put("width", width);
        oembed.put("height", height);
        oembed.put("html", "<iframe src=\"" + properties.publicUrl() + "/embed/" + token + "\" width=\"" + width
                + "\" height=\"" + height + "\" style=\"border:0\" allowfullscreen></iframe>");
        return oembed;
    }

}
