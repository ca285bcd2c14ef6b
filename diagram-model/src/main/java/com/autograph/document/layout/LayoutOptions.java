package com.autograph.document.layout;

import java.util.Objects;

/**
 * How {@link DiagramLayout} arranges a document.
 *
 * @param algorithm which ELK algorithm places the shapes
 * @param direction the main flow direction: layered and tree put edge targets after their
 * sources in this direction; force and radial have none and ignore it
 * @param nodeSpacing the least gap in px between two shapes of the same frame (or of the
 * canvas), and between the layers of a layered layout; at least 0, default 50
 * @param edgeRouting how connectors are routed: all three for layered (by ELK); tree
 * draws orthogonal as elbows and the rest straight; force and radial are always straight
 */
public record LayoutOptions(Algorithm algorithm, Direction direction, double nodeSpacing, EdgeRouting edgeRouting) {

    /** The default gap between shapes, in px. */
    public static final double DEFAULT_NODE_SPACING = 50;

    /** Layered, downwards, 50 px apart, orthogonal edges: a flowchart. */
    public static final LayoutOptions DEFAULTS = new LayoutOptions(Algorithm.LAYERED, Direction.DOWN,
            DEFAULT_NODE_SPACING, EdgeRouting.ORTHOGONAL);

    public LayoutOptions {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(edgeRouting, "edgeRouting");
        if (!Double.isFinite(nodeSpacing) || nodeSpacing < 0 || nodeSpacing > 10_000) {
            throw new IllegalArgumentException("nodeSpacing must be from 0 to 10000 px, was " + nodeSpacing);
        }
    }

    public static LayoutOptions defaults() {
        return DEFAULTS;
    }

    public LayoutOptions withAlgorithm(Algorithm value) {
        return new LayoutOptions(value, direction, nodeSpacing, edgeRouting);
    }

    public LayoutOptions withDirection(Direction value) {
        return new LayoutOptions(algorithm, value, nodeSpacing, edgeRouting);
    }

    public LayoutOptions withNodeSpacing(double value) {
        return new LayoutOptions(algorithm, direction, value, edgeRouting);
    }

    public LayoutOptions withEdgeRouting(EdgeRouting value) {
        return new LayoutOptions(algorithm, direction, nodeSpacing, value);
    }

    /** The ELK algorithms AutoGraph offers. */
    public enum Algorithm {

        /**
         * Layered (Sugiyama): flowcharts, architectures, anything with a direction of
         * flow.
         */
        LAYERED,
        /** Force-directed: undirected networks. */
        FORCE,
        /** Tree (ELK's Mr. Tree): hierarchies, org charts, mind maps. */
        TREE,
        /** Radial: a tree around its root, in rings. */
        RADIAL

    }

    /** Where edges point. */
    public enum Direction {

        DOWN, RIGHT, UP, LEFT

    }

    /** How connectors run. */
    public enum EdgeRouting {

        /** Horizontal and vertical segments; written as {@code routing: elbow}. */
        ORTHOGONAL,
        /**
         * Smooth curves; written as {@code routing: curved}, the points being ELK's
         * spline points.
         */
        SPLINES,
        /**
         * Straight lines (ELK's polyline routing for layered); written as
         * {@code routing: straight}.
         */
        STRAIGHT

    }
}
