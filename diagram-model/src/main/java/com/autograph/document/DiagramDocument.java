package com.autograph.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A diagram: its shapes in list order, a background colour and fields this version does
 * not know. Always at the current {@link #SCHEMA_VERSION} (older documents are migrated
 * when read). Immutable; every {@code with...} method returns a new document.
 *
 * <p>
 * Read and write documents with {@link DocumentCodec}; check built ones with
 * {@link DocumentValidator#validate(DiagramDocument)}. The document guarantees unique
 * shape ids (so {@link #shape(String)} is unambiguous); references and value ranges are
 * the validator's.
 */
public final class DiagramDocument {

    /** The version this build reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /** What an absent {@code background} means. */
    public static final String DEFAULT_BACKGROUND = "#ffffff";

    static final String VERSION = "schema_version";
    static final String SHAPES = "shapes";
    static final String BACKGROUND = "background";

    private static final Set<String> KNOWN = Set.of(VERSION, SHAPES, BACKGROUND);

    private static final DiagramDocument EMPTY = new DiagramDocument(newRoot(), List.of());

    /**
     * Every root property; "shapes" holds an empty placeholder that keeps its place on
     * output.
     */
    private final ObjectNode root;

    private final List<Shape> shapes;

    private final Map<String, Shape> byId;

    private final Map<String, List<Shape>> childrenByParent;

    private DiagramDocument(ObjectNode root, List<Shape> shapes) {
        this.root = root;
        this.shapes = List.copyOf(shapes);
        this.byId = new HashMap<>(Math.max(16, shapes.size() * 2));
        Map<String, List<Shape>> children = new HashMap<>();
        for (Shape s : this.shapes) {
            if (byId.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("two shapes have the id \"" + s.id() + "\"");
            }
            s.parentId().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(s));
        }
        children.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.childrenByParent = children;
    }

    /** A document with no shapes and no background. */
    public static DiagramDocument empty() {
        return EMPTY;
    }

    /** A document with these shapes, in this order. */
    public static DiagramDocument of(List<Shape> shapes) {
        return EMPTY.withShapes(shapes);
    }

    /**
     * Wraps a tree that {@link DocumentValidator} passed; the tree must not be changed
     * afterwards.
     */
    static DiagramDocument wrap(ObjectNode validTree) {
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode s : validTree.get(SHAPES)) {
            shapes.add(new Shape((ObjectNode) s));
        }
        ObjectNode root = Json.shallowCopy(validTree);
        root.putArray(SHAPES);
        return new DiagramDocument(root, shapes);
    }

    private static ObjectNode newRoot() {
        ObjectNode root = Json.NODES.objectNode();
        root.put(VERSION, SCHEMA_VERSION);
        root.putArray(SHAPES);
        return root;
    }

    // ---- accessors
    // ------------------------------------------------------------------------

    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Every shape, in list order (the paint order unless {@code z_index} says otherwise).
     */
    public List<Shape> shapes() {
        return shapes;
    }

    public Optional<Shape> shape(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The shapes whose parent_id is {@code parentId} (direct children only), in list
     * order.
     */
    public List<Shape> children(String parentId) {
        return childrenByParent.getOrDefault(parentId, List.of());
    }

    /** Arrows and lines, in list order. */
    public List<Shape> connectors() {
        return shapes.stream().filter(s -> s.type().isConnector()).toList();
    }

    /** Arrows and lines with at least one end bound to {@code shapeId}, in list order. */
    public List<Shape> connectorsOf(String shapeId) {
        return shapes.stream()
            .filter(s -> s.type().isConnector())
            .filter(s -> boundTo(s.start(), shapeId) || boundTo(s.end(), shapeId))
            .toList();
    }

    /**
     * The shapes in the order they are painted, first (bottom) to last (top): by
     * {@code z_index}, and in list order among equal ones. Without z_index this is simply
     * the list order.
     */
    public List<Shape> inPaintOrder() {
        List<Shape> sorted = new ArrayList<>(shapes);
        sorted.sort(Comparator.comparingInt(Shape::zIndex)); // stable: ties keep list
                                                             // order
        return Collections.unmodifiableList(sorted);
    }

    /** The canvas colour; {@link #DEFAULT_BACKGROUND} when absent. */
    public String background() {
        JsonNode v = Json.value(root, BACKGROUND);
        return v == null ? DEFAULT_BACKGROUND : v.stringValue();
    }

    /** Fields this version does not know (copies), in document order. */
    public Map<String, JsonNode> unknownFields() {
        return Json.unknownFields(root, KNOWN);
    }

    // ---- withers
    // --------------------------------------------------------------------------

    /** This document with these shapes instead, in this order. */
    public DiagramDocument withShapes(List<Shape> newShapes) {
        return new DiagramDocument(root, newShapes);
    }

    /**
     * This document with {@code shape} replacing the one with its id, or appended if new.
     */
    public DiagramDocument withShape(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        List<Shape> next = new ArrayList<>(shapes);
        int at = indexOf(shape.id());
        if (at >= 0) {
            next.set(at, shape);
        }
        else {
            next.add(shape);
        }
        return withShapes(next);
    }

    /**
     * This document without the shape with this id. Nothing else changes: connectors
     * bound to it and its children keep their references, which the validator will then
     * report.
     */
    public DiagramDocument withoutShape(String id) {
        int at = indexOf(id);
        if (at < 0) {
            return this;
        }
        List<Shape> next = new ArrayList<>(shapes);
        next.remove(at);
        return withShapes(next);
    }

    /** This document with another background colour, or none (the default) for null. */
    public DiagramDocument withBackground(String color) {
        ObjectNode next = Json.shallowCopy(root);
        Json.putString(next, BACKGROUND, color);
        return new DiagramDocument(next, shapes);
    }

    /**
     * This document with an unknown root field set, or removed when {@code value} is
     * null.
     */
    public DiagramDocument withUnknownField(String name, JsonNode value) {
        ObjectNode next = Json.shallowCopy(root);
        Json.putUnknown(next, KNOWN, name, value);
        return new DiagramDocument(next, shapes);
    }

    /**
     * The document as a tree that shares nodes with this document: only for the codec,
     * which copies it before handing it out or writes it straight away.
     */
    ObjectNode sharedTree() {
        ObjectNode tree = Json.NODES.objectNode();
        root.forEachEntry((name, value) -> {
            if (SHAPES.equals(name)) {
                ArrayNode array = tree.putArray(SHAPES);
                shapes.forEach(s -> array.add(s.node()));
            }
            else {
                tree.set(name, value);
            }
        });
        return tree;
    }

    private int indexOf(String id) {
        if (!byId.containsKey(id)) {
            return -1;
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean boundTo(Optional<Endpoint> end, String shapeId) {
        return end.flatMap(Endpoint::shapeId).filter(shapeId::equals).isPresent();
    }

    /** Equal when the JSON is (property order aside). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DiagramDocument other && root.equals(other.root) && shapes.equals(other.shapes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, shapes);
    }

    @Override
    public String toString() {
        return "DiagramDocument[schema_version=" + SCHEMA_VERSION + ", shapes=" + shapes.size() + ", background="
                + background() + "]";
    }

}
