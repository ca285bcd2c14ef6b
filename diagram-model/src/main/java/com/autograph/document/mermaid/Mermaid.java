package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.formats.Suggestions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Mermaid parser, renderer and formatter share: names, CSS, sizes and tree
 * order.
 */
final class Mermaid {

    /**
     * The extension field on the document and on shapes that keeps what the model has no
     * field for.
     */
    static final String EXT = "mermaid";
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String INDENT = "    ";

    private static final Pattern PLAIN_ID = Pattern.compile("[\\p{L}\\p{N}_]+(?:-[\\p{L}\\p{N}_]+)*");

    private static final Pattern RGB = Pattern
        .compile("rgba?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,[^)]*)?\\)");

    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");

    private static final Pattern ENTITY_CODE = Pattern.compile("#(\\d{1,6});");

    private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

    /**
     * CSS colour names people actually write in Mermaid styles; others are left to the
     * browser.
     */
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("black", "#000000"),
            Map.entry("white", "#ffffff"), Map.entry("red", "#ff0000"), Map.entry("green", "#008000"),
            Map.entry("blue", "#0000ff"), Map.entry("yellow", "#ffff00"), Map.entry("orange", "#ffa500"),
            Map.entry("purple", "#800080"), Map.entry("pink", "#ffc0cb"), Map.entry("gray", "#808080"),
            Map.entry("grey", "#808080"), Map.entry("lightgray", "#d3d3d3"), Map.entry("lightgrey", "#d3d3d3"),
            Map.entry("darkgray", "#a9a9a9"), Map.entry("lightblue", "#add8e6"), Map.entry("lightgreen", "#90ee90"),
            Map.entry("lightyellow", "#ffffe0"), Map.entry("darkblue", "#00008b"), Map.entry("darkgreen", "#006400"),
            Map.entry("darkred", "#8b0000"), Map.entry("navy", "#000080"), Map.entry("teal", "#008080"),
            Map.entry("cyan", "#00ffff"), Map.entry("magenta", "#ff00ff"), Map.entry("gold", "#ffd700"),
            Map.entry("silver", "#c0c0c0"), Map.entry("brown", "#a52a2a"), Map.entry("lime", "#00ff00"),
            Map.entry("maroon", "#800000"), Map.entry("olive", "#808000"), Map.entry("transparent", "transparent"),
            Map.entry("none", "transparent"));

    private Mermaid() {
    }

    /**
     * An id Mermaid reads without quoting: letters, digits, underscores, single inner
     * hyphens.
     */
    static boolean isPlainId(String id) {
        return PLAIN_ID.matcher(id).matches();
    }

    /**
     * The candidate closest to {@code word} if it is a likely typo of it (at most three
     * edits), else null.
     */
    static String closest(String word, Collection<String> candidates) {
        return Suggestions.closest(word, candidates, 3);
    }

    // ---- text
    // ------------------------------------------------------------------------------

    /**
     * Mermaid's entity codes ({@code #quot;}, {@code #35;}) and {@code <br>
     * } line breaks to text.
     */
    static String unescape(String s) {
        if (s.indexOf('<') < 0 && s.indexOf('#') < 0) {
            return s; // nothing to unescape: the common case, kept cheap
        }
        String t = BR.matcher(s).replaceAll("\n").replace("#quot;", "\"");
        Matcher m = ENTITY_CODE.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher
                .quoteReplacement(Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Text for inside Mermaid double quotes: the reverse of {@link #unescape(String)}.
     */
    static String escape(String s) {
        return s.replace("\"", "#quot;").replace("\n", "<br>");
    }

    /**
     * Text outside quotes (messages, notes): line breaks and the statement separator
     * escaped.
     */
    static String escapeBare(String s) {
        return s.replace(";", "#59;").replace("\n", "<br>");
    }

    /** {@code "text"} (escaped) — always safe as a label. */
    static String quoted(String s) {
        return "\"" + escape(s) + "\"";
    }

    /** Width and height for a label: deterministic, roomy enough for the text. */
    static double[] sizeFor(String text, double minWidth, double minHeight) {
        int longest = 0;
        int lines = 1;
        if (text != null) {
            String[] parts = text.split("\n", -1);
            lines = parts.length;
            for (String p : parts) {
                longest = Math.max(longest, p.codePointCount(0, p.length()));
            }
        }
        double w = Math.min(480, Math.max(minWidth, longest * 9 + 40));
        double h = Math.max(minHeight, lines * 22 + 20);
        return new double[] { w, h };
    }

    // ---- CSS
    // -------------------------------------------------------------------------------

    /**
     * A CSS colour as the document writes colours, or null when it is not one we can
     * read.
     */
    static String color(String css) {
        String c = css.strip();
        if (HEX.matcher(c).matches()) {
            return c.toLowerCase(Locale.ROOT);
        }
        Matcher m = RGB.matcher(c);
        if (m.matches()) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", clamp(m.group(1)), clamp(m.group(2)), clamp(m.group(3)));
        }
        return NAMED.get(c.toLowerCase(Locale.ROOT));
    }

    private static int clamp(String n) {
        return Math.min(255, Integer.parseInt(n.length() > 3 ? "255" : n));
    }

    /**
     * Splits {@code fill:#f9f,stroke:#333} into properties, keeping commas inside
     * rgb(...).
     */
    static Map<String, String> cssProperties(String css) {
        Map<String, String> props = new LinkedHashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= css.length(); i++) {
            char c = i < css.length() ? css.charAt(i) : ',';
            if (c == '(') {
                depth++;
            }
            else if (c == ')') {
                depth--;
            }
            else if ((c == ',' || c == ';') && depth <= 0) {
                String p = css.substring(start, i);
                int colon = p.indexOf(':');
                if (colon > 0) {
                    props.put(p.substring(0, colon).strip().toLowerCase(Locale.ROOT), p.substring(colon + 1).strip());
                }
                start = i + 1;
            }
        }
        return props;
    }

    /**
     * Applies Mermaid CSS to a style; what has no place in the document's style is
     * skipped.
     */
    static Style.Builder applyCss(Style.Builder b, String css) {
        for (Map.Entry<String, String> p : cssProperties(css).entrySet()) {
            String v = p.getValue().replace("!important", "").strip();
            switch (p.getKey()) {
                case "fill", "background", "background-color" -> {
                    String c = color(v);
                    if (c != null) {
                        b.fillColor(c);
                    }
                }
                case "stroke" -> {
                    String c = color(v);
                    if (c != null) {
                        b.strokeColor(c);
                    }
                }
                case "color" -> {
                    String c = color(v);
                    if (c != null) {
                        b.textColor(c);
                    }
                }
                case "stroke-width" -> number(v).ifPresent(b::strokeWidth);
                case "stroke-dasharray" -> b.strokeStyle(StrokeStyle.DASHED);
                case "opacity" -> number(v).filter(o -> o >= 0 && o <= 1).ifPresent(b::opacity);
                case "font-size" -> number(v).filter(s -> s > 0).ifPresent(b::fontSize);
                case "font-weight" -> {
                    if (v.equals("bold")) {
                        b.fontWeight(700);
                    }
                    else if (v.equals("normal")) {
                        b.fontWeight(400);
                    }
                    else {
                        number(v).filter(w -> w >= 1 && w <= 1000).ifPresent(w -> b.fontWeight(w.intValue()));
                    }
                }
                case "font-family" -> {
                    if (!v.isEmpty()) {
                        b.fontFamily(v);
                    }
                }
                case "rx" -> number(v).ifPresent(b::cornerRadius);
                default -> {
                    // Mermaid passes any CSS through; the document keeps the original in
                    // the extension.
                }
            }
        }
        return b;
    }

    private static java.util.Optional<Double> number(String v) {
        Matcher m = Pattern.compile("^(\\d+(?:\\.\\d+)?)").matcher(v);
        return m.find() ? java.util.Optional.of(Double.parseDouble(m.group(1))) : java.util.Optional.empty();
    }

    /** A style as Mermaid CSS, for shapes whose style was changed outside the code. */
    static String css(Style s) {
        List<String> parts = new ArrayList<>();
        s.fillColor().ifPresent(c -> parts.add("fill:" + c));
        s.strokeColor().ifPresent(c -> parts.add("stroke:" + c));
        s.strokeWidth().ifPresent(w -> parts.add("stroke-width:" + num(w) + "px"));
        s.strokeStyle().filter(st -> st != StrokeStyle.SOLID).ifPresent(st -> parts.add("stroke-dasharray:5 5"));
        s.textColor().ifPresent(c -> parts.add("color:" + c));
        s.opacity().ifPresent(o -> parts.add("opacity:" + num(o)));
        s.fontSize().ifPresent(f -> parts.add("font-size:" + num(f) + "px"));
        s.fontWeight()
            .ifPresent(w -> parts.add("font-weight:" + (w == 700 ? "bold" : w == 400 ? "normal" : String.valueOf(w))));
        s.fontFamily().ifPresent(f -> parts.add("font-family:" + f));
        s.cornerRadius().ifPresent(r -> parts.add("rx:" + num(r)));
        return String.join(",", parts);
    }

    static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    // ---- trees
    // -----------------------------------------------------------------------------

    /**
     * The canonical order of shapes: walking the container tree from the top, each scope
     * lists its boxes and containers in order of appearance (a container directly
     * followed by what it holds), then its connectors. Parser and renderer both use it,
     * so rendering and parsing again reproduces the same list.
     */
    static List<Draft> treeOrder(Collection<Draft> drafts) {
        Map<String, List<Draft>> byParent = new HashMap<>();
        Set<String> ids = new HashSet<>();
        drafts.forEach(d -> ids.add(d.id));
        for (Draft d : drafts) {
            String p = d.parent != null && ids.contains(d.parent) ? d.parent : null;
            byParent.computeIfAbsent(p, k -> new ArrayList<>()).add(d);
        }
        List<Draft> out = new ArrayList<>(drafts.size());
        walk(null, byParent, out, new HashSet<>());
        return out;
    }

    private static void walk(String scope, Map<String, List<Draft>> byParent, List<Draft> out, Set<String> seen) {
        List<Draft> here = byParent.getOrDefault(scope, List.of());
        for (Draft d : here) {
            if (!d.isConnector() && seen.add(d.id)) {
                out.add(d);
                if (d.type.isContainer()) {
                    walk(d.id, byParent, out, seen);
                }
            }
        }
        for (Draft d : here) {
            if (d.isConnector() && seen.add(d.id)) {
                out.add(d);
            }
        }
    }

    /** Sizes every frame and group around what it holds, innermost first. */
    static void fitContainers(List<Draft> ordered) {
        Map<String, Draft> byId = new HashMap<>();
        ordered.forEach(d -> byId.put(d.id, d));
        List<Draft> containers = new ArrayList<>(ordered.stream().filter(d -> d.type.isContainer()).toList());
        containers.sort((a, b) -> Integer.compare(depth(b, byId), depth(a, byId)));
        for (Draft c : containers) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Draft d : ordered) {
                if (c.id.equals(d.parent) && !d.isConnector()) {
                    minX = Math.min(minX, d.x);
                    minY = Math.min(minY, d.y);
                    maxX = Math.max(maxX, d.x + d.width);
                    maxY = Math.max(maxY, d.y + d.height);
                }
            }
            if (minX == Double.MAX_VALUE) {
                c.width = Math.max(c.width, 200);
                c.height = Math.max(c.height, 100);
            }
            else {
                c.x = minX - 20;
                c.y = minY - 40;
                c.width = maxX - minX + 40;
                c.height = maxY - minY + 60;
            }
        }
    }

    private static int depth(Draft d, Map<String, Draft> byId) {
        int n = 0;
        Set<String> seen = new HashSet<>();
        for (Draft p = byId.get(d.parent); p != null && seen.add(p.id); p = byId.get(p.parent)) {
            n++;
        }
        return n;
    }

    // ---- reading documents back
    // ------------------------------------------------------------

    /** The {@code mermaid} extension of a document, or an empty object. */
    static ObjectNode ext(DiagramDocument doc) {
        JsonNode n = doc.unknownFields().get(EXT);
        return n instanceof ObjectNode o ? o : NODES.objectNode();
    }

    /** The {@code mermaid} extension of a shape, or an empty object. */
    static ObjectNode ext(Shape shape) {
        JsonNode n = shape.unknownFields().get(EXT);
        return n instanceof ObjectNode o ? o : NODES.objectNode();
    }

    /**
     * Moves {@code keys} of an extension object to its end, in this order, so its field
     * order does not depend on the order of the statements that set them (a round trip
     * writes them elsewhere).
     */
    static void moveLast(ObjectNode ext, String... keys) {
        for (String key : keys) {
            JsonNode v = ext.remove(key);
            if (v != null) {
                ext.set(key, v);
            }
        }
    }

    /** A string field of an extension object, or {@code fallback}. */
    static String str(JsonNode ext, String name, String fallback) {
        JsonNode v = ext.get(name);
        return v != null && v.isString() ? v.stringValue() : fallback;
    }

}
