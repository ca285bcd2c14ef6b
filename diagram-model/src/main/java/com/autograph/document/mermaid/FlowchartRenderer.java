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
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code flowchart} code; also the fallback for documents from anywhere
 * else.
 */
final class FlowchartRenderer {

    private static final Pattern PLAIN_LABEL = Pattern.compile("[\\p{L}\\p{N} _.,!?'-]*");

    /** Node ids the flowchart lexer reads: plain ids that may also have inner dots. */
    private static final Pattern NODE_ID = Pattern.compile("[\\p{L}\\p{N}_]+(?:[-.][\\p{L}\\p{N}_]+)*");

    /** Link ids ({@code e1@-->}): plain ids. */
    private static final Pattern LINK_ID = Pattern.compile("[\\p{L}\\p{N}_]+(?:-[\\p{L}\\p{N}_]+)*");

    private static final Pattern GENERATED_LINK_ID = Pattern.compile("edge:\\d+");

    private final DiagramDocument doc;

    private final ObjectNode root;

    private final Out out;

    private final Tree tree;

    private final Map<String, String> ids = new HashMap<>();

    private final List<Shape> edges = new ArrayList<>();

    private final List<String> after = new ArrayList<>();

    private int generated;

    private FlowchartRenderer(DiagramDocument doc, ObjectNode root, Out out) {
        this.doc = doc;
        this.root = root;
        this.out = out;
        this.tree = new Tree(doc);
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        new FlowchartRenderer(doc, root, out).run();
    }

    private void run() {
        String keyword = Mermaid.str(root, "keyword", "flowchart");
        String dir = Mermaid.str(root, "direction", null);
        out.line(dir == null ? keyword : keyword + " " + dir);
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        scope(null);
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        after.forEach(out::line);
        String all = Mermaid.str(root, "link_style_default", null);
        if (all != null) {
            out.line("linkStyle default " + all);
        }
        for (int k = 0; k < edges.size(); k++) {
            Shape e = edges.get(k);
            String css = Mermaid.str(Mermaid.ext(e), "style", null);
            if (css != null) {
                out.line("linkStyle " + k + " " + css);
            }
            String edited = edited(e);
            if (edited != null) {
                out.line("linkStyle " + k + " " + edited);
            }
        }
        out.depth--;
    }

    private void scope(String scope) {
        for (Shape s : tree.boxes(scope)) {
            if (s.type().isContainer()) {
                out.line("subgraph " + subgraphHead(s));
                out.depth++;
                String dir = Mermaid.str(Mermaid.ext(s), "direction", null);
                if (dir != null) {
                    out.line("direction " + dir);
                }
                scope(s.id());
                out.depth--;
                out.line("end");
            }
            else {
                out.line(node(s));
            }
            extras(s);
        }
        for (Shape e : tree.connectors(scope)) {
            String a = Tree.from(e);
            String b = Tree.to(e);
            if (a == null || b == null || doc.shape(a).isEmpty() || doc.shape(b).isEmpty()) {
                continue; // a free end has no place in Mermaid
            }
            edges.add(e);
            String name = linkId(e);
            out.line(id(a) + " " + (name == null ? "" : name + "@") + link(e) + " " + id(b));
            JsonNode meta = Mermaid.ext(e).get("meta");
            if (name != null && meta instanceof ObjectNode m && !m.isEmpty()) {
                out.line(name + "@{ " + metaPairs(m, null) + " }");
            }
            if (name != null) {
                interactions(e, name);
            }
        }
    }

    /**
     * The id written before a link: the shape's own when the code named it, null for the
     * numbered ones and for documents that did not come from Mermaid.
     */
    private String linkId(Shape e) {
        String id = e.id();
        if (!root.has("kind") || GENERATED_LINK_ID.matcher(id).matches() || !LINK_ID.matcher(id).matches()
                || id.equals("end") || id.equals("subgraph") || doc.shape(id).filter(s -> s != e).isPresent()) {
            return null;
        }
        return id;
    }

    /** class and click statements of a named link. */
    private void interactions(Shape e, String name) {
        ObjectNode ext = Mermaid.ext(e);
        JsonNode classes = ext.get("classes");
        if (classes != null && classes.isArray()) {
            classes.forEach(c -> after.add("class " + name + " " + c.asString()));
        }
        String click = Mermaid.str(ext, "click", null);
        if (click != null) {
            after.add("click " + name + " " + click);
        }
    }

    /**
     * The pairs of a {@code @{ ... }}, in their order; the label, icon and picture come
     * from the shape (they may have been edited outside the code).
     */
    private String metaPairs(ObjectNode meta, Shape s) {
        List<String> pairs = new ArrayList<>();
        meta.properties().forEach(p -> {
            String key = p.getKey();
            String value;
            if (s != null && key.equals("label")) {
                value = FlowLexer.metaValue(Mermaid.NODES.stringNode(Mermaid.escape(s.text().orElse(""))), true);
            }
            else if (s != null && key.equals("icon") && s.icon().isPresent()) {
                value = FlowLexer.metaValue(Mermaid.NODES.stringNode(s.icon().get()), false);
            }
            else if (s != null && key.equals("img") && s.src().isPresent()) {
                value = FlowLexer.metaValue(Mermaid.NODES.stringNode(s.src().get()), false);
            }
            else {
                value = FlowLexer.metaValue(p.getValue(), key.equals("label"));
            }
            pairs.add(key + ": " + value);
        });
        if (s != null && !meta.has("label") && !s.text().orElse(s.id()).equals(s.id())) {
            pairs.add("label: " + FlowLexer.metaValue(Mermaid.NODES.stringNode(Mermaid.escape(s.text().get())), true));
        }
        return String.join(", ", pairs);
    }

