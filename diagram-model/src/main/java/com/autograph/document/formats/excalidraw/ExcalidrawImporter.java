package com.autograph.document.formats.excalidraw;

import static com.autograph.document.formats.excalidraw.Excalidraw.number;
import static com.autograph.document.formats.excalidraw.Excalidraw.round;
import static com.autograph.document.formats.excalidraw.Excalidraw.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.LimitedJson;
import com.autograph.document.ModelLimits;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;
import com.autograph.document.formats.Colors;
import com.autograph.document.formats.FormatException;
import com.autograph.document.uploads.Upload;
import com.autograph.document.uploads.UploadCollector;
import com.autograph.document.uploads.UploadReferences;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One import: elements to shapes, bound text to labels, groupIds to group shapes. */
final class ExcalidrawImporter {

    private final Map<String, ObjectNode> live = new LinkedHashMap<>();

    /** Container id → its bound text element. */
    private final Map<String, ObjectNode> boundText = new HashMap<>();

    /** Group id (Excalidraw) → shape id of the group shape made for it. */
    private final Map<String, String> groupShapes = new LinkedHashMap<>();

    private final List<Shape> shapes = new ArrayList<>();

    private final Set<String> usedFiles = new HashSet<>();

    private ObjectNode files;

    private final ModelLimits limits;

    /**
     * Null: pictures stay in the document as data URLs and over-long labels are refused.
     */
    private final UploadCollector uploads;

    ExcalidrawImporter(ModelLimits limits, UploadCollector uploads) {
        this.limits = limits;
        this.uploads = uploads;
    }

    DiagramDocument read(String json) {
        JsonNode root;
        try {
            root = LimitedJson.readTree(json, limits);
        }
        catch (JacksonException e) {
            throw new FormatException("not an Excalidraw file: the JSON is damaged (" + LimitedJson.describe(e) + ")",
                    e);
        }
        catch (NumberFormatException e) {
            // an exponent past BigDecimal's range escapes Jackson as a bare
            // NumberFormatException
            throw new FormatException("not an Excalidraw file: the JSON holds a number beyond any range", e);
        }
        if (!(root instanceof ObjectNode r) || !(r.get("elements") instanceof ArrayNode elements)) {
            throw new FormatException("not an Excalidraw file: it has no \"elements\" list");
        }
        String type = string(r, "type").orElse("excalidraw");
        if (!type.startsWith("excalidraw")) {
            throw new FormatException("not an Excalidraw file: its type is \"" + type + "\"");
        }
        files = r.get("files") instanceof ObjectNode f ? f : Excalidraw.MAPPER.createObjectNode();
        for (JsonNode e : elements) {
            if (e instanceof ObjectNode o && o.path("id").isString() && o.path("type").isString()
                    && !o.path("isDeleted").asBoolean(false) && !live.containsKey(o.get("id").stringValue())) {
                limits.checkShapes(live.size() + 1);
                live.put(o.get("id").stringValue(), o);
            }
        }
        for (ObjectNode e : live.values()) {
            String container = string(e, "containerId").orElse(null);
            if ("text".equals(e.get("type").stringValue()) && container != null && live.containsKey(container)
                    && !boundText.containsKey(container)) {
                boundText.put(container, e);
            }
        }
        for (ObjectNode e : live.values()) {
            if (!isBoundText(e)) {
                addGroups(e);
                limits.checkShapes(shapes.size() + 1);
                shapes.add(shape(e));
            }
        }
        List<Shape> placed = placeGroups();
        DiagramDocument doc = DiagramDocument.of(placed);
        ObjectNode appState = r.get("appState") instanceof ObjectNode a ? a.deepCopy() : null;
        if (appState != null) {
            String bg = Colors.normalize(string(appState, "viewBackgroundColor").orElse(null));
            if (bg != null) {
                doc = doc.withBackground(bg);
                appState.remove("viewBackgroundColor");
            }
        }
        ObjectNode extra = Excalidraw.MAPPER.createObjectNode();
        r.properties().forEach(p -> {
            if (!Set.of("type", "version", "elements", "appState", "files").contains(p.getKey())) {
                extra.set(p.getKey(), p.getValue());
            }
        });
        if (appState != null && !appState.isEmpty()) {
            extra.set("appState", appState);
        }
        ObjectNode unused = Excalidraw.MAPPER.createObjectNode();
        files.properties().forEach(p -> {
            // Pictures nothing shows are not worth storing once their shapes are gone.
            if (!usedFiles.contains(p.getKey()) && uploads == null) {
                unused.set(p.getKey(), p.getValue());
            }
        });
        if (!unused.isEmpty()) {
            extra.set("files", unused);
        }
        return extra.isEmpty() ? doc : doc.withUnknownField(ExcalidrawFormat.FIELD, extra);
    }

