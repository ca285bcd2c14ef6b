package com.autograph.shared.text;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.error.ClientProblem;

/**
 * A request body that is JSON but not acceptable at one field: text that cannot be stored
 * ({@link #invalidText()}) or a property given twice. {@link #field()} is the path as the
 * client wrote it, e.g. {@code canvas_data.shapes[3].text}.
 */
public class JsonFieldException extends StreamReadException implements ClientProblem {

    private final String field;

    private final String problem;

    private final boolean invalidText;

    JsonFieldException(JsonParser parser, String field, String problem, boolean invalidText) {
        super(parser, field + " " + problem);
        this.field = field;
        this.problem = problem;
        this.invalidText = invalidText;
    }

    public String field() {
        return field;
    }

    /**
     * What is wrong, to follow the field name: "must not contain the NUL character
     * (U+0000)".
     */
    public String problem() {
        return problem;
    }

    /** True for NUL and unpaired surrogates, false for a duplicate property. */
    public boolean invalidText() {
        return invalidText;
    }

    /**
     * 400 {@code invalid_text}, or {@code malformed_body} for a duplicate property;
     * either names the field.
     */
    @Override
    public ApiException asProblem() {
        List<Map<String, String>> errors = List.of(Map.of("field", field, "message", problem));
        return invalidText ? InvalidText.of(errors) : ApiException.withProperties(HttpStatus.BAD_REQUEST,
                "malformed_body", "Field '" + field + "' " + problem + ".", Map.of("errors", errors));
    }

    /** The path of the current token: {@code a.b[2].c}; the root is {@code (body)}. */
    static String path(TokenStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
            else if (c.currentName() != null) {
                parts.push("." + Text.printable(c.currentName()));
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "(body)" : path.startsWith(".") ? path.substring(1) : path;
    }

}
