package com.autograph.export.render;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The hand-drawn look, after Rough.js: every edge of an outline drawn twice as a slightly
 * bowed curve with jittered ends. The jitter comes from a generator seeded by the shape's
 * id, so the same diagram always gives the same picture (stable exports, stable caches,
 * reviewable goldens).
 */
final class Rough {

    /** How far (px) the ends of a stroke wander, at most. */
    private static final double ROUGHNESS = 1.2;

    /** How much a stroke bows, as a fraction of its length (capped in px). */
    private static final double BOWING = 0.015;

    private Rough() {
    }

    static PathData sketch(PathData outline, long seed, double strokeWidth) {
        SplittableRandom random = new SplittableRandom(seed);
        PathData out = new PathData();
        List<double[]> polylines = polylines(outline);
        for (int pass = 0; pass < 2; pass++) {
            double jitter = ROUGHNESS * (pass == 0 ? 1 : 0.6) * Math.max(1, strokeWidth / 2);
            for (double[] line : polylines) {
                for (int i = 0; i + 3 < line.length; i += 2) {
                    edge(line[i], line[i + 1], line[i + 2], line[i + 3], jitter, random, out);
                }
            }
        }
        return out;
    }

    private static void edge(double x1, double y1, double x2, double y2, double jitter, SplittableRandom r,
            PathData out) {
        double len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 0.5) {
            return;
        }
        double j = Math.min(jitter, len / 10);
        double bow = Math.min(len * BOWING, 4) * (r.nextDouble() * 2 - 1);
        double nx = -(y2 - y1) / len;
        double ny = (x2 - x1) / len;
        double ax = x1 + off(r, j), ay = y1 + off(r, j);
        double bx = x2 + off(r, j), by = y2 + off(r, j);
        out.moveTo(ax, ay)
            .curveTo(ax + (bx - ax) / 3 + nx * bow + off(r, j), ay + (by - ay) / 3 + ny * bow + off(r, j),
                    ax + 2 * (bx - ax) / 3 + nx * bow + off(r, j), ay + 2 * (by - ay) / 3 + ny * bow + off(r, j), bx,
                    by);
    }

    private static double off(SplittableRandom r, double j) {
        return (r.nextDouble() * 2 - 1) * j;
    }

    /** Subpaths as point lists, closed ones ending where they began. */
    private static List<double[]> polylines(PathData p) {
        List<double[]> lines = p.flatten();
        boolean closed = p.opCount() > 0 && p.op(p.opCount() - 1) == PathData.CLOSE;
        return closed ? lines.stream().map(Rough::closeRing).toList() : lines;
    }

    private static double[] closeRing(double[] poly) {
        double[] ring = java.util.Arrays.copyOf(poly, poly.length + 2);
        ring[poly.length] = poly[0];
        ring[poly.length + 1] = poly[1];
        return ring;
    }

}
