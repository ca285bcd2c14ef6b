package com.autograph.export.render;

import java.util.Map;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * A render refused before it started because its result would be over one of the
 * {@link RenderLimits}: 422 {@code render_limit_exceeded} with the limit's property name
 * and value.
 */
public class RenderLimitExceededException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    private final long value;

    /**
     * @param limit the limit's property name, e.g.
     * {@code autograph.export.render.max-pixels}
     * @param value the limit's value
     * @param what what was over it, in words
     */
    public RenderLimitExceededException(String limit, long value, String what) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "render_limit_exceeded", what + " (limit " + limit + " = " + value
                + "); export less (a frame or selected shapes) or at a smaller scale.");
        this.limit = limit;
        this.value = value;
    }

    public String limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limit", limit, "limit_value", value);
    }

}
