package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code quadrantChart} code: axes, quadrant texts, points, classes. */
final class QuadrantRenderer {

    private QuadrantRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("quadrantChart");
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        axis(root.path("x_axis"), "x-axis", out);
        axis(root.path("y_axis"), "y-axis", out);
        for (int q = 1; q <= 4; q++) {
            String text = doc.shape("quadrant-" + q).flatMap(Shape::text).orElse(null);
            if (text != null) {
                out.line("quadrant-" + q + " " + Charts.text(text));
            }
        }
        for (Shape s : doc.shapes()) {
            if (s.type() != ShapeType.ELLIPSE || Charts.derived(s)) {
                continue;
            }
            ObjectNode ext = Mermaid.ext(s);
            String cls = Mermaid.str(ext, "class", null);
            out.line(Charts.text(s.text().orElse("")) + (cls != null ? ":::" + cls : "") + ": ["
                    + Mermaid.str(ext, "x", "0") + ", " + Mermaid.str(ext, "y", "0") + "]"
                    + styles(ext.path("styles")));
        }
        root.path("classes").properties().forEach(e -> out.line("classDef " + e.getKey() + styles(e.getValue())));
        out.depth = 0;
    }

    private static void axis(JsonNode axis, String keyword, Out out) {
        if (!axis.isObject()) {
            return;
        }
        String high = Mermaid.str(axis, "high", null);
        out.line(keyword + " " + Charts.text(Mermaid.str(axis, "low", ""))
                + (high != null ? " --> " + Charts.text(high) : ""));
    }

    private static String styles(JsonNode styles) {
        List<String> parts = new ArrayList<>();
        styles.properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
        return parts.isEmpty() ? "" : " " + String.join(", ", parts);
    }

}
