package com.autograph.diagram.version;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.FileQueries;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.web.Parameters;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;
import com.autograph.shared.text.Text;

import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/diagrams/{id}/versions")
class VersionController {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    record SaveRequest(@CodePointLength(max = MAX_DESCRIPTION_LENGTH) String description,
            @CodePointLength(max = MAX_LABEL_LENGTH) String label) {
    }

    record ChangeRequest(@CodePointLength(max = MAX_LABEL_LENGTH) String label,
            @CodePointLength(max = MAX_DESCRIPTION_LENGTH) String description, Boolean locked) {
    }

    private final Versions versions;

    VersionController(Versions versions) {
        this.versions = versions;
    }

    @Operation(summary = "List a file's versions")
    @GetMapping
    FileQueries.Page<VersionSummary> list(TrustedIdentity identity, @PathVariable UUID id,
            @RequestParam(required = false) String q,
            @RequestParam(name = "created_after", required = false) Instant createdAfter,
            @RequestParam(name = "created_before", required = false) Instant createdBefore,
            @RequestParam(required = false) String author, @RequestParam(required = false) Boolean labelled,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Caller caller = Caller.of(identity);
        if (q != null && (q.isBlank() || Text.length(q) > 200)) {
            throw Parameters.invalid("q", "must be 1 to 200 characters");
        }
        UUID authorId = author == null ? null : "me".equals(author) ? caller.userId() : uuid("author", author);
        return versions.list(caller, id, new Versions.Query(q == null ? null : q.strip(), createdAfter, createdBefore,
                authorId, labelled, Parameters.page(page), Parameters.size(size, MAX_PAGE_SIZE)));
    }

    /**
     * Saves the head as it is now as the next version (an explicit save without a content
     * change).
     */
    @Operation(summary = "Save the file's current content as a version")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new version.")
    @ApiResponse(responseCode = "409",
            description = "The content has not changed since the last version, or the file is in the trash.")
    @PostMapping
    ResponseEntity<VersionSummary> save(TrustedIdentity identity, @PathVariable UUID id,
            @Valid @RequestBody(required = false) SaveRequest request) {
        SaveRequest body = request == null ? new SaveRequest(null, null) : request;
        VersionSummary version = versions.saveHead(Caller.of(identity), id, body.description(), body.label());
        return ResponseEntity.created(URI.create("/api/diagrams/" + id + "/versions/" + version.versionNumber()))
            .eTag(version.etag())
            .body(version);
    }

    @Operation(summary = "Version statistics of a file")
    @GetMapping("/stats")
    VersionStats stats(TrustedIdentity identity, @PathVariable UUID id) {
        return versions.stats(Caller.of(identity), id);
    }

    /**
     * {@code from} and {@code to}: a version number or {@code head} (the default for
     * {@code to}).
     */
    @Operation(summary = "Compare two versions of a file")
    @GetMapping("/diff")
    ObjectNode diff(TrustedIdentity identity, @PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(defaultValue = "head") String to) {
        if (from == null) {
            throw Parameters.invalid("from", "is required: a version number or head");
        }
        return versions.diff(Caller.of(identity), id, side("from", from), side("to", to));
    }

    @Operation(summary = "Open a version")
    @GetMapping("/{number}")
    ResponseEntity<VersionView> get(TrustedIdentity identity, @PathVariable UUID id, @PathVariable int number) {
        VersionView version = versions.get(Caller.of(identity), id, number);
        return ResponseEntity.ok().eTag(version.version().etag()).body(version);
    }

    /**
     * If-Match is optional here: when sent, a stale ETag gets 412 and nothing changes.
     */
    @Operation(summary = "Label, describe or lock a version")
    @PatchMapping("/{number}")
    ResponseEntity<VersionSummary> change(TrustedIdentity identity, @PathVariable UUID id, @PathVariable int number,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ChangeRequest request) {
        VersionSummary version = versions.change(Caller.of(identity), id, number, ifMatch,
                new Versions.Change(request.label(), request.description(), request.locked()));
        return ResponseEntity.ok().eTag(version.etag()).body(version);
    }

    @Operation(summary = "Delete a version")
    @ApiResponse(responseCode = "409", description = "The version is locked.")
    @DeleteMapping("/{number}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id, @PathVariable int number,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        versions.delete(Caller.of(identity), id, number, ifMatch);
    }

    /**
     * Like an update: needs If-Match with the file's current ETag (412 when the head
     * moved on).
     */
    @Operation(summary = "Restore a version as the file's content")
    @ApiResponse(responseCode = "200", description = "The file with the version's content; ETag is its new version.")
    @ApiResponse(responseCode = "428",
            description = "If-Match is missing: a write must name the version it read (its ETag).")
    @ApiResponse(responseCode = "409", description = "The file is in the trash.")
    @PostMapping("/{number}/restore")
    ResponseEntity<FileView> restore(TrustedIdentity identity, @PathVariable UUID id, @PathVariable int number,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        FileView view = versions.restore(Caller.of(identity), id, number, ifMatch);
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    @Operation(summary = "Fork a version into a new file")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new file.")
    @PostMapping("/{number}/fork")
    ResponseEntity<FileView> fork(TrustedIdentity identity, @PathVariable UUID id, @PathVariable int number) {
        FileView view = versions.fork(Caller.of(identity), id, number);
        return ResponseEntity.created(URI.create("/api/diagrams/" + view.file().id()))
            .eTag(view.file().etag())
            .body(view);
    }

    private static Versions.Side side(String name, String value) {
        if ("head".equals(value)) {
            return Versions.Side.HEAD;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return new Versions.Side(number);
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw Parameters.invalid(name, "must be a version number (1 or more) or head, not '" + value + "'");
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            throw Parameters.invalid(name, "must be a user id or me, not '" + value + "'");
        }
    }

}
