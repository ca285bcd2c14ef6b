package com.autograph.diagram.code;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The file formats a diagram can be imported from and its source exported to. */
enum SourceFormat {

    JSON("json", "application/json", ".json"), MERMAID("mermaid", "text/vnd.mermaid", ".mmd", ".mermaid"),
    ERASER("eraser", "text/plain", ".eraser"), PLANTUML("plantuml", "text/plain", ".puml", ".plantuml", ".pu"),
    EXCALIDRAW("excalidraw", "application/json", ".excalidraw"),
    DRAWIO("drawio", "application/xml", ".drawio", ".dio", ".xml"),
    /** Import only: tldraw's own app is where its files are written. */
    TLDRAW("tldraw", "application/json", ".tldr"), STRUCTURIZR("structurizr", "text/plain", ".dsl"),
    D2("d2", "text/plain", ".d2");

    private final String id;

    private final String mediaType;

    private final String[] extensions;

    SourceFormat(String id, String mediaType, String... extensions) {
        this.id = id;
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    String id() {
        return id;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extensions[0];
    }

    static Optional<SourceFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * By file name first; for names that say nothing, by the first bytes of the content.
     */
    static Optional<SourceFormat> detect(String fileName, String content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        for (SourceFormat format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith(extension) && format != JSON) {
                    return Optional.of(format);
                }
            }
        }
        String head = content.stripLeading();
        if (head.startsWith("<mxfile") || head.startsWith("<mxGraphModel") || head.startsWith("<?xml")) {
            return Optional.of(DRAWIO);
        }
        if (head.startsWith("@startuml")) {
            return Optional.of(PLANTUML);
        }
        if (head.startsWith("workspace")) {
            return Optional.of(STRUCTURIZR);
        }
        if (head.startsWith("{") && head.contains("\"tldrawFileFormatVersion\"")) {
            return Optional.of(TLDRAW);
        }
        if (head.startsWith("{")) {
            return Optional.of(head.contains("\"excalidraw\"") ? EXCALIDRAW : JSON);
        }
        return Optional.empty();
    }

}