    /** class, style and click statements, written after the nodes. */
    private void extras(Shape s) {
        ObjectNode ext = Mermaid.ext(s);
        JsonNode classes = ext.get("classes");
        if (classes != null && classes.isArray()) {
            classes.forEach(c -> after.add("class " + id(s.id()) + " " + c.asString()));
        }
        String css = Mermaid.str(ext, "style", null);
        if (css != null) {
            after.add("style " + id(s.id()) + " " + css);
        }
        String edited = edited(s);
        if (edited != null) {
            after.add("style " + id(s.id()) + " " + edited);
        }
        String click = Mermaid.str(ext, "click", null);
        if (click != null) {
            after.add("click " + id(s.id()) + " " + click);
        }
    }

    /**
     * The shape's style as CSS when it differs from what its code gives (an edit on the
     * canvas).
     */
    private String edited(Shape s) {
        Draft d = new Draft(s.id(), s.type());
        Mermaid.ext(s).properties().forEach(e -> d.ext().set(e.getKey(), e.getValue()));
        if (s.type().isConnector() && !d.ext().has("link")) {
            String kind = strokeKind(s);
            if (!kind.equals("normal")) {
                d.ext().put("link", kind);
            }
        }
        Style expected = FlowchartParser.styleOf(d, root);
        if (expected.equals(s.style())) {
            return null;
        }
        String css = Mermaid.css(s.style());
        return css.isEmpty() ? null : css;
    }

    /**
     * The link kind: as written in the code, else normal for documents that came from
     * Mermaid (where a changed style is written as linkStyle), else read from the style
     * of a drawn connector.
     */
    private String strokeKind(Shape e) {
        String written = Mermaid.str(Mermaid.ext(e), "link", null);
        if (written != null) {
            return written;
        }
        return root.has("kind") ? "normal" : kind(e.style());
    }

    private static String kind(Style style) {
        if (style.opacity().orElse(1) == 0) {
            return "invisible";
        }
        if (style.strokeStyle().map(st -> st != StrokeStyle.SOLID).orElse(false)) {
            return "dotted";
        }
        return style.strokeWidth().orElse(2) >= 3 ? "thick" : "normal";
    }

    private String subgraphHead(Shape s) {
        String title = s.text().orElse(null);
        if (s.id().startsWith("subgraph:")) {
            return markdown(s) ? markdownLabel(title == null ? "" : title) : Mermaid.quoted(title == null ? "" : title);
        }
        String id = id(s.id());
        if (markdown(s)) {
            return id + " [" + markdownLabel(title == null ? "" : title) + "]";
        }
        if (title == null || title.equals(id)) {
            return id;
        }
        return id + " [" + Mermaid.quoted(title) + "]";
    }

    private static boolean markdown(Shape s) {
        JsonNode m = Mermaid.ext(s).get("markdown");
        return m != null && m.asBoolean();
    }

    /**
     * A markdown string, {@code "`text`"}: line breaks are written as such (Mermaid reads
     * markdown lines), unless a line would read as something else (blank, a comment).
     */
    static String markdownLabel(String text) {
        boolean rawBreaks = true;
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            rawBreaks &= !t.isEmpty() && t.equals(line) && !t.startsWith("%%") && !t.equals("---");
        }
        String body = text.replace("\"", "#quot;");
        return "\"`" + (rawBreaks ? body : body.replace("\n", "<br>")) + "`\"";
    }

    private String node(Shape s) {
        String id = id(s.id());
        JsonNode meta = Mermaid.ext(s).get("meta");
        if (meta instanceof ObjectNode m && !m.isEmpty()) {
            return id + "@{ " + metaPairs(m, s) + " }";
        }
        String shape = Mermaid.str(Mermaid.ext(s), "shape", switch (s.type()) {
            case ELLIPSE -> "circle";
            case DIAMOND -> "diamond";
            default -> "rect";
        });
        String text = s.text().orElse(id);
        if (text.equals(id) && shape.equals("rect")) {
            return id;
        }
        String[] br = FlowLexer.brackets(shape);
        return id + br[0] + (markdown(s) ? markdownLabel(text) : label(text)) + br[1];
    }

    static String label(String text) {
        return PLAIN_LABEL.matcher(text).matches() && !text.isBlank() && text.strip().equals(text) ? text
                : Mermaid.quoted(text);
    }

    private String link(Shape e) {
        ObjectNode ext = Mermaid.ext(e);
        String stroke = strokeKind(e);
        int length = ext.has("length") ? ext.get("length").asInt() : 1;
        String l = FlowLexer.link(head(e.startArrowhead()), head(e.endArrowhead()), stroke, length);
        return e.text().map(t -> l + "|" + (markdown(e) ? markdownLabel(t) : label(t)) + "|").orElse(l);
    }

    private static char head(Arrowhead a) {
        return switch (a) {
            case NONE -> 0;
            case CIRCLE -> 'o';
            case BAR -> 'x';
            default -> '>';
        };
    }

    /**
     * The shape's id in the code: itself when Mermaid can read it, else a fresh plain
     * one.
     */
    private String id(String shapeId) {
        return ids.computeIfAbsent(shapeId, k -> {
            boolean readable = doc.shape(k).filter(sh -> sh.type().isContainer()).isPresent() ? Mermaid.isPlainId(k)
                    : NODE_ID.matcher(k).matches();
            if (readable && !k.equals("end") && !k.equals("subgraph")) {
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
