package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code pie} code: one slice per wedge, in order. */
final class PieRenderer {

    private PieRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("pie" + (root.path("show_data").asBoolean(false) ? " showData" : ""));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        for (Shape s : doc.shapes()) {
            if (s.type() != ShapeType.FREEHAND || Charts.derived(s)) {
                continue;
            }
            String value = Mermaid.str(Mermaid.ext(s), "value", "0");
            out.line("\"" + Mermaid.escape(s.text().orElse("")) + "\" : " + value);
        }
        out.depth = 0;
    }

}
