package com.autograph.document.formats.plantuml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.formats.plantuml.PlantUmlLanguage.Kind;

import tools.jackson.databind.JsonNode;

/** Writes a document as a PlantUML sequence, class or component diagram. */
final class PlantUmlRenderer {

    private static final String IDENTIFIER = "[\\p{L}_][\\p{L}\\p{N}_.$]*";

    private final DiagramDocument doc;

    private final StringBuilder out = new StringBuilder("@startuml\n");

    private final List<String> skipped = new ArrayList<>();

    PlantUmlRenderer(DiagramDocument doc) {
        this.doc = doc;
    }

    String render() {
        switch (kind()) {
            case SEQUENCE -> sequence();
            case CLASS -> structure(true);
            case COMPONENT -> structure(false);
        }
        if (!skipped.isEmpty()) {
            out.append("' not expressible in PlantUML: ").append(String.join(", ", skipped)).append('\n');
        }
        return out.append("@enduml\n").toString();
    }

    private Kind kind() {
        JsonNode d = doc.unknownFields().get(PlantUmlLanguage.FIELD);
        if (d != null && d.path("diagram").isString()) {
            try {
                return Kind.valueOf(d.get("diagram").asString().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                // An unknown kind from a newer version: fall through to guessing.
            }
        }
        boolean classes = doc.shapes()
            .stream()
            .anyMatch(s -> bag(s).path("element")
                .asString("")
                .matches("class|abstract class|interface|enum|annotation|entity"));
        return classes ? Kind.CLASS : Kind.COMPONENT;
    }

    private static JsonNode bag(Shape s) {
        JsonNode b = s.unknownFields().get(PlantUmlLanguage.FIELD);
        return b == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : b;
    }

    private static String ref(String id) {
        return id.matches(IDENTIFIER) ? id : quote(id);
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "'").replace("\n", "\\n") + '"';
    }

    private static String color(Shape s) {
        JsonNode kept = bag(s).get("color");
        if (kept != null && kept.isString()) {
            return " " + kept.asString();
        }
        return s.style().fillColor().filter(c -> c.startsWith("#")).map(c -> " " + c).orElse("");
    }

    private static boolean dashed(Shape s) {
        return s.style().strokeStyle().map(st -> st != StrokeStyle.SOLID).orElse(false);
    }

    // ---- sequence
    // ---------------------------------------------------------------------------

    private void sequence() {
        for (Shape s : doc.shapes()) {
            if (isParticipant(s)) {
                String keyword = bag(s).path("element").asString("participant");
                String text = s.text().orElse(s.id());
                out.append(keyword).append(' ');
                if (text.equals(s.id())) {
                    out.append(ref(s.id()));
                }
                else {
                    out.append(quote(text)).append(" as ").append(ref(s.id()));
                }
                out.append(color(s)).append('\n');
            }
        }
        Deque<Shape> stack = new ArrayDeque<>();
        for (Shape s : doc.shapes()) {
            if (isParticipant(s)) {
                continue;
            }
            if (s.type() == ShapeType.FRAME) {
                sync(stack, s.parentId().orElse(null));
                String keyword = bag(s).path("fragment").asString("group");
                if ("else".equals(keyword) && stack.isEmpty()) {
                    keyword = "group";
                }
                String ind = indent(stack);
                // "else" lines up with the "alt" it belongs to.
                out.append("else".equals(keyword) && ind.length() >= 2 ? ind.substring(2) : ind).append(keyword);
                s.text().ifPresent(t -> out.append(' ').append(t.replace("\n", " ")));
                out.append('\n');
                stack.push(s);
            }
            else if (s.type().isConnector()) {
                String from = s.start().flatMap(Endpoint::shapeId).orElse(null);
                String to = s.end().flatMap(Endpoint::shapeId).orElse(null);
                if (from == null || to == null || !isParticipant(doc.shape(from).orElse(null))
                        || !isParticipant(doc.shape(to).orElse(null))) {
                    skipped.add(s.id());
                    continue;
                }
                sync(stack, s.parentId().orElse(null));
                out.append(indent(stack))
                    .append(ref(from))
                    .append(' ')
                    .append(Arrows.writeMessage(s.startArrowhead(), s.endArrowhead(), dashed(s)))
                    .append(' ')
                    .append(ref(to));
                s.text().ifPresent(t -> out.append(" : ").append(t.replace("\n", "\\n")));
                out.append('\n');
            }
            else if (s.type() == ShapeType.STICKY_NOTE) {
                sync(stack, s.parentId().orElse(null));
                note(s, indent(stack));
            }
            else {
                skipped.add(s.id());
            }
        }
        sync(stack, null);
    }

    private static boolean isParticipant(Shape s) {
        return s != null && !s.type().isConnector() && s.type() != ShapeType.FRAME && s.type() != ShapeType.GROUP
                && s.type() != ShapeType.STICKY_NOTE && s.type() != ShapeType.FREEHAND;
    }

    /**
     * Closes and opens fragments until the open ones are exactly {@code parentId} and its
     * ancestors.
     */
    private void sync(Deque<Shape> stack, String parentId) {
        List<Shape> chain = new ArrayList<>();
        for (String p = parentId; p != null;) {
            Shape f = doc.shape(p).filter(x -> x.type() == ShapeType.FRAME).orElse(null);
            if (f == null || chain.contains(f)) {
                break;
            }
            chain.addFirst(f);
            p = f.parentId().orElse(null);
        }
        while (!stack.isEmpty() && !chain.contains(stack.peek())) {
            Shape closed = stack.pop();
            if (!"else".equals(bag(closed).path("fragment").asString(""))) {
                out.append(indent(stack)).append("end\n");
            }
        }
    }

