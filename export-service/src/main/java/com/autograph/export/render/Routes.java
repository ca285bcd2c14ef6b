package com.autograph.export.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

/**
 * Where a connector runs: its ends (a free point, or where the line toward the bound
 * shape's centre meets its outline; for elbow routing the middle of the side facing the
 * other end) and its waypoints, with elbow routing made of horizontal and vertical runs
 * and curved routing a Catmull-Rom spline through every point.
 */
final class Routes {

    private Routes() {
    }

    static List<double[]> route(DiagramDocument doc, Shape c) {
        List<double[]> waypoints = new ArrayList<>();
        for (Point p : c.points()) {
            waypoints.add(new double[] { p.x(), p.y() });
        }
        Optional<Endpoint> start = c.start();
        Optional<Endpoint> end = c.end();
        if (start.isEmpty() || end.isEmpty()) {
            return List.of();
        }
        double[] startRef = reference(doc, start.get());
        double[] endRef = reference(doc, end.get());
        if (startRef == null || endRef == null) {
            return List.of();
        }
        boolean elbow = c.routing() == Routing.ELBOW;
        double[] towardStart = waypoints.isEmpty() ? endRef : waypoints.get(0);
        double[] towardEnd = waypoints.isEmpty() ? startRef : waypoints.get(waypoints.size() - 1);
        List<double[]> pts = new ArrayList<>();
        pts.add(attach(doc, start.get(), towardStart, elbow));
        pts.addAll(waypoints);
        pts.add(attach(doc, end.get(), towardEnd, elbow));
        return elbow ? orthogonal(pts) : pts;
    }

    /** A free end's point, or the centre of the shape an end is bound to. */
    private static double[] reference(DiagramDocument doc, Endpoint e) {
        if (e.isBound()) {
            return e.shapeId()
                .flatMap(doc::shape)
                .map(s -> new double[] { s.x() + s.width() / 2, s.y() + s.height() / 2 })
                .orElse(null);
        }
        return e.point().map(p -> new double[] { p.x(), p.y() }).orElse(null);
    }

    private static double[] attach(DiagramDocument doc, Endpoint e, double[] toward, boolean elbow) {
        Optional<Shape> bound = e.shapeId().flatMap(doc::shape);
        if (bound.isEmpty() || bound.get().type().isConnector() || bound.get().type() == ShapeType.FREEHAND) {
            return reference(doc, e);
        }
        Shape s = bound.get();
        double hw = s.width() / 2;
        double hh = s.height() / 2;
        double cx = s.x() + hw;
        double cy = s.y() + hh;
        double dx = toward[0] - cx;
        double dy = toward[1] - cy;
        if ((dx == 0 && dy == 0) || hw <= 0 || hh <= 0) {
            return new double[] { cx, cy };
        }
        if (elbow) {
            return Math.abs(dx) * hh >= Math.abs(dy) * hw ? new double[] { cx + Math.signum(dx) * hw, cy }
                    : new double[] { cx, cy + Math.signum(dy) * hh };
        }
        double t = switch (s.type()) {
            case ELLIPSE -> 1 / Math.sqrt(dx * dx / (hw * hw) + dy * dy / (hh * hh));
            case DIAMOND -> 1 / (Math.abs(dx) / hw + Math.abs(dy) / hh);
            default -> Math.min(dx == 0 ? Double.POSITIVE_INFINITY : hw / Math.abs(dx),
                    dy == 0 ? Double.POSITIVE_INFINITY : hh / Math.abs(dy));
        };
        t = Math.min(t, 1);
        return new double[] { cx + dx * t, cy + dy * t };
    }

    /**
     * Horizontal and vertical runs through the points: a bend in the middle of each
     * diagonal step.
     */
    private static List<double[]> orthogonal(List<double[]> pts) {
        List<double[]> out = new ArrayList<>();
        out.add(pts.get(0));
        for (int i = 1; i < pts.size(); i++) {
            double[] a = pts.get(i - 1);
            double[] b = pts.get(i);
            if (a[0] != b[0] && a[1] != b[1]) {
                if (Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1])) {
                    double mx = (a[0] + b[0]) / 2;
                    out.add(new double[] { mx, a[1] });
                    out.add(new double[] { mx, b[1] });
                }
                else {
                    double my = (a[1] + b[1]) / 2;
                    out.add(new double[] { a[0], my });
                    out.add(new double[] { b[0], my });
                }
            }
            out.add(b);
        }
        return out;
    }

    /** A Catmull-Rom spline through the points as cubic curves. */
    static PathData curve(List<double[]> pts) {
        PathData p = new PathData().moveTo(pts.get(0)[0], pts.get(0)[1]);
        for (int i = 0; i + 1 < pts.size(); i++) {
            double[] p0 = pts.get(Math.max(0, i - 1));
            double[] p1 = pts.get(i);
            double[] p2 = pts.get(i + 1);
            double[] p3 = pts.get(Math.min(pts.size() - 1, i + 2));
            p.curveTo(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6, p2[0] - (p3[0] - p1[0]) / 6,
                    p2[1] - (p3[1] - p1[1]) / 6, p2[0], p2[1]);
        }
        return p;
    }

    /**
     * The direction the line arrives at its end in, as a unit vector. A Catmull-Rom curve
     * leaves and arrives along the chord to its neighbouring point, so this holds for
     * every routing.
     */
    static double[] tangentAtEnd(List<double[]> pts) {
        double[] b = pts.get(pts.size() - 1);
        double[] a = pts.get(pts.size() - 2);
        return unit(b[0] - a[0], b[1] - a[1]);
    }

    /** The direction pointing out of the start, away from the line, as a unit vector. */
    static double[] tangentAtStart(List<double[]> pts) {
        double[] a = pts.get(0);
        double[] b = pts.get(1);
        return unit(a[0] - b[0], a[1] - b[1]);
    }

    private static double[] unit(double dx, double dy) {
        double len = Math.hypot(dx, dy);
        return len == 0 ? new double[] { 1, 0 } : new double[] { dx / len, dy / len };
    }

    /** The point halfway along the route. */
    static double[] midpoint(List<double[]> pts) {
        double total = 0;
        for (int i = 1; i < pts.size(); i++) {
            total += Math.hypot(pts.get(i)[0] - pts.get(i - 1)[0], pts.get(i)[1] - pts.get(i - 1)[1]);
        }
        double half = total / 2;
        for (int i = 1; i < pts.size(); i++) {
            double[] a = pts.get(i - 1);
            double[] b = pts.get(i);
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (half <= len && len > 0) {
                return new double[] { a[0] + (b[0] - a[0]) * half / len, a[1] + (b[1] - a[1]) * half / len };
            }
            half -= len;
        }
        return pts.get(pts.size() - 1);
    }

}
