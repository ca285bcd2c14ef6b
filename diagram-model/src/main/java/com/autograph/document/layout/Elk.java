package com.autograph.document.layout;

import org.eclipse.elk.alg.force.options.ForceMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.mrtree.options.MrTreeMetaDataProvider;
import org.eclipse.elk.alg.radial.options.RadialMetaDataProvider;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;

/** The plain-Java ELK set-up: algorithms registered once, no Eclipse runtime. */
final class Elk {

    static {
        // ELK outside Eclipse knows only its core options until the algorithms are
        // registered.
        LayoutMetaDataService.getInstance()
            .registerLayoutMetaDataProviders(new LayeredMetaDataProvider(), new ForceMetaDataProvider(),
                    new MrTreeMetaDataProvider(), new RadialMetaDataProvider());
    }

    /**
     * Space between a frame's border and what is inside it, px; a frame's title adds to
     * the top.
     */
    static final double CONTAINER_PADDING = 20;

    /**
     * Added to the spacing ELK is asked for: coordinates are written rounded to
     * hundredths of a pixel, which could otherwise shave a gap to just under the spacing
     * asked for.
     */
    static final double ROUNDING_MARGIN = 0.05;

    private Elk() {
    }

    static void layout(ElkNode graph) {
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
    }

    static Direction direction(LayoutOptions.Direction d) {
        return switch (d) {
            case DOWN -> Direction.DOWN;
            case UP -> Direction.UP;
            case RIGHT -> Direction.RIGHT;
            case LEFT -> Direction.LEFT;
        };
    }

    /** Room inside a container: the padding, plus the frame's title line at the top. */
    static ElkPadding padding(LayoutGraph.Node container) {
        double title = 0;
        if (container.shape.text().filter(t -> !t.isBlank()).isPresent()) {
            title = TextMeasure.label(container.shape).height() + 8;
        }
        return new ElkPadding(CONTAINER_PADDING + title, CONTAINER_PADDING, CONTAINER_PADDING, CONTAINER_PADDING);
    }

}
