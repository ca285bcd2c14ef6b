package com.autograph.export.source;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.autograph.document.code.CodeError;
import com.autograph.shared.error.ApiException;

/**
 * Diagram code that does not parse: 400 {@code code_errors} with every error the parser
 * found.
 */
public class CodeErrorsException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Enough to fix the code; a file of garbage need not send back thousands. */
    static final int MAX_REPORTED = 100;

    private final transient List<CodeError> errors;

    CodeErrorsException(String language, List<CodeError> errors) {
        super(HttpStatus.BAD_REQUEST, "code_errors", "The " + language + " code has " + errors.size()
                + " error(s); the first is " + errors.getFirst() + ".");
        this.errors = List.copyOf(errors.subList(0, Math.min(MAX_REPORTED, errors.size())));
    }

    public List<CodeError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors.stream().map(e -> {
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("line", e.line());
            error.put("column", e.column());
            error.put("message", e.message());
            e.suggestionText().ifPresent(s -> error.put("suggestion", s));
            return error;
        }).toList());
    }

}
