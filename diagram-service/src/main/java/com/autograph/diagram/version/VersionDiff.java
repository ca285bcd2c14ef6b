package com.autograph.diagram.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What changed between two states of a file, in the terms clients draw with: shapes by id
 * (added, removed, modified with each property's old and new value; nested objects such
 * as {@code style} or an arrow's {@code start} are compared property by property, as
 * {@code style.fill_color}), shapes painted in another order relative to the others, the
 * document's own properties ({@code background} …), and the note line by line.
 */
final class VersionDiff {

    private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private VersionDiff() {
    }

    /**
     * {@code {"summary", "shapes": {"added", "removed", "modified"}, "document",
     * "note"}}.
     */
    static ObjectNode between(JsonNode fromCanvas, String fromNote, JsonNode toCanvas, String toNote) {
        Map<String, JsonNode> before = shapes(fromCanvas);
        Map<String, JsonNode> after = shapes(toCanvas);
        ArrayNode added = nodes.arrayNode();
        ArrayNode removed = nodes.arrayNode();
        ArrayNode modified = nodes.arrayNode();
        int unchanged = 0;
        for (Map.Entry<String, JsonNode> shape : after.entrySet()) {
            JsonNode old = before.get(shape.getKey());
            if (old == null) {
                added.add(whole(shape.getKey(), shape.getValue()));
            }
            else if (old.equals(shape.getValue())) {
                unchanged++;
            }
            else {
                ObjectNode entry = nodes.objectNode();
                entry.put("id", shape.getKey());
                entry.set("type", shape.getValue().path("type").isMissingNode() ? nodes.nullNode()
                        : shape.getValue().get("type"));
                ArrayNode changes = entry.putArray("changes");
                compare("", old, shape.getValue(), changes);
                modified.add(entry);
            }
        }
        for (Map.Entry<String, JsonNode> shape : before.entrySet()) {
            if (!after.containsKey(shape.getKey())) {
                removed.add(whole(shape.getKey(), shape.getValue()));
            }
        }

        ArrayNode reordered = reordered(fromCanvas, toCanvas, after);

        ArrayNode document = nodes.arrayNode();
        compare("", withoutShapes(fromCanvas), withoutShapes(toCanvas), document);

        ObjectNode note = nodes.objectNode();
        ArrayNode hunks = nodes.arrayNode();
        int linesAdded = 0;
        int linesRemoved = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(lines(fromNote), lines(toNote)).getDeltas()) {
            ObjectNode hunk = hunks.addObject();
            hunk.put("type", delta.getType().name().toLowerCase(java.util.Locale.ROOT));
            chunk(hunk, "from", delta.getSource());
            chunk(hunk, "to", delta.getTarget());
            linesRemoved += delta.getSource().size();
            linesAdded += delta.getTarget().size();
        }
        note.put("changed", !hunks.isEmpty());
        note.set("hunks", hunks);

