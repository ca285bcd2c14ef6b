package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code kanban} code: each column, then its items one level deeper. */
final class KanbanRenderer {

    private KanbanRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("kanban");
        Tree tree = new Tree(doc);
        for (Shape column : tree.boxes(null)) {
            out.depth = 1;
            out.line(node(column));
            if (column.type() == ShapeType.FRAME) {
                out.depth = 2;
                for (Shape item : tree.boxes(column.id())) {
                    out.line(node(item));
                }
            }
        }
        out.depth = 0;
    }

    private static String node(Shape s) {
        ObjectNode ext = Mermaid.ext(s);
        String id = Mermaid.str(ext, "id", s.id().contains(":") ? null : s.id());
        JsonNode markdown = ext.get("markdown");
        String code = NodeSyntax.write(id, "square", s.text().orElse(""), markdown != null && markdown.asBoolean());
        List<String> meta = new ArrayList<>();
        for (String field : KanbanParser.FIELDS) {
            String v = Mermaid.str(ext, field, null);
            if (v != null) {
                meta.add(field + ": " + value(v));
            }
        }
        return meta.isEmpty() ? code : code + "@{ " + String.join(", ", meta) + " }";
    }

    /** A metadata value, quoted when it would not read back bare. */
    private static String value(String v) {
        if (!v.isEmpty() && v.strip().equals(v) && v.matches("[^,'\"{}\\s]*")) {
            return v;
        }
        return v.contains("'") ? "\"" + v.replace("\"", "") + "\"" : "'" + v + "'";
    }

}
