package com.autograph.export.render;

import java.util.List;

/**
 * A diagram reduced to what is painted: groups (one per shape, carrying its id and
 * title), outlines and text lines, in paint order, in canvas coordinates. Built once by
 * {@link DrawingBuilder}; written by {@link SvgWriter} and {@link PdfWriter}.
 *
 * @param x left edge of the area to show (padding included)
 * @param y top edge
 * @param width CSS px
 * @param height CSS px
 * @param background what to paint behind everything; null for nothing
 */
record Drawing(double x, double y, double width, double height, Rgba background, List<Node> nodes) {

    sealed interface Node permits Group, Path, Text, Image {

    }

    /**
     * One shape: {@code id} and {@code title} for accessibility, its opacity, and a
     * rotation in degrees about ({@code cx}, {@code cy}).
     */
    record Group(String id, String title, double opacity, double rotation, double cx, double cy,
            List<Node> children) implements Node {
    }

    /**
     * An outline: filled when {@code fill} is set, stroked when {@code stroke} is.
     *
     * @param dash dash and gap lengths; empty for a solid line
     */
    record Path(PathData data, Rgba fill, Rgba stroke, double strokeWidth, double[] dash) implements Node {
    }

    /**
     * Lines of text, each at {@code x} (start, middle or end per {@code anchor}) and its
     * own baseline.
     *
     * @param family the font family the document asked for, as given
     * @param font the font shipped with the service that stands in for it
     */
    record Text(List<String> lines, double x, double firstBaseline, double lineHeight, Anchor anchor, String family,
            FontFace font, double size, int weight, Rgba color) implements Node {
    }

    /** A picture from a checked {@code data:} URI: its bytes and its decoded pixels. */
    record Image(double x, double y, double width, double height, String mediaType, byte[] data,
            java.awt.image.BufferedImage pixels) implements Node {
    }

    enum Anchor {

        START, MIDDLE, END

    }
}