    private boolean isBoundText(ObjectNode e) {
        String container = string(e, "containerId").orElse(null);
        return container != null && boundText.get(container) == e;
    }

    /**
     * Excalidraw groups become group shapes, outermost first, so parents precede
     * children.
     */
    private void addGroups(ObjectNode e) {
        List<String> ids = groupIds(e);
        String frame = frameOf(e);
        for (int i = ids.size() - 1; i >= 0; i--) {
            String g = ids.get(i);
            if (groupShapes.containsKey(g)) {
                continue;
            }
            String shapeId = g;
            while (live.containsKey(shapeId) || groupShapes.containsValue(shapeId)) {
                shapeId = shapeId + "-group";
            }
            groupShapes.put(g, shapeId);
            String parent = i + 1 < ids.size() ? groupShapes.get(ids.get(i + 1)) : frame;
            limits.checkShapes(shapes.size() + 1);
            shapes.add(Shape.group(shapeId).parentId(parent).build());
        }
    }

    private static List<String> groupIds(ObjectNode e) {
        List<String> ids = new ArrayList<>();
        for (JsonNode g : e.path("groupIds")) {
            if (g.isString()) {
                ids.add(g.stringValue());
            }
        }
        return ids;
    }

    private String frameOf(ObjectNode e) {
        String frame = string(e, "frameId").orElse(null);
        return frame != null && live.containsKey(frame) ? frame : null;
    }

