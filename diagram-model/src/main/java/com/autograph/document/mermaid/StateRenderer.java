package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Documents as {@code stateDiagram-v2} code. */
final class StateRenderer {

    private StateRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line(Mermaid.str(root, "keyword", "stateDiagram-v2"));
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        String dir = Mermaid.str(root, "direction", null);
        if (dir != null) {
            out.line("direction " + dir);
        }
        List<String> after = new ArrayList<>();
        scope(new Tree(doc), null, out, after);
        JsonNode defs = root.get("class_defs");
        if (defs != null && defs.isObject()) {
            defs.properties().forEach(e -> out.line("classDef " + e.getKey() + " " + e.getValue().asString()));
        }
        after.forEach(out::line);
        out.depth--;
    }

    /**
     * Text after {@code :} or in a note: line breaks as {@code <br>
     * }, and no {@code %%} that would read as a comment.
     */
    private static String bare(String text) {
        return Mermaid.escapeBare(text).replace("%%", "#37;%");
    }

    private static String ref(String id) {
        return id.endsWith(StateParser.START) || id.endsWith(StateParser.END) ? "[*]" : id;
    }

    private static void scope(Tree tree, String scope, Out out, List<String> after) {
        for (Shape s : tree.boxes(scope)) {
            ObjectNode ext = Mermaid.ext(s);
            JsonNode classes = ext.get("classes");
            if (classes != null) {
                classes.forEach(c -> after.add("class " + s.id() + " " + c.asString()));
            }
            String style = Mermaid.str(ext, "style", null);
            if (style != null) {
                after.add("style " + s.id() + " " + style);
            }
            if (ext.has("pseudo")) {
                continue;
            }
            String text = s.text().orElse(s.id());
            String named = text.equals(s.id()) ? s.id() : Mermaid.quoted(text) + " as " + s.id();
            if (s.type() == ShapeType.FRAME) {
                out.line("state " + named + " {");
                out.depth++;
                String dir = Mermaid.str(ext, "direction", null);
                if (dir != null) {
                    out.line("direction " + dir);
                }
                List<Shape> inside = tree.peek(s.id());
                boolean regions = !inside.isEmpty() && inside.stream().allMatch(c -> c.type() == ShapeType.GROUP);
                if (regions) {
                    List<Shape> groups = tree.boxes(s.id());
                    for (int k = 0; k < groups.size(); k++) {
                        if (k > 0) {
                            out.line("--");
                        }
                        scope(tree, groups.get(k).id(), out, after);
                    }
                    transitions(tree, s.id(), out);
                }
                else {
                    scope(tree, s.id(), out, after);
                }
                out.depth--;
                out.line("}");
            }
            else if (s.type() == ShapeType.STICKY_NOTE) {
                String head = "note " + Mermaid.str(ext, "placement", "right of") + " " + Mermaid.str(ext, "of", "");
                String body = s.text().orElse("");
                List<String> lines = List.of(body.split("\n", -1));
                if (body.isEmpty() || (lines.size() > 1 && lines.stream()
                    .allMatch(l -> !l.isBlank() && l.equals(l.strip()) && !l.strip().equals("end note")))) {
                    out.line(head);
                    out.depth++;
                    lines.forEach(l -> out.line(bare(l)));
                    out.depth--;
                    out.line("end note");
                }
                else {
                    // blank or indented lines only survive as <br> on one line
                    out.line(head + " : " + bare(body));
                }
            }
            else if (ext.has("kind")) {
                out.line("state " + (s.type() == ShapeType.DIAMOND ? named : s.id()) + " <<"
                        + Mermaid.str(ext, "kind", "") + ">>");
            }
            else {
                out.line(text.equals(s.id()) ? s.id() : "state " + named);
            }
            JsonNode descriptions = ext.get("descriptions");
            if (descriptions != null) {
                descriptions.forEach(d -> out.line(s.id() + " : " + bare(d.asString())));
            }
        }
        transitions(tree, scope, out);
    }

    private static void transitions(Tree tree, String scope, Out out) {
        for (Shape tr : tree.connectors(scope)) {
            String a = Tree.from(tr);
            String b = Tree.to(tr);
            if (a != null && b != null) {
                out.line(ref(a) + " --> " + ref(b) + tr.text().map(t -> " : " + bare(t)).orElse(""));
            }
        }
    }

}
