package com.autograph.document;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON from untrusted input, read with the {@link ModelLimits} enforced by the parser
 * itself (Jackson's stream read constraints): nesting depth and length are checked token
 * by token, so a too deep or too long text is refused before its tree is built. Floats
 * are read as BigDecimal and duplicate keys refused, as everywhere in the model.
 */
public final class LimitedJson {

    /** One mapper per set of limits in use; a service has one or two. */
    private static final Map<ModelLimits, JsonMapper> MAPPERS = new ConcurrentHashMap<>();

    private LimitedJson() {
    }

    /**
     * The tree of {@code json}.
     * @throws LimitExceededException when the text is longer or nests deeper than the
     * limits
     * @throws tools.jackson.core.JacksonException when it is not JSON
     */
    public static JsonNode readTree(String json, ModelLimits limits) {
        limits.checkInput(json, "the JSON");
        try {
            return mapper(limits).readTree(json);
        }
        catch (StreamConstraintsException e) {
            throw translated(e, limits);
        }
    }

    /** As {@link #readTree(String, ModelLimits)}, for UTF-8 (or UTF-16/32) bytes. */
    public static JsonNode readTree(byte[] json, ModelLimits limits) {
        if (json.length > limits.maxInputChars()) {
            throw new LimitExceededException(ModelLimits.INPUT_CHARS, limits.maxInputChars(),
                    "the JSON is longer than " + ModelLimits.bytes(limits.maxInputChars()));
        }
        try {
            return mapper(limits).readTree(json);
        }
        catch (StreamConstraintsException e) {
            throw translated(e, limits);
        }
    }

    /**
     * Refuses a tree parsed elsewhere (e.g. a request body) that nests deeper than the
     * limit. It walks the tree without recursion, so the check itself cannot overflow the
     * stack.
     */
    public static void checkDepth(JsonNode tree, ModelLimits limits) {
        Deque<JsonNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(1);
        while (!nodes.isEmpty()) {
            JsonNode n = nodes.pop();
            int depth = depths.pop();
            if (n.isContainer()) {
                limits.checkDepth(depth, "the JSON");
                for (JsonNode child : n) {
                    if (child.isContainer()) {
                        nodes.push(child);
                        depths.push(depth + 1);
                    }
                }
            }
        }
    }

    /**
     * What a person is told about JSON Jackson could not read: its message without the
     * Java names Jackson adds ({@code from `StreamReadConstraints.getMaxNumberLength()`},
     * the source description), and where.
     */
    public static String describe(JacksonException e) {
        String m = message(e);
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? m : m + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** {@link #describe} without the position. */
    static String message(JacksonException e) {
        return String.valueOf(e.getOriginalMessage())
            .replaceAll(",? ?(from )?`[A-Za-z_$][\\w$.]*(\\(\\))?`", "")
            .replaceAll("\\s+", " ")
            .strip();
    }

    private static JsonMapper mapper(ModelLimits limits) {
        return MAPPERS.computeIfAbsent(limits,
                l -> JsonMapper
                    .builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(l.maxDepth())
                            .maxDocumentLength(l.maxInputChars())
                            .maxStringLength((int) Math.min(Integer.MAX_VALUE, l.maxInputChars()))
                            .build())
                        .build())
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build());
    }

    /** Jackson's message names its own classes; ours names the limit. */
    private static RuntimeException translated(StreamConstraintsException e, ModelLimits limits) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("nesting depth")) {
            return new LimitExceededException(ModelLimits.DEPTH, limits.maxDepth(),
                    "the JSON nests deeper than " + limits.maxDepth() + " levels");
        }
        if (m.contains("Document length")) {
            return new LimitExceededException(ModelLimits.INPUT_CHARS, limits.maxInputChars(),
                    "the JSON is longer than " + ModelLimits.bytes(limits.maxInputChars()));
        }
        return e;
    }

}
