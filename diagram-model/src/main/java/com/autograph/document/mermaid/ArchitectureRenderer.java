package com.autograph.document.mermaid;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code architecture-beta} code: groups first (each followed by what it
 * holds), then the edges. Shapes without the extension are written as services (frames
 * and groups as groups, tiny ellipses nothing names as junctions are not guessed), and
 * connectors as edges from the right side to the left one.
 */
final class ArchitectureRenderer {

    private static final Pattern ID = Pattern.compile(ArchitectureParser.ID);

    private final DiagramDocument doc;

    private final Out out;

    private final Map<String, String> ids = new HashMap<>();

    private int generated;

    private ArchitectureRenderer(DiagramDocument doc, Out out) {
        this.doc = doc;
        this.out = out;
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("architecture-beta");
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        new ArchitectureRenderer(doc, out).run();
        out.depth--;
    }

    private void run() {
        Tree tree = new Tree(doc);
        for (Shape s : tree.ordered()) {
            if (s.type().isConnector()) {
                continue;
            }
            ObjectNode ext = Mermaid.ext(s);
            String kind = Mermaid.str(ext, "kind", s.type().isContainer() ? "group" : "service");
            String in = s.parentId()
                .filter(p -> doc.shape(p).map(x -> x.type().isContainer()).orElse(false))
                .map(p -> " in " + id(p))
                .orElse("");
            if (kind.equals("junction")) {
                out.line("junction " + id(s.id()) + in);
                continue;
            }
            StringBuilder b = new StringBuilder(s.type().isContainer() ? "group " : "service ").append(id(s.id()));
            String iconText = Mermaid.str(ext, "icon_text", null);
            if (iconText != null) {
                b.append("(").append(Mermaid.quoted(iconText)).append(")");
            }
            else {
                s.icon()
                    .filter(icon -> ArchitectureParser.ICON.matcher(icon).matches())
                    .ifPresent(icon -> b.append("(").append(icon).append(")"));
            }
            s.text().ifPresent(t -> b.append("[").append(title(t)).append("]"));
            out.line(b.append(in).toString());
        }
        for (Shape e : tree.ordered()) {
            if (!e.type().isConnector()) {
                continue;
            }
            String a = Tree.from(e);
            String z = Tree.to(e);
            if (a == null || z == null || doc.shape(a).isEmpty() || doc.shape(z).isEmpty()) {
                continue; // an edge joins two shapes
            }
            ObjectNode ext = Mermaid.ext(e);
            String line = e.text().map(t -> "-[" + title(t) + "]-").orElse("--");
            out.line(id(a) + (ext.path("from_group").asBoolean(false) ? "{group}" : "") + ":"
                    + side(ext, "from_side", "R") + " " + (e.startArrowhead() != Arrowhead.NONE ? "<" : "") + line
                    + (e.endArrowhead() != Arrowhead.NONE ? ">" : "") + " " + side(ext, "to_side", "L") + ":" + id(z)
                    + (ext.path("to_group").asBoolean(false) ? "{group}" : ""));
        }
    }

    private static String side(ObjectNode ext, String name, String fallback) {
        String s = Mermaid.str(ext, name, fallback);
        return s.matches("[LRTB]") ? s : fallback;
    }

    /** A title as the brackets can hold it: on one line, without {@code ]}. */
    private static String title(String text) {
        return Mermaid.escapeBare(text).replace("]", "#93;");
    }

    private String id(String shapeId) {
        return ids.computeIfAbsent(shapeId, k -> {
            if (ID.matcher(k).matches() && doc.shape(k).map(s -> s.type() != ShapeType.ARROW).orElse(true)) {
                return k;
            }
            String fresh;
            do {
                fresh = "n" + (++generated);
            }
            while (doc.shape(fresh).isPresent());
            return fresh;
        });
    }

}
