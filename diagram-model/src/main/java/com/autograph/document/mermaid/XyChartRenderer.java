package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code xychart} code: the axes as written, then one line per series. */
final class XyChartRenderer {

    private XyChartRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        String orientation = Mermaid.str(root, "orientation", null);
        out.line(Mermaid.str(root, "keyword", "xychart") + (orientation != null ? " " + orientation : ""));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        axis(root.path("x_axis"), "x-axis", out);
        axis(root.path("y_axis"), "y-axis", out);
        for (Shape s : doc.shapes()) {
            ObjectNode ext = Mermaid.ext(s);
            String kind = Mermaid.str(ext, "series", null);
            if (kind == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (kind.equals("bar")) {
                doc.children(s.id()).forEach(bar -> values.add(Mermaid.str(Mermaid.ext(bar), "value", "0")));
            }
            else {
                ext.path("values").forEach(v -> values.add(v.asString()));
            }
            String title = Mermaid.str(ext, "title", null);
            out.line(
                    kind + (title != null ? " " + Mermaid.quoted(title) : "") + " [" + String.join(", ", values) + "]");
        }
        out.depth = 0;
    }

    private static void axis(JsonNode axis, String keyword, Out out) {
        if (!axis.isObject()) {
            return;
        }
        StringBuilder line = new StringBuilder(keyword);
        String title = Mermaid.str(axis, "title", null);
        if (title != null) {
            line.append(' ').append(Mermaid.quoted(title));
        }
        if (axis.has("categories")) {
            List<String> categories = new ArrayList<>();
            axis.path("categories").forEach(c -> categories.add(Charts.text(c.asString())));
            line.append(" [").append(String.join(", ", categories)).append(']');
        }
        else if (axis.has("min")) {
            line.append(' ')
                .append(Mermaid.str(axis, "min", "0"))
                .append(" --> ")
                .append(Mermaid.str(axis, "max", "1"));
        }
        out.line(line.toString());
    }

}
