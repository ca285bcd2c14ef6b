package com.autograph.document.layout;

import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

/**
 * A font-free estimate of how much room text takes, so layout and quality checks work the
 * same on a server without fonts. An average glyph is {@value #CHAR_WIDTH} × the font
 * size wide (a fair mean for sans-serif Latin text) and a line {@value #LINE_HEIGHT} ×
 * the font size high; the font size is the shape's {@code style.font_size}, 16 when
 * unset.
 */
public final class TextMeasure {

    /** Average advance of a glyph, as a fraction of the font size. */
    public static final double CHAR_WIDTH = 0.6;

    /** Line height, as a fraction of the font size. */
    public static final double LINE_HEIGHT = 1.25;

    /**
     * Room between a box's border and its text, per side, horizontally and vertically.
     */
    public static final double PADDING_X = 16;

    public static final double PADDING_Y = 12;

    /**
     * The least size layout gives a box-like shape without one (a small flowchart box).
     */
    public static final double MIN_WIDTH = 120;

    public static final double MIN_HEIGHT = 60;

    private TextMeasure() {
    }

    /** Width and height of a block of text: its longest line, and its line count. */
    public static Size text(String text, double fontSize) {
        if (text == null || text.isEmpty()) {
            return new Size(0, 0);
        }
        int lines = 1;
        int longest = 0;
        int current = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                lines++;
                longest = Math.max(longest, current);
                current = 0;
            }
            else {
                current++;
            }
        }
        longest = Math.max(longest, current);
        return new Size(longest * CHAR_WIDTH * fontSize, lines * LINE_HEIGHT * fontSize);
    }

    /** The label box of a shape's text; zero when it has none. */
    public static Size label(Shape shape) {
        return text(shape.text().orElse(null), fontSize(shape));
    }

    public static double fontSize(Shape shape) {
        return shape.style().fontSize().orElse(16);
    }

    /**
     * The size a shape without one gets: room for its text inside the outline (an ellipse
     * needs √2 times the text box, a diamond twice), and at least {@value #MIN_WIDTH} ×
     * {@value #MIN_HEIGHT} for boxes. Text shapes are just their text; icons 64 × 64;
     * images 160 × 120; frames and groups without children 200 × 120. Connectors and
     * freehand paths have no such size (0 × 0).
     */
    public static Size estimate(Shape shape) {
        Size t = label(shape);
        ShapeType type = shape.type();
        return switch (type) {
            case TEXT -> new Size(Math.max(t.width(), fontSize(shape)) + 8, Math.max(t.height(), fontSize(shape)) + 8);
            case ICON -> new Size(64, 64);
            case IMAGE -> new Size(160, 120);
            case FRAME, GROUP -> new Size(Math.max(200, t.width() + 2 * PADDING_X), 120);
            case ELLIPSE -> box(t, Math.sqrt(2));
            case DIAMOND -> box(t, 2);
            case RECTANGLE, STICKY_NOTE -> box(t, 1);
            case ARROW, LINE, FREEHAND -> new Size(0, 0);
        };
    }

    private static Size box(Size text, double outlineFactor) {
        return new Size(Math.max(MIN_WIDTH, text.width() * outlineFactor + 2 * PADDING_X),
                Math.max(MIN_HEIGHT, text.height() * outlineFactor + 2 * PADDING_Y));
    }

    /** A width and height in px. */
    public record Size(double width, double height) {
    }

}
