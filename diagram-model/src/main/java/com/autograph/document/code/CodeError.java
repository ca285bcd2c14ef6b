package com.autograph.document.code;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem in diagram code, at a 1-based line and column (columns count characters of
 * the line as written, tabs as one). The message says what is wrong in words a person
 * understands; the suggestion, when there is an obvious fix, says what to write instead
 * ("did you mean `-->`?").
 */
public record CodeError(int line, int column, String message, String suggestion) {

    public CodeError {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, were " + line + ":" + column);
        }
        Objects.requireNonNull(message, "message");
    }

    public CodeError(int line, int column, String message) {
        this(line, column, message, null);
    }

    public Optional<String> suggestionText() {
        return Optional.ofNullable(suggestion);
    }

    /** {@code 3:12: unknown link `->` (did you mean `-->`?)}. */
    @Override
    public String toString() {
        return line + ":" + column + ": " + message + (suggestion == null ? "" : " (" + suggestion + ")");
    }
}
