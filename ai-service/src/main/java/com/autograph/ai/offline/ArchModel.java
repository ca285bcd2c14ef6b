package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.formats.eraser.EraserLanguage;

/**
 * An architecture diagram as nodes and labelled edges, written as Eraser-style code. Node
 * ids are the slugs of their names, exactly as the Eraser parser derives them, so a node
 * that keeps its name keeps its id across refinements.
 */
final class ArchModel {

    static final class Node {

        String name;

        String icon;

        String color;

        Node(String name, String icon, String color) {
            this.name = name;
            this.icon = icon;
            this.color = color;
        }

        String id() {
            return EraserLanguage.slug(name);
        }

    }

    record Edge(String from, String to, String label) {
    }

    final Map<String, Node> nodes = new LinkedHashMap<>();

    final List<Edge> edges = new ArrayList<>();

    String title;

    /** Adds a node unless one with the same id exists; returns the node kept. */
    Node add(String name, String icon) {
        String clean = cleanName(name);
        return nodes.computeIfAbsent(EraserLanguage.slug(clean), id -> new Node(clean, icon, null));
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

    /** The nodes and connections of a parsed Eraser document (groups are flattened). */
    static ArchModel of(DiagramDocument doc) {
        ArchModel m = new ArchModel();
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector() || s.type().isContainer()) {
                continue;
            }
            String name = s.text().orElse(s.id());
            Node n = new Node(cleanName(name), s.icon().orElse(null),
                    s.style().strokeColor().map(ArchModel::colorName).orElse(null));
            m.nodes.put(n.id(), n);
        }
        for (Shape c : doc.connectors()) {
            String from = c.start()
                .flatMap(e -> e.shapeId())
                .map(id -> doc.shape(id).map(s -> EraserLanguage.slug(cleanName(s.text().orElse(id)))).orElse(null))
                .orElse(null);
            String to = c.end()
                .flatMap(e -> e.shapeId())
                .map(id -> doc.shape(id).map(s -> EraserLanguage.slug(cleanName(s.text().orElse(id)))).orElse(null))
                .orElse(null);
            if (from != null && to != null && m.nodes.containsKey(from) && m.nodes.containsKey(to)) {
                m.edges.add(new Edge(from, to, c.text().orElse(null)));
            }
        }
        return m;
    }

    private static String colorName(String hex) {
        return hex.matches("#[0-9a-fA-F]{6}") ? hex.toLowerCase(java.util.Locale.ROOT) : null;
    }

}
