package com.autograph.document;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * One problem in a document.
 *
 * @param path where, as a JSONPath: {@code $} for the root,
 * {@code $.shapes[3].style.opacity} for a field; for a missing field, the path it should
 * have
 * @param code what kind of problem, stable for programs
 * @param message what is wrong, for people
 */
public record ValidationError(String path, ValidationCode code, String message) implements Serializable {

    public ValidationError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * How services list it in a problem's {@code errors}: path, code (its id), message.
     */
    public Map<String, String> fields() {
        return Map.of("path", path, "code", code.id(), "message", message);
    }

    @Override
    public String toString() {
        return path + ": " + message + " [" + code.id() + "]";
    }
}
