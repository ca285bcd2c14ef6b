package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        JsonNode statements = root.path("statements");
        // A participant created by `create` is declared there; those that came after it
        // are declared right after it, so that parsing again keeps their order.
        Set<String> created = new HashSet<>();
        for (JsonNode st : statements) {
            if (st.path("op").asString("").equals("create")) {
                doc.shape(st.path("id").asString("")).filter(SequenceRenderer::isParticipant).ifPresent(p -> {
                    if (p.parentId().isEmpty()) {
                        created.add(p.id());
                    }
                });
            }
        }
        Map<String, List<Shape>> declaredAfter = new HashMap<>();
        List<Shape> upFront = new ArrayList<>();
        List<Shape> current = upFront;
        for (Shape s : tree.boxes(null)) {
            if (created.contains(s.id())) {
                current = declaredAfter.computeIfAbsent(s.id(), k -> new ArrayList<>());
            }
            else if (s.id().startsWith("box:") || isParticipant(s)) {
                current.add(s);
            }
        }
        upFront.forEach(s -> declare(s, tree, created, out));
        Set<String> written = new HashSet<>();
        for (JsonNode st : statements) {
            statement(doc, st, out, written);
            if (st.path("op").asString("").equals("create")) {
                declaredAfter.getOrDefault(st.path("id").asString(""), List.of())
                    .forEach(s -> declare(s, tree, created, out));
                declaredAfter.remove(st.path("id").asString(""));
            }
        }
        for (Shape s : doc.connectors()) {
            if (!written.contains(s.id())) {
                message(doc, s, out);
            }
        }
        out.depth--;
    }

    /** A box with the participants in it, or one participant. */
    private static void declare(Shape s, Tree tree, Set<String> created, Out out) {
        if (s.id().startsWith("box:")) {
            ObjectNode ext = Mermaid.ext(s);
            String head = String.join(" ",
                    java.util.stream.Stream.of(Mermaid.str(ext, "color", null), s.text().orElse(null))
                        .filter(x -> x != null)
                        .toList());
            out.line(head.isEmpty() ? "box" : "box " + head);
            out.depth++;
            tree.boxes(s.id()).stream().filter(p -> !created.contains(p.id())).forEach(p -> out.line(declaration(p)));
            out.depth--;
            out.line("end");
        }
        else if (!created.contains(s.id())) {
            out.line(declaration(s));
        }
    }

    private static boolean isParticipant(Shape s) {
        return !s.type().isConnector() && s.type() != ShapeType.STICKY_NOTE && !s.type().isContainer();
    }

    private static String declaration(Shape p) {
        ObjectNode ext = Mermaid.ext(p);
        JsonNode config = ext.get("config");
        boolean hasConfig = config != null && config.isObject();
        String kind = Mermaid.str(ext, "kind", p.type() == ShapeType.ELLIPSE && !hasConfig ? "actor" : "participant");
        StringBuilder line = new StringBuilder(kind).append(' ').append(p.id());
        String shown = p.id();
        if (hasConfig) {
            line.append(settings(config));
            String alias = Mermaid.str(config, "alias", null);
            shown = alias == null ? shown : Mermaid.unescape(alias);
        }
        String text = p.text().orElse(p.id());
        if (!text.equals(shown)) {
            line.append(" as ").append(Mermaid.escapeBare(text));
        }
        return line.toString();
    }

    /** <code>@{ "type": "database", "alias": "Users" }</code>: the settings as read. */
    private static String settings(JsonNode config) {
        List<String> entries = new ArrayList<>();
        config.properties()
            .forEach(e -> entries
                .add(FlowMapping.quote(e.getKey()) + ": " + FlowMapping.quote(e.getValue().asString(""))));
        return entries.isEmpty() ? "@{ }" : "@{ " + String.join(", ", entries) + " }";
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
            case "link" -> out.line("link " + st.path("participant").asString() + ": " + st.path("label").asString()
                    + " @ " + st.path("url").asString());
            case "links", "properties" ->
                out.line(op + " " + st.path("participant").asString() + ": " + st.path(op).toString());
            case "details" ->
                out.line("details " + st.path("participant").asString() + ": " + st.path("id").asString());
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
        String central = Mermaid.str(ext, "central", "");
        String atStart = central.equals("start") || central.equals("both") ? SequenceParser.CENTRAL : "";
        String atEnd = central.equals("end") || central.equals("both") ? SequenceParser.CENTRAL : "";
        out.line(from + atStart + arrow + Mermaid.str(ext, "activation", "") + atEnd + to + text);
    }

}
