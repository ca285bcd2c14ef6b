package com.autograph.document.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.layout.TextMeasure;

/**
 * Quality metrics for any diagram document, and a readability score that combines them.
 *
 * <p>
 * Shapes are measured as axis-aligned boxes: their bounding box when rotated, freehand
 * paths by their points, and shapes without a size at the size layout would give them
 * ({@link TextMeasure#estimate}). Hidden shapes and the contents of hidden or collapsed
 * frames are not drawn and not measured. A frame or group overlapping what is inside it
 * is by design and never counts.
 *
 * <p>
 * The score, 0–100, is the weighted sum of five parts, each 0–1: <pre>
 *   35 × (1 − overlappingShapes / shapes)
 * + 20 × (1 − crowdedShapes / shapes)                 spacing target 50 px unless given
 * + 20 × 1 / (1 + edgeCrossings / connectors)         crossings per connector
 * + 15 × (1 − labelOverlaps / labels)
 * + 10 × alignment
 * </pre> An empty part (no shapes, connectors or labels) counts as 1. A diagram where
 * most shapes overlap loses most of the first two parts and so stays under 50; a clean
 * layered layout keeps them and lands in the 80s or 90s, its crossings costing it the
 * most.
 *
 * <p>
 * Cost: sorting and sweeps, O(n log n) on laid-out diagrams; pairs that really are close
 * or overlap (and segments that share an x-range) are compared one by one, so a diagram
 * piled on one spot costs O(n²) — a few hundred milliseconds at 5,000 shapes.
 */
public final class DiagramQuality {

    public static final double WEIGHT_OVERLAPS = 35;

    public static final double WEIGHT_SPACING = 20;

    public static final double WEIGHT_CROSSINGS = 20;

    public static final double WEIGHT_LABELS = 15;

    public static final double WEIGHT_ALIGNMENT = 10;

    /** The gap two shapes should keep, px: layout's default node spacing. */
    public static final double DEFAULT_SPACING_TARGET = 50;

    /** How close two coordinates must be to count as aligned, px. */
    public static final double ALIGNMENT_TOLERANCE = 1;

    private DiagramQuality() {
    }

    public static QualityReport measure(DiagramDocument document) {
        return measure(document, DEFAULT_SPACING_TARGET);
    }

    public static QualityReport measure(DiagramDocument document, double spacingTarget) {
        if (!(spacingTarget >= 0)) {
            throw new IllegalArgumentException("spacingTarget must be at least 0, was " + spacingTarget);
        }
        Boxes boxes = Boxes.of(document);
        int n = boxes.size();

        // Overlaps and spacing: one sweep over the boxes sorted by left edge.
        boolean[] overlapping = new boolean[n];
        boolean[] crowded = new boolean[n];
        int overlaps = 0;
        double best = Double.POSITIVE_INFINITY;
        Integer[] order = boxes.byLeft();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            for (int m = k + 1; m < n; m++) {
                int j = order[m];
                if (boxes.x0[j] - boxes.x1[i] >= Math.max(spacingTarget, best)) {
                    break; // sorted by left edge: everything further is further away
                           // still
                }
                if (boxes.nested(i, j)) {
                    continue;
                }
                double gapX = Math.max(boxes.x0[j] - boxes.x1[i], boxes.x0[i] - boxes.x1[j]);
                double gapY = Math.max(boxes.y0[j] - boxes.y1[i], boxes.y0[i] - boxes.y1[j]);
                if (gapX < 0 && gapY < 0) {
                    overlaps++;
                    overlapping[i] = true;
                    overlapping[j] = true;
                }
                double gap = Math.max(0, Math.max(gapX, gapY));
                best = Math.min(best, gap);
                if (gap < spacingTarget) {
                    crowded[i] = true;
                    crowded[j] = true;
                }
            }
        }
        int overlappingShapes = count(overlapping);
        int crowdedShapes = count(crowded);

        double alignment = alignment(boxes);
        List<Path> paths = paths(document, boxes);
        int crossings = crossings(paths);
        int[] labels = labels(document, boxes, paths);

