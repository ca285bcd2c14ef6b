package com.autograph.diagram.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.autograph.document.ValidationError;
import com.autograph.shared.error.ApiException;

/**
 * canvas_data that fails the document schema: 422 with every error and its JSONPath (as
 * {@code errors}, which shared-lib's handler adds from {@link #properties()}).
 */
public class InvalidDocumentException extends ApiException {

    private final List<ValidationError> errors;

    public InvalidDocumentException(List<ValidationError> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_document", "canvas_data is not a valid diagram document: "
                + errors.getFirst().path().replaceFirst("^\\$", "canvas_data") + " " + errors.getFirst().message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more, see errors)" : "") + ".");
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors.stream().map(ValidationError::fields).toList());
    }

}
