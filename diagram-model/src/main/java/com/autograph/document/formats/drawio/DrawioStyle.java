package com.autograph.document.formats.drawio;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.autograph.document.Arrowhead;

/**
 * draw.io style strings ({@code rounded=1;fillColor=#dae8fc;ellipse;}) and their
 * vocabularies.
 */
final class DrawioStyle {

    /** A bare token (like {@code ellipse}) is stored with this value. */
    static final String BARE = "";

    private DrawioStyle() {
    }

    static Map<String, String> parse(String style) {
        Map<String, String> m = new LinkedHashMap<>();
        if (style == null) {
            return m;
        }
        for (String part : style.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                m.put(part.strip(), BARE);
            }
            else {
                m.put(part.substring(0, eq).strip(), part.substring(eq + 1));
            }
        }
        return m;
    }

    static String format(Map<String, String> style) {
        StringBuilder b = new StringBuilder();
        style.forEach((k, v) -> {
            b.append(k);
            if (!BARE.equals(v)) {
                b.append('=').append(v);
            }
            b.append(';');
        });
        return b.toString();
    }

    static boolean on(Map<String, String> style, String key) {
        return "1".equals(style.get(key)) || BARE.equals(style.get(key));
    }

    /**
     * draw.io arrow names to document arrowheads; absent means none (start) or classic
     * (end).
     */
    static Arrowhead arrowhead(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "none", "" -> Arrowhead.NONE;
            case "classic", "classicThin", "open", "openThin", "openAsync", "async" -> Arrowhead.ARROW;
            case "block", "blockThin" -> Arrowhead.TRIANGLE;
            case "oval", "dot", "circle", "circlePlus" -> Arrowhead.CIRCLE;
            case "diamond", "diamondThin" -> Arrowhead.DIAMOND;
            case "dash", "baseDash", "cross", "halfCircle" -> Arrowhead.BAR;
            case "ERone", "ERmandOne" -> Arrowhead.ONE;
            case "ERmany" -> Arrowhead.MANY;
            case "ERzeroToOne" -> Arrowhead.ZERO_OR_ONE;
            case "ERoneToMany" -> Arrowhead.ONE_OR_MANY;
            case "ERzeroToMany" -> Arrowhead.ZERO_OR_MANY;
            default -> Arrowhead.ARROW;
        };
    }

    static String arrowName(Arrowhead a) {
        return switch (a) {
            case NONE -> "none";
            case ARROW -> "classic";
            case TRIANGLE -> "block";
            case CIRCLE -> "oval";
            case DIAMOND -> "diamond";
            case BAR -> "dash";
            case ONE -> "ERone";
            case MANY -> "ERmany";
            case ZERO_OR_ONE -> "ERzeroToOne";
            case ONE_OR_MANY -> "ERoneToMany";
            case ZERO_OR_MANY -> "ERzeroToMany";
        };
    }

    static boolean elbow(String edgeStyle) {
        return edgeStyle != null && !edgeStyle.isEmpty() && !"none".equals(edgeStyle)
                && edgeStyle.toLowerCase(Locale.ROOT).contains("edgestyle");
    }

    /**
     * A rounded rectangle's radius as draw.io draws it (arcSize % of the short side,
     * default 15).
     */
    static double cornerRadius(Map<String, String> style, double width, double height) {
        double arc = number(style.get("arcSize"), 15);
        if (on(style, "absoluteArcSize")) {
            return Math.min(Math.min(width, height) / 2, arc / 2);
        }
        return Math.round(Math.min(width, height) * arc) / 100.0;
    }

    static double number(String value, double absent) {
        if (value == null) {
            return absent;
        }
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) ? d : absent;
        }
        catch (NumberFormatException e) {
            return absent;
        }
    }

    /** Numbers as draw.io writes them: integers without a decimal point. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.contains("E") ? java.math.BigDecimal.valueOf(v).toPlainString() : s;
    }

}
