package com.autograph.document.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.ValidationError;

/**
 * Automatic layout of a diagram document with the Eclipse Layout Kernel (ELK).
 *
 * <pre>{@code
 * DiagramDocument tidy = DiagramLayout.layout(doc, LayoutOptions.defaults());
 * DiagramDocument tree = DiagramLayout.layout(doc, LayoutOptions.defaults()
 *         .withAlgorithm(LayoutOptions.Algorithm.TREE).withDirection(LayoutOptions.Direction.RIGHT));
 * }</pre>
 *
 * <p>
 * What moves: every shape except connectors, free text and freehand drawings on the
 * canvas (text bound by a connector, and anything inside a frame or group, is placed).
 * Frames and groups with contents are laid out inside out and sized to fit them (their
 * title above); empty ones are placed like any shape. Shapes keep their size; those
 * without one get an estimate from their text ({@link TextMeasure}). Connectors bound at
 * both ends to placed shapes are routed: their {@code points} become the route from
 * border to border (both border points included) and their {@code routing} says how to
 * draw it. A connector between a frame and its own contents has its stale waypoints
 * removed and is left to the renderer; connectors with a free end, and everything not
 * placed, stay exactly as they were. The result is anchored where the placed shapes were
 * (the top-left of their old bounding box; the origin for shapes that had no position).
 *
 * <p>
 * Every other field, unknown ones included, is kept. Layout is deterministic: the same
 * document and options give the same result.
 */
public final class DiagramLayout {

    private DiagramLayout() {
    }

    /**
     * The document laid out.
     * @throws IllegalArgumentException when the document has validation errors (layout
     * needs its references to hold)
     */
    public static DiagramDocument layout(DiagramDocument document, LayoutOptions options) {
        return layout(document, options, ModelLimits.DEFAULTS);
    }

    /**
     * The document laid out, if it has no more shapes to place than {@code limits} allow:
     * ELK's time grows faster than the number of shapes, so the count is checked before
     * it runs.
     * @throws LimitExceededException when there are more shapes to place than the limit
     * @throws IllegalArgumentException when the document has validation errors
     */
    public static DiagramDocument layout(DiagramDocument document, LayoutOptions options, ModelLimits limits) {
        List<ValidationError> errors = DocumentValidator.validate(document);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("cannot lay out an invalid document: " + errors.get(0)
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
        LayoutGraph g = LayoutGraph.of(document);
        limits.checkLayoutNodes(g.nodes.size());
        if (g.nodes.isEmpty()) {
            return document;
        }
        double[] anchor = anchor(g);
        Map<String, Route> routes = options.algorithm() == LayoutOptions.Algorithm.LAYERED
                ? LayeredLayout.run(g, options) : new HashMap<>();
        if (options.algorithm() != LayoutOptions.Algorithm.LAYERED) {
            LevelLayout.run(g, options);
        }
        place(g);
        double[] min = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY };
        for (LayoutGraph.Node n : g.roots) {
            min[0] = Math.min(min[0], n.x);
            min[1] = Math.min(min[1], n.y);
        }
        double dx = anchor[0] - min[0];
        double dy = anchor[1] - min[1];
        for (LayoutGraph.Node n : g.nodes.values()) {
            n.x += dx;
            n.y += dy;
        }
        routes.replaceAll((id, r) -> new Route(r.points().stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList(),
                r.routing()));
        for (LayoutGraph.Edge e : g.edges) {
            if (!routes.containsKey(e.connector().id()) && !e.selfLoop() && !e.nested()) {
                routes.put(e.connector().id(), ownRoute(e, options));
            }
        }
        return write(document, g, routes);
    }

    /** Layout with {@link LayoutOptions#DEFAULTS}: a top-down flowchart. */
    public static DiagramDocument layout(DiagramDocument document) {
        return layout(document, LayoutOptions.DEFAULTS);
    }

    /**
     * The top-left of the placed shapes before layout, so the diagram stays where it was.
     */
    private static double[] anchor(LayoutGraph g) {
        double x = Double.POSITIVE_INFINITY;
        double y = Double.POSITIVE_INFINITY;
        for (LayoutGraph.Node n : g.nodes.values()) {
            boolean placed = n.shape.type() == ShapeType.FREEHAND || n.shape.hasPosition();
            if (placed) {
                double[] box = n.originalBox();
                x = Math.min(x, box[0]);
                y = Math.min(y, box[1]);
            }
        }
        return Double.isInfinite(x) ? new double[] { 0, 0 } : new double[] { x, y };
    }

    /** Absolute positions from the relative ones, parents first. */
    private static void place(LayoutGraph g) {
        List<LayoutGraph.Node> todo = new ArrayList<>(g.roots);
        for (int i = 0; i < todo.size(); i++) {
            LayoutGraph.Node n = todo.get(i);
            n.x = (n.parent == null ? 0 : n.parent.x) + n.relX;
            n.y = (n.parent == null ? 0 : n.parent.y) + n.relY;
            todo.addAll(n.children);
        }
    }

