package com.autograph.document.code;

import java.util.List;
import java.util.Objects;

import com.autograph.document.DiagramDocument;

/**
 * What parsing diagram code gives: the document (as much of it as could be read, so an
 * editor can keep showing something while the user types) and every error, in source
 * order.
 */
public record ParseResult(DiagramDocument document, List<CodeError> errors) {

    public ParseResult {
        Objects.requireNonNull(document, "document");
        errors = List.copyOf(errors);
    }

    /** True when the code had no errors. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
