package com.autograph.document;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One end of an arrow or line: either bound to a shape ({@code {"shape_id": "db"}}, the
 * end follows the shape) or a free point in canvas coordinates ({@code {"x": 10, "y":
 * 20}}), never both. Immutable; fields this version does not know are kept.
 */
public final class Endpoint extends JsonView {

    static final String SHAPE_ID = "shape_id";
    static final String X = "x";
    static final String Y = "y";

    private static final Set<String> KNOWN = Set.of(SHAPE_ID, X, Y);

    Endpoint(ObjectNode node) {
        super(node);
    }

    /** An end bound to the shape with this id. */
    public static Endpoint boundTo(String shapeId) {
        Objects.requireNonNull(shapeId, "shapeId");
        return new Endpoint(Json.NODES.objectNode().put(SHAPE_ID, shapeId));
    }

    /** A free end at this point. */
    public static Endpoint at(double x, double y) {
        return at(new Point(x, y));
    }

    public static Endpoint at(Point point) {
        ObjectNode n = Json.NODES.objectNode();
        n.set(X, Json.number(point.x()));
        n.set(Y, Json.number(point.y()));
        return new Endpoint(n);
    }

    /** The id of the shape this end is bound to; empty for a free end. */
    public Optional<String> shapeId() {
        return Optional.ofNullable(Json.value(node, SHAPE_ID)).map(JsonNode::stringValue);
    }

    /** Where a free end is; empty for an end bound to a shape. */
    public Optional<Point> point() {
        JsonNode x = Json.value(node, X);
        JsonNode y = Json.value(node, Y);
        if (isBound() || x == null || y == null) {
            return Optional.empty();
        }
        return Optional.of(new Point(Json.toDouble(x), Json.toDouble(y)));
    }

    public boolean isBound() {
        return Json.value(node, SHAPE_ID) != null;
    }

    /** Fields this version does not know (copies), in document order. */
    public Map<String, JsonNode> unknownFields() {
        return Json.unknownFields(node, KNOWN);
    }

    /** This end with an unknown field set, or removed when {@code value} is null. */
    public Endpoint withUnknownField(String name, JsonNode value) {
        ObjectNode copy = Json.shallowCopy(node);
        Json.putUnknown(copy, KNOWN, name, value);
        return new Endpoint(copy);
    }

}
