package com.autograph.diagram.file;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The words inside a canvas (shape labels, frame titles, connector labels), one line per
 * shape, kept in {@code files.search_text} so that search finds diagrams by what they
 * show.
 */
public final class ShapeText {

    /**
     * Bounds the column: beyond this, more shape text adds little to search and costs
     * index size.
     */
    static final int MAX_LENGTH = 200_000;

    private ShapeText() {
    }

    public static String of(JsonNode document) {
        List<String> lines = new ArrayList<>();
        JsonNode shapes = document.path("shapes");
        int length = 0;
        for (JsonNode shape : shapes) {
            JsonNode text = shape.get("text");
            if (text != null && text.isString() && !text.asString().isBlank()) {
                String line = text.asString().strip();
                length += line.length() + 1;
                if (length > MAX_LENGTH) {
                    break;
                }
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

}
