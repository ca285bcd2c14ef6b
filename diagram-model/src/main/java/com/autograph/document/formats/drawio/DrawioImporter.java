package com.autograph.document.formats.drawio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.Endpoint;
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

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One page: mxCells to shapes, relative child geometry to absolute coordinates. */
final class DrawioImporter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One mxCell, unwrapped from a UserObject/object when it has one. */
    record Cell(String id, Element cell, Element wrapper, String value, Map<String, String> style, String rawStyle,
            String parent, boolean vertex, boolean edge) {
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    private final Map<String, Point> absolute = new HashMap<>();

    private final Set<String> containers = new HashSet<>();

    private final Map<String, List<Cell>> edgeLabels = new HashMap<>();

    private final Set<String> layers = new HashSet<>();

    private String defaultLayer;

    private final ModelLimits limits;

    DrawioImporter(ModelLimits limits) {
        this.limits = limits;
    }

    DiagramDocument read(Element file, Element diagram, Element model) {
        List<Element> roots = SecureXml.children(model, "root");
        if (roots.isEmpty()) {
            throw new FormatException("the page has no <root> of cells");
        }
        int drawn = 0;
        for (Element e : SecureXml.children(roots.getFirst(), null)) {
            Cell c = cell(e);
            if (c != null && !c.id().isEmpty() && !cells.containsKey(c.id())) {
                if (c.vertex() || c.edge()) {
                    limits.checkShapes(++drawn);
                }
                limits.checkText(c.value());
                cells.put(c.id(), c);
            }
        }
        ArrayNode layerList = NODES.arrayNode();
        for (Cell c : cells.values()) {
            Cell parent = cells.get(c.parent());
            if (!c.vertex() && !c.edge() && parent != null && parent.parent() == null) {
                layers.add(c.id());
                if (defaultLayer == null) {
                    defaultLayer = c.id();
                }
                ObjectNode layer = layerList.addObject().put("id", c.id());
                if (c.value() != null && !c.value().isEmpty()) {
                    layer.put("value", c.value());
                }
                if (c.rawStyle() != null) {
                    layer.put("style", c.rawStyle());
                }
                if ("0".equals(c.cell().getAttribute("visible"))) {
                    layer.put("visible", "0");
                }
            }
        }
        for (Cell c : cells.values()) {
            Cell parent = cells.get(c.parent());
            if (parent == null) {
                continue;
            }
            if (c.vertex() && parent.edge()) {
                edgeLabels.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(c);
            }
            else if ((c.vertex() || c.edge()) && parent.vertex()) {
                containers.add(parent.id());
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (Cell c : cells.values()) {
            Cell parent = cells.get(c.parent());
            if (c.vertex() && !(parent != null && parent.edge())) {
                shapes.add(vertex(c));
            }
            else if (c.edge()) {
                shapes.add(edge(c));
            }
        }
        DiagramDocument doc = DiagramDocument.of(shapes);
        String bg = model.getAttribute("background");
        if (!bg.isEmpty() && !"none".equals(bg) && Colors.normalize(bg) != null) {
            doc = doc.withBackground(Colors.normalize(bg));
        }
        ObjectNode page = NODES.objectNode();
        if (diagram != model) {
            page.set("file", attributes(file, Set.of()));
            page.set("diagram", attributes(diagram, Set.of()));
        }
        page.set("model", attributes(model, Set.of("background")));
        page.set("layers", layerList);
        return doc.withUnknownField(DrawioFormat.FIELD, page);
    }

    private static Cell cell(Element e) {
        Element cell = e;
        Element wrapper = null;
        String id = e.getAttribute("id");
        String value = e.hasAttribute("value") ? e.getAttribute("value") : null;
        if ("UserObject".equals(e.getTagName()) || "object".equals(e.getTagName())) {
            List<Element> inner = SecureXml.children(e, "mxCell");
            if (inner.isEmpty()) {
                return null;
            }
            wrapper = e;
            cell = inner.getFirst();
            value = e.hasAttribute("label") ? e.getAttribute("label") : null;
        }
        else if (!"mxCell".equals(e.getTagName())) {
            return null;
        }
        String raw = cell.hasAttribute("style") ? cell.getAttribute("style") : null;
        String parent = cell.hasAttribute("parent") ? cell.getAttribute("parent") : null;
        return new Cell(id, cell, wrapper, value, DrawioStyle.parse(raw), raw, parent,
                "1".equals(cell.getAttribute("vertex")), "1".equals(cell.getAttribute("edge")));
    }

    /**
     * Absolute top-left of a vertex: its geometry plus that of every vertex it sits in.
     */
    private Point absolute(Cell c, int depth) {
        Point known = absolute.get(c.id());
        if (known != null) {
            return known;
        }
        Element g = geometry(c);
        double x = g == null ? 0 : DrawioStyle.number(g.getAttribute("x"), 0);
        double y = g == null ? 0 : DrawioStyle.number(g.getAttribute("y"), 0);
        Point origin = origin(c, depth);
        Point p = new Point(round(origin.x() + x), round(origin.y() + y));
        absolute.put(c.id(), p);
        return p;
    }

    /** Where a cell's coordinates count from: its parent vertex, or the canvas. */
    private Point origin(Cell c, int depth) {
        Cell parent = cells.get(c.parent());
        if (parent == null || !parent.vertex() || depth > 100) {
            return new Point(0, 0);
        }
        return absolute(parent, depth + 1);
    }

    private static Element geometry(Cell c) {
        for (Element g : SecureXml.children(c.cell(), "mxGeometry")) {
            return g;
        }
        return null;
    }

    private Shape vertex(Cell c) {
        Map<String, String> st = c.style();
        String kind = st.getOrDefault("autographType", "");
        String shapeName = st.getOrDefault("shape", "");
        ShapeType type;
        if (containers.contains(c.id())) {
            type = st.containsKey("group") ? ShapeType.GROUP : ShapeType.FRAME;
        }
        else if (st.containsKey("group")) {
            type = ShapeType.GROUP;
        }
        else if (st.containsKey("swimlane") || "swimlane".equals(shapeName) || DrawioStyle.on(st, "container")) {
            type = ShapeType.FRAME;
        }
        else if ("icon".equals(kind)) {
            type = ShapeType.ICON;
        }
        else if (st.containsKey("ellipse") || "ellipse".equals(shapeName) || "doubleEllipse".equals(shapeName)) {
            type = ShapeType.ELLIPSE;
        }
        else if (st.containsKey("rhombus") || "rhombus".equals(shapeName)) {
            type = ShapeType.DIAMOND;
        }
        else if (st.containsKey("text") || "text".equals(shapeName)) {
            type = ShapeType.TEXT;
        }
        else if ("image".equals(shapeName) || st.containsKey("image") && !"label".equals(shapeName)) {
            type = ShapeType.IMAGE;
        }
        else if ("note".equals(shapeName)) {
            type = ShapeType.STICKY_NOTE;
        }
        else {
            type = ShapeType.RECTANGLE;
        }
        Shape.Builder b = Shape.builder(type, c.id());
        Point at = absolute(c, 0);
        Element g = geometry(c);
        double w = g == null ? 0 : Math.abs(DrawioStyle.number(g.getAttribute("width"), 0));
        double h = g == null ? 0 : Math.abs(DrawioStyle.number(g.getAttribute("height"), 0));
        b.at(at.x(), at.y()).size(w, h);
        double rotation = DrawioStyle.number(st.get("rotation"), 0);
        if (rotation != 0) {
            b.rotation(rotation);
        }
        ObjectNode bag = bag(c);
        String text = text(c, bag);
        if (!text.isEmpty()) {
            b.text(text);
        }
        if (st.containsKey("autographIcon")) {
            b.icon(st.get("autographIcon"));
        }
        if (type == ShapeType.IMAGE) {
            b.src(imageSource(st.getOrDefault("image", "")));
        }
        parent(c, b, bag);
        if ("0".equals(c.cell().getAttribute("visible"))) {
            b.hidden(true);
        }
        if ("1".equals(c.cell().getAttribute("collapsed"))) {
            b.collapsed(true);
        }
        Style.Builder style = style(st, type);
        if ((type == ShapeType.RECTANGLE || type == ShapeType.STICKY_NOTE || type == ShapeType.FRAME)
                && DrawioStyle.on(st, "rounded")) {
            style.cornerRadius(DrawioStyle.cornerRadius(st, w, h));
        }
        Style built = style.build();
        if (!built.isEmpty()) {
            b.style(built);
        }
        return b.unknownField(DrawioFormat.FIELD, bag).build();
    }

    private Shape edge(Cell c) {
        Map<String, String> st = c.style();
        Arrowhead start = DrawioStyle.arrowhead(st.getOrDefault("startArrow", "none"));
        Arrowhead end = DrawioStyle.arrowhead(st.getOrDefault("endArrow", "classic"));
        boolean freehand = "freehand".equals(st.get("autographType"));
        ShapeType type = freehand ? ShapeType.FREEHAND
                : start == Arrowhead.NONE && end == Arrowhead.NONE ? ShapeType.LINE : ShapeType.ARROW;
        Shape.Builder b = Shape.builder(type, c.id());
        Point offset = origin(c, 0);
        Element g = geometry(c);
        Point source = null;
        Point target = null;
        List<Point> way = new ArrayList<>();
        if (g != null) {
            for (Element p : SecureXml.children(g, "mxPoint")) {
                Point pt = point(p, offset);
                if ("sourcePoint".equals(p.getAttribute("as"))) {
                    source = pt;
                }
                else if ("targetPoint".equals(p.getAttribute("as"))) {
                    target = pt;
                }
            }
            for (Element array : SecureXml.children(g, "Array")) {
                if ("points".equals(array.getAttribute("as"))) {
                    for (Element p : SecureXml.children(array, "mxPoint")) {
                        way.add(point(p, offset));
                    }
                }
            }
        }
        ObjectNode bag = bag(c);
        String text = text(c, bag);
        List<Cell> labels = edgeLabels.getOrDefault(c.id(), List.of());
        if (!labels.isEmpty()) {
            // The edge's own part of the label, so that an unchanged label is written
            // back as cells.
            bag.put("own_text", text);
            bag.put("own_value", c.value() == null ? "" : c.value());
            ArrayNode kept = bag.putArray("label_cells");
            StringBuilder all = new StringBuilder(text);
            for (Cell l : labels) {
                ObjectNode lb = bag(l);
                lb.put("id", l.id());
                String lt = text(l, lb);
                lb.put("text", lt);
                Element lg = geometry(l);
                if (lg != null) {
                    lb.set("geometry", toJson(lg));
                }
                kept.add(lb);
                if (!lt.isEmpty()) {
                    all.append(all.isEmpty() ? "" : "\n").append(lt);
                }
            }
            text = all.toString();
        }
        if (!text.isEmpty()) {
            b.text(text);
        }
        parent(c, b, bag);
        if ("0".equals(c.cell().getAttribute("visible"))) {
            b.hidden(true);
        }
        if (freehand) {
            List<Point> pts = new ArrayList<>();
            pts.add(source != null ? source : new Point(0, 0));
            pts.addAll(way);
            pts.add(target != null ? target : pts.getLast());
            double minX = pts.stream().mapToDouble(Point::x).min().orElse(0);
            double minY = pts.stream().mapToDouble(Point::y).min().orElse(0);
            double maxX = pts.stream().mapToDouble(Point::x).max().orElse(0);
            double maxY = pts.stream().mapToDouble(Point::y).max().orElse(0);
            b.points(pts).at(minX, minY).size(round(maxX - minX), round(maxY - minY));
        }
        else {
            b.start(end(c.cell().getAttribute("source"), source));
            b.end(end(c.cell().getAttribute("target"), target));
            if (!way.isEmpty()) {
                b.points(way);
            }
            if (DrawioStyle.elbow(st.get("edgeStyle"))) {
                b.routing(Routing.ELBOW);
            }
            else if (DrawioStyle.on(st, "curved")) {
                b.routing(Routing.CURVED);
            }
            if (type == ShapeType.ARROW) {
                if (start != Arrowhead.NONE) {
                    b.startArrowhead(start);
                }
                if (end != Arrowhead.ARROW) {
                    b.endArrowhead(end);
                }
            }
        }
        Style built = style(st, type).build();
        if (!built.isEmpty()) {
            b.style(built);
        }
        return b.unknownField(DrawioFormat.FIELD, bag).build();
    }

    private Endpoint end(String cellId, Point point) {
        Cell t = cells.get(cellId);
        if (t != null && (t.vertex() || t.edge()) && !layers.contains(cellId)) {
            // An end on an edge label means its edge.
            Cell parent = cells.get(t.parent());
            return Endpoint.boundTo(t.vertex() && parent != null && parent.edge() ? parent.id() : t.id());
        }
        return Endpoint.at(point != null ? point : new Point(0, 0));
    }

    private static Point point(Element p, Point offset) {
        return new Point(round(offset.x() + DrawioStyle.number(p.getAttribute("x"), 0)),
                round(offset.y() + DrawioStyle.number(p.getAttribute("y"), 0)));
    }

    private void parent(Cell c, Shape.Builder b, ObjectNode bag) {
        Cell parent = cells.get(c.parent());
        if (parent != null && parent.vertex()) {
            b.parentId(parent.id());
        }
        else if (c.parent() != null && !c.parent().equals(defaultLayer)) {
            bag.put("layer", c.parent());
        }
    }

    /**
     * The label as plain text; the original HTML is kept when plain text wouldn't
     * reproduce it.
     */
    private static String text(Cell c, ObjectNode bag) {
        String v = c.value() == null ? "" : c.value();
        if (DrawioStyle.on(c.style(), "html")) {
            String plain = Html.toText(v);
            if (!Html.fromText(plain).equals(v)) {
                bag.put("value", v);
            }
            return plain;
        }
        return v;
    }

    private static ObjectNode bag(Cell c) {
        ObjectNode bag = NODES.objectNode();
        if (c.rawStyle() != null) {
            bag.put("style", c.rawStyle());
        }
        ObjectNode cellAttrs = attributes(c.cell(),
                Set.of("id", "value", "style", "parent", "vertex", "edge", "source", "target", "visible", "collapsed"));
        if (!cellAttrs.isEmpty()) {
            bag.set("cell_attributes", cellAttrs);
        }
        if (c.wrapper() != null) {
            bag.put("wrapper", c.wrapper().getTagName());
            bag.set("attributes", attributes(c.wrapper(), Set.of("id", "label")));
        }
        return bag;
    }

    /**
     * An element as {tag, attributes, children}; whitespace between elements is not
     * content.
     */
    static ObjectNode toJson(Element e) {
        ObjectNode out = NODES.objectNode();
        out.put("tag", e.getTagName());
        out.set("attributes", attributes(e, Set.of()));
        ArrayNode children = NODES.arrayNode();
        for (Element c : SecureXml.children(e, null)) {
            children.add(toJson(c));
        }
        if (!children.isEmpty()) {
            out.set("children", children);
        }
        return out;
    }

    /** Every attribute of the element, e.g. the {@code <mxfile>}'s. */
    static ObjectNode attributesOf(Element e) {
        return attributes(e, Set.of());
    }

    private static ObjectNode attributes(Element e, Set<String> skip) {
        ObjectNode out = NODES.objectNode();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!skip.contains(a.getName())) {
                out.put(a.getName(), a.getValue());
            }
        }
        return out;
    }

    /** draw.io drops ";base64" from data URIs in styles (";" separates style entries). */
    private static String imageSource(String image) {
        if (image.startsWith("data:") && !image.contains(";base64,") && image.indexOf(',') > 0) {
            int comma = image.indexOf(',');
            return image.substring(0, comma) + ";base64" + image.substring(comma);
        }
        return image.isEmpty() ? "about:blank" : image;
    }

    static Style.Builder style(Map<String, String> st, ShapeType type) {
        Style.Builder s = Style.builder();
        boolean box = type != ShapeType.TEXT && type != ShapeType.GROUP && type != ShapeType.IMAGE
                && !type.isConnector() && type != ShapeType.FREEHAND;
        String fill = st.get("fillColor");
        if (fill != null) {
            color(fill, s::fillColor);
        }
        else if (box) {
            // draw.io paints boxes white unless told otherwise; the document's default is
            // no fill.
            s.fillColor("#ffffff");
        }
        String stroke = st.get("strokeColor");
        if (stroke != null) {
            color(stroke, s::strokeColor);
        }
        else if (box || type.isConnector()) {
            s.strokeColor("#000000");
        }
        if (st.containsKey("fontColor")) {
            color(st.get("fontColor"), s::textColor);
        }
        if (st.containsKey("dashed")) {
            if (DrawioStyle.on(st, "dashed")) {
                String pattern = st.getOrDefault("dashPattern", "");
                s.strokeStyle(pattern.startsWith("1 ") ? StrokeStyle.DOTTED : StrokeStyle.DASHED);
            }
            else {
                s.strokeStyle(StrokeStyle.SOLID);
            }
        }
        if (st.containsKey("strokeWidth")) {
            s.strokeWidth(Math.max(0, DrawioStyle.number(st.get("strokeWidth"), 1)));
        }
        if (st.containsKey("opacity")) {
            s.opacity(Math.max(0, Math.min(100, DrawioStyle.number(st.get("opacity"), 100))) / 100);
        }
        if (st.containsKey("fontSize") && DrawioStyle.number(st.get("fontSize"), 0) > 0) {
            s.fontSize(DrawioStyle.number(st.get("fontSize"), 0));
        }
        if (st.containsKey("fontFamily") && !st.get("fontFamily").isBlank()) {
            s.fontFamily(st.get("fontFamily"));
        }
        if (st.containsKey("fontStyle")) {
            s.fontWeight(((int) DrawioStyle.number(st.get("fontStyle"), 0) & 1) != 0 ? 700 : 400);
        }
        switch (st.getOrDefault("align", "")) {
            case "left" -> s.textAlign(TextAlign.LEFT);
            case "center" -> s.textAlign(TextAlign.CENTER);
            case "right" -> s.textAlign(TextAlign.RIGHT);
            default -> {
            }
        }
        return s;
    }

    private static void color(String value, java.util.function.Consumer<String> set) {
        String c = Colors.normalize(value);
        if (c != null) {
            set.accept(c);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

}
