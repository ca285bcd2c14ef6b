package com.autograph.document;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a document cannot be read; {@link #errors()} lists every problem found. */
public class InvalidDocumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final int ERRORS_IN_MESSAGE = 5;

    /**
     * An array rather than a List so that the exception stays serializable, as exceptions
     * should.
     */
    private final ValidationError[] errors;

    public InvalidDocumentException(List<ValidationError> errors) {
        super(summary(errors));
        this.errors = errors.toArray(ValidationError[]::new);
    }

    /** Every problem, in document order; never empty. */
    public List<ValidationError> errors() {
        return List.of(errors);
    }

    private static String summary(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid document has at least one error");
        }
        String shown = errors.stream()
            .limit(ERRORS_IN_MESSAGE)
            .map(ValidationError::toString)
            .collect(Collectors.joining("; "));
        int more = errors.size() - ERRORS_IN_MESSAGE;
        return "invalid diagram document: " + shown + (more > 0 ? " (and " + more + " more)" : "");
    }

}
