package com.autograph.export.render;

import java.util.Objects;

import com.autograph.document.DiagramDocument;

/**
 * What is rendered: the diagram, and for Markdown and HTML the file's title and note.
 *
 * @param title a file title for page titles and alt text; may be null
 * @param note the file's note (Markdown); may be null
 */
public record RenderInput(DiagramDocument document, String title, String note) {

    public RenderInput {
        Objects.requireNonNull(document, "document");
    }

    public static RenderInput of(DiagramDocument document) {
        return new RenderInput(document, null, null);
    }
}
