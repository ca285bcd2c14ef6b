package com.autograph.export.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.DiagramLanguages;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.FormatException;
import com.autograph.document.formats.drawio.DrawioFormat;
import com.autograph.document.formats.excalidraw.ExcalidrawFormat;
import com.autograph.document.formats.tldraw.TldrawFormat;
import com.autograph.document.layout.DiagramLayout;
import com.autograph.document.layout.LayoutOptions;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.text.InvalidText;
import com.autograph.shared.text.Text;

/**
 * Diagram source in any language diagram-model reads, turned into the canonical document
 * that the renderers draw: the code languages ({@link DiagramLanguages}: Mermaid,
 * PlantUML, the Eraser-style language, Structurizr DSL, D2) and the draw.io, Excalidraw
 * and tldraw files (the import formats of diagram-service). Everything is read within the
 * service's {@link ModelLimits}; code without geometry is laid out automatically.
 */
@Component
public class Sources {

    static final String DRAWIO = "drawio";
    static final String EXCALIDRAW = "excalidraw";

    static final String TLDRAW = "tldraw";

    private final ModelLimits limits;

    private final DrawioFormat drawio;

    private final ExcalidrawFormat excalidraw;

    private final TldrawFormat tldraw;

    private final List<String> languages;

    public Sources(ModelLimits limits, Clock clock) {
        this.limits = limits;
        this.drawio = new DrawioFormat(limits);
        this.excalidraw = new ExcalidrawFormat(clock, limits);
        this.tldraw = new TldrawFormat(limits);
        List<String> ids = new ArrayList<>(DiagramLanguages.all().stream().map(DiagramLanguage::id).toList());
        ids.add(DRAWIO);
        ids.add(EXCALIDRAW);
        ids.add(TLDRAW);
        this.languages = List.copyOf(ids);
    }

    /** Every language id {@link #read} accepts. */
    public List<String> languages() {
        return languages;
    }

    public boolean knows(String language) {
        return languages.contains(language);
    }

    /**
     * The document {@code source} describes.
     * @throws ApiException 400 {@code unknown_language}, 400 {@code code_errors} (with
     * every parser error), 400 {@code unreadable_source} for a damaged draw.io,
     * Excalidraw or tldraw file
     * @throws com.autograph.document.LimitExceededException when the source is over a
     * limit
     */
    public DiagramDocument read(String language, String source) {
        if (!knows(language)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_language",
                    "Unknown diagram language '" + printable(language) + "'; one of " + languages + ".");
        }
        limits.checkInput(source, "The source");
        // A Kroki source arrives as raw bytes, not through the JSON body's text checks.
        String problem = Text.problem(source);
        if (problem != null) {
            throw InvalidText.of(List.of(Map.of("field", "source", "message", problem)));
        }
        try {
            return switch (language) {
                case DRAWIO -> drawio.read(source);
                case EXCALIDRAW -> excalidraw.read(source);
                case TLDRAW -> tldraw.read(source);
                default ->
                    placed(parsed(language, DiagramLanguages.find(language).orElseThrow().parse(source, limits)));
            };
        }
        catch (FormatException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unreadable_source",
                    "The source is not a valid " + language + " file: " + ex.getMessage());
        }
        catch (tools.jackson.core.JacksonException ex) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unreadable_source", "The source is not a valid " + language
                    + " file: " + com.autograph.document.LimitedJson.describe(ex));
        }
    }

    private static DiagramDocument parsed(String language, ParseResult result) {
        if (!result.ok()) {
            throw new CodeErrorsException(language, result.errors());
        }
        return result.document();
    }

    /** Code formats without geometry (Eraser, PlantUML) get an automatic layout. */
    private DiagramDocument placed(DiagramDocument document) {
        boolean unplaced = document.shapes().stream().anyMatch(s -> !s.type().isConnector() && !s.hasPosition());
        return unplaced ? DiagramLayout.layout(document, LayoutOptions.defaults(), limits) : document;
    }

    /** A caller's word in a message: short, without control characters. */
    static String printable(String value) {
        String v = Optional.ofNullable(value).orElse("");
        v = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return v.replaceAll("\\p{Cntrl}", "?");
    }

}
