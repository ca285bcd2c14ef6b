package com.autograph.document.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;

/** Generated diagrams with a fixed seed: flowcharts (DAGs), trees, nested frames. */
public final class TestGraphs {

    private TestGraphs() {
    }

    /**
     * A flowchart: n boxes (rectangles, some diamonds and ellipses, some without a size),
     * each but the first fed by an earlier one, plus extra forward edges to about 1.3
     * edges per node.
     */
    public static DiagramDocument flowchart(int n, long seed) {
        Random r = new Random(seed);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shapes.add(box(i, r).build());
        }
        int edges = 0;
        for (int i = 1; i < n; i++) {
            shapes.add(Shape.arrow("e" + edges++, "n" + r.nextInt(i), "n" + i).build());
        }
        for (int k = 0; k < Math.round(0.3 * n) && n > 1; k++) {
            int a = r.nextInt(n - 1);
            int b = a + 1 + r.nextInt(Math.min(8, n - 1 - a));
            shapes.add(Shape.arrow("e" + edges++, "n" + a, "n" + b).build());
        }
        return DiagramDocument.of(shapes);
    }

    /** A tree of n nodes, each node's parent chosen among the earlier ones. */
    public static DiagramDocument tree(int n, long seed) {
        Random r = new Random(seed);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shapes.add(box(i, r).build());
        }
        for (int i = 1; i < n; i++) {
            int parent = Math.max(0, i - 1 - r.nextInt(Math.min(i, 6)));
            shapes.add(Shape.line("e" + i, "n" + parent, "n" + i).build());
        }
        return DiagramDocument.of(shapes);
    }

    /**
     * About n boxes in frames: top-level frames holding boxes and a nested frame each
     * (which holds boxes too), edges inside frames and across them, and a few loose boxes
     * on the canvas.
     */
    public static DiagramDocument nested(int n, long seed) {
        Random r = new Random(seed);
        List<Shape> shapes = new ArrayList<>();
        List<String> boxes = new ArrayList<>();
        int frames = Math.max(1, n / 12);
        int made = 0;
        for (int f = 0; f < frames && made < n; f++) {
            shapes.add(Shape.frame("f" + f, "Zone " + f).at(r.nextInt(500), r.nextInt(500)).size(300, 200).build());
            shapes.add(Shape.group("g" + f).parentId("f" + f).build());
            for (int k = 0; k < 8 && made < n; k++, made++) {
                String parent = k < 5 ? "f" + f : "g" + f;
                shapes.add(box(made, r).parentId(parent).build());
                boxes.add("n" + made);
            }
        }
        for (; made < n; made++) {
            shapes.add(box(made, r).build());
            boxes.add("n" + made);
        }
        for (int i = 1; i < boxes.size(); i++) {
            // Mostly near neighbours (same frame), sometimes far (across frames).
            int from = r.nextInt(4) == 0 ? r.nextInt(i) : Math.max(0, i - 1 - r.nextInt(3));
            shapes.add(Shape.arrow("e" + i, boxes.get(from), boxes.get(i)).build());
        }
        return DiagramDocument.of(shapes);
    }

    private static Shape.Builder box(int i, Random r) {
        ShapeType type = switch (r.nextInt(8)) {
            case 0 -> ShapeType.DIAMOND;
            case 1 -> ShapeType.ELLIPSE;
            default -> ShapeType.RECTANGLE;
        };
        Shape.Builder b = Shape.builder(type, "n" + i).text(i % 7 == 0 ? "Validate the request " + i : "Step " + i);
        if (r.nextBoolean()) {
            b.at(r.nextInt(400), r.nextInt(400)).size(100 + r.nextInt(80), 50 + r.nextInt(30));
        }
        return b;
    }

}
