package com.autograph.document.formats.eraser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.code.CodeError;
import com.autograph.document.code.ParseResult;
import com.autograph.document.formats.Colors;
import com.autograph.document.formats.Suggestions;
import com.autograph.document.formats.eraser.Lexer.Kind;
import com.autograph.document.formats.eraser.Lexer.Prop;
import com.autograph.document.formats.eraser.Lexer.Token;

/**
 * Recursive descent over the tokens; collects every error and keeps going line by line.
 */
final class Parser {

    private static final List<String> PROPERTIES = List.of("label", "icon", "color", "shape");

    private static final Map<String, ShapeType> SHAPES = Map.of("rectangle", ShapeType.RECTANGLE, "box",
            ShapeType.RECTANGLE, "ellipse", ShapeType.ELLIPSE, "oval", ShapeType.ELLIPSE, "circle", ShapeType.ELLIPSE,
            "diamond", ShapeType.DIAMOND, "rhombus", ShapeType.DIAMOND);

    /** A node or group as the code describes it; turned into a shape at the end. */
    private static final class Node {

        final String id;

        String name;

        boolean named;

        String label;

        String icon;

        String color;

        ShapeType type;

        Node parent;

        boolean placed;

        boolean group;

        Node(String id, String name) {
            this.id = id;
            this.name = name;
        }

    }

    private record Ref(String name, int line, int column, List<Prop> props) {
    }

    private record Edge(String from, String to, String connector, String label) {
    }

    private final Lexer lx;

    private final List<CodeError> errors = new ArrayList<>();

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private final List<Edge> edges = new ArrayList<>();

    /**
     * How deep the group being read nests; bounded by the limits' depth (20,000 nested
     * groups overflowed the stack).
     */
    private int depth;

    private final ModelLimits limits;

    Parser(String code, ModelLimits limits) {
        this.lx = new Lexer(code, errors);
        this.limits = limits;
    }

    ParseResult parse() {
        block(null, null);
        return new ParseResult(build(), List.copyOf(errors));
    }

    private void block(Node group, Token open) {
        while (true) {
            Token t = lx.peek();
            switch (t.kind()) {
                case EOF -> {
                    if (open != null) {
                        error(open, "this `{` is never closed", "add `}` after the last line of `" + group.name + "`");
                    }
                    return;
                }
                case NEWLINE -> lx.next();
                case RBRACE -> {
                    lx.next();
                    if (open != null) {
                        return;
                    }
                    error(t, "there is no `{` for this `}`", "remove it, or open a group with `Name {`");
                }
                default -> statement(group);
            }
        }
    }

    private void statement(Node group) {
        List<Ref> first = refs("expected a node name");
        if (first == null) {
            return;
        }
        Token t = lx.peek();
        if (t.kind() == Kind.CONNECTOR) {
            connection(group, first);
        }
        else if (t.kind() == Kind.LBRACE) {
            Token open = lx.next();
            if (first.size() > 1) {
                error(open, "a group has one name, not a list", "write each group as `Name { … }`");
            }
            Node g = declare(first.getLast(), group, true);
            if (g != null) {
                g.group = true;
            }
            // Groups are read recursively: the depth limit also bounds the stack.
            limits.checkDepth(++depth, "the groups");
            block(g, open);
            depth--;
        }
        else {
            for (Ref r : first) {
                declare(r, group, true);
            }
            if (t.kind() == Kind.COLON) {
                error(t, "a label belongs to a connection", "write `A > B: label`");
                skipLine();
            }
        }
    }

