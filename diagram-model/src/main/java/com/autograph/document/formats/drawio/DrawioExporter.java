package com.autograph.document.formats.drawio;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.autograph.document.Arrowhead;
import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.Endpoint;
import com.autograph.document.Point;
import com.autograph.document.Routing;
import com.autograph.document.Shape;
import com.autograph.document.ShapeType;
import com.autograph.document.StrokeStyle;
import com.autograph.document.Style;
import com.autograph.document.formats.Colors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One export: shapes to mxCells (parents first), absolute coordinates to parent-relative
 * ones.
 */
final class DrawioExporter {

    private DiagramDocument doc;

    private Document xml;

    private Element root;

    private final Set<String> written = new HashSet<>();

    private final Set<String> layerIds = new HashSet<>();

    private String defaultLayer;

    String write(DiagramDocument document, boolean compressed) {
        this.doc = document;
        this.xml = SecureXml.newDocument();
        ObjectNode page = document.unknownFields().get(DrawioFormat.FIELD) instanceof ObjectNode o ? o
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Element file = xml.createElement("mxfile");
        copy(page.get("file"), file);
        if (!file.hasAttribute("host")) {
            file.setAttribute("host", "AutoGraph");
        }
        Element diagram = xml.createElement("diagram");
        copy(page.get("diagram"), diagram);
        if (!diagram.hasAttribute("name")) {
            diagram.setAttribute("name", "Page-1");
        }
        if (!diagram.hasAttribute("id")) {
            diagram.setAttribute("id", "autograph-page-1");
        }
        file.appendChild(diagram);
        Element model = xml.createElement("mxGraphModel");
        if (page.get("model") instanceof ObjectNode m && !m.isEmpty()) {
            copy(m, model);
        }
        else {
            for (String[] kv : new String[][] { { "grid", "1" }, { "gridSize", "10" }, { "guides", "1" },
                    { "tooltips", "1" }, { "connect", "1" }, { "arrows", "1" }, { "fold", "1" }, { "page", "1" },
                    { "pageScale", "1" }, { "pageWidth", "850" }, { "pageHeight", "1100" }, { "math", "0" },
                    { "shadow", "0" } }) {
                model.setAttribute(kv[0], kv[1]);
            }
        }
        if (DocumentCodec.toTree(document).has("background")) {
            model.setAttribute("background", document.background());
        }
        root = xml.createElement("root");
        model.appendChild(root);
        String rootId = freeId("0");
        Element zero = xml.createElement("mxCell");
        zero.setAttribute("id", rootId);
        root.appendChild(zero);
        JsonNode layers = page.get("layers");
        if (layers != null && layers.isArray() && !layers.isEmpty()) {
            for (JsonNode l : layers) {
                String id = l.path("id").asString("");
                if (id.isEmpty() || document.shape(id).isPresent() || !layerIds.add(id)) {
                    continue;
                }
                Element cell = xml.createElement("mxCell");
                cell.setAttribute("id", id);
                if (l.has("value")) {
                    cell.setAttribute("value", l.get("value").asString());
                }
                if (l.has("style")) {
                    cell.setAttribute("style", l.get("style").asString());
                }
                cell.setAttribute("parent", rootId);
                if (l.has("visible")) {
                    cell.setAttribute("visible", l.get("visible").asString());
                }
                root.appendChild(cell);
                if (defaultLayer == null) {
                    defaultLayer = id;
                }
            }
        }
        if (defaultLayer == null) {
            defaultLayer = freeId("1");
            layerIds.add(defaultLayer);
            Element cell = xml.createElement("mxCell");
            cell.setAttribute("id", defaultLayer);
            cell.setAttribute("parent", rootId);
            root.appendChild(cell);
        }
        for (Shape s : document.shapes()) {
            emit(s, 0);
        }
        if (compressed) {
            diagram.setTextContent(DrawioFormat.compress(SecureXml.write(model, false)));
        }
        else {
            diagram.appendChild(model);
        }
        return SecureXml.write(file, true);
    }

    private String freeId(String wanted) {
        String id = wanted;
        for (int i = 1; doc.shape(id).isPresent(); i++) {
            id = "autograph-" + wanted + (i > 1 ? "-" + i : "");
        }
        return id;
    }

