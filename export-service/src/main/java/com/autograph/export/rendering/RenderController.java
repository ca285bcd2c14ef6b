package com.autograph.export.rendering;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.ModelLimits;
import com.autograph.export.diagrams.DiagramService;
import com.autograph.export.diagrams.FileContent;
import com.autograph.export.history.ExportHistory;
import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.export.source.Sources;
import com.autograph.export.web.Callers;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.CodePointLength;

import tools.jackson.databind.JsonNode;

/**
 * Renders a file (its head or a version, read from diagram-service with the caller's
 * rights), a posted document, or posted diagram code, to any {@link ExportFormat}.
 * Answers carry the render's ETag (its cache key); {@code If-None-Match} with it gives
 * 304 without rendering. A delivered export of a file counts in its {@code export_count}
 * and in the caller's history.
 */
@RestController
@Validated
@RequestMapping("/api/export")
class RenderController {

    private static final Logger log = LoggerFactory.getLogger(RenderController.class);
    static final String FORMAT = "svg, png, pdf, md (markdown), html, json, mermaid, plantuml, eraser, drawio or excalidraw.";
    static final String IMAGE = "The export: image/svg+xml, image/png, application/pdf, text/markdown, text/html, "
            + "application/json or the source format's type. ETag is the render's cache key; X-Export-Cache says hit or miss.";

    record DocumentRequest(@NotNull JsonNode document, @CodePointLength(max = 255) String title,
            @CodePointLength(max = 1_000_000) String noteContent, @Valid OptionsBody options) {
    }

    record CodeRequest(@NotNull @Size(max = 10_485_760) String code, @CodePointLength(max = 255) String title,
            @Valid OptionsBody options) {
    }

    record Formats(List<String> formats, List<String> languages) {
    }

    private final DiagramService diagrams;

    private final Exporter exporter;

    private final Sources sources;

    private final ExportHistory history;

    private final ModelLimits limits;

    RenderController(DiagramService diagrams, Exporter exporter, Sources sources, ExportHistory history,
            ModelLimits limits) {
        this.diagrams = diagrams;
        this.exporter = exporter;
        this.sources = sources;
        this.history = history;
        this.limits = limits;
    }

    @Operation(summary = "The export formats and the diagram languages posted code may be written in")
    @GetMapping("/formats")
    Formats formats(TrustedIdentity identity) {
        return new Formats(java.util.Arrays.stream(ExportFormat.values()).map(ExportFormat::id).toList(),
                sources.languages());
    }