    /**
     * A route for an edge the ELK algorithm doesn't route (force, tree and radial edges,
     * and edges across frames there): straight between the borders along the line joining
     * the centres, or for a tree drawn orthogonally an elbow from the side facing the
     * flow.
     */
    static Route ownRoute(LayoutGraph.Edge e, LayoutOptions o) {
        LayoutGraph.Node s = e.source();
        LayoutGraph.Node t = e.target();
        if (o.algorithm() == LayoutOptions.Algorithm.TREE && o.edgeRouting() == LayoutOptions.EdgeRouting.ORTHOGONAL) {
            Route elbow = elbow(s, t, o.direction());
            if (elbow != null) {
                return elbow;
            }
        }
        return new Route(List.of(border(s, t.centerX(), t.centerY()), border(t, s.centerX(), s.centerY())),
                Routing.STRAIGHT);
    }

    private static Route elbow(LayoutGraph.Node s, LayoutGraph.Node t, LayoutOptions.Direction d) {
        boolean vertical = d == LayoutOptions.Direction.DOWN || d == LayoutOptions.Direction.UP;
        int sign = d == LayoutOptions.Direction.DOWN || d == LayoutOptions.Direction.RIGHT ? 1 : -1;
        if (vertical) {
            double from = sign > 0 ? s.y + s.height : s.y;
            double to = sign > 0 ? t.y : t.y + t.height;
            if ((to - from) * sign <= 0) {
                return null;
            }
            double mid = (from + to) / 2;
            return new Route(List.of(new Point(s.centerX(), from), new Point(s.centerX(), mid),
                    new Point(t.centerX(), mid), new Point(t.centerX(), to)), Routing.ELBOW);
        }
        double from = sign > 0 ? s.x + s.width : s.x;
        double to = sign > 0 ? t.x : t.x + t.width;
        if ((to - from) * sign <= 0) {
            return null;
        }
        double mid = (from + to) / 2;
        return new Route(List.of(new Point(from, s.centerY()), new Point(mid, s.centerY()), new Point(mid, t.centerY()),
                new Point(to, t.centerY())), Routing.ELBOW);
    }

    /** Where the ray from the centre of {@code n} towards (tx, ty) leaves its box. */
    private static Point border(LayoutGraph.Node n, double tx, double ty) {
        double cx = n.centerX();
        double cy = n.centerY();
        double dx = tx - cx;
        double dy = ty - cy;
        if (dx == 0 && dy == 0) {
            return new Point(cx, cy);
        }
        double f = Math.min(dx == 0 ? Double.POSITIVE_INFINITY : n.width / 2 / Math.abs(dx),
                dy == 0 ? Double.POSITIVE_INFINITY : n.height / 2 / Math.abs(dy));
        return new Point(cx + dx * f, cy + dy * f);
    }

    private static DiagramDocument write(DiagramDocument document, LayoutGraph g, Map<String, Route> routes) {
        Map<String, LayoutGraph.Edge> edges = new HashMap<>();
        g.edges.forEach(e -> edges.put(e.connector().id(), e));
        List<Shape> out = new ArrayList<>(document.shapes().size());
        for (Shape s : document.shapes()) {
            LayoutGraph.Node n = g.nodes.get(s.id());
            if (n != null) {
                out.add(placed(n));
            }
            else if (routes.containsKey(s.id())) {
                Route r = routes.get(s.id());
                out.add(s.toBuilder()
                    .points(r.points().stream().map(DiagramLayout::rounded).toList())
                    .routing(r.routing())
                    .build());
            }
            else if (edges.containsKey(s.id()) && !s.points().isEmpty()) {
                // Its old waypoints would point at where the shapes used to be.
                out.add(s.toBuilder().remove("points").build());
            }
            else {
                out.add(s);
            }
        }
        return document.withShapes(out);
    }

    private static Shape placed(LayoutGraph.Node n) {
        Shape s = n.shape;
        if (s.type() == ShapeType.FREEHAND) {
            double[] b = LayoutGraph.Node.pointBounds(s.points());
            double dx = n.x - b[0];
            double dy = n.y - b[1];
            Shape.Builder builder = s.toBuilder()
                .points(s.points().stream().map(p -> rounded(new Point(p.x() + dx, p.y() + dy))).toList());
            if (s.hasPosition()) {
                builder.at(round(s.x() + dx), round(s.y() + dy));
            }
            return builder.build();
        }
        Shape.Builder b = s.toBuilder();
        if (n.isContainer()) {
            b.at(round(n.x), round(n.y)).size(round(n.width), round(n.height));
        }
        else {
            // The box was the rotated shape's bounding box; the shape keeps its centre.
            double cx = n.x + n.width / 2;
            double cy = n.y + n.height / 2;
            b.at(round(cx - n.shapeWidth / 2), round(cy - n.shapeHeight / 2));
            if (!(s.hasSize() && s.width() > 0 && s.height() > 0)) {
                b.size(round(n.shapeWidth), round(n.shapeHeight));
            }
        }
        return b.build();
    }

    private static Point rounded(Point p) {
        return new Point(round(p.x()), round(p.y()));
    }

    /** Hundredths of a pixel are plenty and keep the JSON short. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

}
