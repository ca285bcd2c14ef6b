package com.autograph.document.formats.structurizr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

import tools.jackson.databind.JsonNode;

/**
 * A document as Structurizr DSL. Shapes the DSL parsed come back as they were written
 * (names, descriptions, technologies and tags from the {@code structurizr} field, as long
 * as the shape's text still says the same); other shapes become software systems,
 * containers and components by how deep they nest. What has no DSL form is named in a
 * comment at the end.
 */
final class Renderer {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}_.-]+");

    private static final Pattern NUMBERED = Pattern.compile("rel-\\d+(-\\d+)?");

    private final DiagramDocument doc;

    private final JsonNode workspace;

    private final boolean hierarchical;

    private final StringBuilder out = new StringBuilder();

    private final Set<String> written = new HashSet<>();

    private final List<String> leftOut = new ArrayList<>();

    Renderer(DiagramDocument doc) {
        this.doc = doc;
        this.workspace = doc.unknownFields()
            .getOrDefault(StructurizrLanguage.FIELD, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        this.hierarchical = "hierarchical".equals(workspace.path("identifiers").asString(""));
    }

    String render() {
        StringBuilder head = new StringBuilder("workspace");
        String name = workspace.path("name").asString(null);
        String description = workspace.path("description").asString(null);
        if (name != null || description != null) {
            head.append(' ').append(Parser.quote(name == null ? "" : name));
        }
        if (description != null) {
            head.append(' ').append(Parser.quote(description));
        }
        line(0, head + " {");
        if (hierarchical) {
            line(1, "!identifiers hierarchical");
        }
        raw(1, workspace.path("workspace_lines"));
        line(1, "model {");
        raw(2, workspace.path("model_lines"));
        for (Shape s : doc.shapes()) {
            boolean top = s.parentId().map(p -> doc.shape(p).isEmpty()).orElse(true);
            if (top && !s.type().isConnector()) {
                element(s, 2, "model", null);
            }
        }
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector()) {
                relationship(s);
            }
        }
        line(1, "}");
        block("views", workspace.path("views"));
        block("configuration", workspace.path("configuration"));
        line(0, "}");
        if (!leftOut.isEmpty()) {
            out.append("// left out (no Structurizr DSL form): ").append(String.join(", ", leftOut)).append('\n');
        }
        return out.toString();
    }

    private void element(Shape s, int indent, String in, Shape scope) {
        if (s.type() == ShapeType.TEXT || s.type() == ShapeType.STICKY_NOTE || s.type() == ShapeType.IMAGE
                || s.type() == ShapeType.FREEHAND) {
            leftOut.add(s.type().jsonName() + " " + s.id());
            return;
        }
        JsonNode bag = s.unknownFields().get(StructurizrLanguage.FIELD);
        bag = bag == null ? tools.jackson.databind.node.MissingNode.getInstance() : bag;
        List<String> allowed = Model.CHILDREN.getOrDefault(in, List.of());
        String keyword = bag.path("element").asString("");
        if (!allowed.contains(keyword)) {
            keyword = switch (in) {
                case "softwareSystem" -> "container";
                case "container" -> "component";
                case "deploymentEnvironment", "deploymentNode" -> "deploymentNode";
                default -> "softwareSystem";
            };
        }
        List<Shape> children = doc.children(s.id());
        boolean frame = s.type() == ShapeType.FRAME;
        String text = s.text().orElse("");
        boolean instance = keyword.endsWith("Instance");
        String name = bag.path("name").asString(null);
        String description = bag.path("description").asString(null);
        String technology = bag.path("technology").asString(null);
        if (!instance && (name == null
                || !text.equals(StructurizrLanguage.label(keyword, name, technology, description, frame)))) {
            // The text was edited (or never came from the DSL): it is the name now.
            name = text.replace("\r", "").replace('\n', ' ');
            description = null;
            technology = null;
        }
        String tags = String.join(",", strings(bag.path("tags")));
        List<String> args = new ArrayList<>();
        if (instance) {
            args.add(bag.path("instance_of").asString(""));
            args.add("");
            args.add(tags);
        }
        else {
            args.add(name);
            switch (keyword) {
                case "person", "softwareSystem" -> {
                    args.add(description);
                    args.add(tags);
                }
                case "container", "component", "infrastructureNode", "deploymentNode" -> {
                    args.add(description);
                    args.add(technology);
                    args.add(tags);
                }
                case "element" -> {
                    args.add(technology);
                    args.add(description);
                    args.add(tags);
                }
                default -> {
                }
            }
        }
        while (args.size() > 1 && (args.getLast() == null || args.getLast().isEmpty())) {
            args.removeLast();
        }
        StringBuilder b = new StringBuilder();
        if (!keyword.equals("group")) {
            b.append(identifier(s.id(), scope)).append(" = ");
        }
        b.append(keyword);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i) == null ? "" : args.get(i);
            b.append(' ').append(instance && i == 0 && IDENTIFIER.matcher(a).matches() ? a : Parser.quote(a));
        }
        written.add(s.id());
        List<String> lines = strings(bag.path("lines"));
        if (children.isEmpty() && lines.isEmpty()) {
            line(indent, b.toString());
            return;
        }
        line(indent, b + " {");
        raw(indent + 1, bag.path("lines"));
        List<String> inner = Model.CHILDREN.getOrDefault(keyword.equals("group") ? in : keyword, List.of());
        Shape childScope = keyword.equals("group") ? scope : s;
        for (Shape c : children) {
            if (c.type().isConnector()) {
                continue;
            }
            if (inner.isEmpty()) {
                leftOut.add(c.id() + " (inside a " + keyword + ")");
                continue;
            }
            element(c, indent + 1, keyword.equals("group") ? in : keyword, childScope);
        }
        line(indent, "}");
    }

    /** The identifier to write: hierarchical ones without their enclosing element's. */
    private String identifier(String id, Shape scope) {
        String local = id;
        if (hierarchical && scope != null && id.startsWith(scope.id() + ".")) {
            local = id.substring(scope.id().length() + 1);
        }
        return IDENTIFIER.matcher(local).matches() ? local : local.replaceAll("[^\\p{L}\\p{N}_.-]", "_");
    }

    private void relationship(Shape s) {
        String from = s.start().flatMap(Endpoint::shapeId).orElse(null);
        String to = s.end().flatMap(Endpoint::shapeId).orElse(null);
        if (from == null || to == null || !written.contains(from) || !written.contains(to)) {
            leftOut.add("connector " + s.id());
            return;
        }
        JsonNode bag = s.unknownFields().get(StructurizrLanguage.FIELD);
        bag = bag == null ? tools.jackson.databind.node.MissingNode.getInstance() : bag;
        String description = bag.path("description").asString(null);
        String technology = bag.path("technology").asString(null);
        String text = s.text().orElse("");
        if (!text.equals(StructurizrLanguage.relationshipLabel(description, technology))) {
            description = text.isEmpty() ? null : text.replace("\r", "").replace('\n', ' ');
            technology = null;
        }
        List<String> args = new ArrayList<>(List.of(nullToEmpty(description), nullToEmpty(technology),
                String.join(",", strings(bag.path("tags")))));
        while (!args.isEmpty() && args.getLast().isEmpty()) {
            args.removeLast();
        }
        StringBuilder b = new StringBuilder();
        if (!NUMBERED.matcher(s.id()).matches()) {
            b.append(identifier(s.id(), null)).append(" = ");
        }
        b.append(identifier(from, null)).append(" -> ").append(identifier(to, null));
        args.forEach(a -> b.append(' ').append(Parser.quote(a)));
        List<String> lines = strings(bag.path("lines"));
        if (lines.isEmpty()) {
            line(2, b.toString());
        }
        else {
            line(2, b + " {");
            raw(3, bag.path("lines"));
            line(2, "}");
        }
    }

    private void block(String name, JsonNode lines) {
        if (lines.isArray() && !lines.isEmpty()) {
            line(1, name + " {");
            raw(2, lines);
            line(1, "}");
        }
    }

    /** Kept lines, indented by the braces they open and close. */
    private void raw(int indent, JsonNode lines) {
        int depth = 0;
        for (String l : strings(lines)) {
            if (l.equals("}")) {
                depth = Math.max(0, depth - 1);
            }
            line(indent + depth, l);
            if (l.endsWith("{")) {
                depth++;
            }
        }
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isString()) {
                out.add(n.stringValue());
            }
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
