package com.autograph.document.mermaid;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code classDiagram} code. */
final class ClassRenderer {

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
                out.line("namespace " + s.text().orElse(s.id().replace("namespace:", "")) + " {");
                out.depth++;
                scope(tree, s.id(), out, after);
                out.depth--;
                out.line("}");
            }
            else if (s.type() == ShapeType.STICKY_NOTE) {
                String target = Mermaid.str(ext, "for", null);
                out.line("note " + (target == null ? "" : "for " + target + " ") + Mermaid.quoted(s.text().orElse("")));
            }
            else {
                StringBuilder head = new StringBuilder("class ").append(s.id());
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
                    after.add("style " + s.id() + " " + style);
                }
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
            out.line(a + (startLabel == null ? "" : " \"" + startLabel + "\"") + " " + op
                    + (endLabel == null ? "" : " \"" + endLabel + "\"") + " " + b
                    + r.text().map(t -> " : " + Mermaid.escapeBare(t)).orElse(""));
        }
    }

    private static String head(Arrowhead h, boolean start) {
        return switch (h) {
            case NONE -> "";
            case TRIANGLE -> start ? "<|" : "|>";
            case DIAMOND -> "*";
            default -> start ? "<" : ">";
        };
    }

}
