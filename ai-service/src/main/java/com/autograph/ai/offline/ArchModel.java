package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.formats.eraser.EraserLanguage;
import com.autograph.document.formats.eraser.EraserPalette;

/**
 * An architecture diagram as nodes and labelled edges. Drafted, it is written as
 * Eraser-style code, where node ids are the slugs of their names exactly as the Eraser
 * parser derives them. Read from a document to be refined, it remembers each node's and
 * connector's shape, so {@link #toDocument} changes only what was edited: untouched
 * shapes keep their ids, positions and every other property, whatever language made them.
 */
final class ArchModel {

    static final class Node {

        final String id;

        String name;

        String icon;

        String color;

        /** The shape this node was read from; null for a node added since. */
        final Shape shape;

        Node(String id, String name, String icon, String color, Shape shape) {
            this.id = id;
            this.name = name;
            this.icon = icon;
            this.color = color;
            this.shape = shape;
        }

        String id() {
            return id;
        }

    }

    /**
     * A connection; {@code shapeId} names the connector it was read from (null if new).
     */
    record Edge(String from, String to, String label, String shapeId) {

        Edge(String from, String to, String label) {
            this(from, to, label, null);
        }

    }

    final Map<String, Node> nodes = new LinkedHashMap<>();

    final List<Edge> edges = new ArrayList<>();

    /** Ids the document read already uses (containers, notes, connectors too). */
    private final Set<String> taken = new HashSet<>();

    /** Connectors read as edges: gone from the document when their edge is. */
    private final Set<String> read = new HashSet<>();

    String title;

    /**
     * Adds a node unless one with the same name (by its slug) exists; returns the node
     * kept.
     */
    Node add(String name, String icon) {
        String clean = cleanName(name);
        String slug = EraserLanguage.slug(clean);
        Optional<Node> same = nodes.values().stream().filter(n -> EraserLanguage.slug(n.name).equals(slug)).findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        Node n = new Node(freeId(slug.isEmpty() ? "node" : slug), clean, icon, null, null);
        nodes.put(n.id, n);
        return n;
    }

