package com.autograph.document;

/**
 * A point in canvas coordinates (x to the right, y downwards). In {@code points} it is
 * written as a two-number array {@code [x, y]}; as a free connector end as {@code {"x":
 * .., "y": ..}}.
 */
public record Point(double x, double y) {

    public Point {
        Json.requireFinite(x, "x");
        Json.requireFinite(y, "y");
    }
}