    private void connection(Node group, List<Ref> first) {
        List<List<Ref>> hops = new ArrayList<>();
        List<String> connectors = new ArrayList<>();
        hops.add(first);
        while (lx.peek().kind() == Kind.CONNECTOR) {
            Token c = lx.next();
            List<Ref> next = refs("`" + c.text() + "` needs a node after it");
            if (next == null) {
                return;
            }
            connectors.add(c.text());
            hops.add(next);
        }
        String label = null;
        if (lx.peek().kind() == Kind.COLON) {
            lx.next();
            label = lx.label();
            if (label.isEmpty()) {
                label = null;
            }
        }
        else if (lx.peek().kind() == Kind.LBRACE) {
            error(lx.peek(), "a connection can't open a group", "declare the group on its own line: `Name { … }`");
            skipLine();
        }
        for (List<Ref> hop : hops) {
            for (Ref r : hop) {
                declare(r, group, false);
            }
        }
        for (int i = 0; i < connectors.size(); i++) {
            // A label belongs to the last hop of a chain: `A > B > C: x` labels B > C.
            String l = i == connectors.size() - 1 ? label : null;
            for (Ref from : hops.get(i)) {
                for (Ref to : hops.get(i + 1)) {
                    limits.checkShapes(nodes.size() + edges.size() + 1);
                    edges.add(new Edge(EraserLanguage.slug(from.name()), EraserLanguage.slug(to.name()),
                            connectors.get(i), l));
                }
            }
        }
    }

