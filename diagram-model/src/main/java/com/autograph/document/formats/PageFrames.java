package com.autograph.document.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.ModelLimits;
import com.autograph.document.Point;
import com.autograph.document.Shape;
import com.autograph.document.Style;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several pages of a draw.io or tldraw file in one document: each page becomes a frame
 * titled with the page's name, the frames side by side from left to right in page order,
 * each page's drawing moved into its frame. Ids that an earlier page already used get the
 * page's prefix, so bindings and parents stay within their page.
 */
public final class PageFrames {

    /** Room between a frame's border and the drawing, and between frames. */
    public static final double PADDING = 40;

    /** Room above the drawing for the frame's title. */
    public static final double TITLE = 40;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One imported page: its name and document (whose {@code field} extension holds the
     * page's own details).
     */
    public record Page(String name, DiagramDocument document) {
    }

    private final List<Shape> shapes = new ArrayList<>();

    private final Set<String> used = new HashSet<>();

    private final ModelLimits limits;

    private double left;

    private final String field;

    /** Keeps each page's details from, and the file's in, the extension {@code field}. */
    public PageFrames(String field, ModelLimits limits) {
        this.field = field;
        this.limits = limits;
    }

    /**
     * The pages as frames; the document's {@code field} holds {@code file} (when not
     * null) and {@code pages}: each page's own {@code field} value (less its
     * {@code file}) with the {@code frame} it became.
     */
    public DiagramDocument merge(List<Page> pages, JsonNode file) {
        for (Page p : pages) {
            for (Shape s : p.document().shapes()) {
                used.add(s.id());
            }
        }
        ArrayNode kept = NODES.arrayNode();
        String background = null;
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            String frame = unique("page-" + (i + 1), Set.of());
            taken.add(frame);
            add(page, frame, i == 0 ? Set.of() : taken);
            page.document().shapes().forEach(s -> taken.add(s.id()));
            ObjectNode info = page.document().unknownFields().get(field) instanceof ObjectNode o ? o.deepCopy()
                    : NODES.objectNode();
            info.remove("file");
            info.put("frame", frame);
            kept.add(info);
            if (background == null && !DiagramDocument.DEFAULT_BACKGROUND.equals(page.document().background())) {
                background = page.document().background();
            }
        }
        DiagramDocument doc = DiagramDocument.of(shapes);
        if (background != null) {
            doc = doc.withBackground(background);
        }
        ObjectNode details = NODES.objectNode();
        if (file != null) {
            details.set("file", file);
        }
        details.set("pages", kept);
        return doc.withUnknownField(field, details);
    }

    /** An id nobody uses yet, {@code base} or {@code base-2}, {@code base-3}, … */
    private String unique(String base, Set<String> alsoTaken) {
        String id = base;
        for (int n = 2; used.contains(id) || alsoTaken.contains(id); n++) {
            id = base + "-" + n;
        }
        used.add(id);
        return id;
    }

    private void add(Page page, String frameId, Set<String> taken) {
        List<Shape> own = page.document().shapes();
        Map<String, String> renamed = new HashMap<>();
        for (Shape s : own) {
            if (taken.contains(s.id())) {
                renamed.put(s.id(), unique(frameId + "/" + s.id(), taken));
            }
        }
        double[] box = bounds(own);
        double dx = left + PADDING - box[0];
        double dy = TITLE + PADDING - box[1];
        double width = box[2] - box[0] + 2 * PADDING;
        double height = box[3] - box[1] + TITLE + 2 * PADDING;
        limits.checkShapes(shapes.size() + own.size() + 1L);
        shapes.add(Shape.frame(frameId, page.name())
            .at(left, 0)
            .size(width, height)
            .style(Style.builder().strokeColor("#000000").build())
            .build());
        for (Shape s : own) {
            shapes.add(moved(s, renamed, frameId, dx, dy));
        }
        left += width + PADDING;
    }

    private static Shape moved(Shape s, Map<String, String> renamed, String frameId, double dx, double dy) {
        Shape.Builder b = s.toBuilder().id(renamed.getOrDefault(s.id(), s.id()));
        b.parentId(s.parentId().map(p -> renamed.getOrDefault(p, p)).orElse(frameId));
        if (s.hasPosition()) {
            b.at(round(s.x() + dx), round(s.y() + dy));
        }
        if (!s.points().isEmpty()) {
            b.points(s.points().stream().map(p -> new Point(round(p.x() + dx), round(p.y() + dy))).toList());
        }
        s.start().ifPresent(e -> b.start(endpoint(e, renamed, dx, dy)));
        s.end().ifPresent(e -> b.end(endpoint(e, renamed, dx, dy)));
        return b.build();
    }

    private static Endpoint endpoint(Endpoint e, Map<String, String> renamed, double dx, double dy) {
        if (e.shapeId().isPresent()) {
            String id = e.shapeId().get();
            return renamed.containsKey(id) ? Endpoint.boundTo(renamed.get(id)) : e;
        }
        Point p = e.point().orElse(new Point(0, 0));
        return Endpoint.at(round(p.x() + dx), round(p.y() + dy));
    }

    /** minX, minY, maxX, maxY of everything drawn on the page; a unit box if nothing. */
    private static double[] bounds(List<Shape> shapes) {
        double[] box = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
        for (Shape s : shapes) {
            if (s.hasPosition()) {
                extend(box, s.x(), s.y());
                extend(box, s.x() + s.width(), s.y() + s.height());
            }
            for (Point p : s.points()) {
                extend(box, p.x(), p.y());
            }
            s.start().flatMap(Endpoint::point).ifPresent(p -> extend(box, p.x(), p.y()));
            s.end().flatMap(Endpoint::point).ifPresent(p -> extend(box, p.x(), p.y()));
        }
        if (box[0] > box[2]) {
            return new double[] { 0, 0, 0, 0 };
        }
        return box;
    }

    private static void extend(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

}
