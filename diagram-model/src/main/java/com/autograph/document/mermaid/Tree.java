package com.autograph.document.mermaid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/**
 * A document's shapes by container, for renderers: each scope's boxes and containers,
 * then its connectors, in document order — the order {@link Mermaid#treeOrder} gives
 * parsed documents. Shapes whose parent is missing, or not a container, count as
 * top-level; parent loops are cut.
 */
final class Tree {

    final DiagramDocument doc;

    private final Map<String, List<Shape>> byParent = new HashMap<>();

    private final Set<String> visited = new HashSet<>();

    Tree(DiagramDocument doc) {
        this.doc = doc;
        for (Shape s : doc.shapes()) {
            String p = s.parentId()
                .filter(id -> doc.shape(id).map(x -> x.type().isContainer()).orElse(false))
                .orElse(null);
            byParent.computeIfAbsent(p, k -> new ArrayList<>()).add(s);
        }
    }

    /**
     * The boxes and containers directly in {@code scope} (null: the top level), each
     * once.
     */
    List<Shape> boxes(String scope) {
        List<Shape> out = new ArrayList<>();
        for (Shape s : byParent.getOrDefault(scope, List.of())) {
            if (!s.type().isConnector() && visited.add(s.id())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The boxes and containers directly in {@code scope}, without taking them. */
    List<Shape> peek(String scope) {
        return byParent.getOrDefault(scope, List.of())
            .stream()
            .filter(s -> !s.type().isConnector() && !visited.contains(s.id()))
            .toList();
    }

    /** The connectors directly in {@code scope}. */
    List<Shape> connectors(String scope) {
        return byParent.getOrDefault(scope, List.of()).stream().filter(s -> s.type().isConnector()).toList();
    }

    /** Every shape in tree order (what {@link #boxes} and {@link #connectors} walk). */
    List<Shape> ordered() {
        List<Shape> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        walk(null, out, seen);
        return out;
    }

    private void walk(String scope, List<Shape> out, Set<String> seen) {
        for (Shape s : byParent.getOrDefault(scope, List.of())) {
            if (!s.type().isConnector() && seen.add(s.id())) {
                out.add(s);
                if (s.type().isContainer()) {
                    walk(s.id(), out, seen);
                }
            }
        }
        for (Shape s : byParent.getOrDefault(scope, List.of())) {
            if (s.type().isConnector() && seen.add(s.id())) {
                out.add(s);
            }
        }
    }

    static String from(Shape connector) {
        return connector.start().flatMap(e -> e.shapeId()).orElse(null);
    }

    static String to(Shape connector) {
        return connector.end().flatMap(e -> e.shapeId()).orElse(null);
    }

}