        ObjectNode diff = nodes.objectNode();
        ObjectNode summary = diff.putObject("summary");
        summary.put("added", added.size());
        summary.put("removed", removed.size());
        summary.put("modified", modified.size());
        summary.put("unchanged", unchanged);
        summary.put("reordered", reordered.size());
        summary.put("document_changes", document.size());
        summary.put("note_lines_added", linesAdded);
        summary.put("note_lines_removed", linesRemoved);
        ObjectNode shapes = diff.putObject("shapes");
        shapes.set("added", added);
        shapes.set("removed", removed);
        shapes.set("modified", modified);
        shapes.set("reordered", reordered);
        diff.set("document", document);
        diff.set("note", note);
        return diff;
    }

    /**
     * Shapes by id in document order (later duplicates of an id, which validation
     * refuses, are ignored).
     */
    private static Map<String, JsonNode> shapes(JsonNode canvas) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode shape : canvas.path("shapes")) {
            byId.putIfAbsent(shape.path("id").asString(""), shape);
        }
        return byId;
    }

    /**
     * The shapes in both states whose place in the paint order moved relative to the
     * others: the common shapes not on a longest common subsequence of the two orders
     * (Myers' diff of the id lists), so bringing one shape to the front names that shape
     * alone, not every shape it passed. {@code from}/{@code to}: its position in each
     * state's paint order, 0 at the bottom.
     */
    private static ArrayNode reordered(JsonNode fromCanvas, JsonNode toCanvas, Map<String, JsonNode> after) {
        List<String> fromOrder = paintOrder(fromCanvas);
        List<String> toOrder = paintOrder(toCanvas);
        List<String> fromCommon = fromOrder.stream().filter(after::containsKey).toList();
        Set<String> common = Set.copyOf(fromCommon);
        List<String> toCommon = toOrder.stream().filter(common::contains).toList();
        Set<String> moved = new LinkedHashSet<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(fromCommon, toCommon).getDeltas()) {
            moved.addAll(delta.getTarget().getLines());
        }
        Map<String, Integer> fromPosition = positions(fromOrder);
        ArrayNode reordered = nodes.arrayNode();
        for (int position = 0; position < toOrder.size(); position++) {
            String id = toOrder.get(position);
            if (moved.contains(id)) {
                ObjectNode entry = reordered.addObject();
                entry.put("id", id);
                JsonNode type = after.get(id).path("type");
                entry.set("type", type.isMissingNode() ? nodes.nullNode() : type);
                entry.put("from", fromPosition.get(id));
                entry.put("to", position);
            }
        }
        return reordered;
    }

    /**
     * Shape ids bottom to top, by the document model's rule
     * (DiagramDocument#inPaintOrder): by {@code z_index}, list order among equal ones;
     * the first of duplicated ids counts.
     */
    private static List<String> paintOrder(JsonNode canvas) {
        List<JsonNode> shapes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode shape : canvas.path("shapes")) {
            if (seen.add(shape.path("id").asString(""))) {
                shapes.add(shape);
            }
        }
        shapes.sort(Comparator.comparingInt(shape -> shape.path("z_index").asInt(0))); // stable
        return shapes.stream().map(shape -> shape.path("id").asString("")).toList();
    }

    private static Map<String, Integer> positions(List<String> order) {
        Map<String, Integer> positions = new HashMap<>(order.size() * 2);
        for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
        }
        return positions;
    }

    private static ObjectNode whole(String id, JsonNode shape) {
        ObjectNode entry = nodes.objectNode();
        entry.put("id", id);
        entry.set("type", shape.path("type").isMissingNode() ? nodes.nullNode() : shape.get("type"));
        entry.set("shape", shape);
        return entry;
    }

    private static JsonNode withoutShapes(JsonNode canvas) {
        if (!canvas.isObject()) {
            return nodes.objectNode();
        }
        ObjectNode copy = ((ObjectNode) canvas).deepCopy();
        copy.remove("shapes");
        return copy;
    }

    /**
     * Appends {@code {"property", "from", "to"}} for every difference; objects on both
     * sides are followed into (dotted paths), anything else is compared whole.
     * {@code from} is absent when the property was added, {@code to} when it was removed.
     */
    private static void compare(String path, JsonNode before, JsonNode after, ArrayNode out) {
        Set<String> names = new LinkedHashSet<>();
        before.propertyNames().forEach(names::add);
        after.propertyNames().forEach(names::add);
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old != null && old.equals(now)) {
                continue;
            }
            if (old != null && now != null && old.isObject() && now.isObject()) {
                compare(path + name + ".", old, now, out);
                continue;
            }
            ObjectNode change = out.addObject();
            change.put("property", path + name);
            if (old != null) {
                change.set("from", old);
            }
            if (now != null) {
                change.set("to", now);
            }
        }
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    /** One side of a hunk: the first line's number (from 1) and the lines. */
    private static void chunk(ObjectNode hunk, String side, Chunk<String> chunk) {
        ObjectNode part = hunk.putObject(side);
        part.put("line", chunk.getPosition() + 1);
        ArrayNode lines = part.putArray("lines");
        chunk.getLines().forEach(lines::add);
    }

}
