package com.autograph.export.kroki;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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

import com.autograph.export.ExportProperties;
import com.autograph.export.render.ExportFormat;
import com.autograph.export.render.RenderInput;
import com.autograph.export.render.RenderOptions;
import com.autograph.export.rendering.Exporter;
import com.autograph.export.rendering.Responses;
import com.autograph.export.source.Sources;
import com.autograph.shared.error.ApiException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kroki's HTTP API for the languages AutoGraph reads, so that Asciidoctor, MkDocs and
 * GitLab's Kroki integration can point at {@code <gateway>/api/export/kroki}: the same
 * paths, the same encoding ({@link KrokiSource}), status codes and Content-Types. Errors
 * are written as Kroki writes them ({@link KrokiErrors}), with Kroki's status codes: 400
 * for a source that does not decode or parse, or an output format the type does not have;
 * 404 for an unknown diagram type. Public (no sign-in) at the gateway, counted per client
 * address by its rate limit, and switched off with {@code EXPORT_KROKI_ENABLED=false}
 * (then every path answers 404).
 */
@RestController
@RequestMapping("/api/export/kroki")
class KrokiController {

    /** Kroki's type names for what AutoGraph reads. */
    static final List<String> TYPES = List.of("mermaid", "plantuml", "eraser", "drawio", "excalidraw");

    /** The pictures Kroki answers with. */
    static final Set<ExportFormat> FORMATS = Set.of(ExportFormat.SVG, ExportFormat.PNG, ExportFormat.PDF);

    private static final String OK = "The picture: image/svg+xml, image/png or application/pdf, as Kroki answers.";

    private final ExportProperties properties;

    private final Sources sources;

    private final Exporter exporter;

    private final JsonMapper json;

    KrokiController(ExportProperties properties, Sources sources, Exporter exporter, JsonMapper json) {
        this.properties = properties;
        this.sources = sources;
        this.exporter = exporter;
        this.json = json;
    }

    @Operation(summary = "Kroki-compatible: render a diagram whose source is in the URL (deflate + base64url)")
    @ApiResponse(responseCode = "200", description = OK,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names this render's ETag.")
    @ApiResponse(responseCode = "404", description = "Unknown diagram type, or the Kroki API is switched off.")
    @ApiResponse(responseCode = "413", description = "The inflated source is larger than EXPORT_MAX_SOURCE_BYTES.")
    @ApiResponse(responseCode = "422", description = "The picture would be over a render limit.")
    @GetMapping("/{type}/{format}/{source}")
    ResponseEntity<byte[]> get(
            @Parameter(description = "mermaid, plantuml, eraser, drawio or excalidraw.") @PathVariable String type,
            @Parameter(description = "svg, png or pdf.") @PathVariable String format,
            @Parameter(
                    description = "The source, UTF-8, zlib-deflated, base64 with the URL-safe alphabet.") @PathVariable String source,
            HttpServletRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        requireEnabled();
        ExportFormat target = target(type, format);
        return render(type, target, KrokiSource.decode(source, maxBytes()), request, ifNoneMatch);
    }

    @Operation(
            summary = "Kroki-compatible: render a diagram whose source is the body (plain text, or JSON with diagram_source)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = { @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = KrokiRequest.class)) })
    @ApiResponse(responseCode = "200", description = OK,
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match names this render's ETag.")
    @ApiResponse(responseCode = "404", description = "Unknown diagram type, or the Kroki API is switched off.")
    @ApiResponse(responseCode = "413", description = "The source is larger than EXPORT_MAX_SOURCE_BYTES.")
    @ApiResponse(responseCode = "422", description = "The picture would be over a render limit.")
    @PostMapping("/{type}/{format}")
    ResponseEntity<byte[]> post(
            @Parameter(description = "mermaid, plantuml, eraser, drawio or excalidraw.") @PathVariable String type,
            @Parameter(description = "svg, png or pdf.") @PathVariable String format, HttpServletRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) throws IOException {
        requireEnabled();
        ExportFormat target = target(type, format);
        String body = KrokiSource.read(request.getInputStream(), maxBytes());
        String source = body;
        MediaType contentType = request.getContentType() == null ? MediaType.TEXT_PLAIN
                : parse(request.getContentType());
        if (MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            source = jsonSource(body);
        }
        if (source.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The diagram source is empty.");
        }
        return render(type, target, source, request, ifNoneMatch);
    }

    /**
     * {@code {"diagram_source": "...", "diagram_type"?, "output_format"?}}, as Kroki
     * reads it.
     */
    record KrokiRequest(String diagramSource, String diagramType, String outputFormat) {
    }

    private String jsonSource(String body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        }
        catch (RuntimeException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_body", "The body is not JSON.");
        }
        JsonNode source = tree.path("diagram_source");
        if (!source.isString() || source.stringValue().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    "Field diagram_source must not be empty.");
        }
        return source.stringValue();
    }

    private ResponseEntity<byte[]> render(String type, ExportFormat target, String source, HttpServletRequest request,
            String ifNoneMatch) {
        // Kroki passes diagram options as query parameters; AutoGraph's own (scale,
        // background…) are read, others ignored.
        Map<String, String> options = new java.util.HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0 && RenderOptions.PARAMETERS.contains(name)) {
                options.put(name, values[0]);
            }
        });
        RenderOptions renderOptions = RenderOptions.fromParameters(options);
        RenderInput input = RenderInput.of(sources.read(type, source));
        String etag = Exporter.etag(target, input, renderOptions);
        if (Responses.matches(ifNoneMatch, etag)) {
            return Responses.notModified(etag);
        }
        return Responses.ok(exporter.export(target, input, renderOptions), target, "diagram");
    }

    private ExportFormat target(String type, String format) {
        if (!TYPES.contains(type)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "unknown_diagram_type",
                    "Unsupported diagram type; one of " + TYPES + ".");
        }
        return ExportFormat.find(format)
            .filter(FORMATS::contains)
            .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "unsupported_output_format",
                    "Unsupported output format for " + type + "; must be one of svg, png or pdf."));
    }

    private void requireEnabled() {
        if (!properties.kroki().enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "kroki_disabled",
                    "The Kroki-compatible API is switched off on this installation (EXPORT_KROKI_ENABLED).");
        }
    }

    private long maxBytes() {
        return properties.maxSourceBytes().toBytes();
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        }
        catch (RuntimeException ex) {
            return MediaType.TEXT_PLAIN;
        }
    }

}
