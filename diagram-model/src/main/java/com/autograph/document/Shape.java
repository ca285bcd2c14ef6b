package com.autograph.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One shape of a diagram: a box, text, connector, path, container, icon or image.
 * Immutable.
 *
 * <p>
 * Accessors answer what a consumer should use: where the format defines a default, the
 * accessor applies it ({@link #x()} is 0 when absent, {@link #routing()} straight); where
 * absence means "none", they return an empty {@link Optional} or list. The JSON is never
 * filled in: a shape writes back exactly the fields it was read or built with, plus
 * fields this version does not know. All coordinates are absolute canvas coordinates,
 * also for children of frames and for freehand points.
 *
 * <p>
 * Create shapes with the factories ({@code Shape.rectangle("api").at(0, 0).size(160, 60)
 * .text("API").build()}), change them with {@link #toBuilder()} or the {@code with...}
 * methods. Builders check types (finite numbers, non-null ids), not rules: ranges,
 * references and required fields are {@link DocumentValidator}'s.
 */
public final class Shape extends JsonView {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String X = "x";
    static final String Y = "y";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String ROTATION = "rotation";
    static final String Z_INDEX = "z_index";
    static final String LOCKED = "locked";
    static final String HIDDEN = "hidden";
    static final String TEXT = "text";
    static final String ICON = "icon";
    static final String PARENT_ID = "parent_id";
    static final String STYLE = "style";
    static final String START = "start";
    static final String END = "end";
    static final String POINTS = "points";
    static final String ROUTING = "routing";
    static final String START_ARROWHEAD = "start_arrowhead";
    static final String END_ARROWHEAD = "end_arrowhead";
    static final String COLLAPSED = "collapsed";
    static final String SRC = "src";
    static final Set<String> KNOWN = Set.of(ID, TYPE, X, Y, WIDTH, HEIGHT, ROTATION, Z_INDEX, LOCKED, HIDDEN, TEXT,
            ICON, PARENT_ID, STYLE, START, END, POINTS, ROUTING, START_ARROWHEAD, END_ARROWHEAD, COLLAPSED, SRC);

    private final ShapeType type;

    /**
     * Wraps a node whose id and type are valid; the node must not be changed afterwards.
     */
    Shape(ObjectNode node) {
        super(node);
        this.type = JsonName.find(ShapeType.class, node.path(TYPE).asString())
            .orElseThrow(() -> new IllegalArgumentException("unknown shape type in " + node));
    }

    // ---- factories
    // ------------------------------------------------------------------------

    public static Builder builder(ShapeType type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        ObjectNode n = Json.NODES.objectNode();
        n.put(ID, id);
        n.put(TYPE, type.jsonName());
        return new Builder(n);
    }

    public static Builder rectangle(String id) {
        return builder(ShapeType.RECTANGLE, id);
    }

    public static Builder ellipse(String id) {
        return builder(ShapeType.ELLIPSE, id);
    }

    public static Builder diamond(String id) {
        return builder(ShapeType.DIAMOND, id);
    }

    /** A shape that is only text. */
    public static Builder text(String id, String text) {
        return builder(ShapeType.TEXT, id).text(text);
    }

    public static Builder stickyNote(String id) {
        return builder(ShapeType.STICKY_NOTE, id);
    }

    /** An arrow from one shape to another (ends bound to the shapes with these ids). */
    public static Builder arrow(String id, String fromShapeId, String toShapeId) {
        return builder(ShapeType.ARROW, id).start(Endpoint.boundTo(fromShapeId)).end(Endpoint.boundTo(toShapeId));
    }

    public static Builder arrow(String id, Endpoint start, Endpoint end) {
        return builder(ShapeType.ARROW, id).start(start).end(end);
    }

    /** A line between two shapes (no arrowheads unless set). */
    public static Builder line(String id, String fromShapeId, String toShapeId) {
        return builder(ShapeType.LINE, id).start(Endpoint.boundTo(fromShapeId)).end(Endpoint.boundTo(toShapeId));
    }

    public static Builder line(String id, Endpoint start, Endpoint end) {
        return builder(ShapeType.LINE, id).start(start).end(end);
    }

    public static Builder freehand(String id, List<Point> points) {
        return builder(ShapeType.FREEHAND, id).points(points);
    }

    /** A frame; its title is its text. */
    public static Builder frame(String id, String title) {
        return builder(ShapeType.FRAME, id).text(title);
    }

    public static Builder group(String id) {
        return builder(ShapeType.GROUP, id);
    }

    /** An icon shape; {@code iconKey} names the icon, e.g. {@code "aws-lambda"}. */
    public static Builder icon(String id, String iconKey) {
        return builder(ShapeType.ICON, id).icon(iconKey);
    }

    public static Builder image(String id, String src) {
        return builder(ShapeType.IMAGE, id).src(src);
    }

    public Builder toBuilder() {
        return new Builder(Json.shallowCopy(node));
    }

    // ---- accessors
    // ------------------------------------------------------------------------

    public String id() {
        return node.get(ID).stringValue();
    }

    public ShapeType type() {
        return type;
    }

    /** Left edge; 0 when absent. */
    public double x() {
        return number(X, 0);
    }

    /** Top edge; 0 when absent. */
    public double y() {
        return number(Y, 0);
    }

    /** 0 when absent (e.g. connectors, whose extent follows from their ends). */
    public double width() {
        return number(WIDTH, 0);
    }

    public double height() {
        return number(HEIGHT, 0);
    }

    /** Degrees clockwise about the shape's centre; 0 when absent. */
    public double rotation() {
        return number(ROTATION, 0);
    }

    /**
     * Whether the document places the shape (x and y given): layout fills in the rest.
     */
    public boolean hasPosition() {
        return Json.value(node, X) != null && Json.value(node, Y) != null;
    }

    public boolean hasSize() {
        return Json.value(node, WIDTH) != null && Json.value(node, HEIGHT) != null;
    }

    /** Paint order key (see {@link DiagramDocument#inPaintOrder()}); 0 when absent. */
    public int zIndex() {
        return (int) number(Z_INDEX, 0);
    }

    /** Locked shapes can't be moved or edited on the canvas. */
    public boolean locked() {
        return flag(LOCKED);
    }

    /** Hidden shapes, and everything inside a hidden frame or group, are not drawn. */
    public boolean hidden() {
        return flag(HIDDEN);
    }

    /**
     * A collapsed frame shows only its title; its descendants keep their places but
     * aren't drawn.
     */
    public boolean collapsed() {
        return flag(COLLAPSED);
    }

    /** The label; a frame's title. */
    public Optional<String> text() {
        return string(TEXT);
    }

    /**
     * Icon key, e.g. {@code "aws-lambda"}: the picture of an icon shape, a badge on
     * others.
     */
    public Optional<String> icon() {
        return string(ICON);
    }

    /** The frame or group this shape belongs to. */
    public Optional<String> parentId() {
        return string(PARENT_ID);
    }

    /** Where an image's picture comes from: a URL or a {@code data:} URI. */
    public Optional<String> src() {
        return string(SRC);
    }

    /** The shape's style; {@link Style#EMPTY} when absent. */
    public Style style() {
        JsonNode v = Json.value(node, STYLE);
        return v == null ? Style.EMPTY : new Style((ObjectNode) v);
    }

    /** Where a connector starts. */
    public Optional<Endpoint> start() {
        return endpoint(START);
    }

    public Optional<Endpoint> end() {
        return endpoint(END);
    }

    /**
     * A connector's waypoints between start and end, or a freehand shape's path; empty
     * when absent. Absolute canvas coordinates.
     */
    public List<Point> points() {
        JsonNode v = Json.value(node, POINTS);
        if (v == null) {
            return List.of();
        }
        List<Point> points = new ArrayList<>(v.size());
        for (JsonNode p : v) {
            points.add(new Point(Json.toDouble(p.get(0)), Json.toDouble(p.get(1))));
        }
        return Collections.unmodifiableList(points);
    }

    public Routing routing() {
        return string(ROUTING).flatMap(n -> JsonName.find(Routing.class, n)).orElse(Routing.STRAIGHT);
    }

    /** None when absent. */
    public Arrowhead startArrowhead() {
        return arrowhead(START_ARROWHEAD, Arrowhead.NONE);
    }

    /** When absent: an arrow for arrows, none for everything else. */
    public Arrowhead endArrowhead() {
        return arrowhead(END_ARROWHEAD, type == ShapeType.ARROW ? Arrowhead.ARROW : Arrowhead.NONE);
    }

    /** Fields this version does not know (copies), in document order. */
    public Map<String, JsonNode> unknownFields() {
        return Json.unknownFields(node, KNOWN);
    }

    // ---- withers for the common edits
    // -------------------------------------------------------

    public Shape withPosition(double x, double y) {
        return toBuilder().at(x, y).build();
    }

    public Shape withSize(double width, double height) {
        return toBuilder().size(width, height).build();
    }

    /** This shape with another label, or none for null. */
    public Shape withText(String text) {
        return toBuilder().text(text).build();
    }

    /** This shape in another frame or group, or top-level for null. */
    public Shape withParentId(String parentId) {
        return toBuilder().parentId(parentId).build();
    }

    public Shape withStyle(Style style) {
        return toBuilder().style(style).build();
    }

    private double number(String name, double absent) {
        JsonNode v = Json.value(node, name);
        return v == null ? absent : Json.toDouble(v);
    }

    private boolean flag(String name) {
        JsonNode v = Json.value(node, name);
        return v != null && v.booleanValue();
    }

    private Optional<Endpoint> endpoint(String name) {
        return Optional.ofNullable(Json.value(node, name)).map(v -> new Endpoint((ObjectNode) v));
    }

    private Arrowhead arrowhead(String name, Arrowhead absent) {
        return string(name).flatMap(n -> JsonName.find(Arrowhead.class, n)).orElse(absent);
    }

    /**
     * Sets a shape's fields. Setters taking an object or string remove the field when
     * given null; {@link #remove(String)} removes any field but id and type.
     */
    public static final class Builder {

        private final ObjectNode node;

        private Builder(ObjectNode node) {
            this.node = node;
        }

        /** A new id, e.g. for a copy of the shape. */
        public Builder id(String id) {
            node.put(ID, Objects.requireNonNull(id, "id"));
            return this;
        }

        /** Top-left corner. */
        public Builder at(double x, double y) {
            return number(X, x).number(Y, y);
        }

        public Builder size(double width, double height) {
            return number(WIDTH, width).number(HEIGHT, height);
        }

        /** Degrees clockwise about the centre. */
        public Builder rotation(double degrees) {
            return number(ROTATION, degrees);
        }

        public Builder zIndex(int zIndex) {
            node.put(Z_INDEX, zIndex);
            return this;
        }

        public Builder locked(boolean locked) {
            node.put(LOCKED, locked);
            return this;
        }

        public Builder hidden(boolean hidden) {
            node.put(HIDDEN, hidden);
            return this;
        }

        public Builder collapsed(boolean collapsed) {
            node.put(COLLAPSED, collapsed);
            return this;
        }

        public Builder text(String text) {
            Json.putString(node, TEXT, text);
            return this;
        }

        public Builder icon(String iconKey) {
            Json.putString(node, ICON, iconKey);
            return this;
        }

        public Builder parentId(String parentId) {
            Json.putString(node, PARENT_ID, parentId);
            return this;
        }

        public Builder src(String src) {
            Json.putString(node, SRC, src);
            return this;
        }

        public Builder style(Style style) {
            return object(STYLE, style == null ? null : style.node());
        }

        public Builder start(Endpoint start) {
            return object(START, start == null ? null : start.node());
        }

        public Builder end(Endpoint end) {
            return object(END, end == null ? null : end.node());
        }

        /** Connector waypoints or freehand path, absolute canvas coordinates. */
        public Builder points(List<Point> points) {
            if (points == null) {
                node.remove(POINTS);
                return this;
            }
            ArrayNode array = node.putArray(POINTS);
            for (Point p : points) {
                array.addArray().add(Json.number(p.x())).add(Json.number(p.y()));
            }
            return this;
        }

        public Builder routing(Routing routing) {
            Json.putEnum(node, ROUTING, routing);
            return this;
        }

        public Builder startArrowhead(Arrowhead arrowhead) {
            Json.putEnum(node, START_ARROWHEAD, arrowhead);
            return this;
        }

        public Builder endArrowhead(Arrowhead arrowhead) {
            Json.putEnum(node, END_ARROWHEAD, arrowhead);
            return this;
        }

        /**
         * Sets an unknown (future or vendor) field, or removes it when {@code value} is
         * null.
         */
        public Builder unknownField(String name, JsonNode value) {
            Json.putUnknown(node, KNOWN, name, value);
            return this;
        }

        /** Removes a field, known or unknown, by its JSON name. */
        public Builder remove(String name) {
            if (ID.equals(name) || TYPE.equals(name)) {
                throw new IllegalArgumentException("a shape always has an id and a type");
            }
            node.remove(name);
            return this;
        }

        /** The shape; the builder stays usable and later calls don't affect it. */
        public Shape build() {
            return new Shape(Json.shallowCopy(node));
        }

        private Builder number(String name, double value) {
            node.set(name, Json.number(Json.requireFinite(value, name)));
            return this;
        }

        private Builder object(String name, ObjectNode value) {
            if (value == null) {
                node.remove(name);
            }
            else {
                node.set(name, value);
            }
            return this;
        }

    }

}
