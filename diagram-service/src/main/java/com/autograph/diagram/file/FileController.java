package com.autograph.diagram.file;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.context.request.WebRequest;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.web.Parameters;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/diagrams")
class FileController {

    static final String TYPES = "canvas|note|mixed";
    static final String TYPES_MESSAGE = "must be canvas, note or mixed";
    static final int MAX_NOTE_LENGTH = 1_000_000;

    record CreateRequest(@NotBlank @CodePointLength(max = DiagramFile.MAX_TITLE_LENGTH) String title,
            @NotNull @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type, JsonNode canvasData,
            @CodePointLength(max = MAX_NOTE_LENGTH) String noteContent, UUID folderId, UUID teamId) {
    }

    /** PUT: the whole editable content. */
    record ReplaceRequest(@NotBlank @CodePointLength(max = DiagramFile.MAX_TITLE_LENGTH) String title,
            @NotNull @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type, @NotNull JsonNode canvasData,
            @NotNull @CodePointLength(max = MAX_NOTE_LENGTH) String noteContent) {
    }

    /** PATCH: any subset; absent fields stay. */
    record PatchRequest(
            @CodePointLength(min = 1, max = DiagramFile.MAX_TITLE_LENGTH) @Pattern(regexp = "(?s).*\\S.*",
                    message = "must not be blank") String title,
            @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type, JsonNode canvasData,
            @CodePointLength(max = MAX_NOTE_LENGTH) String noteContent) {
    }

    /**
     * folder_id must be there: an explicit null moves to the top level, so a forgotten
     * field must not. A class, not a record: the setter tells an explicit null from an
     * absent field.
     */
    static final class MoveRequest {

        private UUID folderId;

        private boolean given;

        public UUID getFolderId() {
            return folderId;
        }

        public void setFolderId(UUID folderId) {
            this.folderId = folderId;
            this.given = true;
        }

        UUID target() {
            return Parameters.moveTarget("folder_id", given, folderId);
        }

    }

    /** What export-service renders (DESIGN.md); anything else is not an export. */
    record ExportRequest(@NotNull @Pattern(regexp = EXPORT_FORMATS,
            message = "must be one of svg, png, pdf, markdown, html, json, mermaid, plantuml, eraser, drawio, excalidraw") String format) {
    }

    static final String EXPORT_FORMATS = "svg|png|pdf|markdown|html|json|mermaid|plantuml|eraser|drawio|excalidraw";

    private final Files files;

    private final FileQueries queries;

    FileController(Files files, FileQueries queries) {
        this.files = files;
        this.queries = queries;
    }

    @Operation(summary = "Create a file")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new file.")
    @ApiResponse(responseCode = "422",
            description = "canvas_data is not a valid diagram document; the problem says where.")
    @PostMapping
    ResponseEntity<FileView> create(TrustedIdentity identity, @Valid @RequestBody CreateRequest request) {
        FileView view = files.create(Caller.of(identity), new Files.Create(request.title(), type(request.type()),
                request.canvasData(), request.noteContent(), request.folderId(), request.teamId()));
        return ResponseEntity.created(URI.create("/api/diagrams/" + view.file().id()))
            .eTag(view.file().etag())
            .body(view);
    }

    @Operation(summary = "List files you can open")
    @GetMapping
    FileQueries.Page<FileSummary> list(TrustedIdentity identity, @ParameterObject ListParameters filters,
            @RequestParam(defaultValue = "updated") String sort, @RequestParam(required = false) String order) {
        Caller caller = Caller.of(identity);
        return queries.list(caller, filters.query(caller, sort, order));
    }

    /**
     * The read path every open takes, kept cheap per request: the body is returned as it
     * is rather than in a {@code ResponseEntity} (whose return handler is chosen by
     * generic type checks on every call), and {@code produces} spares asking every
     * converter what it could write. The ETag and the 304 are the same as before.
     */
    @Operation(summary = "Open a file")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    FileView get(TrustedIdentity identity, @PathVariable UUID id, WebRequest request) {
        FileView view = files.open(Caller.of(identity), id);
        return request.checkNotModified(view.file().etag()) ? null : view;
    }

