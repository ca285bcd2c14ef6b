package com.autograph.document.formats.eraser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;

/**
 * Writes a document as Eraser code: nodes and groups as a tree, then one connection per
 * line. What the language can't say (freehand paths, connectors with a free end) is
 * listed in a comment rather than dropped without a word.
 */
final class Renderer {

    private final DiagramDocument doc;

    private final Map<String, String> names = new HashMap<>();

    private final StringBuilder out = new StringBuilder();

    private final List<String> skipped = new ArrayList<>();

    Renderer(DiagramDocument doc) {
        this.doc = doc;
    }

    String render() {
        Map<String, List<Shape>> children = new LinkedHashMap<>();
        List<Shape> top = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Shape s : doc.shapes()) {
            if (!isNode(s)) {
                continue;
            }
            names.put(s.id(), name(s, used));
            String parent = s.parentId().filter(p -> doc.shape(p).map(this::isNode).orElse(false)).orElse(null);
            if (parent == null) {
                top.add(s);
            }
            else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
            }
        }
        for (Shape s : top) {
            node(s, children, "");
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
            out.append("// not expressible in this language: ").append(String.join(", ", skipped)).append('\n');
        }
        return out.toString();
    }

    private boolean isNode(Shape s) {
        return !s.type().isConnector() && s.type() != ShapeType.FREEHAND;
    }

    private void node(Shape s, Map<String, List<Shape>> children, String indent) {
        out.append(indent).append(names.get(s.id()));
        List<String> props = new ArrayList<>();
        String text = s.text().orElse(null);
        if (text != null && !text.equals(names.get(s.id()))) {
            props.add("label: " + quote(text));
        }
        s.icon().ifPresent(icon -> props.add("icon: " + (icon.matches("[A-Za-z0-9._/-]+") ? icon : quote(icon))));
        s.style().strokeColor().ifPresent(c -> {
            String name = EraserPalette.name(c);
            if (name != null || c.matches("#[0-9a-fA-F]{6}")) {
                props.add("color: " + (name != null ? name : c.toLowerCase(java.util.Locale.ROOT)));
            }
        });
        boolean container = s.type().isContainer();
        if (s.type() == ShapeType.ELLIPSE) {
            props.add("shape: ellipse");
        }
        else if (s.type() == ShapeType.DIAMOND) {
            props.add("shape: diamond");
        }
        if (!props.isEmpty()) {
            out.append(" [").append(String.join(", ", props)).append(']');
        }
        if (container) {
            out.append(" {\n");
            for (Shape c : children.getOrDefault(s.id(), List.of())) {
                node(c, children, indent + "  ");
            }
            out.append(indent).append('}');
        }
        out.append('\n');
    }

    private void connection(Shape s) {
        String from = s.start().flatMap(e -> e.shapeId()).map(names::get).orElse(null);
        String to = s.end().flatMap(e -> e.shapeId()).map(names::get).orElse(null);
        if (from == null || to == null) {
            skipped.add(s.id());
            return;
        }
        boolean dashed = s.style().strokeStyle().map(st -> st != StrokeStyle.SOLID).orElse(false);
        boolean start = s.startArrowhead() != Arrowhead.NONE;
        boolean end = s.endArrowhead() != Arrowhead.NONE;
        String connector = start && end ? "<>" : start ? "<" : end ? (dashed ? "-->" : ">") : (dashed ? "--" : "-");
        out.append(from).append(' ').append(connector).append(' ').append(to);
        s.text().ifPresent(t -> out.append(": ").append(plainLabel(t) ? t : quote(t)));
        out.append('\n');
    }

    /**
     * The name to write: the text when it reads back as this id, else the id, else a
     * fresh slug.
     */
    private String name(Shape s, Set<String> used) {
        String text = s.text().orElse("");
        String candidate;
        if (plainName(text) && EraserLanguage.slug(text).equals(s.id())) {
            candidate = text;
        }
        else if (plainName(s.id()) && EraserLanguage.slug(s.id()).equals(s.id())) {
            candidate = s.id();
        }
        else {
            String base = EraserLanguage.slug(text.isBlank() ? s.id() : text);
            candidate = base.isEmpty() ? "node" : base;
        }
        String name = candidate;
        for (int i = 2; !used.add(EraserLanguage.slug(name)); i++) {
            name = candidate + "-" + i;
        }
        return name;
    }

    /** Whether the lexer reads {@code s} back as exactly this name. */
    static boolean plainName(String s) {
        if (s.isEmpty() || !s.equals(s.strip()) || s.contains("  ") || s.contains("//")) {
            return false;
        }
        for (String word : s.split(" ")) {
            if (word.isEmpty() || word.charAt(0) == '-' || word.endsWith("-") || word.contains("--")
                    || word.contains("=>")) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (Character.isWhitespace(c) || "[]{}:,\"<>".indexOf(c) >= 0 || c == '\uFEFF') {
                    return false;
                }
                if (c == '-' && i + 1 < word.length() && "<>".indexOf(word.charAt(i + 1)) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean plainLabel(String s) {
        return !s.isEmpty() && s.equals(s.strip()) && !s.startsWith("\"") && s.indexOf('\n') < 0 && s.indexOf('}') < 0
                && s.indexOf('\r') < 0;
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

}