    private static String indent(Deque<Shape> stack) {
        long depth = stack.stream().filter(f -> !"else".equals(bag(f).path("fragment").asString(""))).count();
        return "  ".repeat((int) depth);
    }

    private void note(Shape s, String indent) {
        JsonNode b = bag(s);
        List<String> targets = new ArrayList<>();
        for (JsonNode t : b.path("of")) {
            if (doc.shape(t.asString()).isPresent()) {
                targets.add(ref(t.asString()));
            }
        }
        if (targets.isEmpty()) {
            skipped.add(s.id());
            return;
        }
        String position = b.path("position").asString("over");
        String head = indent + "note " + position + ("over".equals(position) ? " " : " of ")
                + String.join(", ", targets);
        String text = s.text().orElse("");
        if (text.contains("\n")) {
            out.append(head).append('\n');
            for (String line : text.split("\n", -1)) {
                out.append(indent).append(line).append('\n');
            }
            out.append(indent).append("end note\n");
        }
        else {
            out.append(head).append(" : ").append(text).append('\n');
        }
    }

    // ---- class and component
    // ------------------------------------------------------------------

    private void structure(boolean classes) {
        Map<String, List<Shape>> children = new LinkedHashMap<>();
        List<Shape> top = new ArrayList<>();
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector() || s.type() == ShapeType.STICKY_NOTE) {
                continue;
            }
            if (s.type() == ShapeType.FREEHAND) {
                skipped.add(s.id());
                continue;
            }
            String p = s.parentId()
                .filter(id -> doc.shape(id).map(x -> x.type().isContainer()).orElse(false))
                .orElse(null);
            (p == null ? top : children.computeIfAbsent(p, k -> new ArrayList<>())).add(s);
        }
        for (Shape s : top) {
            element(s, children, "", classes);
        }
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector()) {
                link(s, classes);
            }
        }
        for (Shape s : doc.shapes()) {
            if (s.type() == ShapeType.STICKY_NOTE) {
                note(s, "");
            }
        }
    }

    private void element(Shape s, Map<String, List<Shape>> children, String indent, boolean classes) {
        JsonNode b = bag(s);
        String text = s.text().orElse(s.id());
        if (s.type().isContainer()) {
            String keyword = b.path("element").asString(classes ? "package" : "package");
            out.append(indent).append(keyword).append(' ').append(quote(text));
            if (!text.equals(s.id())) {
                out.append(" as ").append(ref(s.id()));
            }
            stereotype(b);
            out.append(color(s)).append(" {\n");
            for (Shape c : children.getOrDefault(s.id(), List.of())) {
                element(c, children, indent + "  ", classes);
            }
            out.append(indent).append("}\n");
            return;
        }
        if (classes) {
            String keyword = b.path("element").asString("class");
            String[] lines = text.split("\n", -1);
            String name = lines[0];
            out.append(indent).append(keyword).append(' ');
            if (name.equals(s.id()) && name.matches(IDENTIFIER + "(<[^>]*>)?")) {
                out.append(name);
            }
            else {
                out.append(quote(name)).append(" as ").append(ref(s.id()));
            }
            stereotype(b);
            out.append(color(s));
            if (lines.length > 1) {
                out.append(" {\n");
                for (int i = 1; i < lines.length; i++) {
                    out.append(indent).append("  ").append(lines[i]).append('\n');
                }
                out.append(indent).append('}');
            }
            out.append('\n');
            return;
        }
        String keyword = b.path("element").asString(s.type() == ShapeType.ELLIPSE ? "interface" : "component");
        out.append(indent);
        switch (keyword) {
            case "component" -> {
                out.append('[').append(text.replace("]", ")").replace("\n", "\\n")).append(']');
                if (!text.equals(s.id())) {
                    out.append(" as ").append(ref(s.id()));
                }
            }
            case "interface" -> {
                out.append("() ").append(quote(text));
                if (!text.equals(s.id())) {
                    out.append(" as ").append(ref(s.id()));
                }
            }
            default -> {
                out.append(keyword).append(' ').append(quote(text));
                if (!text.equals(s.id())) {
                    out.append(" as ").append(ref(s.id()));
                }
            }
        }
        stereotype(b);
        out.append(color(s)).append('\n');
    }

    private void stereotype(JsonNode b) {
        if (b.path("stereotype").isString()) {
            out.append(' ').append(b.get("stereotype").asString());
        }
    }

    private void link(Shape s, boolean classes) {
        Endpoint start = s.start().orElse(null);
        Endpoint end = s.end().orElse(null);
        String from = start == null ? null : start.shapeId().orElse(null);
        String to = end == null ? null : end.shapeId().orElse(null);
        if (from == null || to == null || doc.shape(from).isEmpty() || doc.shape(to).isEmpty()) {
            skipped.add(s.id());
            return;
        }
        Arrowhead sa = s.startArrowhead();
        Arrowhead ea = s.endArrowhead();
        String kept = bag(s).path("arrow").asString(null);
        Arrows.Parsed parsed = kept == null ? null : Arrows.parse(kept);
        String arrow = parsed != null && parsed.start() == sa && parsed.end() == ea && parsed.dashed() == dashed(s)
                ? kept : Arrows.write(sa, ea, dashed(s));
        out.append(ref(from)).append(' ');
        if (classes) {
            label(start);
        }
        out.append(arrow).append(' ');
        if (classes) {
            label(end);
        }
        out.append(ref(to));
        s.text().ifPresent(t -> out.append(" : ").append(t.replace("\n", "\\n")));
        out.append('\n');
    }

    private void label(Endpoint e) {
        JsonNode l = e.unknownFields().get("label");
        if (l != null && l.isString()) {
            out.append(quote(l.asString())).append(' ');
        }
    }

}
