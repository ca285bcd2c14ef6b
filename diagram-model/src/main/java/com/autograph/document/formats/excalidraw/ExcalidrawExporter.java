package com.autograph.document.formats.excalidraw;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
import com.autograph.document.FillStyle;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.Style;
import com.autograph.document.TextAlign;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One export: shapes to elements, labels to bound text, group shapes to groupIds. */
final class ExcalidrawExporter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long now;

    private DiagramDocument doc;

    private final Map<String, List<String>> arrowsByTarget = new LinkedHashMap<>();

    private final Map<String, String> textIds = new LinkedHashMap<>();

    private final Set<String> usedIds = new HashSet<>();

    private final ObjectNode files = NODES.objectNode();

    ExcalidrawExporter(long now) {
        this.now = now;
    }

    String write(DiagramDocument document) {
        this.doc = document;
        document.shapes().forEach(s -> usedIds.add(s.id()));
        for (Shape s : document.shapes()) {
            if (s.type().isConnector()) {
                for (Optional<Endpoint> end : List.of(s.start(), s.end())) {
                    end.flatMap(Endpoint::shapeId)
                        .ifPresent(t -> arrowsByTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(s.id()));
                }
            }
        }
        for (Shape s : document.shapes()) {
            if (hasBoundText(s)) {
                String wanted = bag(s).path("bound_text").path("id").asString(s.id() + "-text");
                String id = wanted;
                for (int i = 2; !usedIds.add(id); i++) {
                    id = wanted + "-" + i;
                }
                textIds.put(s.id(), id);
            }
        }
        ArrayNode elements = NODES.arrayNode();
        for (Shape s : document.shapes()) {
            if (s.type() == ShapeType.GROUP) {
                continue;
            }
            ObjectNode el = element(s);
            elements.add(el);
            if (textIds.containsKey(s.id())) {
                elements.add(boundText(s, el));
            }
        }
        keepIndicesOnlyIfOrdered(elements);
        ObjectNode extra = document.unknownFields().get(ExcalidrawFormat.FIELD) instanceof ObjectNode o ? o
                : NODES.objectNode();
        ObjectNode root = NODES.objectNode();
        root.put("type", "excalidraw");
        root.put("version", 2);
        root.set("source", extra.has("source") ? extra.get("source") : NODES.stringNode("autograph"));
        root.set("elements", elements);
        ObjectNode appState = NODES.objectNode();
        appState.putNull("gridSize");
        appState.put("viewBackgroundColor", document.background());
        if (extra.get("appState") instanceof ObjectNode a) {
            a.properties().forEach(p -> appState.set(p.getKey(), p.getValue()));
            appState.put("viewBackgroundColor", document.background());
        }
        root.set("appState", appState);
        if (extra.get("files") instanceof ObjectNode f) {
            f.properties().forEach(p -> {
                if (!files.has(p.getKey())) {
                    files.set(p.getKey(), p.getValue());
                }
            });
        }
        root.set("files", files);
        extra.properties().forEach(p -> {
            if (!root.has(p.getKey())) {
                root.set(p.getKey(), p.getValue());
            }
        });
        return Excalidraw.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode bag(Shape s) {
        return s.unknownFields().get(ExcalidrawFormat.FIELD) instanceof ObjectNode o ? o : NODES.objectNode();
    }

    private static boolean hasBoundText(Shape s) {
        return s.text().filter(t -> !t.isEmpty()).isPresent() && s.type() != ShapeType.TEXT
                && s.type() != ShapeType.FRAME && s.type() != ShapeType.GROUP && s.type() != ShapeType.FREEHAND
                && s.type() != ShapeType.IMAGE;
    }

    private ObjectNode element(Shape s) {
        ObjectNode bag = bag(s);
        Style st = s.style();
        ObjectNode el = NODES.objectNode();
        el.put("id", s.id());
        el.put("type", bag.path("type").asString(switch (s.type()) {
            case RECTANGLE, STICKY_NOTE, ICON -> "rectangle";
            case ELLIPSE -> "ellipse";
            case DIAMOND -> "diamond";
            case TEXT -> "text";
            case ARROW -> "arrow";
            case LINE -> "line";
            case FREEHAND -> "freedraw";
            case FRAME, GROUP -> "frame";
            case IMAGE -> "image";
        }));
        List<Point> path = s.type().isConnector() ? path(s) : null;
        if (path != null) {
            Point p0 = path.getFirst();
            el.set("x", num(p0.x()));
            el.set("y", num(p0.y()));
            double minX = 0;
            double maxX = 0;
            double minY = 0;
            double maxY = 0;
            for (Point p : path) {
                minX = Math.min(minX, p.x() - p0.x());
                maxX = Math.max(maxX, p.x() - p0.x());
                minY = Math.min(minY, p.y() - p0.y());
                maxY = Math.max(maxY, p.y() - p0.y());
            }
            el.set("width", num(maxX - minX));
            el.set("height", num(maxY - minY));
        }
        else if (s.type() == ShapeType.FREEHAND && !s.hasPosition() && !s.points().isEmpty()) {
            el.set("x", num(s.points().getFirst().x()));
            el.set("y", num(s.points().getFirst().y()));
            el.set("width", num(s.width()));
            el.set("height", num(s.height()));
        }
        else {
            el.set("x", num(s.x()));
            el.set("y", num(s.y()));
            el.set("width", num(s.width()));
            el.set("height", num(s.height()));
        }
        el.set("angle", num(s.type().isConnector() ? 0 : Math.toRadians(s.rotation())));
        String keptStroke = bag.path("strokeColor").asString("#1e1e1e");
        el.put("strokeColor", (s.type() == ShapeType.TEXT ? st.textColor() : st.strokeColor()).orElse(keptStroke));
        boolean noFill = st.fillStyle().orElse(FillStyle.SOLID) == FillStyle.NONE;
        el.put("backgroundColor",
                noFill ? "transparent" : st.fillColor().orElse(bag.path("backgroundColor").asString("transparent")));
        FillStyle fill = st.fillStyle().orElse(FillStyle.SOLID);
        String rawFill = bag.path("fillStyle").asString(null);
        el.put("fillStyle", rawFill != null && Excalidraw.FILL_STYLES.get(rawFill) == fill ? rawFill
                : Excalidraw.fillStyleName(fill));
        el.set("strokeWidth", num(st.strokeWidth().orElse(2)));
        el.put("strokeStyle", st.strokeStyle().map(x -> x.jsonName()).orElse("solid"));
        el.set("roughness", bag.has("roughness") ? bag.get("roughness") : NODES.numberNode(1));
        double opacity = st.opacity().orElse(1) * 100;
        if (opacity == Math.rint(opacity)) {
            el.set("opacity", num((int) opacity));
        }
        else {
            el.set("opacity", num(opacity));
        }
        ArrayNode groupIds = el.putArray("groupIds");
        String frame = null;
        for (String p = s.parentId().orElse(null); p != null;) {
            Shape parent = doc.shape(p).orElse(null);
            if (parent == null) {
                break;
            }
            if (parent.type() == ShapeType.FRAME) {
                frame = parent.id();
                break;
            }
            groupIds.add(groupId(parent.id()));
            p = parent.parentId().orElse(null);
        }
        if (frame == null || s.type() == ShapeType.FRAME) {
            // Excalidraw has no frames in frames: an inner frame sits at the top level.
            el.putNull("frameId");
        }
        else {
            el.put("frameId", frame);
        }
        if (bag.has("index")) {
            el.set("index", bag.get("index"));
        }
        el.set("roundness", roundness(s, bag));
        el.set("seed", bag.has("seed") ? bag.get("seed") : NODES.numberNode(hash(s.id(), 1)));
        el.set("version", bag.has("version") ? bag.get("version") : NODES.numberNode(1));
        el.set("versionNonce", bag.has("versionNonce") ? bag.get("versionNonce") : NODES.numberNode(hash(s.id(), 2)));
        el.put("isDeleted", false);
        el.set("boundElements", boundElements(s));
        el.set("updated", bag.has("updated") ? bag.get("updated") : NODES.numberNode(now));
        el.set("link", bag.has("link") ? bag.get("link") : NODES.nullNode());
        el.put("locked", s.locked());
        ObjectNode custom = bag.get("customData") instanceof ObjectNode c ? c.deepCopy() : NODES.objectNode();
        if (s.type() == ShapeType.STICKY_NOTE || s.type() == ShapeType.ICON) {
            custom.put("autograph_type", s.type().jsonName());
        }
        s.icon().ifPresent(i -> custom.put("autograph_icon", i));
        if (!custom.isEmpty()) {
            el.set("customData", custom);
        }
        switch (s.type()) {
            case TEXT -> text(el, bag, st, s.text().orElse(""), "left", "top");
            case FRAME -> {
                if (s.text().isPresent()) {
                    el.put("name", s.text().get());
                }
                else {
                    el.putNull("name");
                }
            }
            case ARROW, LINE -> connector(s, el, bag, path);
            case FREEHAND -> {
                double x = el.get("x").asDouble();
                double y = el.get("y").asDouble();
                ArrayNode pts = el.putArray("points");
                s.points().forEach(p -> pts.addArray().add(num(p.x() - x)).add(num(p.y() - y)));
                el.set("pressures", bag.has("pressures") ? bag.get("pressures") : NODES.arrayNode());
                el.set("simulatePressure",
                        bag.has("simulatePressure") ? bag.get("simulatePressure") : NODES.booleanNode(true));
                el.set("lastCommittedPoint",
                        bag.has("lastCommittedPoint") ? bag.get("lastCommittedPoint") : NODES.nullNode());
            }
            case IMAGE -> image(s, el, bag);
            default -> {
            }
        }
        bag.properties().forEach(p -> {
            if (!el.has(p.getKey()) && !Set.of("bound_text", "file", "type").contains(p.getKey())) {
                el.set(p.getKey(), p.getValue());
            }
        });
        return el;
    }

    /**
     * A group shape named "x-group" was renamed on import because an element is called
     * "x".
     */
    private String groupId(String shapeId) {
        if (shapeId.endsWith("-group")) {
            String original = shapeId.substring(0, shapeId.length() - "-group".length());
            if (doc.shape(original).filter(o -> o.type() != ShapeType.GROUP).isPresent()) {
                return original;
            }
        }
        return shapeId;
    }

    private static JsonNode roundness(Shape s, ObjectNode bag) {
        JsonNode kept = bag.get("roundness");
        if (s.type().isConnector()) {
            return s.routing() == Routing.CURVED ? NODES.objectNode().put("type", 2) : NODES.nullNode();
        }
        if (s.type() == ShapeType.RECTANGLE || s.type() == ShapeType.STICKY_NOTE || s.type() == ShapeType.ICON) {
            if (s.style().cornerRadius().orElse(0) > 0) {
                return kept != null && kept.isObject() ? kept : NODES.objectNode().put("type", 3);
            }
            return NODES.nullNode();
        }
        return kept != null ? kept : NODES.nullNode();
    }

    private ArrayNode boundElementsArray(Shape s) {
        ArrayNode bound = NODES.arrayNode();
        if (textIds.containsKey(s.id())) {
            bound.addObject().put("id", textIds.get(s.id())).put("type", "text");
        }
        for (String arrow : arrowsByTarget.getOrDefault(s.id(), List.of())) {
            bound.addObject().put("id", arrow).put("type", "arrow");
        }
        return bound;
    }

    private JsonNode boundElements(Shape s) {
        ArrayNode bound = boundElementsArray(s);
        return bound.isEmpty() ? NODES.nullNode() : bound;
    }

    private static void text(ObjectNode el, ObjectNode bag, Style st, String text, String align, String vertical) {
        el.put("text", text);
        el.set("fontSize", num(st.fontSize().orElse(20)));
        el.set("fontFamily",
                st.fontFamily().isPresent() ? NODES.numberNode(Excalidraw.fontNumber(st.fontFamily().get()))
                        : bag.has("fontFamily") ? bag.get("fontFamily") : NODES.numberNode(5));
        el.put("textAlign", st.textAlign().map(TextAlign::jsonName).orElse(align));
        el.set("verticalAlign", bag.has("verticalAlign") ? bag.get("verticalAlign") : NODES.stringNode(vertical));
        el.putNull("containerId");
        el.put("originalText", text);
        el.set("autoResize", bag.has("autoResize") ? bag.get("autoResize") : NODES.booleanNode(true));
        el.set("lineHeight", bag.has("lineHeight") ? bag.get("lineHeight") : NODES.numberNode(1.25));
    }

    private ObjectNode boundText(Shape s, ObjectNode container) {
        ObjectNode bag = bag(s).get("bound_text") instanceof ObjectNode o ? o : NODES.objectNode();
        Style st = s.style();
        String text = s.text().orElse("");
        double size = st.fontSize().orElse(20);
        String[] lines = text.split("\n", -1);
        int longest = 0;
        for (String l : lines) {
            longest = Math.max(longest, l.codePointCount(0, l.length()));
        }
        double w = bag.has("width") ? bag.get("width").asDouble() : Math.round(longest * size * 0.55);
        double h = bag.has("height") ? bag.get("height").asDouble() : lines.length * size * 1.25;
        double cx;
        double cy;
        if (s.type().isConnector()) {
            List<Point> path = path(s);
            Point mid = path.size() % 2 == 1 ? path.get(path.size() / 2)
                    : new Point((path.get(path.size() / 2 - 1).x() + path.get(path.size() / 2).x()) / 2,
                            (path.get(path.size() / 2 - 1).y() + path.get(path.size() / 2).y()) / 2);
            cx = mid.x();
            cy = mid.y();
        }
        else {
            cx = s.x() + s.width() / 2;
            cy = s.y() + s.height() / 2;
        }
        ObjectNode el = NODES.objectNode();
        el.put("id", textIds.get(s.id()));
        el.put("type", "text");
        el.set("x", bag.has("x") ? bag.get("x") : num(cx - w / 2));
        el.set("y", bag.has("y") ? bag.get("y") : num(cy - h / 2));
        el.set("width", bag.has("width") ? bag.get("width") : num(w));
        el.set("height", bag.has("height") ? bag.get("height") : num(h));
        el.set("angle", container.get("angle"));
        el.put("strokeColor", st.textColor().orElse(bag.path("strokeColor").asString("#1e1e1e")));
        el.set("backgroundColor",
                bag.has("backgroundColor") ? bag.get("backgroundColor") : NODES.stringNode("transparent"));
        el.set("fillStyle", bag.has("fillStyle") ? bag.get("fillStyle") : NODES.stringNode("solid"));
        el.set("strokeWidth", bag.has("strokeWidth") ? bag.get("strokeWidth") : NODES.numberNode(2));
        el.set("strokeStyle", bag.has("strokeStyle") ? bag.get("strokeStyle") : NODES.stringNode("solid"));
        el.set("roughness", bag.has("roughness") ? bag.get("roughness") : NODES.numberNode(1));
        el.set("opacity", container.get("opacity"));
        el.set("groupIds", container.get("groupIds"));
        el.set("frameId", container.get("frameId"));
        el.set("roundness", NODES.nullNode());
        el.set("seed", bag.has("seed") ? bag.get("seed") : NODES.numberNode(hash(s.id(), 3)));
        el.set("version", bag.has("version") ? bag.get("version") : NODES.numberNode(1));
        el.set("versionNonce", bag.has("versionNonce") ? bag.get("versionNonce") : NODES.numberNode(hash(s.id(), 4)));
        el.put("isDeleted", false);
        el.set("boundElements", NODES.nullNode());
        el.set("updated", bag.has("updated") ? bag.get("updated") : NODES.numberNode(now));
        el.set("link", bag.has("link") ? bag.get("link") : NODES.nullNode());
        el.put("locked", s.locked());
        text(el, bag, st, text, "center", "middle");
        el.put("containerId", s.id());
        bag.properties().forEach(p -> {
            if (!el.has(p.getKey())) {
                el.set(p.getKey(), p.getValue());
            }
        });
        return el;
    }

    private void connector(Shape s, ObjectNode el, ObjectNode bag, List<Point> path) {
        Point p0 = path.getFirst();
        ArrayNode pts = el.putArray("points");
        for (Point p : path) {
            pts.addArray().add(num(p.x() - p0.x())).add(num(p.y() - p0.y()));
        }
        el.set("lastCommittedPoint", bag.has("lastCommittedPoint") ? bag.get("lastCommittedPoint") : NODES.nullNode());
        el.set("startBinding", binding(s.start()));
        el.set("endBinding", binding(s.end()));
        el.set("startArrowhead", arrowhead(s.startArrowhead(), bag.get("startArrowhead")));
        el.set("endArrowhead", arrowhead(s.endArrowhead(), bag.get("endArrowhead")));
        if (s.type() == ShapeType.ARROW) {
            el.put("elbowed", s.routing() == Routing.ELBOW);
        }
    }

    private static JsonNode arrowhead(Arrowhead a, JsonNode kept) {
        if (kept != null && kept.isString() && Excalidraw.ARROWHEADS.get(kept.stringValue()) == a) {
            return kept;
        }
        String name = Excalidraw.arrowheadName(a);
        return name == null ? NODES.nullNode() : NODES.stringNode(name);
    }

    private JsonNode binding(Optional<Endpoint> end) {
        if (end.isEmpty() || end.get().shapeId().isEmpty()
                || doc.shape(end.get().shapeId().get()).filter(t -> t.type() != ShapeType.GROUP).isEmpty()) {
            return NODES.nullNode();
        }
        ObjectNode b = NODES.objectNode();
        b.put("elementId", end.get().shapeId().get());
        Map<String, JsonNode> extra = end.get().unknownFields();
        b.set("focus", extra.getOrDefault("focus", NODES.numberNode(0)));
        b.set("gap", extra.getOrDefault("gap", NODES.numberNode(1)));
        extra.forEach((k, v) -> {
            if (!b.has(k)) {
                b.set(k, v);
            }
        });
        return b;
    }

    /**
     * The connector's absolute path: start, waypoints, end; bound ends on their shape's
     * border.
     */
    private List<Point> path(Shape s) {
        List<Point> way = s.points();
        Point startFree = s.start().flatMap(Endpoint::point).orElse(null);
        Point endFree = s.end().flatMap(Endpoint::point).orElse(null);
        Shape a = s.start().flatMap(Endpoint::shapeId).flatMap(doc::shape).orElse(null);
        Shape b = s.end().flatMap(Endpoint::shapeId).flatMap(doc::shape).orElse(null);
        Point aRef = startFree != null ? startFree : a != null ? center(a) : new Point(0, 0);
        Point bRef = endFree != null ? endFree : b != null ? center(b) : new Point(aRef.x() + 100, aRef.y());
        Point start = startFree != null ? startFree : border(a, way.isEmpty() ? bRef : way.getFirst());
        Point end = endFree != null ? endFree : border(b, way.isEmpty() ? aRef : way.getLast());
        List<Point> path = new ArrayList<>();
        path.add(start);
        path.addAll(way);
        path.add(end);
        return path;
    }

    private static Point center(Shape s) {
        return new Point(s.x() + s.width() / 2, s.y() + s.height() / 2);
    }

    private static Point border(Shape s, Point toward) {
        if (s == null) {
            return toward;
        }
        Point c = center(s);
        double dx = toward.x() - c.x();
        double dy = toward.y() - c.y();
        if (dx == 0 && dy == 0) {
            return c;
        }
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : (s.width() / 2) / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : (s.height() / 2) / Math.abs(dy));
        t = Math.min(t, 1);
        return new Point(Math.round((c.x() + dx * t) * 100) / 100.0, Math.round((c.y() + dy * t) * 100) / 100.0);
    }

    private void image(Shape s, ObjectNode el, ObjectNode bag) {
        String src = s.src().orElse("");
        String fileId = bag.path("fileId").asString(null);
        if (src.startsWith("excalidraw-file:")) {
            fileId = src.substring("excalidraw-file:".length());
        }
        else if (fileId == null) {
            fileId = "file-" + Integer.toHexString(src.hashCode());
        }
        el.put("fileId", fileId);
        el.set("status", bag.has("status") ? bag.get("status") : NODES.stringNode("saved"));
        el.set("scale", bag.has("scale") ? bag.get("scale") : NODES.arrayNode().add(1).add(1));
        if (src.startsWith("excalidraw-file:")) {
            return;
        }
        ObjectNode file = bag.get("file") instanceof ObjectNode f ? f.deepCopy() : NODES.objectNode();
        if (!file.has("mimeType")) {
            int semi = src.indexOf(';');
            file.put("mimeType", src.startsWith("data:") && semi > 5 ? src.substring(5, semi) : "image/png");
        }
        file.put("id", fileId);
        file.put("dataURL", src);
        if (!file.has("created")) {
            file.put("created", now);
        }
        files.set(fileId, file);
    }

    /**
     * Excalidraw orders by fractional index when indices are valid; stale ones would
     * reorder shapes.
     */
    private static void keepIndicesOnlyIfOrdered(ArrayNode elements) {
        String previous = null;
        boolean ordered = true;
        for (JsonNode e : elements) {
            JsonNode index = e.get("index");
            if (index == null || !index.isString()
                    || (previous != null && previous.compareTo(index.stringValue()) >= 0)) {
                ordered = false;
                break;
            }
            previous = index.stringValue();
        }
        if (!ordered) {
            elements.forEach(e -> ((ObjectNode) e).remove("index"));
        }
    }

    /** Integral values as integers, as Excalidraw itself writes them. */
    static JsonNode num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            long l = (long) v;
            return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
        }
        return NODES.numberNode(v);
    }

    /**
     * Stable pseudo-random numbers for seed and versionNonce, so exports are
     * reproducible.
     */
    private static int hash(String id, int salt) {
        int h = id.hashCode() * 0x9E3779B1 + salt * 0x85EBCA6B;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 13;
        return h & 0x7fffffff;
    }

}
