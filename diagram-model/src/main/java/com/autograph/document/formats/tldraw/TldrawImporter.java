package com.autograph.document.formats.tldraw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentValidator;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.LimitedJson;
import com.autograph.document.ModelLimits;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;
import com.autograph.document.formats.FormatException;
import com.autograph.document.formats.PageFrames;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One import: records to shapes, page by page, parent-relative transforms to absolute
 * positions.
 */
final class TldrawImporter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The newest {@code tldrawFileFormatVersion} this importer knows. */
    private static final int FILE_FORMAT_VERSION = 1;

    /** Where a shape's own coordinates count from: an origin and a rotation (radians). */
    private record Frame(double x, double y, double rotation) {

        Point apply(double lx, double ly) {
            double cos = Math.cos(rotation);
            double sin = Math.sin(rotation);
            return new Point(x + lx * cos - ly * sin, y + lx * sin + ly * cos);
        }

    }

    private final ModelLimits limits;

    /** Shape records by tldraw id, in file order. */
    private final Map<String, ObjectNode> shapes = new LinkedHashMap<>();

    private final Map<String, List<ObjectNode>> children = new HashMap<>();

    private final Map<String, ObjectNode> pages = new LinkedHashMap<>();

    private final Map<String, ObjectNode> assets = new HashMap<>();

    /** Arrow id → terminal ({@code start}/{@code end}) → its binding record. */
    private final Map<String, Map<String, ObjectNode>> bindings = new HashMap<>();

    private final Set<String> placed = new HashSet<>();

    private ObjectNode document;

    TldrawImporter(ModelLimits limits) {
        this.limits = limits;
    }

    DiagramDocument read(String json) {
        JsonNode root;
        try {
            root = LimitedJson.readTree(json, limits);
        }
        catch (JacksonException e) {
            throw new FormatException("not a tldraw file: the JSON is damaged (" + LimitedJson.describe(e) + ")", e);
        }
        catch (NumberFormatException e) {
            throw new FormatException("not a tldraw file: the JSON holds a number beyond any range", e);
        }
        if (!(root instanceof ObjectNode file)) {
            throw new FormatException("not a tldraw file: it is not a JSON object");
        }
        ObjectNode header = NODES.objectNode();
        if (file.get("records") instanceof ArrayNode records) {
            JsonNode version = file.get("tldrawFileFormatVersion");
            if (version != null && !(version.isIntegralNumber() && version.canConvertToInt() && version.intValue() >= 1
                    && version.intValue() <= FILE_FORMAT_VERSION)) {
                throw new FormatException("the tldraw file format version is " + version
                        + "; this importer reads version " + FILE_FORMAT_VERSION);
            }
            header.set("tldrawFileFormatVersion", version);
            collect(records);
        }
        else if (file.get("store") instanceof ObjectNode store) {
            collect(store.values());
        }
        else if (file.get("document") instanceof ObjectNode d && d.get("store") instanceof ObjectNode store) {
            collect(store.values());
            file = d;
        }
        else if (file.get("document") instanceof ObjectNode d && d.has("pages")) {
            throw new FormatException("this is a tldraw 1 file, which this importer does not read;"
                    + " open it in the current tldraw and save it again");
        }
        else {
            throw new FormatException("not a tldraw file: it has no \"records\" list");
        }
        if (file.get("schema") != null) {
            header.set("schema", file.get("schema"));
        }
        if (document != null) {
            header.set("document", document);
        }
        for (ObjectNode s : shapes.values()) {
            children.computeIfAbsent(s.path("parentId").asString(""), k -> new ArrayList<>()).add(s);
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(s -> s.path("index").asString(""))));

        List<String> pageIds = new ArrayList<>(pages.keySet());
        pageIds.sort(Comparator.comparing(id -> pages.get(id).path("index").asString("")));
        for (String parent : children.keySet()) {
            // Shapes on a page the file has no record for still form a page.
            if (!shapes.containsKey(parent) && !pages.containsKey(parent)) {
                pageIds.add(parent);
            }
        }
        List<PageFrames.Page> read = new ArrayList<>();
        for (String pageId : pageIds) {
            List<Shape> made = new ArrayList<>();
            for (ObjectNode s : children.getOrDefault(pageId, List.of())) {
                add(s, new Frame(0, 0, 0), made, 1);
            }
            ObjectNode pageRecord = pages.get(pageId);
            ObjectNode details = NODES.objectNode();
            details.set("page", pageRecord != null ? pageRecord : NODES.objectNode().put("id", pageId));
            String name = pageRecord == null ? "" : pageRecord.path("name").asString("");
            read.add(new PageFrames.Page(name.isBlank() ? "Page " + (read.size() + 1) : name,
                    DiagramDocument.of(made).withUnknownField(TldrawFormat.FIELD, details)));
        }
        for (String id : shapes.keySet()) {
            if (!placed.contains(id)) {
                throw new FormatException("shape \"" + id + "\" is on no page: following its parentId from shape to"
                        + " shape comes back to it");
            }
        }
        if (read.size() == 1) {
            ObjectNode details = (ObjectNode) read.getFirst().document().unknownFields().get(TldrawFormat.FIELD);
            details.set("file", header);
            return read.getFirst().document().withUnknownField(TldrawFormat.FIELD, details);
        }
        if (read.isEmpty()) {
            return DiagramDocument.empty().withUnknownField(TldrawFormat.FIELD, NODES.objectNode().set("file", header));
        }
        return new PageFrames(TldrawFormat.FIELD, limits).merge(read, header);
    }

    private void collect(Iterable<JsonNode> records) {
        int n = 0;
        for (JsonNode r : records) {
            n++;
            if (!(r instanceof ObjectNode o) || !o.path("id").isString() || !o.path("typeName").isString()) {
                throw new FormatException(
                        "record " + n + " is not a tldraw record: it needs a string \"id\" and" + " \"typeName\"");
            }
            String id = o.get("id").stringValue();
            switch (o.get("typeName").stringValue()) {
                case "shape" -> {
                    if (!o.path("type").isString() || !o.path("parentId").isString()) {
                        throw new FormatException(
                                "shape \"" + id + "\" (record " + n + ") needs a string \"type\" and \"parentId\"");
                    }
                    if (shapes.containsKey(id)) {
                        throw new FormatException("two records have the id \"" + id + "\"");
                    }
                    limits.checkShapes(shapes.size() + 1L);
                    shapes.put(id, o);
                }
                case "binding" -> {
                    String terminal = o.path("props").path("terminal").asString("");
                    if ("arrow".equals(o.path("type").asString("")) && o.path("fromId").isString()
                            && o.path("toId").isString() && (terminal.equals("start") || terminal.equals("end"))) {
                        bindings.computeIfAbsent(o.get("fromId").stringValue(), k -> new HashMap<>()).put(terminal, o);
                    }
                }
                case "page" -> pages.put(id, o);
                case "asset" -> assets.put(id, o);
                case "document" -> document = o;
                default -> {
                    // camera, instance, pointer, page state: the viewer's, not the
                    // drawing's
                }
            }
        }
    }

    /** Converts {@code s} and its children; a group's box is known after its children. */
    private void add(ObjectNode s, Frame parent, List<Shape> out, int depth) {
        limits.checkDepth(depth, "the shapes");
        String id = s.get("id").stringValue();
        placed.add(id);
        double rotation = number(s, "rotation", 0);
        Point origin = parent.apply(number(s, "x", 0), number(s, "y", 0));
        Frame own = new Frame(origin.x(), origin.y(), parent.rotation() + rotation);
        int at = out.size();
        out.add(null);
        List<ObjectNode> kids = children.getOrDefault(id, List.of());
        for (ObjectNode child : kids) {
            add(child, own, out, depth + 1);
        }
        out.set(at, shape(s, own, out.subList(at + 1, out.size())));
    }

    private Shape shape(ObjectNode s, Frame at, List<Shape> descendants) {
        String type = s.get("type").stringValue();
        JsonNode props = s.path("props");
        ObjectNode bag = NODES.objectNode();
        bag.put("type", type);
        for (String kept : List.of("index", "props", "meta")) {
            JsonNode v = s.get(kept);
            if (v != null && !(v.isObject() && v.isEmpty())) {
                bag.set(kept, v);
            }
        }
        double scale = positive(props, "scale", 1);
        String text = limits.checkText(text(props));
        Shape.Builder b = switch (type) {
            case "geo" -> box(geoType(props.path("geo").asString("rectangle")), s, at, positive(props, "w", 1) * scale,
                    (positive(props, "h", 1) + positive(props, "growY", 0)) * scale);
            case "note" -> box(ShapeType.STICKY_NOTE, s, at, Tldraw.NOTE_SIZE * scale,
                    (Tldraw.NOTE_SIZE + positive(props, "growY", 0)) * scale);
            case "text" -> box(ShapeType.TEXT, s, at, positive(props, "w", 8) * scale, text.split("\n", -1).length
                    * Tldraw.FONT.getOrDefault(props.path("size").asString("m"), 24.0) * Tldraw.LINE_HEIGHT * scale);
            case "frame" -> box(ShapeType.FRAME, s, at, positive(props, "w", 1), positive(props, "h", 1));
            case "group" -> group(s, at, descendants);
            case "arrow" -> arrow(s, at, bag);
            case "line" -> line(s, at);
            case "draw", "highlight" -> freehand(s, at, scale);
            case "image" -> image(s, at);
            // video, embed, bookmark and shapes of other apps: a box of their size, the
            // type kept
            default -> box(ShapeType.RECTANGLE, s, at, positive(props, "w", 1), positive(props, "h", 1));
        };
        if ("frame".equals(type)) {
            text = limits.checkText(props.path("name").asString(""));
        }
        if (!text.isEmpty()) {
            b.text(text);
        }
        String parent = s.get("parentId").stringValue();
        if (shapes.containsKey(parent)) {
            b.parentId(id(parent));
        }
        if (s.path("isLocked").asBoolean(false)) {
            b.locked(true);
        }
        Style style = style(type, props, s).build();
        if (!style.isEmpty()) {
            b.style(style);
        }
        return b.unknownField(TldrawFormat.FIELD, bag).build();
    }

    /**
     * The document's id: tldraw's without its {@code shape:} prefix.
     */
    private static String id(String tldrawId) {
        String id = tldrawId.startsWith("shape:") && tldrawId.length() > 6 ? tldrawId.substring(6) : tldrawId;
        if (id.isEmpty() || id.length() > DocumentValidator.MAX_ID_LENGTH) {
            throw new FormatException("shape id \"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                    + "\" is empty or longer than " + DocumentValidator.MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    private static ShapeType geoType(String geo) {
        return switch (geo) {
            case "ellipse", "oval" -> ShapeType.ELLIPSE;
            case "diamond" -> ShapeType.DIAMOND;
            // triangles, stars, clouds, arrows, check boxes…: a box, the kind kept
            default -> ShapeType.RECTANGLE;
        };
    }

    /**
     * A box of {@code w × h} whose top-left corner tldraw puts at the frame's origin and
     * turns about it; the document turns shapes about their centre.
     */
    private Shape.Builder box(ShapeType type, ObjectNode s, Frame at, double w, double h) {
        Shape.Builder b = Shape.builder(type, id(s.get("id").stringValue()));
        Point centre = at.apply(w / 2, h / 2);
        b.at(round(centre.x() - w / 2), round(centre.y() - h / 2)).size(round(w), round(h));
        double degrees = Math.toDegrees(at.rotation()) % 360;
        degrees = Math.round((degrees < 0 ? degrees + 360 : degrees) * 1e6) / 1e6;
        if (degrees != 0 && degrees != 360) {
            b.rotation(degrees);
        }
        return b;
    }

    /** A group spans its members. */
    private Shape.Builder group(ObjectNode s, Frame at, List<Shape> members) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Shape m : members) {
            if (m.hasPosition()) {
                minX = Math.min(minX, m.x());
                minY = Math.min(minY, m.y());
                maxX = Math.max(maxX, m.x() + m.width());
                maxY = Math.max(maxY, m.y() + m.height());
            }
        }
        Shape.Builder b = Shape.group(id(s.get("id").stringValue()));
        return minX > maxX ? b.at(round(at.x()), round(at.y())).size(0, 0)
                : b.at(round(minX), round(minY)).size(round(maxX - minX), round(maxY - minY));
    }

    private Shape.Builder arrow(ObjectNode s, Frame at, ObjectNode bag) {
        JsonNode props = s.path("props");
        Arrowhead head = Tldraw.ARROWHEADS.getOrDefault(props.path("arrowheadEnd").asString("arrow"), Arrowhead.ARROW);
        Arrowhead tail = Tldraw.ARROWHEADS.getOrDefault(props.path("arrowheadStart").asString("none"), Arrowhead.NONE);
        ShapeType type = head == Arrowhead.NONE && tail == Arrowhead.NONE ? ShapeType.LINE : ShapeType.ARROW;
        String id = s.get("id").stringValue();
        Shape.Builder b = Shape.builder(type, id(id));
        Map<String, ObjectNode> bound = bindings.getOrDefault(id, Map.of());
        ObjectNode kept = NODES.objectNode();
        b.start(terminal(props.path("start"), bound.get("start"), at, kept, "start"));
        b.end(terminal(props.path("end"), bound.get("end"), at, kept, "end"));
        if (!kept.isEmpty()) {
            bag.set("bindings", kept);
        }
        if (type == ShapeType.ARROW) {
            if (tail != Arrowhead.NONE) {
                b.startArrowhead(tail);
            }
            if (head != Arrowhead.ARROW) {
                b.endArrowhead(head);
            }
        }
        if ("elbow".equals(props.path("kind").asString(""))) {
            b.routing(Routing.ELBOW);
        }
        else if (Math.abs(number(props, "bend", 0)) > 1e-9) {
            b.routing(Routing.CURVED);
        }
        return b;
    }

    /**
     * One end of an arrow: bound when a binding record (or, in files from before binding
     * records, the terminal itself) names a shape of the file, else the terminal's point.
     */
    private Endpoint terminal(JsonNode point, ObjectNode binding, Frame at, ObjectNode kept, String which) {
        String target = null;
        if (binding != null) {
            target = binding.get("toId").stringValue();
            kept.set(which, binding.path("props"));
        }
        else if ("binding".equals(point.path("type").asString("")) && point.path("boundShapeId").isString()) {
            target = point.get("boundShapeId").stringValue();
        }
        if (target != null && shapes.containsKey(target)
                && !"arrow".equals(shapes.get(target).path("type").asString(""))) {
            return Endpoint.boundTo(id(target));
        }
        Point p = at.apply(number(point, "x", 0), number(point, "y", 0));
        return Endpoint.at(round(p.x()), round(p.y()));
    }

    /** A line through its handles, in their {@code index} order. */
    private Shape.Builder line(ObjectNode s, Frame at) {
        JsonNode props = s.path("props");
        JsonNode handles = props.has("points") ? props.get("points") : props.path("handles");
        List<JsonNode> ordered = new ArrayList<>();
        handles.forEach(ordered::add);
        if (handles.isObject()) {
            ordered.sort(Comparator.comparing(h -> h.path("index").asString("")));
        }
        List<Point> points = new ArrayList<>();
        for (JsonNode h : ordered) {
            Point p = at.apply(number(h, "x", 0), number(h, "y", 0));
            points.add(new Point(round(p.x()), round(p.y())));
        }
        if (points.size() < 2) {
            return box(ShapeType.RECTANGLE, s, at, 0, 0);
        }
        Shape.Builder b = Shape.line(id(s.get("id").stringValue()), Endpoint.at(points.getFirst()),
                Endpoint.at(points.getLast()));
        if (points.size() > 2) {
            b.points(points.subList(1, points.size() - 1));
        }
        if ("cubic".equals(props.path("spline").asString(""))) {
            b.routing(Routing.CURVED);
        }
        return b;
    }

    /** A drawing through the points of its segments. */
    private Shape.Builder freehand(ObjectNode s, Frame at, double scale) {
        List<Point> points = new ArrayList<>();
        for (JsonNode segment : s.path("props").path("segments")) {
            for (JsonNode p : segment.path("points")) {
                Point w = at.apply(number(p, "x", 0) * scale, number(p, "y", 0) * scale);
                points.add(new Point(round(w.x()), round(w.y())));
            }
        }
        if (points.isEmpty()) {
            // tldraw's newer compressed paths: the record is kept, the drawing isn't read
            return box(ShapeType.RECTANGLE, s, at, 0, 0);
        }
        double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
        double minY = points.stream().mapToDouble(Point::y).min().orElse(0);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(0);
        double maxY = points.stream().mapToDouble(Point::y).max().orElse(0);
        return Shape.freehand(id(s.get("id").stringValue()), points)
            .at(minX, minY)
            .size(round(maxX - minX), round(maxY - minY));
    }

    /** An image whose asset holds its source; otherwise a box of its size. */
    private Shape.Builder image(ObjectNode s, Frame at) {
        JsonNode props = s.path("props");
        ObjectNode asset = assets.get(props.path("assetId").asString(""));
        String src = asset == null ? "" : asset.path("props").path("src").asString("");
        if (src.isEmpty() || src.length() > DocumentValidator.MAX_SRC_LENGTH) {
            return box(ShapeType.RECTANGLE, s, at, positive(props, "w", 1), positive(props, "h", 1));
        }
        Shape.Builder b = box(ShapeType.IMAGE, s, at, positive(props, "w", 1), positive(props, "h", 1));
        return b.src(src);
    }

    private static Style.Builder style(String type, JsonNode props, ObjectNode s) {
        Style.Builder st = Style.builder();
        String color = props.path("color").asString("black");
        String stroke = Tldraw.SOLID.get(color);
        boolean isText = "text".equals(type);
        if (stroke != null && !"frame".equals(type)) {
            if (isText) {
                st.textColor(stroke);
            }
            else {
                st.strokeColor(stroke);
            }
        }
        String label = Tldraw.SOLID.get(props.path("labelColor").asString(""));
        if (label != null && !isText) {
            st.textColor(label);
        }
        if ("note".equals(type)) {
            st.fillColor(Tldraw.TINT.getOrDefault(color, Tldraw.TINT.get("yellow")));
        }
        else {
            switch (props.path("fill").asString("none")) {
                case "semi" -> st.fillColor(Tldraw.SEMI);
                case "solid" -> st.fillColor(Tldraw.TINT.getOrDefault(color, Tldraw.SEMI));
                case "pattern" ->
                    st.fillColor(Tldraw.TINT.getOrDefault(color, Tldraw.SEMI)).fillStyle(FillStyle.PATTERN);
                case "fill" -> st.fillColor(stroke != null ? stroke : Tldraw.SEMI);
                default -> {
                }
            }
        }
        if (Tldraw.DASH.containsKey(props.path("dash").asString(""))) {
            st.strokeStyle(Tldraw.DASH.get(props.path("dash").asString("")));
        }
        String size = props.path("size").asString("");
        double scale = positive(props, "scale", 1);
        if (Tldraw.STROKE.containsKey(size) && !isText && !"note".equals(type)) {
            st.strokeWidth(Tldraw.STROKE.get(size) * scale);
        }
        Map<String, Double> fonts = isText ? Tldraw.FONT : Tldraw.LABEL_FONT;
        if (fonts.containsKey(size) && (isText || "geo".equals(type) || "note".equals(type) || "arrow".equals(type))) {
            st.fontSize(fonts.get(size) * scale);
        }
        String family = Tldraw.FAMILY.get(props.path("font").asString(""));
        if (family != null) {
            st.fontFamily(family);
        }
        TextAlign align = Tldraw.ALIGN.get(props.path(isText ? "textAlign" : "align").asString(""));
        if (align != null) {
            st.textAlign(align);
        }
        double opacity = number(s, "opacity", 1);
        if (opacity >= 0 && opacity < 1) {
            st.opacity(opacity);
        }
        return st;
    }

    /**
     * The label: the rich text (tldraw 3.x, a TipTap document) as plain text with a line
     * per paragraph, or the plain {@code text} of older files.
     */
    private static String text(JsonNode props) {
        JsonNode rich = props.get("richText");
        if (rich != null && rich.isObject()) {
            return plain(rich);
        }
        return props.path("text").asString("");
    }

    /** Depth is bounded by the JSON parser's depth limit. */
    private static String plain(JsonNode node) {
        String type = node.path("type").asString("");
        if ("text".equals(type)) {
            return node.path("text").asString("");
        }
        if ("hardBreak".equals(type)) {
            return "\n";
        }
        List<String> lines = new ArrayList<>();
        StringBuilder inline = null;
        for (JsonNode child : node.path("content")) {
            if (Tldraw.BLOCKS.contains(child.path("type").asString(""))) {
                if (inline != null) {
                    lines.add(inline.toString());
                    inline = null;
                }
                lines.add(plain(child));
            }
            else {
                inline = inline == null ? new StringBuilder() : inline;
                inline.append(plain(child));
            }
        }
        if (inline != null) {
            lines.add(inline.toString());
        }
        return String.join("\n", lines);
    }

    /** The node's number when it is a finite one, else {@code absent}. */
    static double number(JsonNode node, String name, double absent) {
        JsonNode v = node.get(name);
        double d = v != null && v.isNumber() ? v.numberValue().doubleValue() : Double.NaN;
        // beyond ±1e9 nothing is drawn; the document refuses such coordinates
        return Double.isFinite(d) && Math.abs(d) <= 1e9 ? d : absent;
    }

    private static double positive(JsonNode node, String name, double absent) {
        double d = number(node, name, absent);
        return d >= 0 ? d : absent;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

}
