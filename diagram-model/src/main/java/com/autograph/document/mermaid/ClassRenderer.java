package com.autograph.document.mermaid;

import java.util.Optional;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code classDiagram} code. */
final class ClassRenderer {

    /** A class name Mermaid reads without backticks. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N}_]+");

    private ClassRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line(Mermaid.str(root, "keyword", "classDiagram"));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        String dir = Mermaid.str(root, "direction", null);
        if (dir != null) {
            out.line("direction " + dir);
        }
        Tree tree = new Tree(doc);
        java.util.List<String> after = new java.util.ArrayList<>();
        scope(tree, null, out, after);
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        after.forEach(out::line);
        out.depth--;
    }

    private static void scope(Tree tree, String scope, Out out, java.util.List<String> after) {
        for (Shape s : tree.boxes(scope)) {
            ObjectNode ext = Mermaid.ext(s);
            if (s.type().isContainer()) {
                String name = s.id().startsWith("namespace:") ? s.id().substring("namespace:".length())
                        : s.text().orElse(s.id());
                String title = s.text().orElse(name);
                out.line("namespace " + name + (title.equals(name) ? "" : "[" + Mermaid.quoted(title) + "]") + " {");
                out.depth++;
                scope(tree, s.id(), out, after);
                out.depth--;
                out.line("}");
            }
            else if (s.type() == ShapeType.STICKY_NOTE) {
                String target = Mermaid.str(ext, "for", null);
                out.line("note " + (target == null ? "" : "for " + name(target) + " ")
                        + Mermaid.quoted(s.text().orElse("")));
            }
            else {
                StringBuilder head = new StringBuilder("class ").append(name(s.id()));
                String generic = Mermaid.str(ext, "generic", null);
                if (generic != null) {
                    head.append('~').append(generic).append('~');
                }
                String text = s.text().orElse(s.id());
                if (!text.equals(s.id())) {
                    head.append("[").append(Mermaid.quoted(text)).append("]");
                }
                JsonNode members = ext.get("members");
                String annotation = Mermaid.str(ext, "annotation", null);
                boolean hasBody = annotation != null || members != null && !members.isEmpty();
                out.line(hasBody ? head + " {" : head.toString());
                if (hasBody) {
                    out.depth++;
                    if (annotation != null) {
                        out.line("<<" + annotation + ">>");
                    }
                    if (members != null) {
                        members.forEach(m -> out.line(m.path("text").asString()));
                    }
                    out.depth--;
                    out.line("}");
                }
                JsonNode classes = ext.get("classes");
                if (classes != null) {
                    classes.forEach(c -> after.add("cssClass \"" + s.id() + "\" " + c.asString()));
                }
                String style = Mermaid.str(ext, "style", null);
                if (style != null) {
                    after.add("style " + name(s.id()) + " " + style);
                }
                click(s, ext, after);
            }
        }
        for (Shape r : tree.connectors(scope)) {
            String a = Tree.from(r);
            String b = Tree.to(r);
            if (a == null || b == null) {
                continue;
            }
            ObjectNode ext = Mermaid.ext(r);
            String op = Mermaid.str(ext, "relation", null);
            if (op == null) {
                String line = r.style().strokeStyle().map(st -> st != StrokeStyle.SOLID).orElse(false) ? ".." : "--";
                op = head(r.startArrowhead(), true) + line + head(r.endArrowhead(), false);
            }
            String startLabel = Mermaid.str(ext, "start_label", null);
            String endLabel = Mermaid.str(ext, "end_label", null);
            out.line(name(a) + (startLabel == null ? "" : " \"" + startLabel + "\"") + " " + op
                    + (endLabel == null ? "" : " \"" + endLabel + "\"") + " " + name(b)
                    + r.text().map(t -> " : " + Mermaid.escapeBare(t)).orElse(""));
        }
    }

    /**
     * {@code link}/{@code callback} data as {@code click} statements: {@code click A href
     * "url" "tooltip" _blank}, {@code click A call fn(args) "tooltip"}.
     */
    private static void click(Shape s, ObjectNode ext, java.util.List<String> after) {
        JsonNode link = ext.get("link");
        if (link != null && link.isObject()) {
            after.add("click " + name(s.id()) + " href " + string(link, "href") + optional(link, "tooltip")
                    + Optional.ofNullable(Mermaid.str(link, "target", null)).map(t -> " " + t).orElse(""));
        }
        JsonNode callback = ext.get("callback");
        if (callback != null && callback.isObject()) {
            after.add("click " + name(s.id()) + " call " + Mermaid.str(callback, "function", "") + "("
                    + Mermaid.str(callback, "args", "") + ")" + optional(callback, "tooltip"));
        }
    }

    private static String string(JsonNode o, String field) {
        return "\"" + Mermaid.str(o, field, "").replace("\"", "#quot;") + "\"";
    }

    private static String optional(JsonNode o, String field) {
        return o.has(field) ? " " + string(o, field) : "";
    }

    /**
     * A class name as Mermaid reads it: as it is when plain, else between backticks.
     */
    static String name(String id) {
        return PLAIN_NAME.matcher(id).matches() ? id : "`" + id.replace("`", "'") + "`";
    }

    private static String head(Arrowhead h, boolean start) {
        return switch (h) {
            case NONE -> "";
            case TRIANGLE -> start ? "<|" : "|>";
            case DIAMOND -> "*";
            case CIRCLE -> "()";
            default -> start ? "<" : ">";
        };
    }

}
