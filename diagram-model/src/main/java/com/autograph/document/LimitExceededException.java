package com.autograph.document;

/**
 * Input refused because it is over one of the {@link ModelLimits}: not because it is
 * wrong, but because reading it would cost more than the service allows anyone.
 * {@link #limit()} is the limit's property name (e.g.
 * {@code import.max-decompressed-bytes}) and {@link #value()} its value; the message says
 * what was over, in words, and names the limit.
 */
public class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    private final long value;

    public LimitExceededException(String limit, long value, String what) {
        super(capitalized(what) + " (limit " + limit + ")");
        this.limit = limit;
        this.value = value;
    }

    public String limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    /**
     * True for the limit on the input's own size, which HTTP answers with 413 Content Too
     * Large.
     */
    public boolean isInputSize() {
        return ModelLimits.INPUT_CHARS.equals(limit);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

}