    private static void copy(JsonNode attrs, Element into) {
        if (attrs instanceof ObjectNode o) {
            o.properties().forEach(p -> into.setAttribute(p.getKey(), p.getValue().asString()));
        }
    }

    private static ObjectNode bag(Shape s) {
        return s.unknownFields().get(DrawioFormat.FIELD) instanceof ObjectNode o ? o
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** Writes a shape after its parent (draw.io resolves parents in document order). */
    private void emit(Shape s, int depth) {
        if (written.contains(s.id())) {
            return;
        }
        written.add(s.id());
        Shape parent = containerOf(s);
        if (parent != null && depth < 100) {
            emit(parent, depth + 1);
        }
        if (s.type().isConnector() || s.type() == ShapeType.FREEHAND) {
            edge(s, parent);
        }
        else {
            vertex(s, parent);
        }
    }

    private Shape containerOf(Shape s) {
        return s.parentId().flatMap(doc::shape).filter(p -> p.type().isContainer()).orElse(null);
    }

    private String parentRef(Shape s, Shape parent, ObjectNode bag) {
        if (parent != null) {
            return parent.id();
        }
        String layer = bag.path("layer").asString(null);
        return layer != null && layerIds.contains(layer) ? layer : defaultLayer;
    }

    /**
     * Top-left used as origin for children; a group without a position spans its members.
     */
    private double[] box(Shape s, int depth) {
        if (s.hasPosition() || depth > 100) {
            return new double[] { s.x(), s.y(), s.width(), s.height() };
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Shape c : doc.children(s.id())) {
            if (c.type().isConnector()) {
                continue;
            }
            double[] b = box(c, depth + 1);
            minX = Math.min(minX, b[0]);
            minY = Math.min(minY, b[1]);
            maxX = Math.max(maxX, b[0] + b[2]);
            maxY = Math.max(maxY, b[1] + b[3]);
        }
        return minX == Double.MAX_VALUE ? new double[] { 0, 0, 0, 0 }
                : new double[] { minX, minY, maxX - minX, maxY - minY };
    }

    private Element cell(Shape s, ObjectNode bag, String value, Map<String, String> style, String parentRef,
            String kind) {
        Element cell = xml.createElement("mxCell");
        Element outer = cell;
        if (bag.has("wrapper")) {
            outer = xml.createElement(bag.get("wrapper").asString());
            outer.setAttribute("label", value);
            outer.setAttribute("id", s.id());
            copy(bag.get("attributes"), outer);
            outer.appendChild(cell);
        }
        else {
            cell.setAttribute("id", s.id());
            cell.setAttribute("value", value);
        }
        // An unchanged style is written exactly as it was read.
        String kept = bag.path("style").asString(null);
        cell.setAttribute("style",
                kept != null && DrawioStyle.parse(kept).equals(style) ? kept : DrawioStyle.format(style));
        cell.setAttribute(kind, "1");
        cell.setAttribute("parent", parentRef);
        copy(bag.get("cell_attributes"), cell);
        if (s.hidden()) {
            cell.setAttribute("visible", "0");
        }
        if (s.collapsed()) {
            cell.setAttribute("collapsed", "1");
        }
        root.appendChild(outer);
        return cell;
    }

    private void vertex(Shape s, Shape parent) {
        ObjectNode bag = bag(s);
        Map<String, String> style = bag.has("style") ? DrawioStyle.parse(bag.get("style").asString()) : base(s);
        double[] b = box(s, 0);
        applyStyle(s, style, b[2], b[3]);
        if (s.type() == ShapeType.IMAGE) {
            String src = s.src().orElse("");
            String current = style.getOrDefault("image", "");
            if (!sameImage(current, src)) {
                int marker = src.indexOf(";base64,");
                style.put("image", src.startsWith("data:") && marker > 0
                        ? src.substring(0, marker) + src.substring(marker + ";base64".length()) : src);
            }
        }
        String value = value(s.text().orElse(""), style, bag);
        Element cell = cell(s, bag, value, style, parentRef(s, parent, bag), "vertex");
        double[] origin = parent == null ? new double[] { 0, 0 } : box(parent, 0);
        Element g = xml.createElement("mxGeometry");
        double x = b[0] - origin[0];
        double y = b[1] - origin[1];
        if (x != 0) {
            g.setAttribute("x", DrawioStyle.format(x));
        }
        if (y != 0) {
            g.setAttribute("y", DrawioStyle.format(y));
        }
        g.setAttribute("width", DrawioStyle.format(b[2]));
        g.setAttribute("height", DrawioStyle.format(b[3]));
        g.setAttribute("as", "geometry");
        cell.appendChild(g);
    }

    private static boolean sameImage(String styleImage, String src) {
        int marker = src.indexOf(";base64,");
        String stripped = src.startsWith("data:") && marker > 0
                ? src.substring(0, marker) + src.substring(marker + ";base64".length()) : src;
        return styleImage.equals(src) || styleImage.equals(stripped);
    }

    private void edge(Shape s, Shape parent) {
        ObjectNode bag = bag(s);
        Map<String, String> style = bag.has("style") ? DrawioStyle.parse(bag.get("style").asString()) : base(s);
        applyStyle(s, style, 0, 0);
        String text = s.text().orElse("");
        JsonNode labelCells = bag.get("label_cells");
        boolean keepLabels = labelCells != null && labelCells.isArray() && text.equals(labelText(bag, labelCells));
        String value = keepLabels ? ownValue(bag) : value(text, style, bag);
        Element cell = cell(s, bag, value, style, parentRef(s, parent, bag), "edge");
        double[] origin = parent == null ? new double[] { 0, 0 } : box(parent, 0);
        Element g = xml.createElement("mxGeometry");
        g.setAttribute("relative", "1");
        g.setAttribute("as", "geometry");
        List<Point> way;
        if (s.type() == ShapeType.FREEHAND) {
            List<Point> pts = s.points();
            if (!pts.isEmpty()) {
                g.appendChild(point(pts.getFirst(), origin, "sourcePoint"));
                g.appendChild(point(pts.getLast(), origin, "targetPoint"));
            }
            way = pts.size() > 2 ? pts.subList(1, pts.size() - 1) : List.of();
        }
        else {
            endpoint(s.start().orElse(null), cell, "source", g, origin);
            endpoint(s.end().orElse(null), cell, "target", g, origin);
            way = s.points();
        }
        if (!way.isEmpty()) {
            Element array = xml.createElement("Array");
            array.setAttribute("as", "points");
            for (Point p : way) {
                array.appendChild(point(p, origin, null));
            }
            g.appendChild(array);
        }
        cell.appendChild(g);
        if (keepLabels) {
            for (JsonNode l : labelCells) {
                labelCell(s, (ObjectNode) l);
            }
        }
    }

    private void endpoint(Endpoint e, Element cell, String attr, Element g, double[] origin) {
        if (e == null) {
            return;
        }
        if (e.shapeId().isPresent() && doc.shape(e.shapeId().get()).isPresent()) {
            cell.setAttribute(attr, e.shapeId().get());
        }
        else {
            e.point().ifPresent(p -> g.appendChild(point(p, origin, attr + "Point")));
        }
    }

    private Element point(Point p, double[] origin, String as) {
        Element e = xml.createElement("mxPoint");
        e.setAttribute("x", DrawioStyle.format(p.x() - origin[0]));
        e.setAttribute("y", DrawioStyle.format(p.y() - origin[1]));
        if (as != null) {
            e.setAttribute("as", as);
        }
        return e;
    }

    /** The edge's own label when its label cells are written back as they were. */
    private static String ownValue(ObjectNode bag) {
        return bag.has("own_value") ? bag.get("own_value").asString() : "";
    }

    /** The text an edge got on import from its own value and its label cells. */
    private static String labelText(ObjectNode bag, JsonNode labelCells) {
        StringBuilder all = new StringBuilder(bag.has("own_text") ? bag.get("own_text").asString() : "");
        for (JsonNode l : labelCells) {
            String t = l.path("text").asString("");
            if (!t.isEmpty()) {
                all.append(all.isEmpty() ? "" : "\n").append(t);
            }
        }
        return all.toString();
    }

    private void labelCell(Shape edge, ObjectNode l) {
        Element cell = xml.createElement("mxCell");
        cell.setAttribute("id", l.path("id").asString());
        Map<String, String> st = DrawioStyle.parse(l.path("style").asString(""));
        String value = l.has("value") ? l.get("value").asString()
                : DrawioStyle.on(st, "html") ? Html.fromText(l.path("text").asString("")) : l.path("text").asString("");
        cell.setAttribute("value", value);
        if (l.has("style")) {
            cell.setAttribute("style", l.get("style").asString());
        }
        cell.setAttribute("vertex", "1");
        cell.setAttribute("parent", edge.id());
        copy(l.get("cell_attributes"), cell);
        if (l.get("geometry") instanceof ObjectNode g) {
            cell.appendChild(fromJson(g));
        }
        root.appendChild(cell);
    }

    private Element fromJson(ObjectNode node) {
        Element e = xml.createElement(node.path("tag").asString("mxGeometry"));
        copy(node.get("attributes"), e);
        for (JsonNode c : node.path("children")) {
            if (c instanceof ObjectNode o) {
                e.appendChild(fromJson(o));
            }
        }
        return e;
    }

    private static String value(String text, Map<String, String> style, ObjectNode bag) {
        if (!DrawioStyle.on(style, "html")) {
            return text;
        }
        String kept = bag.path("value").asString(null);
        return kept != null && Html.toText(kept).equals(text) ? kept : Html.fromText(text);
    }

    private static Map<String, String> base(Shape s) {
        String base = switch (s.type()) {
            case RECTANGLE, ICON -> "rounded=0;whiteSpace=wrap;html=1;";
            case ELLIPSE -> "ellipse;whiteSpace=wrap;html=1;";
            case DIAMOND -> "rhombus;whiteSpace=wrap;html=1;";
            case TEXT -> "text;html=1;align=center;verticalAlign=middle;whiteSpace=wrap;";
            case STICKY_NOTE -> "shape=note;whiteSpace=wrap;html=1;backgroundOutline=1;size=15;";
            case FRAME -> "swimlane;whiteSpace=wrap;html=1;";
            case GROUP -> "group;";
            case IMAGE -> "shape=image;verticalLabelPosition=bottom;verticalAlign=top;imageAspect=0;";
            case ARROW, LINE -> "html=1;";
            case FREEHAND -> "html=1;endArrow=none;curved=1;autographType=freehand;";
        };
        Map<String, String> style = DrawioStyle.parse(base);
        if (s.type() == ShapeType.ICON) {
            style.put("autographType", "icon");
        }
        return style;
    }

    /**
     * Writes the document's values over the kept style; entries that already mean the
     * same stay.
     */
    private static void applyStyle(Shape s, Map<String, String> st, double w, double h) {
        Style style = s.style();
        ShapeType type = s.type();
        boolean box = type != ShapeType.TEXT && type != ShapeType.GROUP && type != ShapeType.IMAGE
                && !type.isConnector() && type != ShapeType.FREEHAND;
        if (type == ShapeType.GROUP) {
            return;
        }
        color(st, "fillColor", style.fillColor().orElse(null), box ? "none" : null, box ? "#ffffff" : null);
        color(st, "strokeColor", style.strokeColor().orElse(null), null, box || type.isConnector() ? "#000000" : null);
        color(st, "fontColor", style.textColor().orElse(null), null, null);
        StrokeStyle dash = style.strokeStyle().orElse(null);
        String pattern = st.getOrDefault("dashPattern", "");
        if (dash == StrokeStyle.DASHED || dash == StrokeStyle.DOTTED) {
            st.put("dashed", "1");
            boolean dotted = pattern.startsWith("1 ");
            if (dash == StrokeStyle.DOTTED && !dotted) {
                st.put("dashPattern", "1 2");
            }
            else if (dash == StrokeStyle.DASHED && dotted) {
                st.remove("dashPattern");
            }
        }
        else if (dash == StrokeStyle.SOLID) {
            st.put("dashed", "0");
        }
        else {
            st.remove("dashed");
        }
        number(st, "strokeWidth", style.strokeWidth().isPresent() ? style.strokeWidth().getAsDouble() : null);
        number(st, "opacity", style.opacity().isPresent() ? style.opacity().getAsDouble() * 100 : null);
        number(st, "fontSize", style.fontSize().isPresent() ? style.fontSize().getAsDouble() : null);
        number(st, "rotation", s.rotation() != 0 && !type.isConnector() ? s.rotation() : null);
        if (style.fontFamily().isPresent()) {
            st.put("fontFamily", style.fontFamily().get());
        }
        else {
            st.remove("fontFamily");
        }
        if (style.fontWeight().isPresent()) {
            int bits = (int) DrawioStyle.number(st.get("fontStyle"), 0);
            bits = style.fontWeight().getAsInt() >= 600 ? bits | 1 : bits & ~1;
            st.put("fontStyle", Integer.toString(bits));
        }
        else if (((int) DrawioStyle.number(st.get("fontStyle"), 0) & 1) != 0) {
            st.put("fontStyle", Integer.toString((int) DrawioStyle.number(st.get("fontStyle"), 0) & ~1));
        }
        if (style.textAlign().isPresent()) {
            st.put("align", style.textAlign().get().jsonName());
        }
        else {
            st.remove("align");
        }
        if (s.icon().isPresent()) {
            st.put("autographIcon", s.icon().get());
        }
        else {
            st.remove("autographIcon");
        }
        if (type == ShapeType.RECTANGLE || type == ShapeType.STICKY_NOTE || type == ShapeType.FRAME) {
            double r = style.cornerRadius().orElse(0);
            if (r > 0) {
                st.put("rounded", "1");
                if (Math.abs(DrawioStyle.cornerRadius(st, w, h) - r) > 0.005) {
                    st.put("absoluteArcSize", "1");
                    st.put("arcSize", DrawioStyle.format(r * 2));
                }
            }
            else if (DrawioStyle.on(st, "rounded")) {
                st.put("rounded", "0");
            }
        }
        if (type.isConnector()) {
            edgeStyle(s, st);
        }
    }

    private static void edgeStyle(Shape s, Map<String, String> st) {
        Routing routing = s.routing();
        boolean elbow = DrawioStyle.elbow(st.get("edgeStyle"));
        if (routing == Routing.ELBOW && !elbow) {
            st.put("edgeStyle", "orthogonalEdgeStyle");
        }
        else if (routing != Routing.ELBOW && elbow) {
            st.remove("edgeStyle");
        }
        if (routing == Routing.CURVED) {
            st.put("curved", "1");
        }
        else if (DrawioStyle.on(st, "curved")) {
            st.put("curved", "0");
        }
        Arrowhead start = s.startArrowhead();
        Arrowhead end = s.endArrowhead();
        if (DrawioStyle.arrowhead(st.getOrDefault("startArrow", "none")) != start) {
            st.put("startArrow", DrawioStyle.arrowName(start));
        }
        if (DrawioStyle.arrowhead(st.getOrDefault("endArrow", "classic")) != end) {
            st.put("endArrow", DrawioStyle.arrowName(end));
        }
    }

    /**
     * {@code absent}: what to write when the document has no value; {@code implicit}:
     * what the importer reads a missing entry as (draw.io's default), so that value needs
     * no entry.
     */
    private static void color(Map<String, String> st, String key, String value, String absent, String implicit) {
        if (value != null && !st.containsKey(key) && value.equals(implicit)) {
            return;
        }
        if (value == null) {
            if (absent != null) {
                st.put(key, absent);
            }
            else {
                st.remove(key);
            }
            return;
        }
        String current = st.get(key);
        if (current != null && value.equals(Colors.normalize(current))) {
            return;
        }
        st.put(key, "transparent".equals(value) ? "none" : value);
    }

    private static void number(Map<String, String> st, String key, Double value) {
        if (value == null) {
            st.remove(key);
        }
        else if (DrawioStyle.number(st.get(key), Double.NaN) != value) {
            st.put(key, DrawioStyle.format(value));
        }
    }

}
