package com.autograph.diagram.code;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import tools.jackson.databind.JsonNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.autograph.diagram.access.Caller;
import com.autograph.diagram.file.FileType;
import com.autograph.diagram.file.FileView;
import com.autograph.diagram.file.Files;
import com.autograph.diagram.upload.ImportBudget;
import com.autograph.diagram.upload.UploadProperties;
import com.autograph.diagram.upload.Uploads;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.LimitedJson;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.formats.d2.D2Language;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.FormatException;
import com.autograph.document.formats.drawio.DrawioFormat;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;
import com.autograph.document.formats.tldraw.TldrawFormat;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.document.uploads.UploadLimits;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.shared.text.Text;

/**
 * Files in and out of other tools: upload an Excalidraw, draw.io, tldraw, Mermaid,
 * Eraser-style, PlantUML, Structurizr DSL, D2 or canonical JSON file to create a diagram;
 * download a diagram's source in one of them (tldraw is import only).
 */
@RestController
@RequestMapping("/api/diagrams")
class ImportExportController {

    private final Files files;

    private final ExcalidrawFormat excalidraw;

    private final DrawioFormat drawio;

    private final TldrawFormat tldraw;

    private final ModelLimits limits;

    private final ImportBudget budget;

    private final Uploads uploads;

    private final UploadLimits uploadLimits;

    ImportExportController(Files files, Clock clock, ModelLimits limits, ImportBudget budget, Uploads uploads,
            UploadProperties uploadProperties) {
        this.files = files;
        this.uploads = uploads;
        this.uploadLimits = uploadProperties.toLimits();
        this.budget = budget;
        this.limits = limits;
        this.excalidraw = new ExcalidrawFormat(clock, limits);
        this.drawio = new DrawioFormat(limits);
        this.tldraw = new TldrawFormat(limits);
    }

