package com.autograph.collaboration.document;

/**
 * An operation that cannot apply to the document as it is (a shape id that does not
 * exist, a duplicate id, a range outside a text…): refused with a stable {@code code},
 * nothing applied.
 */
public class OperationRefused extends RuntimeException {

    private final String code;

    public OperationRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

}
