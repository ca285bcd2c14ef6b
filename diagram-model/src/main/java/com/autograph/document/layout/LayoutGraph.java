package com.autograph.document.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

/**
 * What layout works on: the shapes it places (nodes, nested as their frames and groups
 * are) and the connectors it routes (edges). Everything else stays where the document has
 * it.
 */
final class LayoutGraph {

    final Map<String, Node> nodes = new LinkedHashMap<>();

    final List<Node> roots = new ArrayList<>();

    final List<Edge> edges = new ArrayList<>();

    private LayoutGraph() {
    }

    static LayoutGraph of(DiagramDocument doc) {
        LayoutGraph g = new LayoutGraph();
        Set<String> bound = new HashSet<>();
        for (Shape c : doc.connectors()) {
            c.start().flatMap(Endpoint::shapeId).ifPresent(bound::add);
            c.end().flatMap(Endpoint::shapeId).ifPresent(bound::add);
        }
        for (Shape s : doc.shapes()) {
            if (placed(s, bound)) {
                g.nodes.put(s.id(), new Node(s));
            }
        }
        for (Node n : g.nodes.values()) {
            Node parent = n.shape.parentId().map(g.nodes::get).orElse(null);
            n.parent = parent;
            if (parent == null) {
                g.roots.add(n);
            }
            else {
                parent.children.add(n);
            }
        }
        for (Node n : g.nodes.values()) {
            n.depth = 0;
            for (Node p = n.parent; p != null; p = p.parent) {
                n.depth++;
            }
        }
        for (Shape c : doc.connectors()) {
            Node s = endNode(g, c.start());
            Node t = endNode(g, c.end());
            if (s != null && t != null) {
                g.edges.add(new Edge(c, s, t));
            }
        }
        for (Node n : g.nodes.values()) {
            n.initSize();
        }
        return g;
    }

    /**
     * Layout places every shape but connectors, except free text and freehand drawings on
     * the canvas itself (not in a frame or group): those are annotations the author put
     * somewhere on purpose. Text that a connector is bound to is part of the graph and is
     * placed.
     */
    private static boolean placed(Shape s, Set<String> bound) {
        ShapeType type = s.type();
        if (type.isConnector()) {
            return false;
        }
        boolean topLevel = s.parentId().isEmpty();
        if (type == ShapeType.FREEHAND) {
            return !topLevel && !s.points().isEmpty();
        }
        if (type == ShapeType.TEXT) {
            return !topLevel || bound.contains(s.id());
        }
        return true;
    }

    private static Node endNode(LayoutGraph g, Optional<Endpoint> end) {
        return end.flatMap(Endpoint::shapeId).map(g.nodes::get).orElse(null);
    }

    /** A placed shape. Sizes and positions are of its axis-aligned bounding box. */
    static final class Node {

        final Shape shape;

        Node parent;

        final List<Node> children = new ArrayList<>();

        int depth;

        /** The unrotated size the shape gets (its own, or estimated). */
        double shapeWidth;

        double shapeHeight;

        /**
         * Bounding box size: of the rotated shape for leaves, computed by layout for
         * containers.
         */
        double width;

        double height;

        /**
         * Position relative to the parent's top-left corner (or the canvas), set by
         * layout.
         */
        double relX;

        double relY;

        /** Absolute position, derived from the relative ones. */
        double x;

        double y;

        Node(Shape shape) {
            this.shape = shape;
        }

        boolean isContainer() {
            return !children.isEmpty();
        }

        boolean isAncestorOf(Node other) {
            for (Node p = other.parent; p != null; p = p.parent) {
                if (p == this) {
                    return true;
                }
            }
            return false;
        }

        double centerX() {
            return x + width / 2;
        }

        double centerY() {
            return y + height / 2;
        }

        private void initSize() {
            if (shape.type() == ShapeType.FREEHAND) {
                double[] b = pointBounds(shape.points());
                shapeWidth = Math.max(1, b[2] - b[0]);
                shapeHeight = Math.max(1, b[3] - b[1]);
            }
            else if (shape.hasSize() && shape.width() > 0 && shape.height() > 0) {
                shapeWidth = shape.width();
                shapeHeight = shape.height();
            }
            else {
                TextMeasure.Size s = TextMeasure.estimate(shape);
                shapeWidth = s.width();
                shapeHeight = s.height();
            }
            // A rotated shape takes the room of its bounding box; containers are sized by
            // layout.
            double rad = Math.toRadians(shape.rotation());
            double cos = Math.abs(Math.cos(rad));
            double sin = Math.abs(Math.sin(rad));
            width = shapeWidth * cos + shapeHeight * sin;
            height = shapeWidth * sin + shapeHeight * cos;
        }

        /**
         * The top-left corner of the shape's box before layout, for anchoring the result.
         */
        double[] originalBox() {
            if (shape.type() == ShapeType.FREEHAND) {
                double[] b = pointBounds(shape.points());
                return new double[] { b[0], b[1] };
            }
            double cx = shape.x() + shapeWidth / 2;
            double cy = shape.y() + shapeHeight / 2;
            return new double[] { cx - width / 2, cy - height / 2 };
        }

        static double[] pointBounds(List<Point> points) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (Point p : points) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
            return new double[] { minX, minY, maxX, maxY };
        }

        @Override
        public String toString() {
            return shape.id();
        }

    }

    /** A connector bound at both ends to placed shapes. */
    record Edge(Shape connector, Node source, Node target) {

        boolean selfLoop() {
            return source == target;
        }

        /**
         * A connector from a frame to something inside it (or back): drawn, but not
         * routed.
         */
        boolean nested() {
            return source.isAncestorOf(target) || target.isAncestorOf(source);
        }
    }

}
