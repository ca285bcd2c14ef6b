package com.autograph.export.render;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.FillStyle;

/**
 * The pattern fills as plain strokes inside an outline: hachure (parallel lines at -41°,
 * as Excalidraw draws them), cross-hatch (two directions) and dots. Plain lines rather
 * than SVG patterns or clip paths, so that SVG, PNG and PDF draw exactly the same thing.
 */
final class Hatching {

    private static final double GAP = 8;

    private static final double ANGLE = Math.toRadians(-41);

    /**
     * Lines or dots per shape at most; a huge shape gets a wider gap instead of more
     * lines.
     */
    private static final int MAX_LINES = 2_000;

    private Hatching() {
    }

    static PathData of(PathData outline, FillStyle style) {
        List<double[]> polygons = outline.flatten();
        PathData out = new PathData();
        switch (style) {
            case CROSS_HATCH -> {
                lines(polygons, ANGLE, out);
                lines(polygons, ANGLE + Math.PI / 2, out);
            }
            case PATTERN -> dots(polygons, out);
            default -> lines(polygons, ANGLE, out);
        }
        return out;
    }

    /**
     * Parallel lines at {@code angle} inside the polygons (even-odd), by scanning a
     * rotated copy.
     */
    private static void lines(List<double[]> polygons, double angle, PathData out) {
        double cos = Math.cos(-angle);
        double sin = Math.sin(-angle);
        List<double[]> rotated = new ArrayList<>();
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] poly : polygons) {
            if (poly.length < 6) {
                continue;
            }
            double[] r = new double[poly.length];
            for (int i = 0; i < poly.length; i += 2) {
                r[i] = poly[i] * cos - poly[i + 1] * sin;
                r[i + 1] = poly[i] * sin + poly[i + 1] * cos;
                minY = Math.min(minY, r[i + 1]);
                maxY = Math.max(maxY, r[i + 1]);
            }
            rotated.add(r);
        }
        if (!(maxY > minY)) {
            return;
        }
        double gap = Math.max(GAP, (maxY - minY) / MAX_LINES);
        double back = -angle;
        double bc = Math.cos(-back);
        double bs = Math.sin(-back);
        for (double y = minY + gap / 2; y < maxY; y += gap) {
            List<Double> xs = new ArrayList<>();
            for (double[] r : rotated) {
                int n = r.length / 2;
                for (int i = 0; i < n; i++) {
                    double x1 = r[2 * i], y1 = r[2 * i + 1];
                    double x2 = r[2 * ((i + 1) % n)], y2 = r[2 * ((i + 1) % n) + 1];
                    if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) {
                        xs.add(x1 + (y - y1) / (y2 - y1) * (x2 - x1));
                    }
                }
            }
            xs.sort(null);
            for (int i = 0; i + 1 < xs.size(); i += 2) {
                double ax = xs.get(i), bx = xs.get(i + 1);
                out.moveTo(ax * bc - y * bs, ax * bs + y * bc).lineTo(bx * bc - y * bs, bx * bs + y * bc);
            }
        }
    }

    private static void dots(List<double[]> polygons, PathData out) {
        double[] b = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY };
        for (double[] p : polygons) {
            for (int i = 0; i < p.length; i += 2) {
                b[0] = Math.min(b[0], p[i]);
                b[1] = Math.min(b[1], p[i + 1]);
                b[2] = Math.max(b[2], p[i]);
                b[3] = Math.max(b[3], p[i + 1]);
            }
        }
        double gap = Math.max(GAP, Math.sqrt((b[2] - b[0]) * (b[3] - b[1]) / (MAX_LINES * 4.0)));
        for (double y = b[1] + gap / 2; y < b[3]; y += gap) {
            for (double x = b[0] + gap / 2; x < b[2]; x += gap) {
                if (inside(polygons, x, y)) {
                    out.moveTo(x, y).lineTo(x + 0.01, y);
                }
            }
        }
    }

    private static boolean inside(List<double[]> polygons, double x, double y) {
        boolean in = false;
        for (double[] p : polygons) {
            int n = p.length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    in = !in;
                }
            }
        }
        return in;
    }

}