    private Shape shape(ObjectNode e) {
        ObjectNode bag = e.deepCopy();
        String id = e.get("id").stringValue();
        String xType = e.get("type").stringValue();
        ShapeType type = switch (xType) {
            case "rectangle" -> ShapeType.RECTANGLE;
            case "ellipse" -> ShapeType.ELLIPSE;
            case "diamond" -> ShapeType.DIAMOND;
            case "text" -> ShapeType.TEXT;
            case "arrow" -> ShapeType.ARROW;
            case "line" -> ShapeType.LINE;
            case "freedraw" -> ShapeType.FREEHAND;
            case "frame", "magicframe" -> ShapeType.FRAME;
            case "image" -> ShapeType.IMAGE;
            // embeddables, iframes and future types: a box of the right size, the type
            // kept.
            default -> ShapeType.RECTANGLE;
        };
        if (xType.equals(type.jsonName()) || "freedraw".equals(xType) || "frame".equals(xType)) {
            bag.remove("type");
        }
        JsonNode custom = e.get("customData");
        String autographType = custom == null ? null : string(custom, "autograph_type").orElse(null);
        if ("sticky_note".equals(autographType) && type == ShapeType.RECTANGLE) {
            type = ShapeType.STICKY_NOTE;
        }
        else if ("icon".equals(autographType) && type == ShapeType.RECTANGLE) {
            type = ShapeType.ICON;
        }
        Shape.Builder b = Shape.builder(type, id);
        bag.remove(List.of("id", "isDeleted", "groupIds", "frameId", "boundElements", "containerId"));
        if (custom instanceof ObjectNode c) {
            ObjectNode rest = c.deepCopy();
            string(c, "autograph_icon").ifPresent(b::icon);
            rest.remove(List.of("autograph_type", "autograph_icon"));
            if (rest.isEmpty()) {
                bag.remove("customData");
            }
            else {
                bag.set("customData", rest);
            }
        }
        List<String> groups = groupIds(e);
        b.parentId(!groups.isEmpty() ? groupShapes.get(groups.getFirst()) : frameOf(e));
        if (e.path("locked").asBoolean(false)) {
            b.locked(true);
        }
        bag.remove("locked");
        Style.Builder style = Style.builder();
        if (!type.isConnector()) {
            b.at(number(e, "x", 0), number(e, "y", 0))
                .size(Math.abs(number(e, "width", 0)), Math.abs(number(e, "height", 0)));
            bag.remove(List.of("x", "y", "width", "height"));
            double angle = number(e, "angle", 0);
            if (angle != 0) {
                double degrees = Math.toDegrees(angle) % 360;
                b.rotation(Math.round((degrees < 0 ? degrees + 360 : degrees) * 1e6) / 1e6);
            }
            bag.remove("angle");
        }
        commonStyle(e, type == ShapeType.TEXT, style, bag);
        if (type == ShapeType.RECTANGLE || type == ShapeType.STICKY_NOTE) {
            JsonNode roundness = e.get("roundness");
            if (roundness != null && roundness.isObject()) {
                style.cornerRadius(Math
                    .round(Excalidraw.cornerRadius(roundness, number(e, "width", 0), number(e, "height", 0)) * 100)
                        / 100.0);
            }
        }
        switch (type) {
            case TEXT -> {
                label(b, string(e, "originalText").or(() -> string(e, "text")).orElse(""));
                bag.remove(List.of("text", "originalText"));
                font(e, style, bag);
            }
            case FRAME -> {
                string(e, "name").ifPresent(b::text);
                bag.remove("name");
            }
            case ARROW, LINE -> connector(e, b, bag);
            case FREEHAND -> {
                b.points(points(e));
                bag.remove("points");
            }
            case IMAGE -> image(e, b, bag);
            default -> {
            }
        }
        ObjectNode text = boundText.get(id);
        if (text != null) {
            ObjectNode textBag = text.deepCopy();
            label(b, string(text, "originalText").or(() -> string(text, "text")).orElse(""));
            textBag.remove(List.of("text", "originalText", "containerId", "isDeleted", "type", "groupIds", "frameId"));
            string(text, "strokeColor").map(Colors::normalize).ifPresent(c -> {
                style.textColor(c);
                textBag.remove("strokeColor");
            });
            font(text, style, textBag);
            bag.set("bound_text", textBag);
        }
        Style built = style.build();
        if (!built.isEmpty()) {
            b.style(built);
        }
        if (!bag.isEmpty()) {
            b.unknownField(ExcalidrawFormat.FIELD, bag);
        }
        return b.build();
    }

    /** A label over the text limit is stored whole when uploads are collected. */
    private void label(Shape.Builder b, String text) {
        if (uploads != null && text.length() > limits.maxTextChars()) {
            Upload whole = uploads.text(text);
            UploadReferences.longText(b, text, limits.maxTextChars(), whole);
        }
        else {
            b.text(limits.checkText(text));
        }
    }

