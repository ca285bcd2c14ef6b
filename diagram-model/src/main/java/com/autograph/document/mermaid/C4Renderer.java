package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.Style;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as C4 code ({@code C4Context} … {@code C4Deployment}). Shapes without a C4
 * macro are written as systems (boxes), boundaries (frames and groups) and relationships
 * (connectors), so any document can be written as C4.
 */
final class C4Renderer {

    private final DiagramDocument doc;

    private final Map<String, String> ids = new HashMap<>();

    private int generated;

    private C4Renderer(DiagramDocument doc) {
        this.doc = doc;
    }

    /** The shape's alias: its id when C4 can read it, else a fresh one. */
    private String id(String shapeId) {
        return ids.computeIfAbsent(shapeId, k -> {
            if (C4Parser.ALIAS.matcher(k).matches()) {
                return k;
            }
            String fresh;
            do {
                fresh = "e" + (++generated);
            }
            while (doc.shape(fresh).isPresent());
            return fresh;
        });
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line(Mermaid.str(root, "keyword", "C4Context"));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        Tree tree = new Tree(doc);
        List<String> after = new ArrayList<>();
        new C4Renderer(doc).scope(tree, null, out, after);
        after.forEach(out::line);
        if (root.get("layout_config") instanceof ObjectNode config && !config.isEmpty()) {
            out.line("UpdateLayoutConfig(" + named(config, new ArrayList<>()) + ")");
        }
        out.depth--;
    }

    private void scope(Tree tree, String scope, Out out, List<String> after) {
        for (Shape s : tree.boxes(scope)) {
            ObjectNode ext = Mermaid.ext(s);
            String macro = Mermaid.str(ext, "c4", s.type().isContainer() ? "Boundary" : "System");
            if (!C4Parser.MACROS.containsKey(macro) || C4Parser.RELATIONS.contains(macro)
                    || C4Parser.FRAMES.contains(macro) != s.type().isContainer()) {
                macro = s.type().isContainer() ? "Boundary" : "System";
            }
            List<String> args = new ArrayList<>();
            args.add(id(s.id()));
            args.add(Mermaid.quoted(s.text().orElse("")));
            String head = macro + "(" + String.join(", ", fields(ext, C4Parser.MACROS.get(macro), args)) + ")";
            ObjectNode u = updates(s, ext, false);
            if (!u.isEmpty()) {
                List<String> target = new ArrayList<>(List.of(id(s.id())));
                after.add("UpdateElementStyle(" + named(u, target) + ")");
            }
            if (s.type().isContainer()) {
                out.line(head + " {");
                out.depth++;
                scope(tree, s.id(), out, after);
                out.depth--;
                out.line("}");
            }
            else {
                out.line(head);
            }
        }
        for (Shape r : tree.connectors(scope)) {
            String a = Tree.from(r);
            String b = Tree.to(r);
            if (a == null || b == null || doc.shape(a).isEmpty() || doc.shape(b).isEmpty()) {
                continue; // a relationship joins two elements
            }
            ObjectNode ext = Mermaid.ext(r);
            String macro = Mermaid.str(ext, "c4", null);
            if (macro == null || !C4Parser.RELATIONS.contains(macro)) {
                macro = r.startArrowhead() != Arrowhead.NONE
                        ? (r.endArrowhead() != Arrowhead.NONE ? "BiRel" : "Rel_Back") : "Rel";
            }
            List<String> args = new ArrayList<>();
            if (macro.equals("RelIndex")) {
                String index = Mermaid.str(ext, "index", "1");
                args.add(index.matches("[\\w.-]+") ? index : Mermaid.quoted(index));
            }
            args.add(id(a));
            args.add(id(b));
            args.add(Mermaid.quoted(r.text().orElse("")));
            out.line(macro + "(" + String.join(", ", fields(ext, C4Parser.MACROS.get(macro), args)) + ")");
            ObjectNode u = updates(r, ext, true);
            if (!u.isEmpty()) {
                after.add("UpdateRelStyle(" + named(u, new ArrayList<>(List.of(id(a), id(b)))) + ")");
            }
        }
    }

    /**
     * The {@code Update…Style} values: as written, and where the shape's colours were
     * changed outside the code (on the canvas), the colours it has now.
     */
    private static ObjectNode updates(Shape s, ObjectNode ext, boolean relation) {
        ObjectNode u = ext.get("update_style") instanceof ObjectNode o ? o.deepCopy() : Mermaid.NODES.objectNode();
        Draft d = new Draft(s.id(), s.type());
        ext.properties().forEach(e -> d.ext().set(e.getKey(), e.getValue()));
        Style st = s.style();
        if (!C4Parser.styleOf(d).equals(st)) {
            if (relation) {
                st.strokeColor().ifPresent(c -> u.put("lineColor", c));
                st.textColor().ifPresent(c -> u.put("textColor", c));
            }
            else {
                st.fillColor().ifPresent(c -> u.put("bgColor", c));
                st.textColor().ifPresent(c -> u.put("fontColor", c));
                st.strokeColor().ifPresent(c -> u.put("borderColor", c));
            }
        }
        return u;
    }

    /**
     * {@code args} followed by the named fields up to the last one present (gaps as
     * {@code ""}), then the {@code $name="value"} ones.
     */
    private static List<String> fields(ObjectNode ext, List<String> names, List<String> args) {
        int last = -1;
        for (int k = 0; k < names.size(); k++) {
            if (ext.has(names.get(k))) {
                last = k;
            }
        }
        for (int k = 0; k <= last; k++) {
            args.add(Mermaid.quoted(Mermaid.str(ext, names.get(k), "")));
        }
        if (ext.get("named") instanceof ObjectNode named) {
            named.properties().forEach(e -> args.add("$" + e.getKey() + "=" + Mermaid.quoted(e.getValue().asString())));
        }
        return args;
    }

    private static String named(ObjectNode values, List<String> args) {
        for (var e : values.properties()) {
            JsonNode v = e.getValue();
            args.add("$" + e.getKey() + "=" + Mermaid.quoted(v.asString()));
        }
        return String.join(", ", args);
    }

}
