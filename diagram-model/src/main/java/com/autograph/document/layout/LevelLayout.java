package com.autograph.document.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.elk.alg.force.options.ForceOptions;
import org.eclipse.elk.alg.mrtree.options.MrTreeOptions;
import org.eclipse.elk.alg.radial.options.RadialOptions;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Force, tree and radial layout, one frame at a time from the innermost out: these ELK
 * algorithms place a single level, so each frame's contents are laid out first, the frame
 * gets the size of what is inside it, and then it is placed among its siblings like any
 * shape. An edge between shapes in different frames pulls on the frames (or shapes) that
 * are siblings at the level where the two meet.
 *
 * <p>
 * Force and radial layouts don't promise distance between shapes, so their result is
 * spread evenly about its centre until every two siblings are at least the node spacing
 * apart: the picture keeps its shape and just gets room. Tree and radial need a tree:
 * they get a spanning forest of the edges (from the shapes nothing points to, in document
 * order), tied together by an invisible root when there are several; the other edges are
 * still drawn.
 */
final class LevelLayout {

    /**
     * The most the spreading step scales a force or radial result by; the scan does the
     * rest.
     */
    static final double MAX_SPREAD = 2;

    private LevelLayout() {
    }

    static void run(LayoutGraph g, LayoutOptions o) {
        Map<LayoutGraph.Node, List<LayoutGraph.Edge>> edgesByLevel = new IdentityHashMap<>();
        List<LayoutGraph.Edge> topEdges = new ArrayList<>();
        for (LayoutGraph.Edge e : g.edges) {
            if (e.selfLoop() || e.nested()) {
                continue;
            }
            LayoutGraph.Node meet = lowestCommonParent(e.source(), e.target());
            (meet == null ? topEdges : edgesByLevel.computeIfAbsent(meet, k -> new ArrayList<>())).add(e);
        }
        // Innermost frames first, so each frame's size is known before its parent is laid
        // out.
        List<LayoutGraph.Node> containers = new ArrayList<>();
        for (LayoutGraph.Node n : g.nodes.values()) {
            if (n.isContainer()) {
                containers.add(n);
            }
        }
        containers.sort(Comparator.comparingInt((LayoutGraph.Node n) -> n.depth).reversed());
        for (LayoutGraph.Node c : containers) {
            layoutLevel(c.children, edgesByLevel.getOrDefault(c, List.of()), o, Elk.padding(c));
            double maxX = 0;
            double maxY = 0;
            for (LayoutGraph.Node child : c.children) {
                maxX = Math.max(maxX, child.relX + child.width);
                maxY = Math.max(maxY, child.relY + child.height);
            }
            c.width = maxX + Elk.CONTAINER_PADDING;
            c.height = maxY + Elk.CONTAINER_PADDING;
        }
        layoutLevel(g.roots, topEdges, o, new ElkPadding(0));
    }

    /** The deepest container holding both (null: the canvas). */
    private static LayoutGraph.Node lowestCommonParent(LayoutGraph.Node a, LayoutGraph.Node b) {
        Set<LayoutGraph.Node> above = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (LayoutGraph.Node p = a.parent; p != null; p = p.parent) {
            above.add(p);
        }
        for (LayoutGraph.Node p = b.parent; p != null; p = p.parent) {
            if (above.contains(p)) {
                return p;
            }
        }
        return null;
    }

    /** The ancestor of {@code n} (or n) whose parent is {@code level}. */
    private static LayoutGraph.Node representative(LayoutGraph.Node n, LayoutGraph.Node level) {
        LayoutGraph.Node r = n;
        while (r.parent != level) {
            r = r.parent;
        }
        return r;
    }

    private static void layoutLevel(List<LayoutGraph.Node> members, List<LayoutGraph.Edge> edges, LayoutOptions o,
            ElkPadding padding) {
        if (members.isEmpty()) {
            return;
        }
        LayoutGraph.Node level = members.get(0).parent;
        // Edges between siblings (or their contents), once per ordered pair.
        Map<LayoutGraph.Node, Set<LayoutGraph.Node>> out = new LinkedHashMap<>();
        for (LayoutGraph.Edge e : edges) {
            LayoutGraph.Node s = representative(e.source(), level);
            LayoutGraph.Node t = representative(e.target(), level);
            if (s != t) {
                out.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(t);
            }
        }
        if (members.size() == 1) {
            members.get(0).relX = padding.left;
            members.get(0).relY = padding.top;
            return;
        }
        ElkNode graph = ElkGraphUtil.createGraph();
        configure(graph, o);
        Map<LayoutGraph.Node, ElkNode> elk = new LinkedHashMap<>();
        for (LayoutGraph.Node n : members) {
            ElkNode e = ElkGraphUtil.createNode(graph);
            e.setDimensions(n.width, n.height);
            elk.put(n, e);
        }
        if (o.algorithm() == LayoutOptions.Algorithm.FORCE) {
            out.forEach((s, targets) -> targets.forEach(t -> ElkGraphUtil.createSimpleEdge(elk.get(s), elk.get(t))));
        }
        else {
            List<LayoutGraph.Node> roots = spanningForest(members, out, elk);
            if (roots.size() > 1) {
                ElkNode top = ElkGraphUtil.createNode(graph);
                top.setDimensions(1, 1);
                for (LayoutGraph.Node r : roots) {
                    ElkGraphUtil.createSimpleEdge(top, elk.get(r));
                }
                // The radial root must come first: ELK takes the first node without
                // incoming edges.
                graph.getChildren().move(0, top);
            }
        }

        Elk.layout(graph);

        double[] cx = new double[members.size()];
        double[] cy = new double[members.size()];
        int i = 0;
        for (LayoutGraph.Node n : members) {
            ElkNode e = elk.get(n);
            cx[i] = e.getX() + n.width / 2;
            cy[i] = e.getY() + n.height / 2;
            i++;
        }
        spread(members, cx, cy, o.nodeSpacing() + Elk.ROUNDING_MARGIN);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        i = 0;
        for (LayoutGraph.Node n : members) {
            minX = Math.min(minX, cx[i] - n.width / 2);
            minY = Math.min(minY, cy[i] - n.height / 2);
            i++;
        }
        i = 0;
        for (LayoutGraph.Node n : members) {
            n.relX = cx[i] - n.width / 2 - minX + padding.left;
            n.relY = cy[i] - n.height / 2 - minY + padding.top;
            i++;
        }
    }

