package com.autograph.diagram.file;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/**
 * A file's content at one moment: the canvas document as JSON text, its shape text for
 * search and the note, plus the canvas's parsed tree once someone has it. A write carries
 * the request's tree and the text it extracted from it, so nothing downstream parses or
 * extracts them again; content read from storage is parsed only when something asks for
 * its tree ({@link CanvasCodec#canvas}).
 */
public final class FileContent {

    private final String canvasJson;

    private final String searchText;

    private final String noteContent;

    private JsonNode canvas;

    FileContent(String canvasJson, JsonNode canvas, String searchText, String noteContent) {
        this.canvasJson = canvasJson;
        this.canvas = canvas;
        this.searchText = searchText;
        this.noteContent = noteContent;
    }

    /** Content as stored: canvas text (already valid), its shape text and the note. */
    public static FileContent stored(String canvasJson, String searchText, String noteContent) {
        return new FileContent(canvasJson, null, searchText, noteContent);
    }

    public String canvasJson() {
        return canvasJson;
    }

    public String searchText() {
        return searchText;
    }

    public String noteContent() {
        return noteContent;
    }

    public long sizeBytes() {
        return canvasJson.getBytes(StandardCharsets.UTF_8).length + noteContent.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The same canvas (tree and text included) with another note. */
    FileContent withNote(String note) {
        return new FileContent(canvasJson, canvas, searchText, note);
    }

    JsonNode parsedCanvas() {
        return canvas;
    }

    void parsedCanvas(JsonNode tree) {
        this.canvas = tree;
    }

}
