package com.autograph.export.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.Point;
import com.autograph.document.ResolvedStyle;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.layout.TextMeasure;

import com.autograph.export.render.Drawing.Anchor;
import com.autograph.export.render.Drawing.Group;
import com.autograph.export.render.Drawing.Node;
import com.autograph.export.render.Drawing.Path;
import com.autograph.export.render.Drawing.Text;

/**
 * Decides what a render shows (visible shapes, the selection or frame asked for) and
 * reduces each shape to outlines and text lines: the geometry of every shape type,
 * connector routing, arrowheads, fills, wrapped labels and, when asked, the hand-drawn
 * look.
 */
final class DrawingBuilder {

    /** Room between a connector's label and the box painted behind it. */
    private static final double LABEL_PAD = 4;

    /**
     * Where a baseline sits below the middle of its line, as a fraction of the font size.
     */
    private static final double BASELINE_SHIFT = 0.35;

    private static final String STICKY_FILL = "#fff3bf";

    private static final double FRAME_TITLE_SIZE = 14;

    private static final double COLLAPSED_HEIGHT = 32;

    private static final int MAX_NESTING = 64;

    /**
     * Embedded pictures of one render, base64 included; beyond it images are drawn as
     * placeholders.
     */
    private static final long MAX_IMAGE_CHARS = 16L * 1024 * 1024;

    private final DiagramDocument doc;

    private final RenderOptions options;

    private final Rgba labelBackground;

    private final Map<String, Integer> paintIndex = new HashMap<>();

    private final Set<String> drawn = new HashSet<>();

    private long imageChars;

    private DrawingBuilder(DiagramDocument doc, RenderOptions options) {
        this.doc = doc;
        this.options = options;
        Rgba bg = Rgba.parse(options.background().resolve(doc));
        this.labelBackground = bg == null ? Rgba.WHITE : bg.withAlpha(1);
    }

    /**
     * The drawing of what {@code options} select.
     * @throws InvalidRenderOptionException naming {@code frame} or {@code shapes} when
     * they name shapes the document does not have
     * @throws RenderLimitExceededException when the document is over a limit
     */
    static Drawing build(RenderInput input, RenderOptions options, RenderLimits limits) {
        Scene.checkShapes(input.document(), limits);
        Scene.checkText(input, limits);
        return new DrawingBuilder(input.document(), options).build();
    }

