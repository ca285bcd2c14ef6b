package com.autograph.export.render;

/**
 * A finished export.
 *
 * @param bytes the file's content
 * @param mediaType its Content-Type
 * @param width the picture's width: pixels for PNG, CSS px for SVG/HTML/Markdown, points
 * of the (first) page for PDF; 0 for formats without a picture (JSON, source)
 * @param height as {@code width}
 * @param pages PDF pages; 1 for everything else
 */
public record RenderedExport(byte[] bytes, String mediaType, int width, int height, int pages) {

    public RenderedExport {
        java.util.Objects.requireNonNull(bytes, "bytes");
        java.util.Objects.requireNonNull(mediaType, "mediaType");
    }
}
