package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code gantt} code. */
final class GanttRenderer {

    private GanttRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("gantt");
        out.depth++;
        JsonNode settings = root.get("settings");
        if (settings != null) {
            settings.properties().forEach(e -> out.line((e.getKey() + " " + e.getValue().asString()).strip()));
        }
        MermaidRenderer.accessibility(root, out);
        Tree tree = new Tree(doc);
        for (Shape s : tree.ordered()) {
            if (s.type().isConnector()) {
                continue;
            }
            if (s.type().isContainer()) {
                out.depth = 1;
                out.line("section " + s.text().orElse(""));
                out.depth = 2;
                continue;
            }
            ObjectNode ext = Mermaid.ext(s);
            List<String> fields = new ArrayList<>();
            ext.path("tags").forEach(t -> fields.add(t.asString()));
            if (!s.id().startsWith("task:")) {
                fields.add(s.id());
            }
            String start = Mermaid.str(ext, "start", null);
            if (start != null) {
                fields.add(start);
            }
            String end = Mermaid.str(ext, "end", null);
            if (end != null) {
                fields.add(end);
            }
            out.line(s.text().orElse(s.id()).replace(":", "#58;").replace("\n", "<br>") + " :"
                    + String.join(", ", fields));
        }
        out.depth = 0;
    }

}
