package com.autograph.ai.offline;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.Shape;

/**
 * Where a shape added by a refinement goes: beside the shape it is connected to, on the
 * first side (below, right, left, above, then further out) where it overlaps nothing, so
 * nothing already drawn has to move. With no neighbour it goes right of the drawing; in a
 * document with no positions at all it stays unplaced for the layout to place.
 */
final class Placement {

    static final double WIDTH = 160;

    static final double HEIGHT = 60;

    static final double GAP = 60;

    private static final int RINGS = 6;

    private record Box(double x, double y, double w, double h) {

        boolean overlaps(Box o) {
            return x < o.x + o.w + GAP / 2 && o.x < x + w + GAP / 2 && y < o.y + o.h + GAP / 2 && o.y < y + h + GAP / 2;
        }

    }

    private final List<Box> boxes = new ArrayList<>();

    Placement(List<Shape> shapes) {
        shapes.stream()
            .filter(s -> !s.type().isConnector() && s.hasPosition())
            .forEach(s -> boxes
                .add(new Box(s.x(), s.y(), s.hasSize() ? s.width() : WIDTH, s.hasSize() ? s.height() : HEIGHT)));
    }

    /** The shape with a free position and a size (the neighbour's, else the default). */
    Shape place(Shape shape, Shape neighbour) {
        if (boxes.isEmpty()) {
            return shape;
        }
        double w = neighbour != null && neighbour.hasSize() ? neighbour.width() : WIDTH;
        double h = neighbour != null && neighbour.hasSize() ? neighbour.height() : HEIGHT;
        Box anchor = neighbour != null ? new Box(neighbour.x(), neighbour.y(), w, h) : rightOfAll(h);
        Box chosen = null;
        for (int ring = neighbour == null ? 0 : 1; ring <= RINGS && chosen == null; ring++) {
            double dx = ring * (w + GAP);
            double dy = ring * (h + GAP);
            for (Box b : List.of(new Box(anchor.x, anchor.y + dy, w, h), new Box(anchor.x + dx, anchor.y, w, h),
                    new Box(anchor.x - dx, anchor.y, w, h), new Box(anchor.x, anchor.y - dy, w, h))) {
                if (boxes.stream().noneMatch(b::overlaps)) {
                    chosen = b;
                    break;
                }
            }
        }
        if (chosen == null) {
            chosen = rightOfAll(h);
        }
        boxes.add(chosen);
        return shape.withPosition(chosen.x, chosen.y).withSize(w, h);
    }

    private Box rightOfAll(double h) {
        double right = boxes.stream().mapToDouble(b -> b.x + b.w).max().orElse(0);
        double top = boxes.stream().mapToDouble(Box::y).min().orElse(0);
        return new Box(right + GAP, top, WIDTH, h);
    }

}
