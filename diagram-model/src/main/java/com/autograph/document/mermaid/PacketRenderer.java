package com.autograph.document.mermaid;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code packet} code: the fields in order, each as written
 * ({@code start-end} or {@code +bits}); derived parts are left out.
 */
final class PacketRenderer {

    private PacketRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line(Mermaid.str(root, "keyword", "packet"));
        out.depth = 1;
        MermaidRenderer.accessibility(root, out);
        for (Shape s : doc.shapes()) {
            ObjectNode ext = Mermaid.ext(s);
            JsonNode start = ext.get("start");
            JsonNode end = ext.get("end");
            if (s.type().isConnector() || ext.has("derived") || start == null || end == null
                    || !start.canConvertToLong() || !end.canConvertToLong()) {
                continue;
            }
            long a = start.asLong();
            long b = end.asLong();
            JsonNode relative = ext.get("relative");
            String bits = relative != null && relative.asBoolean() ? "+" + (b - a + 1)
                    : a == b ? String.valueOf(a) : a + "-" + b;
            out.line(bits + ": " + Mermaid.quoted(s.text().orElse("")));
        }
        out.depth = 0;
    }

}