    private Drawing build() {
        List<Shape> order = doc.inPaintOrder();
        for (int i = 0; i < order.size(); i++) {
            paintIndex.put(order.get(i).id(), i);
        }
        Set<String> selected = selection();
        for (Shape s : order) {
            if ((selected == null || selected.contains(s.id())) && visible(s)) {
                drawn.add(s.id());
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (Shape s : order) {
            if (drawn.contains(s.id()) && s.parentId().filter(drawn::contains).isEmpty()) {
                shape(s, nodes, 0);
            }
        }
        double[] box = Bounds.of(nodes);
        if (options.frameId() != null) {
            Shape frame = doc.shape(options.frameId()).orElseThrow();
            box = new double[] { frame.x(), Math.min(frame.y() - FRAME_TITLE_SIZE * 1.6, box[1]),
                    frame.x() + frame.width(), frame.y() + (frame.collapsed() ? COLLAPSED_HEIGHT : frame.height()) };
        }
        if (!(box[2] >= box[0])) {
            box = new double[] { 0, 0, 0, 0 };
        }
        double pad = options.padding();
        // Whole px, so the picture's last row and column are painted fully, not
        // half-covered.
        return new Drawing(box[0] - pad, box[1] - pad, Math.max(1, Math.ceil(box[2] - box[0] + 2 * pad - 1e-9)),
                Math.max(1, Math.ceil(box[3] - box[1] + 2 * pad - 1e-9)), Rgba.parse(options.background().resolve(doc)),
                nodes);
    }

    // ---- what is drawn
    // --------------------------------------------------------------------

    /** The ids the options select, or null for everything. */
    private Set<String> selection() {
        if (options.frameId() != null) {
            Shape frame = doc.shape(options.frameId())
                .filter(s -> s.type() == ShapeType.FRAME)
                .orElseThrow(() -> new InvalidRenderOptionException("frame",
                        "the diagram has no frame \"" + InvalidRenderOptionException.quoted(options.frameId()) + "\""));
            Set<String> ids = new HashSet<>();
            withDescendants(frame, ids, 0);
            return ids;
        }
        if (options.shapeIds().isEmpty()) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        for (String id : options.shapeIds()) {
            Shape s = doc.shape(id)
                .orElseThrow(() -> new InvalidRenderOptionException("shapes",
                        "the diagram has no shape \"" + InvalidRenderOptionException.quoted(id) + "\""));
            withDescendants(s, ids, 0);
        }
        // Connectors between selected shapes belong to the selection.
        for (Shape c : doc.connectors()) {
            if (bound(c.start(), ids) && bound(c.end(), ids)) {
                ids.add(c.id());
            }
        }
        return ids;
    }

    private static boolean bound(Optional<Endpoint> end, Set<String> ids) {
        return end.flatMap(Endpoint::shapeId).filter(ids::contains).isPresent();
    }

    private void withDescendants(Shape s, Set<String> ids, int depth) {
        if (depth > MAX_NESTING || !ids.add(s.id())) {
            return;
        }
        for (Shape child : doc.children(s.id())) {
            withDescendants(child, ids, depth + 1);
        }
    }

    /** Not hidden, and no frame or group above it hidden or collapsed. */
    private boolean visible(Shape s) {
        if (s.hidden()) {
            return false;
        }
        Optional<String> parent = s.parentId();
        for (int depth = 0; parent.isPresent() && depth < MAX_NESTING; depth++) {
            Optional<Shape> p = doc.shape(parent.get());
            if (p.isEmpty()) {
                return true;
            }
            if (p.get().hidden() || p.get().collapsed()) {
                return false;
            }
            parent = p.get().parentId();
        }
        return true;
    }

    // ---- shapes
    // ---------------------------------------------------------------------------

    private void shape(Shape s, List<Node> out, int depth) {
        ResolvedStyle st = s.style().resolve();
        List<Node> own = new ArrayList<>();
        double x = s.x();
        double y = s.y();
        double w = s.width();
        double h = s.height();
        switch (s.type()) {
            case RECTANGLE ->
                box(s, st, PathData.rect(x, y, w, h, st.cornerRadius()), own, w - 2 * TextMeasure.PADDING_X);
            case STICKY_NOTE -> {
                ResolvedStyle sticky = s.style().fillColor().isPresent() ? st
                        : s.style().resolve(withFill(st, STICKY_FILL));
                box(s, sticky, PathData.rect(x, y, w, h, st.cornerRadius()), own, w - 2 * TextMeasure.PADDING_X);
            }
            case ELLIPSE -> box(s, st, PathData.ellipse(x + w / 2, y + h / 2, w / 2, h / 2), own,
                    w / Math.sqrt(2) - TextMeasure.PADDING_X);
            case DIAMOND -> box(s, st, PathData.polygon(x + w / 2, y, x + w, y + h / 2, x + w / 2, y + h, x, y + h / 2),
                    own, w / 2);
            case TEXT -> {
                if (s.style().fillColor().isPresent() || s.style().strokeColor().isPresent()) {
                    outline(s, st, PathData.rect(x, y, w, h, st.cornerRadius()), own,
                            s.style().strokeColor().isPresent());
                }
                label(s, st, x, y, w, h, Math.max(w, st.fontSize()), 4, own);
            }
            case FRAME -> frame(s, st, own);
            case GROUP -> {
                // invisible: only its children are drawn
            }
            case ICON -> icon(s, st, x, y, w, h, own);
            case IMAGE -> image(s, st, own);
            case FREEHAND -> freehand(s, st, own);
            case ARROW, LINE -> connector(s, st, own);
        }
        if (s.type() != ShapeType.ICON && s.icon().isPresent()) {
            badge(s, st, own);
        }
        if (s.type().isContainer() && depth < MAX_NESTING) {
            for (Shape child : doc.children(s.id())
                .stream()
                .sorted(java.util.Comparator.comparingInt(c -> paintIndex.getOrDefault(c.id(), 0)))
                .toList()) {
                if (drawn.contains(child.id())) {
                    shape(child, own, depth + 1);
                }
            }
        }
        if (s.type() == ShapeType.GROUP && own.isEmpty()) {
            return; // an empty group would only add an element
        }
        String title = s.text().orElse(s.icon().orElse(null));
        out.add(new Group(s.id(), title, st.opacity(), s.rotation(), x + w / 2, y + h / 2, own));
    }

    private static ResolvedStyle withFill(ResolvedStyle d, String fill) {
        return new ResolvedStyle(d.strokeColor(), fill, d.fillStyle(), d.strokeStyle(), d.strokeWidth(), d.opacity(),
                d.cornerRadius(), d.fontFamily(), d.fontSize(), d.fontWeight(), d.textAlign(), d.textColor());
    }

    /** A closed outline with its label inside. */
    private void box(Shape s, ResolvedStyle st, PathData outline, List<Node> out, double textWidth) {
        outline(s, st, outline, out, true);
        label(s, st, s.x(), s.y(), s.width(), s.height(), textWidth, 0, out);
    }

    private void outline(Shape s, ResolvedStyle st, PathData outline, List<Node> out, boolean stroked) {
        Rgba fill = st.fillStyle() == FillStyle.NONE ? null : Rgba.parse(st.fillColor());
        Rgba stroke = stroked && st.strokeWidth() > 0 ? Rgba.parse(st.strokeColor()) : null;
        double[] dash = dash(st);
        if (fill != null && st.fillStyle() != FillStyle.SOLID) {
            // Patterns are lines of the fill colour inside the outline, as the canvas
            // draws them.
            double width = st.fillStyle() == FillStyle.PATTERN ? 3 : 1; // dots are round
                                                                        // caps of
                                                                        // zero-length
                                                                        // strokes
            out.add(new Path(Hatching.of(outline, st.fillStyle()), null, fill, width, new double[0]));
            fill = null;
        }
        if (options.handDrawn()) {
            if (fill != null) {
                out.add(new Path(outline, fill, null, 0, new double[0]));
            }
            if (stroke != null) {
                out.add(new Path(Rough.sketch(outline, seed(s), st.strokeWidth()), null, stroke, st.strokeWidth(),
                        dash));
            }
            return;
        }
        if (fill != null || stroke != null) {
            out.add(new Path(outline, fill, stroke, st.strokeWidth(), dash));
        }
    }

    private static double[] dash(ResolvedStyle st) {
        double w = Math.max(1, st.strokeWidth());
        return switch (st.strokeStyle()) {
            case SOLID -> new double[0];
            case DASHED -> new double[] { 4 * w, 3 * w };
            case DOTTED -> new double[] { w, 2 * w };
        };
    }

    private static long seed(Shape s) {
        return s.id().hashCode() * 0x9E3779B97F4A7C15L;
    }

    /** A label wrapped to {@code textWidth}, centred vertically in the box. */
    private void label(Shape s, ResolvedStyle st, double x, double y, double w, double h, double textWidth,
            double inset, List<Node> out) {
        String text = s.text().orElse("");
        if (text.isEmpty()) {
            return;
        }
        double size = st.fontSize();
        List<String> lines = TextWrap.wrap(text, textWidth, size);
        double lh = TextMeasure.LINE_HEIGHT * size;
        double top = y + h / 2 - lines.size() * lh / 2;
        double tx;
        Anchor anchor;
        double side = s.type() == ShapeType.TEXT ? inset : Math.max(inset, (w - Math.max(0, textWidth)) / 2);
        switch (st.textAlign()) {
            case LEFT -> {
                tx = x + side;
                anchor = Anchor.START;
            }
            case RIGHT -> {
                tx = x + w - side;
                anchor = Anchor.END;
            }
            default -> {
                tx = x + w / 2;
                anchor = Anchor.MIDDLE;
            }
        }
        out.add(text(lines, tx, top, size, anchor, st, Rgba.parse(st.textColor())));
    }

    private static Text text(List<String> lines, double x, double top, double size, Anchor anchor, ResolvedStyle st,
            Rgba color) {
        double lh = TextMeasure.LINE_HEIGHT * size;
        return new Text(lines, x, top + lh / 2 + BASELINE_SHIFT * size, lh, anchor, st.fontFamily(),
                FontFace.of(st.fontFamily(), st.fontWeight()), size, st.fontWeight(),
                color == null ? Rgba.BLACK : color);
    }

    private void frame(Shape s, ResolvedStyle st, List<Node> out) {
        double h = s.collapsed() ? Math.min(s.height(), COLLAPSED_HEIGHT) : s.height();
        outline(s, st, PathData.rect(s.x(), s.y(), s.width(), h, st.cornerRadius()), out, true);
        String title = s.text().orElse("");
        if (!title.isEmpty()) {
            double size = s.style().fontSize().orElse(FRAME_TITLE_SIZE);
            double lh = TextMeasure.LINE_HEIGHT * size;
            String line = title.replace('\n', ' ');
            out.add(text(List.of(line), s.x(), s.y() - lh - 2, size, Anchor.START, st, Rgba.parse(st.textColor())));
        }
    }

    /**
     * The generic glyph standing for an icon key: a rounded tile with the key's initials,
     * the key or text below.
     */
    private void icon(Shape s, ResolvedStyle st, double x, double y, double w, double h, List<Node> out) {
        String key = s.icon().orElse("icon");
        Rgba stroke = Optional.ofNullable(Rgba.parse(st.strokeColor())).orElse(Rgba.BLACK);
        Rgba fill = Rgba.parse(st.fillColor());
        PathData tile = PathData.rect(x, y, w, h, Math.min(w, h) * 0.18);
        out.add(new Path(options.handDrawn() ? Rough.sketch(tile, seed(s), st.strokeWidth()) : tile, fill, stroke,
                Math.max(1, st.strokeWidth()), new double[0]));
        double size = Math.max(6, Math.min(w, h) * 0.32);
        out.add(text(List.of(initials(key)), x + w / 2, y + h / 2 - TextMeasure.LINE_HEIGHT * size / 2, size,
                Anchor.MIDDLE, bold(st), stroke));
        String caption = s.text().orElse(key);
        double capSize = Math.min(st.fontSize(), 12);
        List<String> lines = TextWrap.wrap(caption, Math.max(w * 2, 80), capSize);
        out.add(text(lines, x + w / 2, y + h + 4, capSize, Anchor.MIDDLE, st, Rgba.parse(st.textColor())));
    }

    /** The small tile an icon key puts in a box's corner. */
    private void badge(Shape s, ResolvedStyle st, List<Node> out) {
        String key = s.icon().orElseThrow();
        double size = Math.max(12, Math.min(22, Math.min(s.width(), s.height()) / 3));
        double bx = s.x() + 4;
        double by = s.y() + 4;
        Rgba stroke = Optional.ofNullable(Rgba.parse(st.strokeColor())).orElse(Rgba.BLACK);
        List<Node> badge = new ArrayList<>();
        badge.add(new Path(PathData.rect(bx, by, size, size, size * 0.2), null, stroke, 1, new double[0]));
        double fs = size * 0.5;
        badge.add(text(List.of(initials(key)), bx + size / 2, by + size / 2 - TextMeasure.LINE_HEIGHT * fs / 2, fs,
                Anchor.MIDDLE, bold(st), stroke));
        out.add(new Group(null, key, 1, 0, 0, 0, badge));
    }

    private static ResolvedStyle bold(ResolvedStyle d) {
        return new ResolvedStyle(d.strokeColor(), d.fillColor(), d.fillStyle(), d.strokeStyle(), d.strokeWidth(),
                d.opacity(), d.cornerRadius(), d.fontFamily(), d.fontSize(), 700, d.textAlign(), d.textColor());
    }

    /** "aws-lambda" → "AL", "postgresql" → "PO". */
    static String initials(String key) {
        String[] parts = key.split("[^\\p{L}\\p{N}]+");
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty() && b.length() < 2) {
                b.appendCodePoint(p.codePointAt(0));
            }
        }
        if (b.length() == 1 && parts.length > 0) {
            String only = String.join("", parts);
            if (only.codePointCount(0, only.length()) > 1) {
                b.appendCodePoint(only.codePointAt(only.offsetByCodePoints(0, 1)));
            }
        }
        return b.isEmpty() ? "?" : b.toString().toUpperCase(Locale.ROOT);
    }