    @Operation(summary = "Export a file (its head, or a version) to a format")
    @ApiResponse(responseCode = "200", description = IMAGE,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names this render's ETag: the client has it.")
    @ApiResponse(responseCode = "422", description = "The picture would be over a render limit; the problem names it.")
    @PostMapping("/files/{id}/{format}")
    ResponseEntity<byte[]> file(TrustedIdentity identity, @PathVariable UUID id,
            @Parameter(description = FORMAT) @PathVariable String format,
            @RequestParam(required = false) @Positive @Max(Integer.MAX_VALUE) Integer version,
            @Parameter(description = "Only these shape ids, comma-separated, cropped tightly.") @RequestParam(
                    required = false) String shapes,
            @Parameter(description = "Only this frame (a shape id) and what is in it.") @RequestParam(
                    required = false) String frame,
            @Parameter(description = "Px of room around the drawing, 0–1000 (default 16).") @RequestParam(
                    required = false) String padding,
            @Parameter(description = "document (default), transparent, white, #rgb or #rrggbb.") @RequestParam(
                    required = false) String background,
            @Parameter(description = "PNG scale: 1, 2 or 4.") @RequestParam(required = false) String scale,
            @Parameter(description = "PDF page: fit (default), a4 or letter.") @RequestParam(
                    required = false) String page,
            @Parameter(description = "PDF: tile the drawing at 100 % over pages (needs page a4/letter).") @RequestParam(
                    required = false) String tiled,
            @Parameter(description = "Sketchy, hand-drawn strokes.") @RequestParam(name = "hand_drawn",
                    required = false) String handDrawn,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ExportFormat target = ExportFormat.of(format);
        RenderOptions options = OptionsBody.fromQuery(shapes, frame, padding, background, scale, page, tiled,
                handDrawn);
        FileContent content = diagrams.content(identity, id, version);
        RenderInput input = new RenderInput(document(content), content.title(), content.noteContent());
        String etag = Exporter.etag(target, input, options);
        if (Responses.matches(ifNoneMatch, etag)) {
            return Responses.notModified(etag);
        }
        Exporter.Export export = exporter.export(target, input, options);
        history.record(Callers.userId(identity), id, version, null, ExportHistory.Source.FILE, target.id(),
                export.bytes().length);
        countExport(identity, id, target);
        return Responses.ok(export, target, content.title() + (version == null ? "" : " v" + version));
    }

    @Operation(summary = "Export a posted document (the canonical JSON) to a format")
    @ApiResponse(responseCode = "200", description = IMAGE,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names this render's ETag: the client has it.")
    @ApiResponse(responseCode = "422",
            description = "The document is invalid, or the picture would be over a render limit.")
    @PostMapping("/render/document/{format}")
    ResponseEntity<byte[]> document(TrustedIdentity identity,
            @Parameter(description = FORMAT) @PathVariable String format, @Valid @RequestBody DocumentRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ExportFormat target = ExportFormat.of(format);
        RenderOptions options = OptionsBody.toOptions(request.options());
        DiagramDocument document = DocumentCodec.read(request.document(), limits);
        return posted(identity, target, new RenderInput(document, request.title(), request.noteContent()), options,
                ExportHistory.Source.DOCUMENT, ifNoneMatch);
    }

    @Operation(
            summary = "Export posted diagram code (Mermaid, PlantUML, Eraser-style, Structurizr DSL, D2, draw.io, Excalidraw or tldraw) to a format")
    @ApiResponse(responseCode = "200", description = IMAGE,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names this render's ETag: the client has it.")
    @ApiResponse(responseCode = "413", description = "The code is longer than EXPORT_MAX_SOURCE_BYTES.")
    @ApiResponse(responseCode = "422", description = "The picture would be over a render limit; the problem names it.")
    @PostMapping("/render/{language}/{format}")
    ResponseEntity<byte[]> code(TrustedIdentity identity, @Parameter(
            description = "mermaid, plantuml, eraser, structurizr, d2, drawio, excalidraw or tldraw (GET /api/export/formats).") @PathVariable String language,
            @Parameter(description = FORMAT) @PathVariable String format, @Valid @RequestBody CodeRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ExportFormat target = ExportFormat.of(format);
        RenderOptions options = OptionsBody.toOptions(request.options());
        DiagramDocument document = sources.read(language, request.code());
        return posted(identity, target, new RenderInput(document, request.title(), null), options,
                ExportHistory.Source.CODE, ifNoneMatch);
    }

    private ResponseEntity<byte[]> posted(TrustedIdentity identity, ExportFormat target, RenderInput input,
            RenderOptions options, ExportHistory.Source source, String ifNoneMatch) {
        String etag = Exporter.etag(target, input, options);
        if (Responses.matches(ifNoneMatch, etag)) {
            return Responses.notModified(etag);
        }
        Exporter.Export export = exporter.export(target, input, options);
        history.record(Callers.userId(identity), null, null, null, source, target.id(), export.bytes().length);
        return Responses.ok(export, target, input.title());
    }

    /** A file's stored document; diagram-service validated it when it was saved. */
    static DiagramDocument document(FileContent content) {
        if (content.canvasData() == null || content.canvasData().isNull()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "diagram_service_unavailable",
                    "diagram-service sent the file without its content; retry shortly.");
        }
        return DocumentCodec.read(content.canvasData());
    }

    /**
     * export_count counts delivered exports; a failure to count is logged, the export
     * still served.
     */
    private void countExport(TrustedIdentity identity, UUID fileId, ExportFormat format) {
        try {
            diagrams.recordExport(identity, fileId, format == ExportFormat.MARKDOWN ? "markdown" : format.id());
        }
        catch (RuntimeException ex) {
            log.warn("Could not count an export of file {}: {}", fileId, ex.getMessage());
        }
    }

}
