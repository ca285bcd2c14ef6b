package com.autograph.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Version 0 → 1. Version 0 is the pre-release format: no schema_version, shapes under
 * {@code elements}, camelCase keys and values, style properties directly on the element,
 * and connector ends as {@code startBinding: {elementId}} or {@code startPoint: {x, y}}.
 * The full mapping is in docs/diagram-document.md ("Migrations").
 *
 * <p>
 * A rename never overwrites: when the new name is already taken, the old key stays as it
 * is (and is from then on an unknown field), so nothing is lost.
 */
final class LegacyMigration implements MigrationStep {

    private static final List<Map.Entry<String, String>> ROOT_RENAMES = List
        .of(Map.entry("elements", DiagramDocument.SHAPES), Map.entry("backgroundColor", DiagramDocument.BACKGROUND));

    /** Ordered: a binding claims start/end before a free point can. */
    private static final List<Map.Entry<String, String>> ELEMENT_RENAMES = List.of(Map.entry("angle", Shape.ROTATION),
            Map.entry("zIndex", Shape.Z_INDEX), Map.entry("parentId", Shape.PARENT_ID),
            Map.entry("startBinding", Shape.START), Map.entry("startPoint", Shape.START),
            Map.entry("endBinding", Shape.END), Map.entry("endPoint", Shape.END),
            Map.entry("startArrowhead", Shape.START_ARROWHEAD), Map.entry("endArrowhead", Shape.END_ARROWHEAD));

    /** Version 0 kept these on the element; version 1 keeps them in {@code style}. */
    private static final List<Map.Entry<String, String>> STYLE_MOVES = List.of(
            Map.entry("strokeColor", Style.STROKE_COLOR), Map.entry("fillColor", Style.FILL_COLOR),
            Map.entry("fillStyle", Style.FILL_STYLE), Map.entry("strokeStyle", Style.STROKE_STYLE),
            Map.entry("strokeWidth", Style.STROKE_WIDTH), Map.entry("opacity", Style.OPACITY),
            Map.entry("cornerRadius", Style.CORNER_RADIUS), Map.entry("fontFamily", Style.FONT_FAMILY),
            Map.entry("fontSize", Style.FONT_SIZE), Map.entry("fontWeight", Style.FONT_WEIGHT),
            Map.entry("textAlign", Style.TEXT_ALIGN), Map.entry("textColor", Style.TEXT_COLOR));

    /** Values that were camelCase names (stickyNote, crossHatch, zeroOrMany, ...). */
    private static final List<String> ENUM_FIELDS = List.of(Shape.TYPE, Shape.ROUTING, Shape.START_ARROWHEAD,
            Shape.END_ARROWHEAD);

    private static final List<String> STYLE_ENUM_FIELDS = List.of(Style.FILL_STYLE, Style.STROKE_STYLE,
            Style.TEXT_ALIGN);

    @Override
    public int from() {
        return 0;
    }

    @Override
    public void apply(ObjectNode document) {
        ROOT_RENAMES.forEach(e -> rename(document, e.getKey(), e.getValue()));
        JsonNode shapes = document.get(DiagramDocument.SHAPES);
        if (shapes != null && shapes.isArray()) {
            for (JsonNode element : shapes) {
                if (element.isObject()) {
                    element((ObjectNode) element);
                }
            }
        }
    }

    private static void element(ObjectNode element) {
        ELEMENT_RENAMES.forEach(e -> rename(element, e.getKey(), e.getValue()));
        ENUM_FIELDS.forEach(name -> snakeCaseValue(element, name));
        for (String end : List.of(Shape.START, Shape.END)) {
            if (element.get(end) instanceof ObjectNode binding) {
                rename(binding, "elementId", Endpoint.SHAPE_ID);
            }
        }
        moveStyle(element);
    }

    private static void moveStyle(ObjectNode element) {
        boolean any = STYLE_MOVES.stream().anyMatch(e -> element.has(e.getKey()));
        if (!any) {
            return;
        }
        JsonNode existing = element.get(Shape.STYLE);
        if (existing != null && !existing.isObject()) {
            return; // nowhere to put them without losing something: leave them where they
                    // are
        }
        ObjectNode style = existing == null ? element.putObject(Shape.STYLE) : (ObjectNode) existing;
        for (Map.Entry<String, String> move : STYLE_MOVES) {
            JsonNode value = element.get(move.getKey());
            if (value != null && !style.has(move.getValue())) {
                style.set(move.getValue(), value);
                element.remove(move.getKey());
            }
        }
        STYLE_ENUM_FIELDS.forEach(name -> snakeCaseValue(style, name));
    }

    /**
     * Renames in place, keeping the key's position, so the output order is the input's.
     */
    private static void rename(ObjectNode object, String from, String to) {
        if (!object.has(from) || object.has(to)) {
            return;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
        object.removeAll();
        entries.forEach(e -> object.set(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
    }

    private static void snakeCaseValue(ObjectNode object, String name) {
        JsonNode v = object.get(name);
        if (v != null && v.isString()) {
            object.put(name, snakeCase(v.stringValue()));
        }
    }

    /** stickyNote → sticky_note; values already in snake_case are unchanged. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

}
