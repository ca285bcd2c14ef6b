package com.autograph.shared.text;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * The 400 {@code invalid_text} problem, the same for bodies and parameters: each field
 * and why.
 */
public final class InvalidText {

    private InvalidText() {
    }

    /** {@code errors}: {@code {field, message}} pairs. */
    public static ApiException of(List<Map<String, String>> errors) {
        String detail = "Invalid text: "
                + String.join("; ",
                        errors.stream().map(e -> "field '" + e.get("field") + "' " + e.get("message")).toList())
                + ". Remove the character and send the request again.";
        return ApiException.withProperties(HttpStatus.BAD_REQUEST, "invalid_text", detail,
                Map.of("errors", List.copyOf(errors)));
    }

}
