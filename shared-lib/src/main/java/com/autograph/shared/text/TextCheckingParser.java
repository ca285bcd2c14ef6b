package com.autograph.shared.text;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Refuses, as the tokens stream by, every string value and property name that cannot be
 * stored (see {@link Text}), whatever type it is bound to: record fields, maps and
 * {@code JsonNode} trees alike. Also names the property of a duplicate key (the parser's
 * STRICT_DUPLICATE_DETECTION). Every way to advance the parser goes through
 * {@link #checked}.
 */
final class TextCheckingParser extends JsonParserDelegate {

    /**
     * The wording of jackson-core's duplicate detection (DupDetector), the only way to
     * tell it apart.
     */
    private static final String DUPLICATE = "Duplicate Object property";

    private int tokens;

    TextCheckingParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextToken() throws JacksonException {
        try {
            return checked(delegate.nextToken());
        }
        catch (StreamReadException ex) {
            throw duplicateOr(ex);
        }
    }

    @Override
    public JsonToken nextValue() throws JacksonException {
        try {
            return checked(delegate.nextValue());
        }
        catch (StreamReadException ex) {
            throw duplicateOr(ex);
        }
    }

    @Override
    public String nextName() throws JacksonException {
        return nextToken() == JsonToken.PROPERTY_NAME ? currentName() : null;
    }

    @Override
    public boolean nextName(SerializableString expected) throws JacksonException {
        return nextToken() == JsonToken.PROPERTY_NAME && expected.getValue().equals(currentName());
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) throws JacksonException {
        String name = nextName();
        if (name != null) {
            return matcher.matchName(name);
        }
        return hasToken(JsonToken.END_OBJECT) ? PropertyNameMatcher.MATCH_END_OBJECT
                : PropertyNameMatcher.MATCH_ODD_TOKEN;
    }

    // The delegate's versions would read through the unchecked parser.
    @Override
    public <T> T readValueAs(Class<T> type) throws JacksonException {
        return objectReadContext().readValue(this, type);
    }

    @Override
    public <T> T readValueAs(tools.jackson.core.type.TypeReference<T> type) throws JacksonException {
        return objectReadContext().readValue(this, type);
    }

    @Override
    public <T> T readValueAs(tools.jackson.core.type.ResolvedType type) throws JacksonException {
        return objectReadContext().readValue(this, type);
    }

    @Override
    public <T extends tools.jackson.core.TreeNode> T readValueAsTree() throws JacksonException {
        return objectReadContext().readTree(this);
    }

    private JsonToken checked(JsonToken token) {
        if (token != null && ++tokens > JsonTooLargeException.MAX_TOKENS) {
            throw new JsonTooLargeException(delegate,
                    "The request body holds more than " + JsonTooLargeException.MAX_TOKENS
                            + " JSON values and names (limit json.max-tokens): send a smaller document.");
        }
        if (token == JsonToken.VALUE_STRING) {
            String problem = Text.problem(delegate.getStringCharacters(), delegate.getStringOffset(),
                    delegate.getStringLength());
            if (problem != null) {
                throw new JsonFieldException(delegate, JsonFieldException.path(delegate.streamReadContext()), problem,
                        true);
            }
        }
        else if (token == JsonToken.PROPERTY_NAME) {
            String problem = Text.problem(delegate.currentName());
            if (problem != null) {
                String path = JsonFieldException.path(delegate.streamReadContext());
                throw new JsonFieldException(delegate, path, "(a property name) " + problem, true);
            }
        }
        return token;
    }

    private StreamReadException duplicateOr(StreamReadException ex) {
        String message = ex.getOriginalMessage();
        if (ex instanceof JsonFieldException || message == null || !message.startsWith(DUPLICATE)) {
            return ex;
        }
        return new JsonFieldException(delegate, JsonFieldException.path(delegate.streamReadContext()),
                "appears more than once", false);
    }

}