    /**
     * A comma-separated list of names, each with optional properties; null after an
     * error.
     */
    private List<Ref> refs(String expected) {
        List<Ref> refs = new ArrayList<>();
        while (true) {
            Token t = lx.peek();
            if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
                String found = switch (t.kind()) {
                    case EOF -> "the end of the code";
                    case NEWLINE -> "the end of the line";
                    default -> "`" + t.text() + "`";
                };
                String hint = t.kind() == Kind.PROPS ? "put the node's name before `[`"
                        : t.kind() == Kind.STRAY && "]".equals(t.text()) ? "remove it, or open the properties with `[`"
                                : "write a name, e.g. `API Gateway`";
                error(t, expected + ", found " + found, hint);
                skipLine();
                return null;
            }
            StringBuilder name = new StringBuilder();
            while (lx.peek().kind() == Kind.WORD || lx.peek().kind() == Kind.STRING) {
                Token w = lx.next();
                if (!name.isEmpty()) {
                    name.append(' ');
                }
                name.append(w.text());
            }
            List<Prop> props = List.of();
            if (lx.peek().kind() == Kind.PROPS) {
                props = lx.next().props();
            }
            String n = name.toString().strip();
            if (EraserLanguage.slug(n).isEmpty()) {
                error(t, "`" + n + "` can't be a name: it has no letter or digit", "name it with letters or digits");
            }
            else {
                refs.add(new Ref(n, t.line(), t.column(), props));
            }
            if (lx.peek().kind() != Kind.COMMA) {
                return refs.isEmpty() ? null : refs;
            }
            lx.next();
        }
    }

    /**
     * Finds or creates the node. A node belongs to the group where it is declared on its
     * own ({@code place}); one only ever mentioned in connections belongs to where it was
     * first mentioned.
     */
    private Node declare(Ref ref, Node group, boolean place) {
        String id = EraserLanguage.slug(ref.name());
        Node n = nodes.get(id);
        if (n == null) {
            n = new Node(id, ref.name());
            n.parent = group;
            n.placed = place;
            n.named = place;
            limits.checkShapes(nodes.size() + edges.size() + 1);
            nodes.put(id, n);
        }
        else if (place) {
            if (!n.named) {
                n.name = ref.name();
                n.named = true;
            }
            if (!n.placed) {
                placeIn(n, group, ref);
            }
            else if (n.parent != group) {
                error(ref,
                        "`" + ref.name() + "` is already declared in "
                                + (n.parent == null ? "the top level" : "group `" + n.parent.name + "`"),
                        "declare each node once; refer to it by name anywhere else");
            }
        }
        for (Prop p : ref.props()) {
            property(n, p);
        }
        return n;
    }

    private void placeIn(Node n, Node group, Ref ref) {
        for (Node g = group; g != null; g = g.parent) {
            if (g == n) {
                error(ref, "`" + ref.name() + "` can't be inside itself", "move it out of its own group");
                return;
            }
        }
        n.parent = group;
        n.placed = true;
    }

    private void property(Node n, Prop p) {
        String key = p.key();
        String value = p.value();
        switch (key) {
            case "label" -> n.label = value;
            case "icon" -> {
                if (value.isEmpty()) {
                    error(p.valueLine(), p.valueColumn(), "the icon has no name", "e.g. `icon: aws-ec2`");
                }
                else {
                    n.icon = value;
                }
            }
            case "color" -> {
                String hex = EraserPalette.hex(value);
                if (hex == null && value.startsWith("#") && Colors.isDocumentColor(value)) {
                    hex = value.toLowerCase(java.util.Locale.ROOT);
                }
                if (hex == null) {
                    String near = Suggestions.closest(value, EraserPalette.COLORS.keySet());
                    error(p.valueLine(), p.valueColumn(), "unknown colour `" + value + "`",
                            near != null ? "did you mean `" + near + "`?"
                                    : "use a colour name (" + String.join(", ", EraserPalette.COLORS.keySet())
                                            + ") or a hex value like `#1971c2`");
                }
                else {
                    n.color = hex;
                }
            }
            case "shape" -> {
                ShapeType type = SHAPES.get(value.toLowerCase(java.util.Locale.ROOT));
                if (type == null) {
                    String near = Suggestions.closest(value, SHAPES.keySet());
                    error(p.valueLine(), p.valueColumn(), "unknown shape `" + value + "`",
                            near != null ? "did you mean `" + near + "`?" : "use rectangle, ellipse or diamond");
                }
                else {
                    n.type = type;
                }
            }
            default -> {
                String near = Suggestions.closest(key, PROPERTIES);
                if ("colour".equalsIgnoreCase(key)) {
                    near = "color";
                }
                error(p.keyLine(), p.keyColumn(), "unknown property `" + key + "`", near != null
                        ? "did you mean `" + near + "`?" : "the properties are " + String.join(", ", PROPERTIES));
            }
        }
    }

    private void skipLine() {
        while (true) {
            Kind k = lx.peek().kind();
            if (k == Kind.NEWLINE || k == Kind.EOF || k == Kind.RBRACE) {
                return;
            }
            lx.next();
        }
    }

    private DiagramDocument build() {
        List<Shape> shapes = new ArrayList<>();
        Map<Node, List<Node>> children = new HashMap<>();
        List<Node> top = new ArrayList<>();
        for (Node n : nodes.values()) {
            (n.parent == null ? top : children.computeIfAbsent(n.parent, k -> new ArrayList<>())).add(n);
        }
        for (Node n : top) {
            emit(n, children, shapes);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Edge e : edges) {
            String base = e.from() + ">" + e.to();
            int count = seen.merge(base, 1, Integer::sum);
            String id = count == 1 ? base : base + "#" + count;
            Shape.Builder b = switch (e.connector()) {
                case "-", "--" -> Shape.line(id, e.from(), e.to());
                default -> Shape.arrow(id, e.from(), e.to());
            };
            switch (e.connector()) {
                case "<" -> b.startArrowhead(Arrowhead.ARROW).endArrowhead(Arrowhead.NONE);
                case "<>" -> b.startArrowhead(Arrowhead.ARROW);
                case "--", "-->" -> b.style(Style.builder().strokeStyle(StrokeStyle.DASHED).build());
                default -> {
                }
            }
            shapes.add(b.text(e.label()).build());
        }
        return DiagramDocument.of(shapes);
    }

    /** Pre-order: a group before its children, siblings in order of first mention. */
    private void emit(Node n, Map<Node, List<Node>> children, List<Shape> out) {
        ShapeType type = n.group ? ShapeType.FRAME : n.type == null ? ShapeType.RECTANGLE : n.type;
        Shape.Builder b = Shape.builder(type, n.id).text(n.label != null ? n.label : n.name).icon(n.icon);
        if (n.parent != null) {
            b.parentId(n.parent.id);
        }
        if (n.color != null) {
            b.style(Style.builder().strokeColor(n.color).build());
        }
        out.add(b.build());
        for (Node c : children.getOrDefault(n, List.of())) {
            emit(c, children, out);
        }
    }

    private void error(Token t, String message, String suggestion) {
        error(t.line(), t.column(), message, suggestion);
    }

    private void error(Ref r, String message, String suggestion) {
        error(r.line(), r.column(), message, suggestion);
    }

    private void error(int line, int column, String message, String suggestion) {
        errors.add(new CodeError(line, column, message, suggestion));
    }

}