    /**
     * {@code save=true}: an explicit save (Ctrl+S); the new head becomes a version unless
     * history has it.
     */
    @Operation(summary = "Replace a file's content")
    @ApiResponse(responseCode = "200", description = "The changed file; ETag is its new version.")
    @ApiResponse(responseCode = "428",
            description = "If-Match is missing: a write must name the version it read (its ETag).")
    @ApiResponse(responseCode = "422",
            description = "canvas_data is not a valid diagram document; the problem says where.")
    @PutMapping("/{id}")
    ResponseEntity<FileView> replace(TrustedIdentity identity, @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean save, @Valid @RequestBody ReplaceRequest request) {
        FileView view = files.change(Caller.of(identity), id, ifMatch,
                new Files.Change(request.title(), type(request.type()), request.canvasData(), request.noteContent()),
                save);
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    @Operation(summary = "Change some of a file's fields")
    @ApiResponse(responseCode = "200", description = "The changed file; ETag is its new version.")
    @ApiResponse(responseCode = "428",
            description = "If-Match is missing: a write must name the version it read (its ETag).")
    @ApiResponse(responseCode = "422",
            description = "canvas_data is not a valid diagram document; the problem says where.")
    @PatchMapping("/{id}")
    ResponseEntity<FileView> patch(TrustedIdentity identity, @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean save, @Valid @RequestBody PatchRequest request) {
        FileView view = files.change(Caller.of(identity), id, ifMatch, new Files.Change(request.title(),
                request.type() == null ? null : type(request.type()), request.canvasData(), request.noteContent()),
                save);
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    /**
     * To the trash, or with {@code permanent=true} gone for good (owner or team admin
     * only).
     */
    @Operation(summary = "Move a file to the trash, or delete it permanently")
    @ApiResponse(responseCode = "409", description = "permanent=true needs the file in the trash first.")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(TrustedIdentity identity, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean permanent) {
        if (permanent) {
            files.deletePermanently(Caller.of(identity), id);
        }
        else {
            files.trash(Caller.of(identity), id);
        }
    }

    @Operation(summary = "Restore a file from the trash")
    @ApiResponse(responseCode = "200", description = "The file, out of the trash.")
    @ApiResponse(responseCode = "409", description = "The file is not in the trash.")
    @PostMapping("/{id}/restore")
    ResponseEntity<FileView> restore(TrustedIdentity identity, @PathVariable UUID id) {
        FileView view = files.restore(Caller.of(identity), id);
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    @Operation(summary = "Duplicate a file")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new file.")
    @PostMapping("/{id}/duplicate")
    ResponseEntity<FileView> duplicate(TrustedIdentity identity, @PathVariable UUID id) {
        FileView view = files.duplicate(Caller.of(identity), id);
        return ResponseEntity.created(URI.create("/api/diagrams/" + view.file().id()))
            .eTag(view.file().etag())
            .body(view);
    }

    @Operation(summary = "Move a file into a folder, or to the top level")
    @PostMapping("/{id}/move")
    ResponseEntity<FileView> move(TrustedIdentity identity, @PathVariable UUID id, @RequestBody MoveRequest request) {
        FileView view = files.move(Caller.of(identity), id, request.target());
        return ResponseEntity.ok().eTag(view.file().etag()).body(view);
    }

    @Operation(summary = "Star a file")
    @PutMapping("/{id}/star")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void star(TrustedIdentity identity, @PathVariable UUID id) {
        files.star(Caller.of(identity), id, true);
    }

    @Operation(summary = "Unstar a file")
    @DeleteMapping("/{id}/star")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unstar(TrustedIdentity identity, @PathVariable UUID id) {
        files.star(Caller.of(identity), id, false);
    }

    /** For export-service: one render of the file happened (counted in export_count). */
    @Operation(summary = "Record that a file was exported")
    @PostMapping("/{id}/exports")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordExport(TrustedIdentity identity, @PathVariable UUID id, @Valid @RequestBody ExportRequest request) {
        files.recordExport(Caller.of(identity), id, request.format());
    }

    private static FileType type(String value) {
        return FileType.of(value).orElseThrow();
    }

}
