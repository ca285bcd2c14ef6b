package com.autograph.document.formats.d2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.JsonNode;

/**
 * Writes a document as D2: shapes as a tree of keys and blocks, then one connection per
 * line between key paths. Parsed documents come back as they were written (the {@code d2}
 * extension keeps what the document has no field for); others are written from their
 * fields. What D2 can't say here (freehand paths, connectors with a free end) is listed
 * in a comment rather than dropped without a word.
 */
final class Renderer {

    private static final Pattern PLAIN_KEY = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_ -]*");

    private static final String INDENT = "  ";

    private final DiagramDocument doc;

    private final StringBuilder out = new StringBuilder();

    /** Shape id → its key path as written, for connections. */
    private final Map<String, String> paths = new HashMap<>();

    private final List<String> skipped = new ArrayList<>();

    Renderer(DiagramDocument doc) {
        this.doc = doc;
    }

    String render() {
        JsonNode root = doc.unknownFields().get(D2Language.EXT);
        if (root != null && root.path("direction").isString()) {
            out.append("direction: ").append(root.path("direction").stringValue()).append('\n');
        }
        Set<String> used = new HashSet<>();
        for (Shape s : doc.shapes()) {
            boolean topLevel = s.parentId().flatMap(doc::shape).filter(this::isNode).isEmpty();
            if (isNode(s) && topLevel) {
                node(s, "", "", used);
            }
        }
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector()) {
                connection(s);
            }
            else if (!isNode(s)) {
                skipped.add(s.id());
            }
        }
        if (!skipped.isEmpty()) {
            out.append("# not expressible in D2: ").append(String.join(", ", skipped)).append('\n');
        }
        return out.toString();
    }

    private boolean isNode(Shape s) {
        return !s.type().isConnector() && s.type() != ShapeType.FREEHAND;
    }

    private void node(Shape s, String indent, String prefix, Set<String> used) {
        JsonNode ext = ext(s);
        String key = key(s, ext, used);
        String path = prefix + quoteKey(key);
        paths.put(s.id(), path);
        String text = s.text().orElse(null);
        out.append(indent).append(quoteKey(key));
        if (text != null && (ext.path("label").asBoolean(false) || !text.equals(key))) {
            out.append(": ").append(quoteValue(text));
        }
        List<String> fields = fields(s, ext);
        List<Shape> children = s.type().isContainer() ? doc.children(s.id()).stream().filter(this::isNode).toList()
                : List.of();
        if (fields.isEmpty() && children.isEmpty()) {
            out.append('\n');
            return;
        }
        out.append(" {\n");
        for (String f : fields) {
            out.append(indent).append(INDENT).append(f).append('\n');
        }
        Set<String> inside = new HashSet<>();
        for (Shape c : children) {
            node(c, indent + INDENT, path + ".", inside);
        }
        out.append(indent).append("}\n");
    }

    /**
     * The key as written when parsed; else from the id: a {@code .} (which would nest)
     * becomes {@code _}, and a key already used in the same block gets a number.
     */
    private String key(Shape s, JsonNode ext, Set<String> used) {
        String key;
        if (ext.path("key").isString()) {
            key = ext.path("key").stringValue();
        }
        else {
            String parent = s.parentId().orElse(null);
            key = parent != null && s.id().startsWith(parent + ".") ? s.id().substring(parent.length() + 1) : s.id();
            key = key.replace('.', '_');
        }
        String unique = key;
        for (int n = 2; !used.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = key + "_" + n;
        }
        return unique;
    }

    private List<String> fields(Shape s, JsonNode ext) {
        List<String> fields = new ArrayList<>();
        String shape = ext.path("shape").isString() ? ext.path("shape").stringValue() : switch (s.type()) {
            case ELLIPSE -> "oval";
            case DIAMOND -> "diamond";
            case TEXT, STICKY_NOTE -> "text";
            case ICON, IMAGE -> "image";
            default -> null;
        };
        if (shape != null) {
            fields.add("shape: " + shape);
        }
        String icon = s.icon().orElse(s.type() == ShapeType.IMAGE ? s.src().orElse(null) : null);
        if (icon != null) {
            fields.add("icon: " + quoteValue(icon));
        }
        for (String f : List.of("direction", "tooltip", "link", "near", "width", "height")) {
            if (ext.path(f).isString()) {
                fields.add(f + ": " + quoteValue(ext.path(f).stringValue()));
            }
        }
        style(s, ext).forEach((k, v) -> fields.add("style." + k + ": " + quoteValue(v)));
        return fields;
    }

    /** The style as written when parsed; else the document's, in D2's terms. */
    private static Map<String, String> style(Shape s, JsonNode ext) {
        Map<String, String> style = new LinkedHashMap<>();
        if (ext.path("style").isObject()) {
            ext.path("style").properties().forEach(e -> style.put(e.getKey(), e.getValue().asString()));
            return style;
        }
        Style st = s.style();
        st.fillColor().ifPresent(c -> style.put("fill", c));
        st.strokeColor().ifPresent(c -> style.put("stroke", c));
        // D2's ranges: a value outside them would not read back
        number(style, "stroke-width", st.strokeWidth(), 0, 15);
        st.strokeStyle().filter(d -> d != StrokeStyle.SOLID).ifPresent(d -> style.put("stroke-dash", "3"));
        number(style, "opacity", st.opacity(), 0, 1);
        st.textColor().ifPresent(c -> style.put("font-color", c));
        number(style, "font-size", st.fontSize(), 8, 100);
        number(style, "border-radius", st.cornerRadius(), 0, 1000);
        st.fontWeight().ifPresent(w -> style.put("bold", String.valueOf(w >= 600)));
        return style;
    }

    private static void number(Map<String, String> style, String key, java.util.OptionalDouble value, double min,
            double max) {
        if (value.isPresent() && value.getAsDouble() >= min && value.getAsDouble() <= max) {
            style.put(key, num(value.getAsDouble()));
        }
    }

    private void connection(Shape s) {
        String from = s.start().flatMap(Endpoint::shapeId).map(paths::get).orElse(null);
        String to = s.end().flatMap(Endpoint::shapeId).map(paths::get).orElse(null);
        if (from == null || to == null) {
            skipped.add(s.id());
            return;
        }
        boolean back = s.startArrowhead() != Arrowhead.NONE;
        boolean forward = s.endArrowhead() != Arrowhead.NONE;
        String op = back && forward ? "<->" : back ? "<-" : forward ? "->" : "--";
        out.append(from).append(' ').append(op).append(' ').append(to);
        s.text().ifPresent(t -> out.append(": ").append(quoteValue(t)));
        Map<String, String> style = style(s, ext(s));
        if (!style.isEmpty()) {
            out.append(" {\n");
            style.forEach((k, v) -> out.append(INDENT)
                .append("style.")
                .append(k)
                .append(": ")
                .append(quoteValue(v))
                .append('\n'));
            out.append('}');
        }
        out.append('\n');
    }

    private static JsonNode ext(Shape s) {
        JsonNode n = s.unknownFields().get(D2Language.EXT);
        return n != null ? n : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String quoteKey(String key) {
        boolean plain = PLAIN_KEY.matcher(key).matches() && !key.endsWith(" ") && !key.endsWith("-")
                && !key.contains("--") && !key.equals("_") && !isKeyword(key);
        return plain ? key : quote(key);
    }

    private static boolean isKeyword(String key) {
        return Parser.FIELDS.contains(key) || Parser.UNSUPPORTED_WORDS.contains(key);
    }

    static String quoteValue(String value) {
        boolean plain = !value.isEmpty() && value.strip().equals(value) && !value.equals("null")
                && value.chars().noneMatch(c -> ";{}\"'|\n\r\t#\\".indexOf(c) >= 0);
        return plain ? value : quote(value);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "") + "\"";
    }

}