    private void image(Shape s, ResolvedStyle st, List<Node> out) {
        String src = s.src().orElse("");
        Optional<ImageData.Decoded> picture = Optional.empty();
        if (imageChars + src.length() <= MAX_IMAGE_CHARS) {
            picture = ImageData.decode(src);
        }
        if (picture.isPresent()) {
            imageChars += src.length();
            out.add(new Drawing.Image(s.x(), s.y(), s.width(), s.height(), picture.get().mediaType(),
                    picture.get().bytes(), picture.get().image()));
            if (s.text().isPresent()) {
                label(s, st, s.x(), s.y(), s.width(), s.height(), s.width() - 2 * TextMeasure.PADDING_X, 0, out);
            }
            return;
        }
        // Pictures from URLs are never fetched (a render must not reach into the
        // network): a placeholder stands in.
        double x = s.x(), y = s.y(), w = s.width(), h = s.height();
        Rgba grey = new Rgba(0x86, 0x8e, 0x96, 1);
        out.add(new Path(PathData.rect(x, y, w, h, 0), new Rgba(0xf1, 0xf3, 0xf5, 1), grey, 1, new double[0]));
        out.add(new Path(new PathData().moveTo(x, y).lineTo(x + w, y + h).moveTo(x + w, y).lineTo(x, y + h), null, grey,
                1, new double[0]));
        if (s.text().isPresent()) {
            label(s, st, x, y, w, h, w - 2 * TextMeasure.PADDING_X, 0, out);
        }
    }

