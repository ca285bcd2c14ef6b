package com.autograph.document.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Shape;

/**
 * Assertions on laid-out documents, with plain axis-aligned boxes and O(n²) pair checks.
 */
final class Geometry {

    static final double EPS = 1e-6;

    private Geometry() {
    }

    record Box(double x, double y, double w, double h) {
        static Box of(Shape s) {
            return new Box(s.x(), s.y(), s.width(), s.height());
        }

        /**
         * The gap between two boxes: how far apart they are along the axis where they are
         * apart.
         */
        double gap(Box o) {
            double dx = Math.max(o.x - (x + w), x - (o.x + o.w));
            double dy = Math.max(o.y - (y + h), y - (o.y + o.h));
            return Math.max(dx, dy);
        }

        boolean contains(Box o) {
            return o.x >= x - EPS && o.y >= y - EPS && o.x + o.w <= x + w + EPS && o.y + o.h <= y + h + EPS;
        }

        /** Distance of p from the box's outline. */
        double distanceToBorder(Point p) {
            double inside = Math.min(Math.min(p.x() - x, x + w - p.x()), Math.min(p.y() - y, y + h - p.y()));
            if (inside >= 0) {
                return inside;
            }
            double dx = Math.max(Math.max(x - p.x(), p.x() - (x + w)), 0);
            double dy = Math.max(Math.max(y - p.y(), p.y() - (y + h)), 0);
            return Math.hypot(dx, dy);
        }
    }

    static List<Shape> boxes(DiagramDocument doc) {
        return doc.shapes().stream().filter(s -> !s.type().isConnector()).toList();
    }

    static boolean nested(DiagramDocument doc, Shape a, Shape b) {
        return ancestor(doc, a, b) || ancestor(doc, b, a);
    }

    static boolean ancestor(DiagramDocument doc, Shape maybeAncestor, Shape s) {
        for (Optional<String> p = s.parentId(); p.isPresent(); p = doc.shape(p.get()).flatMap(Shape::parentId)) {
            if (p.get().equals(maybeAncestor.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * No two shapes overlap unless one holds the other; siblings are at least
     * {@code spacing} apart.
     */
    static void assertSpacedOut(DiagramDocument doc, double spacing) {
        List<Shape> boxes = boxes(doc);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Shape a = boxes.get(i);
                Shape b = boxes.get(j);
                if (nested(doc, a, b)) {
                    continue;
                }
                double gap = Box.of(a).gap(Box.of(b));
                boolean siblings = a.parentId().equals(b.parentId());
                if (gap <= 0 || (siblings && gap < spacing - EPS)) {
                    problems.add(a.id() + "/" + b.id() + " gap " + gap);
                }
            }
        }
        assertThat(problems).as("overlapping or crowded shapes").isEmpty();
    }

    static void assertChildrenInsideFrames(DiagramDocument doc) {
        for (Shape s : boxes(doc)) {
            s.parentId()
                .flatMap(doc::shape)
                .ifPresent(parent -> assertThat(Box.of(parent).contains(Box.of(s)))
                    .as("%s inside %s: %s in %s", s.id(), parent.id(), Box.of(s), Box.of(parent))
                    .isTrue());
        }
    }

    /** Every routed connector starts on its source's border and ends on its target's. */
    static void assertConnectorsTouchBorders(DiagramDocument doc, double tolerance) {
        for (Shape c : doc.connectors()) {
            List<Point> pts = c.points();
            if (pts.isEmpty()) {
                continue;
            }
            Shape from = doc.shape(c.start().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            Shape to = doc.shape(c.end().flatMap(Endpoint::shapeId).orElseThrow()).orElseThrow();
            assertThat(Box.of(from).distanceToBorder(pts.get(0))).as("%s starts on %s", c.id(), from.id())
                .isLessThanOrEqualTo(tolerance);
            assertThat(Box.of(to).distanceToBorder(pts.get(pts.size() - 1))).as("%s ends on %s", c.id(), to.id())
                .isLessThanOrEqualTo(tolerance);
        }
    }

}
