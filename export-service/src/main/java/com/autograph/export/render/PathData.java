package com.autograph.export.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An outline in absolute coordinates made of moves, lines, cubic curves and closes: the
 * one geometry both the SVG and the PDF writer draw, so the two agree to the point.
 */
final class PathData {

    static final byte MOVE = 0;
    static final byte LINE = 1;
    static final byte CUBIC = 2;
    static final byte CLOSE = 3;

    /** A quarter circle as a cubic: the usual control distance, radius × 0.5523. */
    static final double KAPPA = 0.5522847498;

    private byte[] ops = new byte[8];

    private double[] coords = new double[32];

    private int opCount;

    private int coordCount;

    PathData moveTo(double x, double y) {
        return add(MOVE, x, y);
    }

    PathData lineTo(double x, double y) {
        return add(LINE, x, y);
    }

    PathData curveTo(double x1, double y1, double x2, double y2, double x, double y) {
        return add(CUBIC, x1, y1, x2, y2, x, y);
    }

    PathData close() {
        return add(CLOSE);
    }

    boolean isEmpty() {
        return opCount == 0;
    }

    int opCount() {
        return opCount;
    }

    byte op(int i) {
        return ops[i];
    }

    /** Coordinates of every op in order: 2 per move/line, 6 per cubic, none per close. */
    double[] coords() {
        return Arrays.copyOf(coords, coordCount);
    }

    private PathData add(byte op, double... c) {
        if (opCount == ops.length) {
            ops = Arrays.copyOf(ops, ops.length * 2);
        }
        ops[opCount++] = op;
        if (coordCount + c.length > coords.length) {
            coords = Arrays.copyOf(coords, Math.max(coords.length * 2, coordCount + c.length));
        }
        System.arraycopy(c, 0, coords, coordCount, c.length);
        coordCount += c.length;
        return this;
    }

    // ---- common outlines
    // -----------------------------------------------------------------

    static PathData rect(double x, double y, double w, double h, double radius) {
        double r = Math.min(Math.max(0, radius), Math.min(w, h) / 2);
        PathData p = new PathData();
        if (r <= 0) {
            return p.moveTo(x, y).lineTo(x + w, y).lineTo(x + w, y + h).lineTo(x, y + h).close();
        }
        double k = r * (1 - KAPPA);
        return p.moveTo(x + r, y)
            .lineTo(x + w - r, y)
            .curveTo(x + w - k, y, x + w, y + k, x + w, y + r)
            .lineTo(x + w, y + h - r)
            .curveTo(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h)
            .lineTo(x + r, y + h)
            .curveTo(x + k, y + h, x, y + h - k, x, y + h - r)
            .lineTo(x, y + r)
            .curveTo(x, y + k, x + k, y, x + r, y)
            .close();
    }

    static PathData ellipse(double cx, double cy, double rx, double ry) {
        double kx = rx * KAPPA;
        double ky = ry * KAPPA;
        return new PathData().moveTo(cx + rx, cy)
            .curveTo(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry)
            .curveTo(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy)
            .curveTo(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry)
            .curveTo(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy)
            .close();
    }

    static PathData polygon(double... xy) {
        PathData p = new PathData().moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        return p.close();
    }

    static PathData polyline(List<double[]> points) {
        PathData p = new PathData();
        for (int i = 0; i < points.size(); i++) {
            double[] pt = points.get(i);
            if (i == 0) {
                p.moveTo(pt[0], pt[1]);
            }
            else {
                p.lineTo(pt[0], pt[1]);
            }
        }
        return p;
    }

    /**
     * {x0, y0, x1, y1} over every coordinate (control points included: a safe outer box).
     */
    double[] bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < coordCount; i += 2) {
            minX = Math.min(minX, coords[i]);
            maxX = Math.max(maxX, coords[i]);
            minY = Math.min(minY, coords[i + 1]);
            maxY = Math.max(maxY, coords[i + 1]);
        }
        return new double[] { minX, minY, maxX, maxY };
    }

    /**
     * The outline as point lists (one per subpath of two points or more), curves
     * flattened into short lines.
     */
    List<double[]> flatten() {
        List<double[]> polygons = new ArrayList<>();
        double[] current = new double[16];
        int n = 0;
        double x = 0;
        double y = 0;
        int c = 0;
        for (int i = 0; i < opCount; i++) {
            switch (ops[i]) {
                case MOVE -> {
                    if (n >= 4) {
                        polygons.add(Arrays.copyOf(current, n));
                    }
                    n = 0;
                    x = coords[c++];
                    y = coords[c++];
                    current = add(current, n, x, y);
                    n += 2;
                }
                case LINE -> {
                    x = coords[c++];
                    y = coords[c++];
                    current = add(current, n, x, y);
                    n += 2;
                }
                case CUBIC -> {
                    double x1 = coords[c++], y1 = coords[c++], x2 = coords[c++], y2 = coords[c++];
                    double x3 = coords[c++], y3 = coords[c++];
                    for (int s = 1; s <= 8; s++) {
                        double t = s / 8.0;
                        double u = 1 - t;
                        double px = u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
                        double py = u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3;
                        current = add(current, n, px, py);
                        n += 2;
                    }
                    x = x3;
                    y = y3;
                }
                default -> {
                    // close: the polygon closes itself
                }
            }
        }
        if (n >= 4) {
            polygons.add(Arrays.copyOf(current, n));
        }
        return polygons;
    }

    private static double[] add(double[] a, int n, double x, double y) {
        double[] out = n + 2 > a.length ? Arrays.copyOf(a, a.length * 2) : a;
        out[n] = x;
        out[n + 1] = y;
        return out;
    }

}