    @Operation(
            summary = "Import a file (draw.io, Excalidraw, tldraw, Mermaid, Eraser, PlantUML, Structurizr DSL, D2 or document JSON)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new file.")
    @ApiResponse(responseCode = "413", description = "The upload is larger than the import limit.")
    @ApiResponse(responseCode = "422", description = "The format is unknown or the file cannot be read.")
    @ApiResponse(responseCode = "429",
            description = "Too many imports are being read at once; retry after Retry-After.")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileView> importFile(TrustedIdentity identity, @RequestPart("file") MultipartFile upload,
            @RequestParam(required = false) String format, @RequestParam(required = false) String title,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "team_id", required = false) UUID teamId) throws Exception {
        if (upload.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "file is empty.");
        }
        // The permit lasts until the pictures are stored: until then they are in memory.
        try (ImportBudget.Permit reading = budget.reserve(upload.getSize())) {
            String content = utf8(upload.getBytes());
            SourceFormat source = format != null ? SourceFormat.of(format).orElseThrow(() -> unknownFormat(format))
                    : SourceFormat.detect(upload.getOriginalFilename(), content)
                        .orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_format",
                                "Cannot tell the file's format from its name or content; pass format=" + formats()
                                        + "."));
            ExcalidrawFormat.Extracted read = read(source, content);
            DiagramDocument document = placed(read.document());
            String name = title != null && !title.isBlank() ? title.strip() : titleFrom(upload.getOriginalFilename());
            if (Text.length(name) > 255) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                        "title must be at most 255 characters (it has " + Text.length(name) + ").");
            }
            JsonNode tree = DocumentCodec.toTree(document);
            ImportedText.check(tree);
            FileView view = uploads.create(Caller.of(identity),
                    new Files.Create(name, FileType.CANVAS, tree, null, folderId, teamId), read.uploads());
            return ResponseEntity.created(URI.create("/api/diagrams/" + view.file().id()))
                .eTag(view.file().etag())
                .body(view);
        }
    }

    @Operation(summary = "Export a file as diagram source")
    @ApiResponse(responseCode = "200", description = "The source, as an attachment.")
    @ApiResponse(responseCode = "422", description = "The format is unknown.")
    @GetMapping("/files/{id}/export-source")
    ResponseEntity<String> exportSource(TrustedIdentity identity, @PathVariable UUID id,
            @RequestParam(defaultValue = "json") String format) {
        SourceFormat target = SourceFormat.of(format).orElseThrow(() -> unknownFormat(format));
        FileView view = files.open(Caller.of(identity), id);
        DiagramDocument document = DocumentCodec.read(view.canvasData());
        String body = switch (target) {
            case JSON -> DocumentCodec.writePretty(document);
            // Other tools get the stored pictures and long labels back in the file.
            case EXCALIDRAW -> excalidraw.write(uploads.inline(id, document));
            case DRAWIO -> drawio.write(uploads.inline(id, document));
            case TLDRAW -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "format_unsupported",
                    "tldraw files can be imported but not exported; export as excalidraw or drawio instead.");
            case MERMAID, ERASER, PLANTUML, STRUCTURIZR, D2 -> language(target).render(document);
        };
        String fileName = view.file().title().replaceAll("[^A-Za-z0-9._ -]", "_") + target.extension();
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(target.mediaType() + ";charset=UTF-8"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
            .body(body);
    }

    /**
     * The document; from Excalidraw with its pictures and over-long labels taken out to
     * be stored.
     */
    private ExcalidrawFormat.Extracted read(SourceFormat source, String content) {
        if (source == SourceFormat.EXCALIDRAW) {
            try {
                return excalidraw.readExtracting(content, uploadLimits);
            }
            catch (FormatException ex) {
                throw unreadable(source, ex.getMessage());
            }
        }
        return new ExcalidrawFormat.Extracted(readDocument(source, content), List.of());
    }

    private DiagramDocument readDocument(SourceFormat source, String content) {
        try {
            return switch (source) {
                case JSON -> DocumentPayload.read(LimitedJson.readTree(content, limits), limits);
                case EXCALIDRAW -> excalidraw.read(content);
                case DRAWIO -> drawio.read(content);
                case TLDRAW -> tldraw.read(content);
                case MERMAID, ERASER, PLANTUML, STRUCTURIZR -> parsed(language(source).parse(content, limits));
                // laid out in the code's own `direction`
                case D2 -> D2Language.layout(parsed(language(source).parse(content, limits)), limits);
            };
        }
        catch (FormatException ex) {
            throw unreadable(source, ex.getMessage());
        }
        catch (tools.jackson.core.JacksonException ex) {
            // Jackson's own message names its classes and settings; this one says what
            // and where.
            throw unreadable(source, LimitedJson.describe(ex));
        }
    }

    private static ApiException unreadable(SourceFormat source, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable_file",
                "The file is not valid " + source.id() + ": " + why);
    }

    private static DiagramDocument parsed(ParseResult result) {
        if (!result.ok()) {
            throw ApiException.unprocessable("code_errors", "The code has " + result.errors().size()
                    + " error(s); the first is " + result.errors().getFirst() + ".", Map.of("errors", result.errors()));
        }
        return result.document();
    }

    /** Code formats without geometry (Eraser, PlantUML) get an automatic layout. */
    private DiagramDocument placed(DiagramDocument document) {
        boolean unplaced = document.shapes().stream().anyMatch(s -> !s.type().isConnector() && !s.hasPosition());
        return unplaced ? DiagramLayout.layout(document, LayoutOptions.defaults(), limits) : document;
    }

    private static DiagramLanguage language(SourceFormat format) {
        return DiagramLanguages.find(format.id()).orElseThrow();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException ex) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable_file", "The file is not UTF-8 text.");
        }
    }

    private static String titleFrom(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "Imported diagram";
        }
        String base = fileName.replaceAll("^.*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        String title = dot > 0 ? base.substring(0, dot) : base;
        return Text.truncate(title, 255);
    }

    private static ApiException unknownFormat(String format) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "format must be one of " + formats() + ", not '" + format + "'.");
    }

    private static List<String> formats() {
        return java.util.Arrays.stream(SourceFormat.values()).map(SourceFormat::id).toList();
    }

}
