package com.autograph.document.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.layout.TextMeasure;

/** The measured shapes as axis-aligned boxes, in flat arrays for the sweeps. */
final class Boxes {

    final List<Shape> shapes = new ArrayList<>();

    final Map<String, Integer> index = new HashMap<>();

    double[] x0;

    double[] y0;

    double[] x1;

    double[] y1;

    /** Index of the parent box, -1 for none. */
    int[] parent;

    /** A frame or group that holds measured shapes. */
    boolean[] container;

    private Boxes() {
    }

    static Boxes of(DiagramDocument doc) {
        Boxes b = new Boxes();
        for (Shape s : doc.shapes()) {
            if (!s.type().isConnector() && b.visible(doc, s)) {
                b.index.put(s.id(), b.shapes.size());
                b.shapes.add(s);
            }
        }
        int n = b.shapes.size();
        b.x0 = new double[n];
        b.y0 = new double[n];
        b.x1 = new double[n];
        b.y1 = new double[n];
        b.parent = new int[n];
        b.container = new boolean[n];
        for (int i = 0; i < n; i++) {
            Shape s = b.shapes.get(i);
            b.bounds(i, s);
            b.parent[i] = s.parentId().map(b.index::get).orElse(-1);
        }
        for (int i = 0; i < n; i++) {
            if (b.parent[i] >= 0) {
                b.container[b.parent[i]] = true;
            }
        }
        return b;
    }

    int size() {
        return shapes.size();
    }

    /** Drawn: not hidden, and not inside a hidden or collapsed frame or group. */
    boolean visible(DiagramDocument doc, Shape s) {
        if (s.hidden()) {
            return false;
        }
        int guard = 0;
        for (Optional<Shape> p = s.parentId().flatMap(doc::shape); p.isPresent()
                && guard++ < 10_000; p = p.get().parentId().flatMap(doc::shape)) {
            if (p.get().hidden() || p.get().collapsed()) {
                return false;
            }
        }
        return true;
    }

    private void bounds(int i, Shape s) {
        if (s.type() == ShapeType.FREEHAND) {
            List<Point> pts = s.points();
            x0[i] = y0[i] = Double.POSITIVE_INFINITY;
            x1[i] = y1[i] = Double.NEGATIVE_INFINITY;
            for (Point p : pts) {
                x0[i] = Math.min(x0[i], p.x());
                y0[i] = Math.min(y0[i], p.y());
                x1[i] = Math.max(x1[i], p.x());
                y1[i] = Math.max(y1[i], p.y());
            }
            if (pts.isEmpty()) {
                x0[i] = x1[i] = s.x();
                y0[i] = y1[i] = s.y();
            }
            return;
        }
        double w = s.width();
        double h = s.height();
        if (!(s.hasSize() && w > 0 && h > 0)) {
            TextMeasure.Size est = TextMeasure.estimate(s);
            w = est.width();
            h = est.height();
        }
        double cx = s.x() + w / 2;
        double cy = s.y() + h / 2;
        double rad = Math.toRadians(s.rotation());
        double cos = Math.abs(Math.cos(rad));
        double sin = Math.abs(Math.sin(rad));
        double bw = w * cos + h * sin;
        double bh = w * sin + h * cos;
        x0[i] = cx - bw / 2;
        x1[i] = cx + bw / 2;
        y0[i] = cy - bh / 2;
        y1[i] = cy + bh / 2;
    }

    /** One holds the other (as parent, grandparent, ...). */
    boolean nested(int a, int b) {
        return ancestor(a, b) || ancestor(b, a);
    }

    private boolean ancestor(int a, int of) {
        int guard = 0;
        for (int p = parent[of]; p >= 0 && guard++ < 10_000; p = parent[p]) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    Integer[] byLeft() {
        Integer[] order = new Integer[size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> x0[i]));
        return order;
    }

    Point center(int i) {
        return new Point((x0[i] + x1[i]) / 2, (y0[i] + y1[i]) / 2);
    }

    boolean contains(int i, Point p, double tolerance) {
        return p.x() >= x0[i] - tolerance && p.x() <= x1[i] + tolerance && p.y() >= y0[i] - tolerance
                && p.y() <= y1[i] + tolerance;
    }

    /**
     * Where the ray from the box's centre towards p leaves the box (the centre if p is
     * it).
     */
    Point border(int i, Point p) {
        double cx = (x0[i] + x1[i]) / 2;
        double cy = (y0[i] + y1[i]) / 2;
        double dx = p.x() - cx;
        double dy = p.y() - cy;
        if (dx == 0 && dy == 0) {
            return new Point(cx, cy);
        }
        double f = Math.min(dx == 0 ? Double.POSITIVE_INFINITY : (x1[i] - x0[i]) / 2 / Math.abs(dx),
                dy == 0 ? Double.POSITIVE_INFINITY : (y1[i] - y0[i]) / 2 / Math.abs(dy));
        return new Point(cx + dx * f, cy + dy * f);
    }

}