    private void freehand(Shape s, ResolvedStyle st, List<Node> out) {
        List<Point> pts = s.points();
        if (pts.isEmpty()) {
            return;
        }
        PathData p = new PathData().moveTo(pts.get(0).x(), pts.get(0).y());
        if (pts.size() == 1) {
            p.lineTo(pts.get(0).x() + 0.01, pts.get(0).y());
        }
        for (int i = 1; i < pts.size(); i++) {
            p.lineTo(pts.get(i).x(), pts.get(i).y());
        }
        Rgba stroke = Rgba.parse(st.strokeColor());
        if (stroke != null && st.strokeWidth() > 0) {
            out.add(new Path(p, null, stroke, st.strokeWidth(), dash(st)));
        }
    }

    // ---- connectors
    // -----------------------------------------------------------------------

    private void connector(Shape s, ResolvedStyle st, List<Node> out) {
        List<double[]> route = Routes.route(doc, s);
        if (route.size() < 2) {
            return;
        }
        Rgba stroke = Rgba.parse(st.strokeColor());
        double width = Math.max(0, st.strokeWidth());
        PathData line = s.routing() == Routing.CURVED ? Routes.curve(route) : PathData.polyline(route);
        if (stroke != null && width > 0) {
            PathData drawnLine = options.handDrawn() ? Rough.sketch(line, seed(s), width) : line;
            out.add(new Path(drawnLine, null, stroke, width, dash(st)));
            double[] endTangent = Routes.tangentAtEnd(route);
            double[] startTangent = Routes.tangentAtStart(route);
            Arrowheads.draw(s.endArrowhead(), route.get(route.size() - 1), endTangent, width, stroke, labelBackground,
                    out);
            Arrowheads.draw(s.startArrowhead(), route.get(0), startTangent, width, stroke, labelBackground, out);
        }
        String text = s.text().orElse("");
        if (!text.isEmpty()) {
            double[] mid = Routes.midpoint(route);
            double size = st.fontSize();
            List<String> lines = TextWrap.wrap(text, 200, size);
            double lh = TextMeasure.LINE_HEIGHT * size;
            double tw = 0;
            for (String l : lines) {
                tw = Math.max(tw, TextWrap.width(l, size));
            }
            double th = lines.size() * lh;
            out.add(new Path(PathData.rect(mid[0] - tw / 2 - LABEL_PAD, mid[1] - th / 2 - LABEL_PAD, tw + 2 * LABEL_PAD,
                    th + 2 * LABEL_PAD, 3), labelBackground, null, 0, new double[0]));
            out.add(text(lines, mid[0], mid[1] - th / 2, size, Anchor.MIDDLE, st, Rgba.parse(st.textColor())));
        }
    }

}