    private String freeId(String base) {
        String id = base;
        for (int i = 2; nodes.containsKey(id) || taken.contains(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    void connect(Node from, Node to, String label) {
        if (from == to) {
            return;
        }
        boolean exists = edges.stream()
            .anyMatch(e -> e.from.equals(from.id()) && e.to.equals(to.id())
                    || e.from.equals(to.id()) && e.to.equals(from.id()));
        if (!exists) {
            edges.add(new Edge(from.id(), to.id(), label));
        }
    }

    Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    void remove(String id) {
        nodes.remove(id);
        edges.removeIf(e -> e.from.equals(id) || e.to.equals(id));
    }

    /**
     * Names keep letters, digits, spaces, dots and underscores: nothing the language
     * reads as syntax.
     */
    static String cleanName(String name) {
        String n = name.replace("/", "").replaceAll("[^\\p{L}\\p{N} ._]+", " ").strip().replaceAll(" +", " ");
        return n.isEmpty() ? "Component" : n.length() > 50 ? n.substring(0, 50).strip() : n;
    }

    String toEraser() {
        StringBuilder b = new StringBuilder();
        if (title != null) {
            b.append("// ").append(title.replaceAll("[\\r\\n]+", " ")).append('\n');
        }
        for (Node n : nodes.values()) {
            b.append(n.name);
            List<String> props = new ArrayList<>();
            if (n.icon != null) {
                props.add("icon: " + n.icon);
            }
            if (n.color != null) {
                props.add("color: " + n.color);
            }
            if (!props.isEmpty()) {
                b.append(" [").append(String.join(", ", props)).append(']');
            }
            b.append('\n');
        }
        for (Edge e : edges) {
            Node from = nodes.get(e.from);
            Node to = nodes.get(e.to);
            b.append(from.name).append(" > ").append(to.name);
            if (e.label != null && !e.label.isBlank()) {
                b.append(": ").append(e.label.replaceAll("[^\\p{L}\\p{N} /._()-]+", " ").strip());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The nodes and connections of a document, by their shapes' own ids: every shape that
     * is neither a connector, a container nor free text or ink is a node; connectors
     * joining two nodes are edges.
     */
    static ArchModel of(DiagramDocument doc) {
        ArchModel m = new ArchModel();
        for (Shape s : doc.shapes()) {
            m.taken.add(s.id());
            if (!isNode(s)) {
                continue;
            }
            String name = cleanName(s.text().orElse(s.id()));
            m.nodes.put(s.id(), new Node(s.id(), name, s.icon().orElse(null), s.style().strokeColor().orElse(null), s));
        }
        for (Shape c : doc.connectors()) {
            String from = c.start().flatMap(Endpoint::shapeId).orElse(null);
            String to = c.end().flatMap(Endpoint::shapeId).orElse(null);
            if (from != null && to != null && m.nodes.containsKey(from) && m.nodes.containsKey(to)) {
                m.edges.add(new Edge(from, to, c.text().orElse(null), c.id()));
                m.read.add(c.id());
            }
        }
        return m;
    }

    private static boolean isNode(Shape s) {
        return !s.type().isConnector() && !s.type().isContainer() && s.type() != ShapeType.TEXT
                && s.type() != ShapeType.FREEHAND;
    }

    /**
     * The edited document: shapes nobody touched exactly as they were, edited ones
     * changed only where edited, removed ones (and connectors left hanging) gone, new
     * nodes placed beside a neighbour where nothing else is, new connections appended.
     */
    DiagramDocument toDocument(DiagramDocument original) {
        Map<String, Edge> kept = new HashMap<>();
        edges.stream().filter(e -> e.shapeId() != null).forEach(e -> kept.put(e.shapeId(), e));
        Set<String> removed = new HashSet<>();
        original.shapes()
            .stream()
            .filter(s -> isNode(s) && !nodes.containsKey(s.id()))
            .forEach(s -> removed.add(s.id()));
        List<Shape> out = new ArrayList<>();
        for (Shape s : original.shapes()) {
            if (removed.contains(s.id())) {
                continue;
            }
            if (s.type().isConnector()) {
                Edge e = kept.get(s.id());
                if (e != null) {
                    out.add(moved(s, e));
                }
                else if (!read.contains(s.id()) && !touches(s, removed)) {
                    out.add(s);
                }
                continue;
            }
            Node n = nodes.get(s.id());
            Shape shape = n == null ? s : edited(s, n);
            out.add(shape.parentId().filter(removed::contains).isPresent() ? shape.withParentId(null) : shape);
        }
        Placement placement = new Placement(out);
        for (Node n : nodes.values()) {
            if (n.shape == null) {
                Shape.Builder b = Shape.rectangle(n.id).text(n.name).icon(n.icon);
                if (n.color != null) {
                    b.style(Style.builder().strokeColor(hex(n.color)).build());
                }
                Shape shape = placement.place(b.build(), neighbour(n, out));
                out.add(shape);
            }
        }
        int next = 1;
        Set<String> ids = new HashSet<>(taken);
        out.forEach(s -> ids.add(s.id()));
        for (Edge e : edges) {
            if (e.shapeId() == null) {
                String id = e.from() + ">" + e.to();
                while (!ids.add(id)) {
                    id = e.from() + ">" + e.to() + "#" + ++next;
                }
                out.add(Shape.arrow(id, e.from(), e.to()).text(e.label()).build());
            }
        }
        return original.withShapes(out);
    }

    private static boolean touches(Shape connector, Set<String> removed) {
        return connector.start().flatMap(Endpoint::shapeId).filter(removed::contains).isPresent()
                || connector.end().flatMap(Endpoint::shapeId).filter(removed::contains).isPresent();
    }

    /**
     * A read connector, its ends moved when an edit re-pointed it (its old route then
     * dropped).
     */
    private static Shape moved(Shape s, Edge e) {
        String from = s.start().flatMap(Endpoint::shapeId).orElse(null);
        String to = s.end().flatMap(Endpoint::shapeId).orElse(null);
        if (e.from().equals(from) && e.to().equals(to)) {
            return s;
        }
        return s.toBuilder().start(Endpoint.boundTo(e.from())).end(Endpoint.boundTo(e.to())).points(null).build();
    }

    private static Shape edited(Shape s, Node n) {
        Shape out = s;
        if (!n.name.equals(cleanName(s.text().orElse(s.id())))) {
            out = out.withText(n.name);
        }
        if (n.icon != null && !n.icon.equals(s.icon().orElse(null))) {
            out = out.toBuilder().icon(n.icon).build();
        }
        if (n.color != null && !n.color.equals(s.style().strokeColor().orElse(null))) {
            out = out.withStyle(s.style().toBuilder().strokeColor(hex(n.color)).build());
        }
        return out;
    }

    private static String hex(String color) {
        String hex = EraserPalette.hex(color);
        return hex != null ? hex : color;
    }

    /** The first shape a new node is connected to, to be placed beside. */
    private Shape neighbour(Node n, List<Shape> shapes) {
        for (Edge e : edges) {
            String other = e.from().equals(n.id) ? e.to() : e.to().equals(n.id) ? e.from() : null;
            if (other != null) {
                Optional<Shape> s = shapes.stream().filter(x -> x.id().equals(other) && x.hasPosition()).findFirst();
                if (s.isPresent()) {
                    return s.get();
                }
            }
        }
        return null;
    }

}