    private static void commonStyle(ObjectNode e, boolean text, Style.Builder style, ObjectNode bag) {
        string(e, "strokeColor").map(Colors::normalize).ifPresent(c -> {
            if (text) {
                style.textColor(c);
            }
            else {
                style.strokeColor(c);
            }
            bag.remove("strokeColor");
        });
        string(e, "backgroundColor").map(Colors::normalize).ifPresent(c -> {
            style.fillColor(c);
            bag.remove("backgroundColor");
        });
        string(e, "fillStyle").map(Excalidraw.FILL_STYLES::get).ifPresent(f -> {
            style.fillStyle(f);
            // A pattern other than the one written back for PATTERN stays in the bag.
            if (f != FillStyle.PATTERN || "zigzag".equals(e.get("fillStyle").stringValue())) {
                bag.remove("fillStyle");
            }
        });
        string(e, "strokeStyle").ifPresent(s -> {
            switch (s) {
                case "solid" -> style.strokeStyle(StrokeStyle.SOLID);
                case "dashed" -> style.strokeStyle(StrokeStyle.DASHED);
                case "dotted" -> style.strokeStyle(StrokeStyle.DOTTED);
                default -> {
                    return;
                }
            }
            bag.remove("strokeStyle");
        });
        if (Excalidraw.finite(e.path("strokeWidth")) >= 0) {
            style.strokeWidth(Excalidraw.finite(e.path("strokeWidth")));
            bag.remove("strokeWidth");
        }
        if (Double.isFinite(Excalidraw.finite(e.path("opacity")))) {
            double o = Math.max(0, Math.min(100, Excalidraw.finite(e.path("opacity"))));
            style.opacity(o / 100);
            bag.remove("opacity");
        }
    }

    private static void font(ObjectNode e, Style.Builder style, ObjectNode bag) {
        if (Excalidraw.finite(e.path("fontSize")) > 0) {
            style.fontSize(Excalidraw.finite(e.path("fontSize")));
            bag.remove("fontSize");
        }
        if (e.path("fontFamily").isInt() && Excalidraw.FONTS.containsKey(e.get("fontFamily").asInt())) {
            style.fontFamily(Excalidraw.FONTS.get(e.get("fontFamily").asInt()));
            bag.remove("fontFamily");
        }
        string(e, "textAlign").ifPresent(a -> {
            switch (a) {
                case "left" -> style.textAlign(TextAlign.LEFT);
                case "center" -> style.textAlign(TextAlign.CENTER);
                case "right" -> style.textAlign(TextAlign.RIGHT);
                default -> {
                    return;
                }
            }
            bag.remove("textAlign");
        });
    }

    private void connector(ObjectNode e, Shape.Builder b, ObjectNode bag) {
        List<Point> pts = points(e);
        bag.remove(List.of("x", "y", "width", "height", "angle", "points", "startBinding", "endBinding", "elbowed"));
        Endpoint start = end(e.get("startBinding"), pts.isEmpty() ? null : pts.getFirst(), e);
        Endpoint end = end(e.get("endBinding"), pts.isEmpty() ? null : pts.getLast(), e);
        b.start(start).end(end);
        if (pts.size() > 2) {
            b.points(pts.subList(1, pts.size() - 1));
        }
        if (e.path("elbowed").asBoolean(false)) {
            b.routing(Routing.ELBOW);
        }
        else if (e.get("roundness") != null && e.get("roundness").isObject()) {
            b.routing(Routing.CURVED);
        }
        bag.remove("roundness");
        boolean arrow = "arrow".equals(e.get("type").stringValue());
        arrowhead(e, "startArrowhead", "start_arrowhead", bag, a -> b.startArrowhead(a), arrow);
        arrowhead(e, "endArrowhead", "end_arrowhead", bag, a -> b.endArrowhead(a), arrow);
    }

    private static void arrowhead(ObjectNode e, String name, String keep, ObjectNode bag,
            java.util.function.Consumer<Arrowhead> set, boolean explicit) {
        JsonNode v = e.get(name);
        bag.remove(name);
        if (v == null || v.isNull()) {
            if (explicit) {
                set.accept(Arrowhead.NONE);
            }
            return;
        }
        Arrowhead a = Excalidraw.ARROWHEADS.get(v.asString());
        if (a == null) {
            bag.set(name, v);
            return;
        }
        set.accept(a);
        if (!v.asString().equals(Excalidraw.arrowheadName(a))) {
            // "triangle_outline" and friends: the exact variant is kept for the way back.
            bag.set(name, v);
        }
    }

