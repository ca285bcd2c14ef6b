package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.autograph.document.Point;
import com.autograph.document.ShapeType;

/**
 * What the chart parsers ({@code pie}, {@code quadrantChart}, {@code xychart}) share:
 * numbers as written, quoted text, a palette, and the derived text shapes (titles, axis
 * labels) that the renderers skip because the extension already says what they show.
 */
final class Charts {

    /**
     * A number as Mermaid's chart grammars write it: digits, an optional fraction, a
     * sign.
     */
    static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");

    /** Text that needs no quotes in a chart statement. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_ .'-]*");

    /** Mermaid's default chart colours, in the order slices and series take them. */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c");

    /** The extension mark of shapes made from other fields, which renderers skip. */
    static final String DERIVED = "derived";

    private Charts() {
    }

    /** The number {@code text} is, or null when it is not one (or not finite). */
    static Double number(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return null;
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? d : null;
    }

    /**
     * Where {@code value} lies between {@code min} and {@code max}, from 0 to 1
     * (clamped), without overflowing for numbers near the largest double.
     */
    static double ratio(double value, double min, double max) {
        double span = max / 2 - min / 2;
        if (!(span > 0)) {
            return 0;
        }
        double r = (value / 2 - min / 2) / span;
        return Double.isFinite(r) ? Math.max(0, Math.min(1, r)) : 0;
    }

    /** {@code text} without the double quotes around it, if it has them. */
    static String unquote(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return Mermaid.unescape(t.substring(1, t.length() - 1));
        }
        return Mermaid.unescape(t);
    }

    /** {@code text} as it can be written back: bare when it can be, else quoted. */
    static String text(String text) {
        return PLAIN.matcher(text).matches() && !text.endsWith(" ") && !text.contains("-->") ? text
                : Mermaid.quoted(text);
    }

    /**
     * Splits {@code a, "b, c", d} at the commas outside quotes; null when a quote is
     * never closed.
     */
    static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(item.toString().strip());
                item.setLength(0);
            }
            else {
                item.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        items.add(item.toString().strip());
        return items;
    }

    /** A text shape made from other fields (a title, an axis label). */
    static Draft label(KindParser parser, String id, String text, double x, double y, double width) {
        Draft d = parser.add(new Draft(id, ShapeType.TEXT));
        d.text = text;
        d.x = x;
        d.y = y;
        d.width = width;
        d.height = 24;
        d.ext().put(DERIVED, "label");
        return d;
    }

    /** A straight two-point path (an axis). */
    static Draft path(KindParser parser, String id, double x1, double y1, double x2, double y2) {
        Draft d = parser.add(new Draft(id, ShapeType.FREEHAND));
        d.points = List.of(new Point(x1, y1), new Point(x2, y2));
        d.ext().put(DERIVED, "axis");
        return d;
    }

    static boolean derived(com.autograph.document.Shape s) {
        return Mermaid.ext(s).has(DERIVED);
    }

}
