package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.StrokeStyle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code erDiagram} code; relationships come entirely from the canonical
 * fields.
 */
final class ErRenderer {

    private ErRenderer() {
    }

    private static String name(String id) {
        return id.matches("[\\p{L}\\p{N}_-]+") ? id : "\"" + id + "\"";
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("erDiagram");
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        String dir = Mermaid.str(root, "direction", null);
        if (dir != null) {
            out.line("direction " + dir);
        }
        Tree tree = new Tree(doc);
        for (Shape e : tree.ordered()) {
            if (e.type().isConnector()) {
                continue;
            }
            String text = e.text().orElse(e.id());
            String head = name(e.id()) + (text.equals(e.id()) ? "" : "[\"" + text + "\"]");
            JsonNode attrs = Mermaid.ext(e).get("attributes");
            if (attrs == null || attrs.isEmpty()) {
                out.line(head);
                continue;
            }
            out.line(head + " {");
            out.depth++;
            for (JsonNode a : attrs) {
                StringBuilder l = new StringBuilder(a.path("type").asString()).append(' ')
                    .append(a.path("name").asString());
                if (a.has("keys")) {
                    java.util.List<String> keys = new java.util.ArrayList<>();
                    a.get("keys").forEach(k -> keys.add(k.asString()));
                    l.append(' ').append(String.join(", ", keys));
                }
                if (a.has("comment")) {
                    l.append(" \"").append(a.get("comment").asString()).append('"');
                }
                out.line(l.toString());
            }
            out.depth--;
            out.line("}");
        }
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        for (Shape e : tree.ordered()) {
            Mermaid.ext(e).path("classes").forEach(c -> out.line("class " + name(e.id()) + " " + c.asString()));
            String style = Mermaid.str(Mermaid.ext(e), "style", null);
            if (style != null) {
                out.line("style " + name(e.id()) + " " + style);
            }
        }
        for (Shape r : tree.ordered()) {
            String a = Tree.from(r);
            String b = Tree.to(r);
            if (!r.type().isConnector() || a == null || b == null) {
                continue;
            }
            String line = r.style().strokeStyle().map(s -> s != StrokeStyle.SOLID).orElse(false) ? ".." : "--";
            out.line(name(a) + " " + ErParser.token(r.startArrowhead(), true) + line
                    + ErParser.token(r.endArrowhead(), false) + " " + name(b) + " : "
                    + Mermaid.quoted(r.text().orElse("")));
        }
        out.depth--;
    }

}
