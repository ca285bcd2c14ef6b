package com.autograph.document;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A read-only view of one JSON object of the document (a shape, a style, an arrow's end).
 * Two views of one kind are equal when their JSON is (property order aside; 1 and 1.0
 * differ), and print as it. The node must not be changed once wrapped.
 */
abstract class JsonView {

    final ObjectNode node;

    JsonView(ObjectNode node) {
        this.node = node;
    }

    /** The node itself: only for the model's own writer, which never mutates it. */
    ObjectNode node() {
        return node;
    }

    final Optional<String> string(String name) {
        return Optional.ofNullable(Json.value(node, name)).map(JsonNode::stringValue);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && node.equals(((JsonView) o).node);
    }

    @Override
    public final int hashCode() {
        return node.hashCode();
    }

    /** The JSON. */
    @Override
    public final String toString() {
        return node.toString();
    }

}
