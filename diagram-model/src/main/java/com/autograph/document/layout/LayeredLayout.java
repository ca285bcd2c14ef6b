package com.autograph.document.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import com.autograph.document.Point;
import com.autograph.document.Routing;

/**
 * Layered (Sugiyama) layout of the whole hierarchy in one ELK run: frames become compound
 * nodes and ELK lays out their insides together with the rest ({@code INCLUDE_CHILDREN}),
 * so edges between shapes in different frames are routed too.
 */
final class LayeredLayout {

    private LayeredLayout() {
    }

    /**
     * Places every node (relative positions, container sizes) and returns ELK's routes.
     */
    static Map<String, Route> run(LayoutGraph g, LayoutOptions o) {
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root, o);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(0));
        Map<LayoutGraph.Node, ElkNode> elk = new IdentityHashMap<>();
        for (LayoutGraph.Node n : g.roots) {
            create(root, n, o, elk);
        }
        Map<LayoutGraph.Edge, ElkEdge> elkEdges = new HashMap<>();
        for (LayoutGraph.Edge e : g.edges) {
            // Self-loops on frames and edges into a frame's own contents are left to the
            // renderer.
            if (e.nested() || (e.selfLoop() && e.source().isContainer())) {
                continue;
            }
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(elk.get(e.source()), elk.get(e.target()));
            ElkGraphUtil.updateContainment(edge);
            elkEdges.put(e, edge);
        }

        Elk.layout(root);

        for (Map.Entry<LayoutGraph.Node, ElkNode> entry : elk.entrySet()) {
            LayoutGraph.Node n = entry.getKey();
            ElkNode e = entry.getValue();
            n.relX = e.getX();
            n.relY = e.getY();
            if (n.isContainer()) {
                n.width = e.getWidth();
                n.height = e.getHeight();
            }
        }
        Routing routing = switch (o.edgeRouting()) {
            case ORTHOGONAL -> Routing.ELBOW;
            case SPLINES -> Routing.CURVED;
            case STRAIGHT -> Routing.STRAIGHT;
        };
        Map<String, Route> routes = new HashMap<>();
        for (Map.Entry<LayoutGraph.Edge, ElkEdge> entry : elkEdges.entrySet()) {
            ElkEdge edge = entry.getValue();
            if (edge.getSections().isEmpty()) {
                continue;
            }
            ElkEdgeSection section = edge.getSections().get(0);
            // Section coordinates are relative to the node that contains the edge.
            double[] origin = absolute(edge.getContainingNode());
            List<Point> points = new ArrayList<>(section.getBendPoints().size() + 2);
            points.add(new Point(origin[0] + section.getStartX(), origin[1] + section.getStartY()));
            for (ElkBendPoint b : section.getBendPoints()) {
                points.add(new Point(origin[0] + b.getX(), origin[1] + b.getY()));
            }
            points.add(new Point(origin[0] + section.getEndX(), origin[1] + section.getEndY()));
            routes.put(entry.getKey().connector().id(), new Route(points, routing));
        }
        return routes;
    }

    private static void create(ElkNode parent, LayoutGraph.Node n, LayoutOptions o,
            Map<LayoutGraph.Node, ElkNode> elk) {
        ElkNode e = ElkGraphUtil.createNode(parent);
        e.setIdentifier(n.shape.id());
        elk.put(n, e);
        if (n.isContainer()) {
            configure(e, o);
            e.setProperty(CoreOptions.PADDING, Elk.padding(n));
            for (LayoutGraph.Node child : n.children) {
                create(e, child, o, elk);
            }
        }
        else {
            e.setDimensions(n.width, n.height);
        }
    }

    /**
     * The options go on the root and on every compound node: ELK reads them per
     * (sub)graph.
     */
    private static void configure(ElkNode graph, LayoutOptions o) {
        double s = o.nodeSpacing() + Elk.ROUNDING_MARGIN;
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        graph.setProperty(CoreOptions.DIRECTION, Elk.direction(o.direction()));
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, s);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, s);
        // An edge passing between two shapes of a layer keeps s/2 from each, so they stay
        // s apart.
        graph.setProperty(LayeredOptions.SPACING_EDGE_NODE, s / 2);
        graph.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, s);
        graph.setProperty(LayeredOptions.RANDOM_SEED, 1);
        graph.setProperty(CoreOptions.EDGE_ROUTING, switch (o.edgeRouting()) {
            case ORTHOGONAL -> EdgeRouting.ORTHOGONAL;
            case SPLINES -> EdgeRouting.SPLINES;
            case STRAIGHT -> EdgeRouting.POLYLINE;
        });
    }

    private static double[] absolute(ElkNode node) {
        double x = 0;
        double y = 0;
        for (ElkNode n = node; n != null; n = n.getParent()) {
            x += n.getX();
            y += n.getY();
        }
        return new double[] { x, y };
    }

}
