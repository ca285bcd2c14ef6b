package com.autograph.collaboration.document;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Joins a room's edits with a save made elsewhere (through the REST API) since the room's
 * last save, property by property: of each shape's and the document's properties, the
 * room's value wins where the room changed it since {@code base}, theirs otherwise. A
 * shape deleted on one side and untouched on the other is deleted; shapes added on either
 * side are kept (theirs in their order, then the room's). Connectors left bound to a
 * shape that is gone are removed and children of a missing parent move to the top level,
 * so the result is a valid document. The note: the room's if it changed it, else theirs.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    public static CanvasDocument merge(CanvasDocument base, CanvasDocument ours, CanvasDocument theirs, int maxShapes) {
        Map<String, ObjectNode> baseShapes = shapes(base.canvas());
        Map<String, ObjectNode> ourShapes = shapes(ours.canvas());
        Map<String, ObjectNode> theirShapes = shapes(theirs.canvas());
        ObjectNode result = properties(base.canvas(), ours.canvas(), theirs.canvas(), Set.of("shapes"));
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        theirShapes.forEach((id, theirShape) -> {
            ObjectNode ourShape = ourShapes.get(id);
            ObjectNode baseShape = baseShapes.get(id);
            if (ourShape == null && baseShape != null) {
                return; // the room deleted it
            }
            merged.put(id,
                    ourShape == null ? theirShape.deepCopy()
                            : properties(baseShape == null ? JsonNodeFactory.instance.objectNode() : baseShape,
                                    ourShape, theirShape, Set.of()));
        });
        ourShapes.forEach((id, ourShape) -> {
            if (!theirShapes.containsKey(id) && !baseShapes.containsKey(id)) {
                merged.put(id, ourShape.deepCopy());
            }
        });
        ArrayNode list = result.putArray("shapes");
        for (ObjectNode shape : merged.values()) {
            if (bindsToMissing(shape, merged.keySet())) {
                continue;
            }
            String parent = shape.path("parent_id").asString(null);
            if (parent != null && !merged.containsKey(parent)) {
                shape.putNull("parent_id");
            }
            list.add(shape);
        }
        String note = Objects.equals(ours.note(), base.note()) ? theirs.note() : ours.note();
        return new CanvasDocument(result, note, maxShapes);
    }

    private static boolean bindsToMissing(ObjectNode shape, Set<String> ids) {
        for (String end : new String[] { "start", "end" }) {
            String target = shape.path(end).path("shape_id").asString(null);
            if (target != null && !ids.contains(target)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode properties(ObjectNode base, ObjectNode ours, ObjectNode theirs, Set<String> skip) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        names.addAll(theirs.propertyNames());
        names.addAll(ours.propertyNames());
        names.addAll(base.propertyNames());
        for (String name : names) {
            if (skip.contains(name)) {
                continue;
            }
            JsonNode ourValue = ours.get(name);
            JsonNode value = Objects.equals(ourValue, base.get(name)) ? theirs.get(name) : ourValue;
            if (value != null) {
                result.set(name, value.deepCopy());
            }
        }
        return result;
    }

    private static Map<String, ObjectNode> shapes(ObjectNode canvas) {
        Map<String, ObjectNode> shapes = new LinkedHashMap<>();
        for (JsonNode shape : canvas.path("shapes")) {
            if (shape instanceof ObjectNode object && object.path("id").isString()) {
                shapes.put(object.get("id").stringValue(), object);
            }
        }
        return shapes;
    }

}
