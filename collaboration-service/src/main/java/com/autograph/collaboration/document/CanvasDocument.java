package com.autograph.collaboration.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.autograph.document.DocumentValidator;
import com.autograph.document.ValidationCode;
import com.autograph.document.ValidationError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file's content as a room holds it: the canonical document ({@code canvas_data},
 * DESIGN.md) and the note, changed only by operations that name shapes by id. Every
 * operation is checked against the document before it changes anything and returns the
 * operations that undo it, so a batch applies whole or not at all ({@link #applyAll}).
 * Unknown fields of shapes and of the document are kept as they are.
 *
 * <p>
 * Operations ({@code op}): {@code add} (a shape, optionally at a z-index), {@code update}
 * (properties set or unset: last writer wins per property), {@code delete} (the shape and
 * the connectors bound to it; children lose their parent), {@code reorder} (z-index),
 * {@code bind} (a connector end to a shape or a point), {@code text} (a character edit of
 * a shape's text or the note, see {@link TextEdit}) and {@code document} (top-level
 * properties such as {@code background}).
 */
public final class CanvasDocument {

    /** Properties an update may not touch: identity and the document's own fields. */
    private static final Set<String> FIXED_SHAPE_FIELDS = Set.of("id");

    private static final Set<String> FIXED_DOCUMENT_FIELDS = Set.of("shapes", "schema_version");

    private static final int MAX_PARENT_DEPTH = 64;

    public static final String NOTE = "note";

    private final ObjectNode canvas;

    private final ArrayNode shapes;

    private final Map<String, ObjectNode> byId = new HashMap<>();

    private final int maxShapes;

    private String note;

    public CanvasDocument(ObjectNode canvas, String note, int maxShapes) {
        this.canvas = canvas;
        this.note = note == null ? "" : note;
        this.maxShapes = maxShapes;
        JsonNode list = canvas.get("shapes");
        if (list instanceof ArrayNode array) {
            this.shapes = array;
        }
        else {
            this.shapes = canvas.putArray("shapes");
        }
        if (!canvas.has("schema_version")) {
            canvas.put("schema_version", 1);
        }
        for (JsonNode shape : shapes) {
            if (shape instanceof ObjectNode object && object.path("id").isString()) {
                byId.put(object.get("id").stringValue(), object);
            }
        }
    }

    /**
     * The canvas as it is now (the live tree: copy before handing it to another thread).
     */
    public ObjectNode canvas() {
        return canvas;
    }

    public String note() {
        return note;
    }

    public int shapeCount() {
        return shapes.size();
    }

    public boolean hasShape(String id) {
        return byId.containsKey(id);
    }

    /** A deep copy: what a snapshot or a save sends. */
    public CanvasDocument copy() {
        return new CanvasDocument(canvas.deepCopy(), note, maxShapes);
    }

    /** The text an edit of {@code target} (a shape id or {@link #NOTE}) applies to. */
    public String text(String target) {
        if (NOTE.equals(target)) {
            return note;
        }
        return shape(target).path("text").asString("");
    }

    /**
     * Applies every operation in order, or none: when one is refused, those before it are
     * undone and the refusal is thrown. Returns the operations that undo the whole batch
     * (to apply in their order).
     */
    public List<ObjectNode> applyAll(List<ObjectNode> operations) {
        List<ObjectNode> undo = new ArrayList<>();
        try {
            for (ObjectNode operation : operations) {
                List<ObjectNode> inverse = apply(operation);
                undo.addAll(0, inverse);
            }
        }
        catch (OperationRefused refused) {
            for (ObjectNode inverse : undo) {
                apply(inverse);
            }
            throw refused;
        }
        return undo;
    }

    /** Applies one operation; returns the operations that undo it. */
    public List<ObjectNode> apply(ObjectNode operation) {
        String kind = operation.path("op").asString("");
        return switch (kind) {
            case "add" -> add(operation);
            case "update" -> update(operation);
            case "delete" -> delete(operation.path("id").asString(""));
            case "reorder" -> reorder(operation);
            case "bind" -> bind(operation);
            case "text" -> text(operation);
            case "document" -> document(operation);
            default -> throw new OperationRefused("unknown_operation", "There is no operation \"" + kind
                    + "\": use add, update, delete, reorder, bind, text or document.");
        };
    }

    private List<ObjectNode> add(ObjectNode operation) {
        if (!(operation.get("shape") instanceof ObjectNode given)) {
            throw new OperationRefused("invalid_operation", "add needs a shape object.");
        }
        ObjectNode shape = given.deepCopy();
        String id = shape.path("id").asString("");
        if (id.isEmpty()) {
            throw new OperationRefused("invalid_operation", "A new shape needs a string id.");
        }
        if (byId.containsKey(id)) {
            throw new OperationRefused("duplicate_shape_id", "A shape with id \"" + id + "\" already exists.");
        }
        if (shapes.size() >= maxShapes) {
            throw new OperationRefused("too_many_shapes", "A document holds at most " + maxShapes + " shapes.");
        }
        checkShape(shape, id);
        int index = index(operation, shapes.size());
        shapes.insert(index, shape);
        byId.put(id, shape);
        return List.of(op("delete").put("id", id));
    }

    private List<ObjectNode> update(ObjectNode operation) {
        String id = operation.path("id").asString("");
        ObjectNode shape = shape(id);
        ObjectNode before = shape.deepCopy();
        ObjectNode set = operation.get("set") instanceof ObjectNode object ? object
                : JsonNodeFactory.instance.objectNode();
        JsonNode unset = operation.path("unset");
        ObjectNode undoSet = JsonNodeFactory.instance.objectNode();
        ArrayNode undoUnset = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, JsonNode> property : set.properties()) {
            fixedField(property.getKey(), FIXED_SHAPE_FIELDS);
            remember(before, property.getKey(), undoSet, undoUnset);
            shape.set(property.getKey(), property.getValue().deepCopy());
        }
        for (JsonNode name : unset) {
            fixedField(name.asString(""), FIXED_SHAPE_FIELDS);
            remember(before, name.asString(""), undoSet, undoUnset);
            shape.remove(name.asString(""));
        }
        try {
            checkShape(shape, id);
        }
        catch (OperationRefused refused) {
            restore(shape, before);
            throw refused;
        }
        ObjectNode undo = op("update").put("id", id);
        undo.set("set", undoSet);
        undo.set("unset", undoUnset);
        return List.of(undo);
    }

    private List<ObjectNode> delete(String id) {
        ObjectNode shape = shape(id);
        List<ObjectNode> undo = new ArrayList<>();
        // Connectors bound to the shape go with it; children stay, at the top level.
        List<String> bound = new ArrayList<>();
        for (JsonNode other : shapes) {
            String otherId = other.path("id").asString("");
            if (!otherId.equals(id) && (id.equals(other.path("start").path("shape_id").asString(null))
                    || id.equals(other.path("end").path("shape_id").asString(null)))) {
                bound.add(otherId);
            }
        }
        for (String connector : bound) {
            undo.addAll(0, delete(connector));
        }
        for (JsonNode other : shapes) {
            if (other instanceof ObjectNode child && id.equals(child.path("parent_id").asString(null))) {
                ObjectNode restoreParent = op("update").put("id", child.get("id").asString());
                restoreParent.putObject("set").put("parent_id", id);
                undo.add(0, restoreParent);
                child.putNull("parent_id");
            }
        }
        int index = indexOf(id);
        shapes.remove(index);
        byId.remove(id);
        ObjectNode add = op("add").put("index", index);
        add.set("shape", shape);
        undo.add(0, add);
        return undo;
    }

    private List<ObjectNode> reorder(ObjectNode operation) {
        String id = operation.path("id").asString("");
        ObjectNode shape = shape(id);
        int from = indexOf(id);
        shapes.remove(from);
        int to = index(operation, shapes.size());
        shapes.insert(to, shape);
        return List.of(op("reorder").put("id", id).put("index", from));
    }

    private List<ObjectNode> bind(ObjectNode operation) {
        String id = operation.path("id").asString("");
        ObjectNode connector = shape(id);
        String end = operation.path("end").asString("");
        if (!end.equals("start") && !end.equals("end")) {
            throw new OperationRefused("invalid_operation", "bind needs end \"start\" or \"end\".");
        }
        if (!(operation.get("to") instanceof ObjectNode to)) {
            throw new OperationRefused("invalid_operation",
                    "bind needs to: {\"shape_id\": ...} or {\"x\": ..., \"y\": ...}.");
        }
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.set(end, to);
        ObjectNode update = op("update").put("id", id);
        update.set("set", set);
        return connector.isEmpty() ? List.of() : update(update);
    }

    private List<ObjectNode> text(ObjectNode operation) {
        String target = operation.path("id").asString("");
        TextEdit edit = new TextEdit(operation.path("index").asInt(0), operation.path("delete").asInt(0),
                operation.path("insert").asString(""));
        String before = text(target);
        String after = edit.applyTo(before);
        if (after.length() > DocumentValidator.MAX_TEXT_LENGTH) {
            throw new OperationRefused("text_too_long",
                    "A text holds at most " + DocumentValidator.MAX_TEXT_LENGTH + " characters.");
        }
        if (NOTE.equals(target)) {
            note = after;
        }
        else {
            byId.get(target).put("text", after);
        }
        TextEdit inverse = edit.inverse(before);
        return List.of(textOperation(target, inverse));
    }

    /** The operation form of a text edit. */
    public static ObjectNode textOperation(String target, TextEdit edit) {
        return op("text").put("id", target)
            .put("index", edit.index())
            .put("delete", edit.delete())
            .put("insert", edit.insert());
    }

    /** The text edit an operation carries. */
    public static TextEdit textEdit(ObjectNode operation) {
        return new TextEdit(operation.path("index").asInt(0), operation.path("delete").asInt(0),
                operation.path("insert").asString(""));
    }

    private List<ObjectNode> document(ObjectNode operation) {
        ObjectNode set = operation.get("set") instanceof ObjectNode object ? object
                : JsonNodeFactory.instance.objectNode();
        ObjectNode undoSet = JsonNodeFactory.instance.objectNode();
        ArrayNode undoUnset = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, JsonNode> property : set.properties()) {
            fixedField(property.getKey(), FIXED_DOCUMENT_FIELDS);
            remember(canvas, property.getKey(), undoSet, undoUnset);
        }
        for (JsonNode name : operation.path("unset")) {
            fixedField(name.asString(""), FIXED_DOCUMENT_FIELDS);
            remember(canvas, name.asString(""), undoSet, undoUnset);
        }
        for (Map.Entry<String, JsonNode> property : set.properties()) {
            canvas.set(property.getKey(), property.getValue().deepCopy());
        }
        for (JsonNode name : operation.path("unset")) {
            canvas.remove(name.asString(""));
        }
        ObjectNode undo = op("document");
        undo.set("set", undoSet);
        undo.set("unset", undoUnset);
        return List.of(undo);
    }

    private ObjectNode shape(String id) {
        if (NOTE.equals(id)) {
            throw new OperationRefused("invalid_operation", "\"note\" is the note, not a shape.");
        }
        ObjectNode shape = byId.get(id);
        if (shape == null) {
            throw new OperationRefused("unknown_shape", "There is no shape with id \"" + id + "\".");
        }
        return shape;
    }

    private int indexOf(String id) {
        for (int i = 0; i < shapes.size(); i++) {
            if (id.equals(shapes.get(i).path("id").asString(null))) {
                return i;
            }
        }
        throw new OperationRefused("unknown_shape", "There is no shape with id \"" + id + "\".");
    }

    private static int index(ObjectNode operation, int size) {
        JsonNode index = operation.get("index");
        if (index == null || index.isNull()) {
            return size;
        }
        if (!index.isIntegralNumber() || index.asInt() < 0) {
            throw new OperationRefused("invalid_operation", "index must be a whole number from 0.");
        }
        return Math.min(index.asInt(), size);
    }

    /**
     * The shape on its own through the document validator (all but its references), then
     * its references against this document.
     */
    private void checkShape(ObjectNode shape, String id) {
        ObjectNode alone = JsonNodeFactory.instance.objectNode().put("schema_version", 1);
        alone.putArray("shapes").add(shape);
        for (ValidationError error : DocumentValidator.validate(alone)) {
            if (error.code() != ValidationCode.UNKNOWN_REFERENCE && error.code() != ValidationCode.INVALID_PARENT) {
                throw new OperationRefused("invalid_shape", "The shape is not valid: "
                        + error.path().replaceFirst("^\\$\\.shapes\\[0\\]", "") + " " + error.message() + ".");
            }
        }
        for (String end : List.of("start", "end")) {
            String target = shape.path(end).path("shape_id").asString(null);
            if (target != null && !byId.containsKey(target) && !target.equals(id)) {
                throw new OperationRefused("unknown_shape",
                        "The " + end + " is bound to shape \"" + target + "\", which does not exist.");
            }
        }
        String parent = shape.path("parent_id").asString(null);
        Set<String> seen = new HashSet<>();
        seen.add(id);
        for (int depth = 0; parent != null; depth++) {
            if (!seen.add(parent) || depth > MAX_PARENT_DEPTH) {
                throw new OperationRefused("parent_cycle", "parent_id would make a cycle of parents.");
            }
            ObjectNode next = byId.get(parent);
            if (next == null) {
                throw new OperationRefused("unknown_shape", "The parent \"" + parent + "\" does not exist.");
            }
            parent = next.path("parent_id").asString(null);
        }
    }

    private static void fixedField(String name, Set<String> fixed) {
        if (fixed.contains(name) || name.isEmpty()) {
            throw new OperationRefused("invalid_operation", "The property \"" + name + "\" cannot be changed.");
        }
    }

    private static void remember(ObjectNode before, String name, ObjectNode undoSet, ArrayNode undoUnset) {
        if (undoSet.has(name) || containsText(undoUnset, name)) {
            return;
        }
        JsonNode old = before.get(name);
        if (old == null) {
            undoUnset.add(name);
        }
        else {
            undoSet.set(name, old.deepCopy());
        }
    }

    private static boolean containsText(ArrayNode array, String text) {
        for (JsonNode node : array) {
            if (text.equals(node.asString(null))) {
                return true;
            }
        }
        return false;
    }

    private static void restore(ObjectNode shape, ObjectNode before) {
        shape.removeAll();
        shape.setAll(before);
    }

    private static ObjectNode op(String kind) {
        return JsonNodeFactory.instance.objectNode().put("op", kind);
    }

}
