package com.autograph.export.render;

import java.util.Locale;
import java.util.Optional;

/**
 * What an export can be: a picture (SVG, PNG, PDF), a page embedding one (Markdown,
 * HTML), the document itself (JSON) or one of the source formats the model converts to.
 * {@link #id()} is the name used in URLs ({@code /api/export/files/{id}/png}).
 */
public enum ExportFormat {

    SVG("svg", "image/svg+xml", "svg"), PNG("png", "image/png", "png"), PDF("pdf", "application/pdf", "pdf"),
    MARKDOWN("md", "text/markdown; charset=utf-8", "md"), HTML("html", "text/html; charset=utf-8", "html"),
    JSON("json", "application/json", "json"), MERMAID("mermaid", "text/plain; charset=utf-8", "mmd"),
    PLANTUML("plantuml", "text/plain; charset=utf-8", "puml"), ERASER("eraser", "text/plain; charset=utf-8", "eraser"),
    DRAWIO("drawio", "application/vnd.jgraph.mxfile", "drawio"),
    EXCALIDRAW("excalidraw", "application/vnd.excalidraw+json", "excalidraw");

    private final String id;

    private final String mediaType;

    private final String extension;

    ExportFormat(String id, String mediaType, String extension) {
        this.id = id;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The URL name, e.g. {@code "png"} or {@code "md"}. */
    public String id() {
        return id;
    }

    /** The Content-Type of the rendered bytes. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * File name extension without the dot, e.g. for Content-Disposition or ZIP entries.
     */
    public String extension() {
        return extension;
    }

    /**
     * SVG, PNG and PDF: the formats that draw the diagram (and so take the picture
     * options).
     */
    public boolean isPicture() {
        return this == SVG || this == PNG || this == PDF;
    }

    /**
     * The format with this URL name ({@code "markdown"} is accepted for {@code "md"}),
     * case-insensitive.
     */
    public static Optional<ExportFormat> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        if ("markdown".equals(wanted)) {
            return Optional.of(MARKDOWN);
        }
        for (ExportFormat f : values()) {
            if (f.id.equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format with this URL name.
     * @throws InvalidRenderOptionException naming {@code format} when there is none
     */
    public static ExportFormat of(String id) {
        return find(id).orElseThrow(() -> new InvalidRenderOptionException("format",
                "unknown export format \"" + InvalidRenderOptionException.quoted(id) + "\"; one of "
                        + java.util.Arrays.stream(values()).map(ExportFormat::id).toList()));
    }

}
