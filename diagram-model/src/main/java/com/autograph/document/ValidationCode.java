package com.autograph.document;

/**
 * Why a document is invalid. Stable: services put {@link #id()} into their problem
 * responses and clients may switch on it.
 */
public enum ValidationCode {

    /** The text is not JSON, or is empty. Always alone, at {@code $}. */
    MALFORMED_JSON,
    /** A required field is missing (or null). The path names the missing field. */
    REQUIRED,
    /** The value has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** The document's schema_version is newer than this build reads. */
    VERSION_TOO_NEW,
    /** The document's schema_version is older than the current one: migrate it first. */
    VERSION_TOO_OLD,
    /** A number outside its range, or not finite. */
    OUT_OF_RANGE,
    /** A string or array that is too short or too long. */
    INVALID_LENGTH,
    /**
     * A value that is not one of the allowed names (shape type, routing, arrowhead, ...).
     */
    INVALID_VALUE,
    /** A colour that is not #rgb, #rrggbb, #rrggbbaa or transparent. */
    INVALID_COLOR,
    /** A connector end that is neither a shape binding nor a point, or is both. */
    INVALID_ENDPOINT,
    /** An entry of points that is not an [x, y] pair. */
    INVALID_POINT,
    /** A second shape with an id already in use. */
    DUPLICATE_ID,
    /** A shape_id or parent_id naming no shape in the document. */
    UNKNOWN_REFERENCE,
    /** A parent_id naming a shape that is not a frame or group. */
    INVALID_PARENT,
    /** A shape that is its own parent, or a connector bound to itself. */
    SELF_REFERENCE,
    /** A parent chain that comes back to where it started. */
    PARENT_CYCLE;

    /** The snake_case form used in JSON, e.g. {@code "unknown_reference"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
