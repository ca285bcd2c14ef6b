package com.autograph.document;

/** What a shape is. JSON: the snake_case name, e.g. {@code "sticky_note"}. */
public enum ShapeType implements JsonName {

    RECTANGLE, ELLIPSE, DIAMOND, TEXT, STICKY_NOTE,
    /** A connector with an arrowhead at its end by default. */
    ARROW,
    /** A connector without arrowheads by default. */
    LINE,
    /** A hand-drawn path given by {@code points}. */
    FREEHAND,
    /**
     * A titled, coloured container that other shapes name as {@code parent_id}; can
     * collapse.
     */
    FRAME,
    /** An invisible container that other shapes name as {@code parent_id}. */
    GROUP,
    /** A shape drawn from an icon set, named by its {@code icon} key. */
    ICON,
    /** A raster or vector image at {@code src}. */
    IMAGE;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

    /** Arrows and lines: shapes with {@code start} and {@code end}. */
    public boolean isConnector() {
        return this == ARROW || this == LINE;
    }

    /** Frames and groups: the only shapes others may name as {@code parent_id}. */
    public boolean isContainer() {
        return this == FRAME || this == GROUP;
    }

}
