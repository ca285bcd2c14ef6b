package com.autograph.document.formats.excalidraw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.autograph.document.Arrowhead;
import com.autograph.document.FillStyle;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vocabulary shared by the importer and the exporter. */
final class Excalidraw {

    /**
     * Decimals are read exactly so that values kept in extension fields round-trip digit
     * for digit.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    /**
     * Excalidraw's font numbers (1 Virgil, 2 Helvetica, 3 Cascadia, 5 Excalifont, …) by
     * name.
     */
    static final Map<Integer, String> FONTS = Map.of(1, "Virgil", 2, "Helvetica", 3, "Cascadia", 5, "Excalifont", 6,
            "Nunito", 7, "Lilita One", 8, "Comic Shanns", 9, "Liberation Sans");

    static final Map<String, FillStyle> FILL_STYLES = Map.of("solid", FillStyle.SOLID, "hachure", FillStyle.HACHURE,
            "cross-hatch", FillStyle.CROSS_HATCH, "zigzag", FillStyle.PATTERN, "zigzag-line", FillStyle.PATTERN, "dots",
            FillStyle.PATTERN, "dashed", FillStyle.PATTERN);

    /**
     * Excalidraw arrowhead names; outline variants map to the filled document arrowhead.
     */
    static final Map<String, Arrowhead> ARROWHEADS = Map.ofEntries(Map.entry("arrow", Arrowhead.ARROW),
            Map.entry("bar", Arrowhead.BAR), Map.entry("dot", Arrowhead.CIRCLE), Map.entry("circle", Arrowhead.CIRCLE),
            Map.entry("circle_outline", Arrowhead.CIRCLE), Map.entry("triangle", Arrowhead.TRIANGLE),
            Map.entry("triangle_outline", Arrowhead.TRIANGLE), Map.entry("diamond", Arrowhead.DIAMOND),
            Map.entry("diamond_outline", Arrowhead.DIAMOND), Map.entry("crowfoot_one", Arrowhead.ONE),
            Map.entry("crowfoot_many", Arrowhead.MANY), Map.entry("crowfoot_one_or_many", Arrowhead.ONE_OR_MANY));

    /**
     * The name written for a document arrowhead; zero-or-… cardinalities have no own
     * head.
     */
    static String arrowheadName(Arrowhead a) {
        return switch (a) {
            case NONE -> null;
            case ARROW -> "arrow";
            case TRIANGLE -> "triangle";
            case DIAMOND -> "diamond";
            case CIRCLE -> "circle";
            case BAR -> "bar";
            case ONE, ZERO_OR_ONE -> "crowfoot_one";
            case MANY, ZERO_OR_MANY -> "crowfoot_many";
            case ONE_OR_MANY -> "crowfoot_one_or_many";
        };
    }

    static String fillStyleName(FillStyle f) {
        return switch (f) {
            case SOLID, NONE -> "solid";
            case HACHURE -> "hachure";
            case CROSS_HATCH -> "cross-hatch";
            case PATTERN -> "zigzag";
        };
    }

    static int fontNumber(String family) {
        for (Map.Entry<Integer, String> e : FONTS.entrySet()) {
            if (e.getValue().equalsIgnoreCase(family)) {
                return e.getKey();
            }
        }
        return family.toLowerCase(java.util.Locale.ROOT).contains("mono") ? 3 : 2;
    }

    /**
     * Excalidraw's corner radius for a rounded rectangle of this size (adaptive or
     * proportional).
     */
    static double cornerRadius(JsonNode roundness, double width, double height) {
        double side = Math.min(width, height);
        // intValue, not asInt: asInt throws on a number outside int's range
        if (roundness.path("type").isNumber() && roundness.path("type").canConvertToInt()
                && roundness.path("type").intValue() == 3) {
            double fixed = Double.isFinite(finite(roundness.path("value"))) ? finite(roundness.path("value")) : 32;
            return side <= fixed / 0.25 ? side * 0.25 : fixed;
        }
        return side * 0.25;
    }

    static Optional<String> string(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isString() ? Optional.of(v.stringValue()) : Optional.empty();
    }

    static double number(JsonNode node, String name, double absent) {
        JsonNode v = node.get(name);
        double d = v == null ? Double.NaN : finite(v);
        return Double.isFinite(d) ? d : absent;
    }

    /**
     * The node's value when it is a finite number, else NaN. Not {@code asDouble()}: that
     * throws on a number beyond double's range (e.g. {@code 1e309}, kept exactly as a
     * decimal).
     */
    static double finite(JsonNode v) {
        double d = v.isNumber() ? v.numberValue().doubleValue() : Double.NaN;
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /**
     * Rounds computed coordinates so that float noise from adding offsets doesn't
     * accumulate.
     */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static final List<String> COMMON = List.of("id", "type", "x", "y", "width", "height", "angle", "strokeColor",
            "backgroundColor", "fillStyle", "strokeWidth", "strokeStyle", "roughness", "opacity", "groupIds", "frameId",
            "index", "roundness", "seed", "version", "versionNonce", "isDeleted", "boundElements", "updated", "link",
            "locked");

    private Excalidraw() {
    }

}