    /**
     * A bound end when it names a live shape (bound text counts as its container), else
     * the point.
     */
    private Endpoint end(JsonNode binding, Point at, ObjectNode e) {
        if (binding instanceof ObjectNode o && o.path("elementId").isString()) {
            String target = o.get("elementId").stringValue();
            ObjectNode t = live.get(target);
            if (t != null && isBoundText(t)) {
                target = t.get("containerId").stringValue();
            }
            if (live.containsKey(target) && !target.equals(e.get("id").stringValue())) {
                Endpoint end = Endpoint.boundTo(target);
                for (var p : o.properties()) {
                    if (!"elementId".equals(p.getKey())) {
                        end = end.withUnknownField(p.getKey(), p.getValue());
                    }
                }
                return end;
            }
        }
        return Endpoint.at(at == null ? new Point(number(e, "x", 0), number(e, "y", 0)) : at);
    }

    /** Points relative to the element's x/y, made absolute. */
    private static List<Point> points(ObjectNode e) {
        double x = number(e, "x", 0);
        double y = number(e, "y", 0);
        List<Point> out = new ArrayList<>();
        for (JsonNode p : e.path("points")) {
            if (p.isArray() && p.size() >= 2 && Double.isFinite(Excalidraw.finite(p.get(0)))
                    && Double.isFinite(Excalidraw.finite(p.get(1)))) {
                out.add(new Point(round(x + Excalidraw.finite(p.get(0))), round(y + Excalidraw.finite(p.get(1)))));
            }
        }
        if (out.isEmpty()) {
            out.add(new Point(x, y));
        }
        return out;
    }

    private void image(ObjectNode e, Shape.Builder b, ObjectNode bag) {
        String fileId = string(e, "fileId").orElse(null);
        JsonNode file = fileId == null ? null : files.get(fileId);
        if (file instanceof ObjectNode f && f.path("dataURL").isString()) {
            if (uploads != null) {
                UploadReferences.image(b,
                        uploads.image(f.get("dataURL").stringValue(), "image file '" + printable(fileId) + "'"));
            }
            else {
                b.src(f.get("dataURL").stringValue());
            }
            ObjectNode meta = f.deepCopy();
            meta.remove("dataURL");
            bag.set("file", meta);
            usedFiles.add(fileId);
        }
        else {
            // The picture isn't in the file (Excalidraw keeps large ones elsewhere): name
            // it.
            b.src("excalidraw-file:" + (fileId == null ? e.get("id").stringValue() : fileId));
        }
    }

    /** An id as a message may quote it: short, and nothing unprintable. */
    private static String printable(String id) {
        String cut = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return cut.replaceAll("[^\\p{L}\\p{N}._ -]", "?");
    }

    /**
     * Group shapes get the box around their members so layout and export can place them.
     */
    private List<Shape> placeGroups() {
        Map<String, double[]> boxes = new HashMap<>();
        Map<String, Shape> byId = new HashMap<>();
        shapes.forEach(s -> byId.put(s.id(), s));
        for (Shape s : shapes) {
            if (s.type().isConnector() || s.type() == ShapeType.GROUP || !s.hasSize()) {
                continue;
            }
            for (String p = s.parentId().orElse(null); p != null;) {
                Shape parent = byId.get(p);
                if (parent == null || parent.type() != ShapeType.GROUP) {
                    break;
                }
                double[] box = boxes.computeIfAbsent(p,
                        k -> new double[] { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE });
                box[0] = Math.min(box[0], s.x());
                box[1] = Math.min(box[1], s.y());
                box[2] = Math.max(box[2], s.x() + s.width());
                box[3] = Math.max(box[3], s.y() + s.height());
                p = parent.parentId().orElse(null);
            }
        }
        List<Shape> out = new ArrayList<>(shapes.size());
        for (Shape s : shapes) {
            double[] box = boxes.get(s.id());
            out.add(box == null || s.type() != ShapeType.GROUP ? s
                    : s.toBuilder().at(box[0], box[1]).size(round(box[2] - box[0]), round(box[3] - box[1])).build());
        }
        return out;
    }

}
