package com.autograph.document.formats.tldraw;

import java.util.Map;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.StrokeStyle;
import com.autograph.document.TextAlign;

/**
 * tldraw's style vocabulary: its named colours (light theme), sizes, fonts, dashes and
 * arrowheads in the document's terms.
 */
final class Tldraw {

    /** The stroke colour tldraw's light theme paints each named colour with. */
    static final Map<String, String> SOLID = Map.ofEntries(Map.entry("black", "#1d1d1d"), Map.entry("grey", "#9fa8b2"),
            Map.entry("light-violet", "#e085f4"), Map.entry("violet", "#ae3ec9"), Map.entry("blue", "#4465e9"),
            Map.entry("light-blue", "#4ba1f1"), Map.entry("yellow", "#f1ac4b"), Map.entry("orange", "#e16919"),
            Map.entry("green", "#099268"), Map.entry("light-green", "#4cb05e"), Map.entry("light-red", "#f87777"),
            Map.entry("red", "#e03131"), Map.entry("white", "#ffffff"));

    /** The light tint tldraw fills shapes with ({@code fill: solid}) and notes with. */
    static final Map<String, String> TINT = Map.ofEntries(Map.entry("black", "#e8e8e8"), Map.entry("grey", "#eceef0"),
            Map.entry("light-violet", "#f5eafa"), Map.entry("violet", "#ecdcf2"), Map.entry("blue", "#dce1f8"),
            Map.entry("light-blue", "#ddedfa"), Map.entry("yellow", "#f9f0e6"), Map.entry("orange", "#f8e2d4"),
            Map.entry("green", "#d3e9e3"), Map.entry("light-green", "#dbf0e0"), Map.entry("light-red", "#f4dadb"),
            Map.entry("red", "#f4dadb"), Map.entry("white", "#ffffff"));

    /** {@code fill: semi}: tldraw's near-white background colour. */
    static final String SEMI = "#f8f9fa";

    /** Stroke width per {@code size}. */
    static final Map<String, Double> STROKE = Map.of("s", 2.0, "m", 3.5, "l", 5.0, "xl", 10.0);

    /** Font size of text shapes per {@code size}. */
    static final Map<String, Double> FONT = Map.of("s", 18.0, "m", 24.0, "l", 36.0, "xl", 44.0);

    /** Font size of labels (geo shapes, notes, arrows) per {@code size}. */
    static final Map<String, Double> LABEL_FONT = Map.of("s", 18.0, "m", 22.0, "l", 26.0, "xl", 32.0);

    static final Map<String, String> FAMILY = Map.of("draw", "Shantell Sans", "sans", "IBM Plex Sans", "serif",
            "IBM Plex Serif", "mono", "IBM Plex Mono");

    static final Map<String, StrokeStyle> DASH = Map.of("solid", StrokeStyle.SOLID, "draw", StrokeStyle.SOLID, "dashed",
            StrokeStyle.DASHED, "dotted", StrokeStyle.DOTTED);

    static final Map<String, TextAlign> ALIGN = Map.of("start", TextAlign.LEFT, "start-legacy", TextAlign.LEFT,
            "middle", TextAlign.CENTER, "middle-legacy", TextAlign.CENTER, "end", TextAlign.RIGHT, "end-legacy",
            TextAlign.RIGHT, "justify", TextAlign.LEFT);

    /** Arrowheads; tldraw's square, pipe and inverted have no own document head. */
    static final Map<String, Arrowhead> ARROWHEADS = Map.of("none", Arrowhead.NONE, "arrow", Arrowhead.ARROW,
            "triangle", Arrowhead.TRIANGLE, "inverted", Arrowhead.TRIANGLE, "square", Arrowhead.BAR, "pipe",
            Arrowhead.BAR, "bar", Arrowhead.BAR, "dot", Arrowhead.CIRCLE, "diamond", Arrowhead.DIAMOND);

    /** The side of a note. */
    static final double NOTE_SIZE = 200;

    /** Line height of tldraw's text, in font sizes. */
    static final double LINE_HEIGHT = 1.35;

    /** Rich-text (TipTap) nodes that are lines of their own. */
    static final Set<String> BLOCKS = Set.of("paragraph", "heading", "codeBlock", "blockquote", "listItem",
            "bulletList", "orderedList", "taskList", "taskItem", "horizontalRule");

    private Tldraw() {
    }

}
