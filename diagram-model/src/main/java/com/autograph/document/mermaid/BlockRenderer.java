package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code block} code: each scope's blocks in grid order, one a line
 * (composite blocks with what they hold), then the edges, class definitions, classes and
 * styles.
 */
final class BlockRenderer {

    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_]+");

    private final DiagramDocument doc;

    private final Out out;

    private final Tree tree;

    private final Map<String, String> ids = new HashMap<>();

    private final List<String> after = new ArrayList<>();

    private int generated;

    private final ObjectNode root;

    private BlockRenderer(DiagramDocument doc, ObjectNode root, Out out) {
        this.doc = doc;
        this.root = root;
        this.out = out;
        this.tree = new Tree(doc);
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line(Mermaid.str(root, "keyword", "block"));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        BlockRenderer r = new BlockRenderer(doc, root, out);
        r.scope(null, root);
        for (Shape e : r.tree.ordered()) {
            if (e.type().isConnector()) {
                r.edge(e);
            }
        }
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        r.after.forEach(out::line);
        out.depth--;
    }

    /**
     * Writes the scope's blocks a grid row to a line, as people write them (where a line
     * breaks means nothing to the grid); composite blocks on lines of their own.
     */
    private void scope(String scope, ObjectNode ext) {
        JsonNode columns = ext.get("columns");
        if (columns != null && (columns.isInt() || columns.isString())) {
            out.line("columns " + columns.asString());
        }
        int perRow = columns != null && columns.isInt() ? Math.max(1, columns.asInt()) : ROW;
        List<String> row = new ArrayList<>();
        int column = 0;
        for (Shape s : tree.boxes(scope)) {
            ObjectNode own = Mermaid.ext(s);
            JsonNode w = own.get("width");
            int span = Math.min(perRow, w != null && w.isInt() ? Math.max(1, w.asInt()) : 1);
            String width = w != null && w.isInt() ? ":" + w.asInt() : "";
            if (column > 0 && column + span > perRow) {
                flush(row);
                column = 0;
            }
            column += span;
            if (Mermaid.str(own, "block", "").equals("space")) {
                row.add("space" + width);
                continue;
            }
            if (s.type().isContainer()) {
                flush(row);
                String head = s.id().startsWith("block:") && width.isEmpty() && s.text().isEmpty() ? "block"
                        : "block:" + id(s.id()) + s.text().map(t -> "[" + Mermaid.quoted(t) + "]").orElse("") + width;
                out.line(head);
                out.depth++;
                scope(s.id(), own);
                out.depth--;
                out.line("end");
            }
            else {
                row.add(node(s, own) + width);
            }
            JsonNode classes = own.get("classes");
            if (classes != null && classes.isArray()) {
                classes.forEach(c -> after.add("class " + id(s.id()) + " " + c.asString()));
            }
            String css = Mermaid.str(own, "style", null);
            if (css != null) {
                after.add("style " + id(s.id()) + " " + css);
            }
            // a style changed outside the code (on the canvas) is written as one more
            // style
            Draft d = new Draft(s.id(), s.type());
            own.properties().forEach(e -> d.ext().set(e.getKey(), e.getValue()));
            String edited = Mermaid.css(s.style());
            if (!FlowchartParser.styleOf(d, root).equals(s.style()) && !edited.isEmpty()) {
                after.add("style " + id(s.id()) + " " + edited);
            }
        }
        flush(row);
    }

    /** Blocks on one line when the grid has no columns set. */
    private static final int ROW = 8;

    private void flush(List<String> row) {
        if (!row.isEmpty()) {
            out.line(String.join(" ", row));
            row.clear();
        }
    }

    private String node(Shape s, ObjectNode ext) {
        String id = id(s.id());
        String shape = Mermaid.str(ext, "shape", switch (s.type()) {
            case ELLIPSE -> "circle";
            case DIAMOND -> "diamond";
            default -> "rect";
        });
        String text = s.text().orElse(id);
        if (shape.equals("block_arrow")) {
            List<String> dirs = new ArrayList<>();
            JsonNode written = ext.get("directions");
            if (written != null && written.isArray()) {
                for (JsonNode x : written) {
                    dirs.add(x.asString());
                }
            }
            if (dirs.isEmpty() || !BlockParser.DIRECTIONS.containsAll(dirs)) {
                dirs = List.of("right");
            }
            return id + "<[" + Mermaid.quoted(text) + "]>(" + String.join(", ", dirs) + ")";
        }
        if (text.equals(id) && shape.equals("rect")) {
            return id;
        }
        String[] br = FlowLexer.brackets(shape);
        return id + br[0] + Mermaid.quoted(text) + br[1];
    }

    private void edge(Shape e) {
        String a = Tree.from(e);
        String b = Tree.to(e);
        if (a == null || b == null || doc.shape(a).isEmpty() || doc.shape(b).isEmpty()) {
            return; // an edge joins two blocks
        }
        ObjectNode ext = Mermaid.ext(e);
        String stroke = Mermaid.str(ext, "link", "normal");
        int length = ext.get("length") != null && ext.get("length").isInt() ? ext.get("length").asInt() : 1;
        char start = head(e.startArrowhead());
        char end = head(e.endArrowhead());
        String link = FlowLexer.link(start, end, stroke, length);
        if (e.text().isPresent() && !stroke.equals("invisible")) {
            String open = (start != 0 ? "<" : "") + switch (stroke) {
                case "thick" -> "==";
                case "dotted" -> "-.";
                default -> "--";
            };
            String close = FlowLexer.link((char) 0, end, stroke, length);
            if (stroke.equals("dotted")) {
                close = close.substring(1);
            }
            link = open + " " + Mermaid.quoted(e.text().get()) + " " + close;
        }
        out.line(id(a) + " " + link + " " + id(b));
    }

    private static char head(Arrowhead a) {
        return switch (a) {
            case NONE -> 0;
            case CIRCLE -> 'o';
            case BAR -> 'x';
            default -> '>';
        };
    }

    /** The shape's id in the code: itself when Mermaid can read it, else a fresh one. */
    private String id(String shapeId) {
        return ids.computeIfAbsent(shapeId, k -> {
            if (ID.matcher(k).matches()
                    && !List.of("block", "end", "columns", "space", "classDef", "class", "style").contains(k)
                    && doc.shape(k).map(s -> s.type() != ShapeType.ARROW).orElse(true)) {
                return k;
            }
            String fresh;
            do {
                fresh = "n" + (++generated);
            }
            while (doc.shape(fresh).isPresent());
            return fresh;
        });
    }

}
