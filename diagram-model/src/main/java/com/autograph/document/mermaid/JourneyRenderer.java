package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code journey} code. */
final class JourneyRenderer {

    private JourneyRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("journey");
        out.depth = 1;
        MermaidRenderer.accessibility(root, out);
        for (Shape s : new Tree(doc).ordered()) {
            if (s.type().isConnector()) {
                continue;
            }
            if (s.type().isContainer()) {
                out.depth = 1;
                out.line("section " + TimelineRenderer.text(s.text().orElse("")));
                out.depth = 2;
                continue;
            }
            ObjectNode ext = Mermaid.ext(s);
            JsonNode score = ext.get("score");
            int n = score != null && score.canConvertToInt() ? Math.max(1, Math.min(5, score.asInt())) : 3;
            List<String> actors = new ArrayList<>();
            JsonNode list = ext.get("actors");
            if (list != null && list.isArray()) {
                list.forEach(a -> actors.add(TimelineRenderer.text(a.asString()).replace(",", "#44;")));
            }
            out.line(TimelineRenderer.text(s.text().orElse("")) + ": " + n
                    + (actors.isEmpty() ? "" : ": " + String.join(", ", actors)));
        }
        out.depth = 0;
    }

}
