package com.autograph.document;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a shape looks. Every property is optional: the accessors say what the document says
 * (empty when absent), and {@link #resolve()} fills the gaps with
 * {@link ResolvedStyle#DEFAULTS}. Keeping the two apart lets an exporter tell "explicitly
 * black" from "default" (e.g. for themes) while renderers just call {@code resolve()}.
 * Immutable; fields this version does not know are kept.
 */
public final class Style extends JsonView {

    static final String STROKE_COLOR = "stroke_color";
    static final String FILL_COLOR = "fill_color";
    static final String FILL_STYLE = "fill_style";
    static final String STROKE_STYLE = "stroke_style";
    static final String STROKE_WIDTH = "stroke_width";
    static final String OPACITY = "opacity";
    static final String CORNER_RADIUS = "corner_radius";
    static final String FONT_FAMILY = "font_family";
    static final String FONT_SIZE = "font_size";
    static final String FONT_WEIGHT = "font_weight";
    static final String TEXT_ALIGN = "text_align";
    static final String TEXT_COLOR = "text_color";
    static final Set<String> KNOWN = Set.of(STROKE_COLOR, FILL_COLOR, FILL_STYLE, STROKE_STYLE, STROKE_WIDTH, OPACITY,
            CORNER_RADIUS, FONT_FAMILY, FONT_SIZE, FONT_WEIGHT, TEXT_ALIGN, TEXT_COLOR);

    static final int NORMAL_WEIGHT = 400;
    static final int BOLD_WEIGHT = 700;

    /** No properties set: everything resolves to its default. */
    public static final Style EMPTY = new Style(Json.NODES.objectNode());

    Style(ObjectNode node) {
        super(node);
    }

    public static Builder builder() {
        return new Builder(Json.NODES.objectNode());
    }

    public Builder toBuilder() {
        return new Builder(Json.shallowCopy(node));
    }

    public Optional<String> strokeColor() {
        return string(STROKE_COLOR);
    }

    public Optional<String> fillColor() {
        return string(FILL_COLOR);
    }

    public Optional<FillStyle> fillStyle() {
        return string(FILL_STYLE).flatMap(n -> JsonName.find(FillStyle.class, n));
    }

    public Optional<StrokeStyle> strokeStyle() {
        return string(STROKE_STYLE).flatMap(n -> JsonName.find(StrokeStyle.class, n));
    }

    public OptionalDouble strokeWidth() {
        return number(STROKE_WIDTH);
    }

    /** 0 (invisible) to 1 (opaque). */
    public OptionalDouble opacity() {
        return number(OPACITY);
    }

    public OptionalDouble cornerRadius() {
        return number(CORNER_RADIUS);
    }

    public Optional<String> fontFamily() {
        return string(FONT_FAMILY);
    }

    public OptionalDouble fontSize() {
        return number(FONT_SIZE);
    }

    /** CSS weight: {@code "normal"} in JSON reads as 400, {@code "bold"} as 700. */
    public OptionalInt fontWeight() {
        JsonNode v = Json.value(node, FONT_WEIGHT);
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v.isString()) {
            return OptionalInt.of("bold".equals(v.stringValue()) ? BOLD_WEIGHT : NORMAL_WEIGHT);
        }
        return OptionalInt.of((int) Json.toDouble(v));
    }

    public Optional<TextAlign> textAlign() {
        return string(TEXT_ALIGN).flatMap(n -> JsonName.find(TextAlign.class, n));
    }

    public Optional<String> textColor() {
        return string(TEXT_COLOR);
    }

    /** True when no property, known or unknown, is set. */
    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** Every property decided, absent ones from {@link ResolvedStyle#DEFAULTS}. */
    public ResolvedStyle resolve() {
        return resolve(ResolvedStyle.DEFAULTS);
    }

    /** Every property decided, absent ones from {@code defaults}. */
    public ResolvedStyle resolve(ResolvedStyle defaults) {
        return new ResolvedStyle(strokeColor().orElse(defaults.strokeColor()), fillColor().orElse(defaults.fillColor()),
                fillStyle().orElse(defaults.fillStyle()), strokeStyle().orElse(defaults.strokeStyle()),
                strokeWidth().orElse(defaults.strokeWidth()), opacity().orElse(defaults.opacity()),
                cornerRadius().orElse(defaults.cornerRadius()), fontFamily().orElse(defaults.fontFamily()),
                fontSize().orElse(defaults.fontSize()), fontWeight().orElse(defaults.fontWeight()),
                textAlign().orElse(defaults.textAlign()), textColor().orElse(defaults.textColor()));
    }

    /** Fields this version does not know (copies), in document order. */
    public Map<String, JsonNode> unknownFields() {
        return Json.unknownFields(node, KNOWN);
    }

    private OptionalDouble number(String name) {
        JsonNode v = Json.value(node, name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(Json.toDouble(v));
    }

    /**
     * Sets style properties. Colour and name setters take null to remove the property;
     * {@link #remove(String)} removes any property by its JSON name.
     */
    public static final class Builder {

        private final ObjectNode node;

        private Builder(ObjectNode node) {
            this.node = node;
        }

        /** {@code #rgb}, {@code #rrggbb}, {@code #rrggbbaa} or {@code transparent}. */
        public Builder strokeColor(String color) {
            Json.putString(node, STROKE_COLOR, color);
            return this;
        }

        public Builder fillColor(String color) {
            Json.putString(node, FILL_COLOR, color);
            return this;
        }

        public Builder fillStyle(FillStyle fillStyle) {
            Json.putEnum(node, FILL_STYLE, fillStyle);
            return this;
        }

        public Builder strokeStyle(StrokeStyle strokeStyle) {
            Json.putEnum(node, STROKE_STYLE, strokeStyle);
            return this;
        }

        public Builder strokeWidth(double width) {
            return number(STROKE_WIDTH, width);
        }

        public Builder opacity(double opacity) {
            return number(OPACITY, opacity);
        }

        public Builder cornerRadius(double radius) {
            return number(CORNER_RADIUS, radius);
        }

        public Builder fontFamily(String family) {
            Json.putString(node, FONT_FAMILY, family);
            return this;
        }

        public Builder fontSize(double size) {
            return number(FONT_SIZE, size);
        }

        /**
         * Written as {@code "normal"} for 400, {@code "bold"} for 700, else as the
         * number.
         */
        public Builder fontWeight(int weight) {
            node.set(FONT_WEIGHT, switch (weight) {
                case NORMAL_WEIGHT -> Json.NODES.stringNode("normal");
                case BOLD_WEIGHT -> Json.NODES.stringNode("bold");
                default -> Json.NODES.numberNode(weight);
            });
            return this;
        }

        public Builder textAlign(TextAlign align) {
            Json.putEnum(node, TEXT_ALIGN, align);
            return this;
        }

        public Builder textColor(String color) {
            Json.putString(node, TEXT_COLOR, color);
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

        /** Removes a property, known or unknown, by its JSON name. */
        public Builder remove(String name) {
            node.remove(name);
            return this;
        }

        /** The style; the builder stays usable and later calls don't affect it. */
        public Style build() {
            return new Style(Json.shallowCopy(node));
        }

        private Builder number(String name, double value) {
            node.set(name, Json.number(Json.requireFinite(value, name)));
            return this;
        }

    }

}