    /**
     * Tree edges only: breadth first from the sources, then from whatever is left
     * (cycles).
     */
    private static List<LayoutGraph.Node> spanningForest(List<LayoutGraph.Node> members,
            Map<LayoutGraph.Node, Set<LayoutGraph.Node>> out, Map<LayoutGraph.Node, ElkNode> elk) {
        Set<LayoutGraph.Node> hasIncoming = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        out.values().forEach(hasIncoming::addAll);
        List<LayoutGraph.Node> order = new ArrayList<>();
        for (LayoutGraph.Node n : members) {
            if (!hasIncoming.contains(n)) {
                order.add(n);
            }
        }
        order.addAll(members);
        Set<LayoutGraph.Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<LayoutGraph.Node> roots = new ArrayList<>();
        Deque<LayoutGraph.Node> queue = new ArrayDeque<>();
        for (LayoutGraph.Node start : order) {
            if (!seen.add(start)) {
                continue;
            }
            roots.add(start);
            queue.add(start);
            while (!queue.isEmpty()) {
                LayoutGraph.Node n = queue.poll();
                for (LayoutGraph.Node t : out.getOrDefault(n, Set.of())) {
                    if (seen.add(t)) {
                        ElkGraphUtil.createSimpleEdge(elk.get(n), elk.get(t));
                        queue.add(t);
                    }
                }
            }
        }
        return roots;
    }

    private static void configure(ElkNode graph, LayoutOptions o) {
        double s = o.nodeSpacing();
        switch (o.algorithm()) {
            case FORCE -> {
                graph.setProperty(CoreOptions.ALGORITHM, ForceOptions.ALGORITHM_ID);
                graph.setProperty(ForceOptions.SPACING_NODE_NODE, s);
                graph.setProperty(ForceOptions.RANDOM_SEED, 1);
            }
            case TREE -> {
                graph.setProperty(CoreOptions.ALGORITHM, MrTreeOptions.ALGORITHM_ID);
                graph.setProperty(MrTreeOptions.SPACING_NODE_NODE, s);
                graph.setProperty(CoreOptions.DIRECTION, Elk.direction(o.direction()));
            }
            case RADIAL -> {
                graph.setProperty(CoreOptions.ALGORITHM, RadialOptions.ALGORITHM_ID);
                graph.setProperty(RadialOptions.SPACING_NODE_NODE, s);
            }
            case LAYERED -> throw new IllegalStateException("layered is laid out by LayeredLayout");
        }
        graph.setProperty(CoreOptions.PADDING, new ElkPadding(0));
    }

    /**
     * Makes room so that every two boxes are at least {@code spacing} apart horizontally
     * or vertically, keeping the picture's shape: first the centres are spread about the
     * origin by the least factor that separates every pair, but by at most
     * {@value #MAX_SPREAD} (a single crowded spot must not blow up the whole drawing);
     * then a scan from left to right moves each box that is still too close to one before
     * it to the right, just far enough. Every box is final once scanned, so one scan
     * separates all pairs.
     */
    static void spread(List<LayoutGraph.Node> members, double[] cx, double[] cy, double spacing) {
        int n = members.size();
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = members.get(i).width;
            h[i] = members.get(i).height;
        }
        separateCoincident(cx, cy);
        double factor = 1;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = Math.abs(cx[i] - cx[j]);
                double dy = Math.abs(cy[i] - cy[j]);
                double needX = (w[i] + w[j]) / 2 + spacing;
                double needY = (h[i] + h[j]) / 2 + spacing;
                if (dx >= needX || dy >= needY) {
                    continue;
                }
                double fx = dx > 0 ? needX / dx : Double.POSITIVE_INFINITY;
                double fy = dy > 0 ? needY / dy : Double.POSITIVE_INFINITY;
                factor = Math.max(factor, Math.min(fx, fy));
            }
        }
        factor = Math.min(factor, MAX_SPREAD);
        for (int i = 0; i < n; i++) {
            cx[i] *= factor;
            cy[i] *= factor;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> cx[i] - w[i] / 2));
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double left = cx[i] - w[i] / 2;
            for (int m = 0; m < k; m++) {
                int j = order[m];
                double verticalGap = Math.abs(cy[i] - cy[j]) - (h[i] + h[j]) / 2;
                if (verticalGap < spacing) {
                    left = Math.max(left, cx[j] + w[j] / 2 + spacing);
                }
            }
            cx[i] = left + w[i] / 2;
        }
    }

    /**
     * Two shapes on the same centre can't be spread apart by scaling: offset the later
     * ones.
     */
    private static void separateCoincident(double[] cx, double[] cy) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < cx.length; i++) {
            String key = cx[i] + "," + cy[i];
            int k = seen.merge(key, 1, Integer::sum) - 1;
            if (k > 0) {
                cx[i] += k;
                cy[i] += k * 0.5;
            }
        }
    }

}
