package com.autograph.document.mermaid;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents as {@code sequenceDiagram} code, in the order of {@code mermaid.statements}.
 */
final class SequenceRenderer {

    private SequenceRenderer() {
    }

    static void render(DiagramDocument doc, ObjectNode root, Out out) {
        out.line("sequenceDiagram");
        out.depth++;
        MermaidRenderer.accessibility(root, out);
        Tree tree = new Tree(doc);
        for (Shape s : tree.boxes(null)) {
            if (s.id().startsWith("box:")) {
                ObjectNode ext = Mermaid.ext(s);
                String head = String.join(" ",
                        java.util.stream.Stream.of(Mermaid.str(ext, "color", null), s.text().orElse(null))
                            .filter(x -> x != null)
                            .toList());
                out.line(head.isEmpty() ? "box" : "box " + head);
                out.depth++;
                tree.boxes(s.id()).forEach(p -> participant(p, out));
                out.depth--;
                out.line("end");
            }
            else if (isParticipant(s)) {
                participant(s, out);
            }
        }
        Set<String> written = new HashSet<>();
        JsonNode statements = root.get("statements");
        if (statements != null) {
            for (JsonNode st : statements) {
                statement(doc, st, out, written);
            }
        }
        for (Shape s : doc.connectors()) {
            if (!written.contains(s.id())) {
                message(doc, s, out);
            }
        }
        out.depth--;
    }

    private static boolean isParticipant(Shape s) {
        return !s.type().isConnector() && s.type() != ShapeType.STICKY_NOTE && !s.type().isContainer();
    }

    private static void participant(Shape p, Out out) {
        if (Mermaid.ext(p).path("created").asBoolean(false)) {
            return;
        }
        out.line(declaration(p));
    }

    private static String declaration(Shape p) {
        String kind = Mermaid.str(Mermaid.ext(p), "kind", p.type() == ShapeType.ELLIPSE ? "actor" : "participant");
        String text = p.text().orElse(p.id());
        return kind + " " + p.id() + (text.equals(p.id()) ? "" : " as " + Mermaid.escapeBare(text));
    }

    private static void statement(DiagramDocument doc, JsonNode st, Out out, Set<String> written) {
        String op = st.path("op").asString();
        Shape shape = st.has("id") ? doc.shape(st.get("id").asString()).orElse(null) : null;
        switch (op) {
            case "message" -> {
                if (shape != null) {
                    written.add(shape.id());
                    message(doc, shape, out);
                }
            }
            case "note" -> {
                if (shape != null) {
                    ObjectNode ext = Mermaid.ext(shape);
                    List<String> over = new java.util.ArrayList<>();
                    ext.path("participants").forEach(p -> over.add(p.asString()));
                    out.line("Note " + Mermaid.str(ext, "placement", "over") + " " + String.join(",", over) + ": "
                            + Mermaid.escapeBare(shape.text().orElse("")));
                }
            }
            case "create" -> {
                if (shape != null) {
                    out.line("create " + declaration(shape));
                }
            }
            case "destroy", "activate", "deactivate" -> out.line(op + " " + st.path("participant").asString());
            case "autonumber" -> out.line(st.has("args") ? "autonumber " + st.get("args").asString() : "autonumber");
            case "else", "and", "option" -> {
                out.depth--;
                out.line(st.has("label") ? op + " " + st.get("label").asString() : op);
                out.depth++;
            }
            case "end" -> {
                out.depth--;
                out.line("end");
            }
            default -> {
                if (SequenceParser.BLOCKS.contains(op)) {
                    String label = shape == null ? null : shape.text().orElse(null);
                    out.line(label == null ? op : op + " " + label);
                    out.depth++;
                }
            }
        }
    }

    private static void message(DiagramDocument doc, Shape m, Out out) {
        String from = Tree.from(m);
        String to = Tree.to(m);
        if (from == null || to == null) {
            return;
        }
        ObjectNode ext = Mermaid.ext(m);
        String arrow = Mermaid.str(ext, "arrow", null);
        if (arrow == null) {
            boolean dashed = m.style().strokeStyle().map(s -> s != StrokeStyle.SOLID).orElse(false);
            String head = switch (m.endArrowhead()) {
                case NONE -> ">";
                case BAR -> "x";
                default -> ">>";
            };
            arrow = (m.startArrowhead() != Arrowhead.NONE && head.equals(">>") ? "<<" : "") + (dashed ? "--" : "-")
                    + head;
        }
        String text = m.text().map(t -> ": " + Mermaid.escapeBare(t)).orElse(":");
        out.line(from + arrow + Mermaid.str(ext, "activation", "") + to + text);
    }

}
