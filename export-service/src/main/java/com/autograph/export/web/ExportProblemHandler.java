package com.autograph.export.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.autograph.document.InvalidDocumentException;
import com.autograph.document.LimitExceededException;
import com.autograph.document.ValidationError;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.error.ApiProblemHandler;
import com.autograph.shared.error.Problems;
import com.autograph.shared.s3.ObjectStorageException;

/**
 * shared-lib's problem handler plus what export-service adds: documents, model limits,
 * storage, bad ids.
 */
@RestControllerAdvice
class ExportProblemHandler extends ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ExportProblemHandler.class);

    /** A posted document that is not valid: 422 with every problem and where it is. */
    @ExceptionHandler(InvalidDocumentException.class)
    ResponseEntity<ProblemDetail> invalidDocument(InvalidDocumentException ex) {
        return handleApiException(ApiException.unprocessable("invalid_document", ex.getMessage(),
                Map.of("errors", ex.errors().stream().map(ValidationError::fields).toList())));
    }

    /**
     * Source over one of diagram-model's limits: 413 when the input itself is too large,
     * 422 otherwise.
     */
    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException ex) {
        return handleApiException(ApiException.limitExceeded(
                ex.isInputSize() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT,
                ex.getMessage() + ".", ex.limit(), ex.value()));
    }

    /**
     * S3 failed where there is no way round it (a thumbnail or a job's ZIP must be read
     * from there).
     */
    @ExceptionHandler(ObjectStorageException.class)
    ResponseEntity<ProblemDetail> storage(ObjectStorageException ex) {
        log.warn("Object storage failed: {}", ex.getMessage());
        return unavailable("storage_unavailable", "Stored exports cannot be read right now; retry shortly.");
    }

    /**
     * A malformed id in the path names nothing: 404 like an unknown id; elsewhere it is a
     * bad parameter.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not_found",
                        "There is nothing with id " + ex.getValue() + "."));
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "Parameter " + ex.getName() + " has an invalid value.");
        problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", "invalid value")));
        return ResponseEntity.badRequest().body(problem);
    }

}
