package com.autograph.diagram.code;

import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.document.mermaid.MermaidFormatter;
import com.autograph.document.mermaid.MermaidSnippets;
import com.autograph.document.quality.DiagramQuality;
import com.autograph.document.quality.QualityReport;
import com.autograph.shared.error.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Diagram-as-code and geometry, on documents sent in the request: parse code to a
 * document, render a document as code, format code, lay a document out, score its
 * readability, and the snippet library. Stateless: nothing is stored.
 */
@RestController
@RequestMapping("/api/diagrams")
class DiagramCodeController {

    /**
     * One megabyte of code is far beyond any hand-written diagram; the gateway limits
     * bodies too.
     */
    static final int MAX_CODE_LENGTH = 1_000_000;

    record CodeRequest(@NotBlank @Size(max = 32) String language, @NotNull @Size(max = MAX_CODE_LENGTH) String code) {
    }

    record ParseResponse(String language, boolean ok, JsonNode document, List<CodeError> errors) {
    }

    record RenderRequest(@NotBlank @Size(max = 32) String language, @NotNull JsonNode document) {
    }

    record CodeResponse(String language, String code) {
    }

    /**
     * node_spacing has the range of {@link LayoutOptions}: checked here, it is a 400
     * naming the field.
     */
    record LayoutRequest(@NotNull JsonNode document, @Size(max = 32) String algorithm, @Size(max = 32) String direction,
            @PositiveOrZero @DecimalMax("10000") Double nodeSpacing, @Size(max = 32) String edgeRouting) {
    }

    record LayoutResponse(JsonNode document, QualityReport quality) {
    }

    record QualityRequest(@NotNull JsonNode document, @Positive @DecimalMax("10000") Double spacingTarget) {
    }

    record Languages(List<String> items, int page, int size, long total) {
    }

    record Snippets(List<MermaidSnippets.Snippet> items, int page, int size, long total) {
    }

    private final ModelLimits limits;

    DiagramCodeController(ModelLimits limits) {
        this.limits = limits;
    }

    @Operation(summary = "List the diagram-as-code languages")
    @GetMapping("/code/languages")
    Languages languages() {
        List<String> ids = DiagramLanguages.all().stream().map(DiagramLanguage::id).sorted().toList();
        return new Languages(ids, 0, ids.size(), ids.size());
    }

    /**
     * Always 200 when the language exists: code errors are data (line, column,
     * suggestion), not a failure.
     */
    @Operation(summary = "Parse diagram code into a document")
    @ApiResponse(responseCode = "200", description = "The document, or the errors with their positions.")
    @ApiResponse(responseCode = "422", description = "The code cannot be parsed, or the language is unknown.")
    @PostMapping("/code/parse")
    ParseResponse parse(@Valid @RequestBody CodeRequest request) {
        DiagramLanguage language = language(request.language());
        ParseResult result = language.parse(request.code(), limits);
        return new ParseResponse(language.id(), result.ok(), DocumentCodec.toTree(result.document()), result.errors());
    }

    @Operation(summary = "Render a document as diagram code")
    @ApiResponse(responseCode = "200", description = "The code.")
    @ApiResponse(responseCode = "422", description = "The document is invalid, or the language is unknown.")
    @PostMapping("/render-code")
    CodeResponse render(@Valid @RequestBody RenderRequest request) {
        DiagramLanguage language = language(request.language());
        return new CodeResponse(language.id(), language.render(DocumentPayload.read(request.document(), limits)));
    }

    @Operation(summary = "Format diagram code")
    @ApiResponse(responseCode = "200", description = "The formatted code.")
    @ApiResponse(responseCode = "422",
            description = "The code cannot be parsed, or the language is unknown or cannot be formatted.")
    @PostMapping("/code/format")
    CodeResponse format(@Valid @RequestBody CodeRequest request) {
        String id = language(request.language()).id();
        if (!id.equals("mermaid")) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "format_unsupported",
                    "Formatting is available for mermaid code; " + id + " is rendered canonically by render-code.");
        }
        return new CodeResponse(id, MermaidFormatter.format(request.code()));
    }

    @Operation(summary = "List the diagram-as-code snippets")
    @GetMapping("/code/snippets")
    Snippets snippets() {
        List<MermaidSnippets.Snippet> all = MermaidSnippets.all();
        return new Snippets(all, 0, all.size(), all.size());
    }

    @Operation(summary = "Lay out a document automatically")
    @ApiResponse(responseCode = "200", description = "The document with new positions.")
    @ApiResponse(responseCode = "422", description = "The document or the layout settings are invalid.")
    @PostMapping("/layout")
    LayoutResponse layout(@Valid @RequestBody LayoutRequest request) {
        DiagramDocument document = DocumentPayload.read(request.document(), limits);
        LayoutOptions options = LayoutOptions.defaults()
            .withAlgorithm(DocumentPayload.option("algorithm", request.algorithm(), LayoutOptions.Algorithm.class,
                    LayoutOptions.DEFAULTS.algorithm()))
            .withDirection(DocumentPayload.option("direction", request.direction(), LayoutOptions.Direction.class,
                    LayoutOptions.DEFAULTS.direction()))
            .withEdgeRouting(DocumentPayload.option("edge_routing", request.edgeRouting(),
                    LayoutOptions.EdgeRouting.class, LayoutOptions.DEFAULTS.edgeRouting()));
        if (request.nodeSpacing() != null) {
            options = options.withNodeSpacing(request.nodeSpacing());
        }
        DiagramDocument laidOut = DiagramLayout.layout(document, options, limits);
        return new LayoutResponse(DocumentCodec.toTree(laidOut), DiagramQuality.measure(laidOut));
    }

    @Operation(summary = "Check a document's quality")
    @ApiResponse(responseCode = "200", description = "The findings.")
    @ApiResponse(responseCode = "422", description = "The document is invalid.")
    @PostMapping("/quality")
    QualityReport quality(@Valid @RequestBody QualityRequest request) {
        DiagramDocument document = DocumentPayload.read(request.document(), limits);
        return request.spacingTarget() == null ? DiagramQuality.measure(document)
                : DiagramQuality.measure(document, request.spacingTarget());
    }

    private static DiagramLanguage language(String id) {
        return DiagramLanguages.find(id.toLowerCase(Locale.ROOT))
            .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_language",
                    "language must be one of "
                            + DiagramLanguages.all().stream().map(DiagramLanguage::id).sorted().toList() + ", not '"
                            + id + "'."));
    }

}