        double score = WEIGHT_OVERLAPS * (n == 0 ? 1 : 1 - (double) overlappingShapes / n)
                + WEIGHT_SPACING * (n == 0 ? 1 : 1 - (double) crowdedShapes / n)
                + WEIGHT_CROSSINGS / (1 + (double) crossings / Math.max(1, paths.size()))
                + WEIGHT_LABELS * (labels[0] == 0 ? 1 : 1 - (double) labels[1] / labels[0])
                + WEIGHT_ALIGNMENT * alignment;
        return new QualityReport(n, paths.size(), overlaps, overlappingShapes,
                Double.isInfinite(best) ? null : Math.round(best * 100) / 100.0, crowdedShapes, alignment, crossings,
                labels[0], labels[1], (int) Math.round(score));
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }

    /**
     * The share of leaf shapes that share a centre, left or top coordinate with another.
     */
    private static double alignment(Boxes b) {
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (!b.container[i]) {
                leaves.add(i);
            }
        }
        if (leaves.size() < 2) {
            return 1;
        }
        boolean[] aligned = new boolean[b.size()];
        markAligned(leaves, i -> (b.x0[i] + b.x1[i]) / 2, aligned);
        markAligned(leaves, i -> (b.y0[i] + b.y1[i]) / 2, aligned);
        markAligned(leaves, i -> b.x0[i], aligned);
        markAligned(leaves, i -> b.y0[i], aligned);
        return (double) count(aligned) / leaves.size();
    }

    private static void markAligned(List<Integer> items, java.util.function.IntToDoubleFunction key,
            boolean[] aligned) {
        int[] sorted = items.stream().mapToInt(Integer::intValue).toArray();
        double[] keys = new double[aligned.length];
        for (int i : sorted) {
            keys[i] = key.applyAsDouble(i);
        }
        sorted = Arrays.stream(sorted)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> keys[i]))
            .mapToInt(Integer::intValue)
            .toArray();
        for (int k = 1; k < sorted.length; k++) {
            if (keys[sorted[k]] - keys[sorted[k - 1]] <= ALIGNMENT_TOLERANCE) {
                aligned[sorted[k]] = true;
                aligned[sorted[k - 1]] = true;
            }
        }
    }

    // ---- connectors
    // -----------------------------------------------------------------------

    /**
     * A connector as drawn: from its start (on the bound shape's border) through its
     * points.
     */
    private record Path(Shape connector, double[] xs, double[] ys) {
    }

    private static List<Path> paths(DiagramDocument doc, Boxes boxes) {
        List<Path> paths = new ArrayList<>();
        for (Shape c : doc.shapes()) {
            if (!c.type().isConnector() || !boxes.visible(doc, c)) {
                continue;
            }
            Optional<Endpoint> start = c.start();
            Optional<Endpoint> end = c.end();
            if (start.isEmpty() || end.isEmpty()) {
                continue;
            }
            List<Point> pts = new ArrayList<>(c.points());
            Point s = endPoint(start.get(), boxes, pts.isEmpty() ? null : pts.get(0), end.get());
            Point e = endPoint(end.get(), boxes, pts.isEmpty() ? null : pts.get(pts.size() - 1), start.get());
            if ((start.get().isBound() && s == null && pts.isEmpty())
                    || (end.get().isBound() && e == null && pts.isEmpty())) {
                continue; // bound to something not measured (hidden, or another
                          // connector)
            }
            List<Point> all = new ArrayList<>(pts.size() + 2);
            if (s != null) {
                all.add(s);
            }
            all.addAll(pts);
            if (e != null) {
                all.add(e);
            }
            if (all.size() < 2) {
                continue;
            }
            double[] xs = new double[all.size()];
            double[] ys = new double[all.size()];
            for (int i = 0; i < all.size(); i++) {
                xs[i] = all.get(i).x();
                ys[i] = all.get(i).y();
            }
            paths.add(new Path(c, xs, ys));
        }
        return paths;
    }

    /**
     * Where a connector end is drawn: a free end at its point; a bound one where the line
     * towards the neighbouring point (the first waypoint, else the other end) leaves the
     * shape's box — or nowhere (null) when that waypoint already lies on the box, as
     * layout writes them.
     */
    private static Point endPoint(Endpoint end, Boxes boxes, Point neighbour, Endpoint other) {
        if (!end.isBound()) {
            return end.point().orElse(null);
        }
        Integer i = end.shapeId().map(boxes.index::get).orElse(null);
        if (i == null) {
            return null;
        }
        Point towards = neighbour;
        if (towards == null) {
            towards = other.isBound() ? other.shapeId().map(boxes.index::get).map(boxes::center).orElse(null)
                    : other.point().orElse(null);
            if (towards == null) {
                return null;
            }
        }
        else if (boxes.contains(i, towards, 0.5)) {
            return null;
        }
        return boxes.border(i, towards);
    }

    /** Crossing pairs of segments of different connectors: a sweep over x. */
    private static int crossings(List<Path> paths) {
        List<double[]> segs = new ArrayList<>(); // x1, y1, x2, y2, path index
        for (int p = 0; p < paths.size(); p++) {
            Path path = paths.get(p);
            for (int k = 1; k < path.xs.length; k++) {
                segs.add(new double[] { path.xs[k - 1], path.ys[k - 1], path.xs[k], path.ys[k], p });
            }
        }
        segs.sort(Comparator.comparingDouble(s -> Math.min(s[0], s[2])));
        List<double[]> active = new ArrayList<>();
        int crossings = 0;
        for (double[] s : segs) {
            double minX = Math.min(s[0], s[2]);
            active.removeIf(a -> Math.max(a[0], a[2]) < minX);
            double minY = Math.min(s[1], s[3]);
            double maxY = Math.max(s[1], s[3]);
            for (double[] a : active) {
                if (a[4] != s[4] && Math.max(a[1], a[3]) >= minY && Math.min(a[1], a[3]) <= maxY
                        && properlyCross(a, s)) {
                    crossings++;
                }
            }
            active.add(s);
        }
        return crossings;
    }

    /**
     * Whether two segments cross at a point inside both (not at an end, not collinear).
     */
    private static boolean properlyCross(double[] a, double[] b) {
        double d1 = orient(b[0], b[1], b[2], b[3], a[0], a[1]);
        double d2 = orient(b[0], b[1], b[2], b[3], a[2], a[3]);
        double d3 = orient(a[0], a[1], a[2], a[3], b[0], b[1]);
        double d4 = orient(a[0], a[1], a[2], a[3], b[2], b[3]);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static double orient(double ax, double ay, double bx, double by, double cx, double cy) {
        double v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return Math.abs(v) < 1e-9 ? 0 : v;
    }

    // ---- labels
    // ---------------------------------------------------------------------------

    /** {labels, labels overlapping a shape other than their own}. */
    private static int[] labels(DiagramDocument doc, Boxes boxes, List<Path> paths) {
        Grid grid = new Grid(boxes);
        int labels = 0;
        int overlapping = 0;
        for (int i = 0; i < boxes.size(); i++) {
            Shape s = boxes.shapes.get(i);
            if (s.type() == ShapeType.TEXT || s.text().filter(t -> !t.isBlank()).isEmpty()) {
                continue;
            }
            TextMeasure.Size t = TextMeasure.label(s);
            double x;
            double y;
            if (boxes.container[i] || s.type().isContainer()) {
                x = boxes.x0[i] + 8; // a frame's title sits at its top left
                y = boxes.y0[i] + 4;
            }
            else {
                x = (boxes.x0[i] + boxes.x1[i] - t.width()) / 2;
                y = (boxes.y0[i] + boxes.y1[i] - t.height()) / 2;
            }
            labels++;
            if (grid.overlapsAny(x, y, x + t.width(), y + t.height(), i)) {
                overlapping++;
            }
        }
        for (Path p : paths) {
            if (p.connector.text().filter(t -> !t.isBlank()).isEmpty()) {
                continue;
            }
            TextMeasure.Size t = TextMeasure.label(p.connector);
            Point mid = midpoint(p);
            labels++;
            double x = mid.x() - t.width() / 2;
            double y = mid.y() - t.height() / 2;
            if (grid.overlapsAny(x, y, x + t.width(), y + t.height(), -1)) {
                overlapping++;
            }
        }
        return new int[] { labels, overlapping };
    }

    /** Halfway along the path's length, where renderers put a connector's label. */
    private static Point midpoint(Path p) {
        double total = 0;
        for (int k = 1; k < p.xs.length; k++) {
            total += Math.hypot(p.xs[k] - p.xs[k - 1], p.ys[k] - p.ys[k - 1]);
        }
        double half = total / 2;
        for (int k = 1; k < p.xs.length; k++) {
            double len = Math.hypot(p.xs[k] - p.xs[k - 1], p.ys[k] - p.ys[k - 1]);
            if (len >= half && len > 0) {
                double f = half / len;
                return new Point(p.xs[k - 1] + f * (p.xs[k] - p.xs[k - 1]), p.ys[k - 1] + f * (p.ys[k] - p.ys[k - 1]));
            }
            half -= len;
        }
        return new Point(p.xs[0], p.ys[0]);
    }

    /** Leaf shapes bucketed into square cells, for "what is under this label". */
    private static final class Grid {

        private static final double CELL = 256;

        private final Boxes boxes;

        private final Map<Long, List<Integer>> cells = new HashMap<>();

        private final int[] stamp;

        private int query;

        Grid(Boxes boxes) {
            this.boxes = boxes;
            this.stamp = new int[boxes.size()];
            for (int i = 0; i < boxes.size(); i++) {
                if (boxes.container[i]) {
                    continue;
                }
                for (long cx = cell(boxes.x0[i]); cx <= cell(boxes.x1[i]); cx++) {
                    for (long cy = cell(boxes.y0[i]); cy <= cell(boxes.y1[i]); cy++) {
                        cells.computeIfAbsent(key(cx, cy), k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }

        boolean overlapsAny(double x0, double y0, double x1, double y1, int own) {
            query++;
            for (long cx = cell(x0); cx <= cell(x1); cx++) {
                for (long cy = cell(y0); cy <= cell(y1); cy++) {
                    for (int i : cells.getOrDefault(key(cx, cy), List.of())) {
                        if (i == own || stamp[i] == query) {
                            continue;
                        }
                        stamp[i] = query;
                        if (boxes.x0[i] < x1 && x0 < boxes.x1[i] && boxes.y0[i] < y1 && y0 < boxes.y1[i]) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private static long cell(double v) {
            return (long) Math.floor(v / CELL);
        }

        private static long key(long cx, long cy) {
            return (cx << 32) ^ (cy & 0xffffffffL);
        }

    }

}
