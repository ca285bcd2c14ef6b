package com.autograph.document;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON plumbing shared by the model, the codec, the validator and the migrations. */
final class Json {

    /**
     * Floats are read as BigDecimal so that numbers in unknown fields survive a round
     * trip digit for digit; duplicate keys are refused because which one "wins" would be
     * a guess.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Beyond 2^53 not every integer is a double; such values are written as decimals. */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

    private Json() {
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    static JsonNode parse(byte[] json) {
        return MAPPER.readTree(json);
    }

    /** The one error a text that is not JSON gets, with the parser's position. */
    static ValidationError parseError(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ValidationError("$", ValidationCode.MALFORMED_JSON,
                "not valid JSON" + where + ": " + LimitedJson.message(e));
    }

    /**
     * The value of a property, or null when it is absent or JSON null (the two mean the
     * same).
     */
    static JsonNode value(JsonNode object, String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /**
     * A number as a double: NaN or an infinity when it has no finite double value.
     * Jackson's own conversions throw for out-of-range decimals, which the validator must
     * never do.
     */
    static double toDouble(JsonNode number) {
        if (number.isBigDecimal() || number.isBigInteger()) {
            return number.decimalValue().doubleValue();
        }
        return number.doubleValue();
    }

    /**
     * True for numbers with no fractional part, written as 3 or as 3.0 (JSON Schema's
     * "integer").
     */
    static boolean isInteger(JsonNode number) {
        if (number.isIntegralNumber()) {
            return true;
        }
        if (number.isBigDecimal()) {
            BigDecimal d = number.decimalValue();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        double d = number.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    /**
     * The node for a number set through the API: integral values as integers, others
     * exactly.
     */
    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) <= MAX_EXACT_INTEGER) {
            long l = (long) value;
            return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
        }
        return NODES.numberNode(BigDecimal.valueOf(value));
    }

    static double requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return value;
    }

    /** The properties of {@code object} that are not in {@code known}, as deep copies. */
    static Map<String, JsonNode> unknownFields(ObjectNode object, Set<String> known) {
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        object.forEachEntry((name, v) -> {
            if (!known.contains(name)) {
                unknown.put(name, v.deepCopy());
            }
        });
        return Collections.unmodifiableMap(unknown);
    }

    /**
     * A new object holding the same children. Model objects never mutate a node once
     * built, so immutable values can share their subtrees.
     */
    static ObjectNode shallowCopy(ObjectNode object) {
        ObjectNode copy = NODES.objectNode();
        object.forEachEntry(copy::set);
        return copy;
    }

    /**
     * Sets or (for null) removes an unknown field; known names go through typed setters.
     */
    static void putUnknown(ObjectNode object, Set<String> known, String name, JsonNode value) {
        if (known.contains(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is a known field; use its setter");
        }
        if (value == null) {
            object.remove(name);
        }
        else {
            object.set(name, value.deepCopy());
        }
    }

    static void putString(ObjectNode object, String name, String value) {
        if (value == null) {
            object.remove(name);
        }
        else {
            object.put(name, value);
        }
    }

    static void putEnum(ObjectNode object, String name, JsonName value) {
        putString(object, name, value == null ? null : value.jsonName());
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

}
