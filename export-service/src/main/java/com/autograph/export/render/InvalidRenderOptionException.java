package com.autograph.export.render;

import java.util.Map;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * A render option the caller got wrong: 400 {@code invalid_option} naming it in
 * {@code option}.
 */
public class InvalidRenderOptionException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidRenderOptionException(String option, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid_option", "Invalid option " + option + ": " + detail + ".");
        this.option = option;
    }

    /** The option's name as the API spells it, e.g. {@code scale}. */
    public String option() {
        return option;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("option", option);
    }

    /** A caller's value, cut short and stripped of control characters, for a message. */
    static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }

}
