package com.autograph.diagram.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.autograph.document.LimitExceededException;
import com.autograph.shared.error.ApiException;
import com.autograph.shared.error.ApiProblemHandler;
import com.autograph.shared.error.Problems;
import com.autograph.shared.s3.ObjectStorageException;

/**
 * shared-lib's problem handler plus what diagram-service adds: diagram-model's limits,
 * lost races, bad ids.
 */
@RestControllerAdvice
class DiagramProblemHandler extends ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(DiagramProblemHandler.class);

    /**
     * Input over one of diagram-model's limits: 413 when the input itself is too large,
     * 422 when what it holds is (too many shapes, too deep, inflating too far). The
     * problem names the limit.
     */
    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceeded(LimitExceededException ex) {
        return handleApiException(ApiException.limitExceeded(
                ex.isInputSize() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT,
                ex.getMessage() + ".", ex.limit(), ex.value()));
    }

    /**
     * Two writers passed the If-Match check at once; the second one's UPDATE matched no
     * row.
     */
    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> lostRace(ObjectOptimisticLockingFailureException ex) {
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
            .body(Problems.of(HttpStatus.PRECONDITION_FAILED, "precondition_failed",
                    "The file changed while you were saving it. Fetch it again (new ETag) and retry."));
    }

    /**
     * S3 failed while an import stored its pictures or an upload was read: nothing was
     * written (the import's transaction rolls back), and a retry later may work.
     */
    @ExceptionHandler(ObjectStorageException.class)
    ResponseEntity<ProblemDetail> storage(ObjectStorageException ex) {
        log.warn("Object storage failed: {}", ex.getMessage());
        return unavailable("storage_unavailable",
                "Stored pictures cannot be written or read right now; retry shortly.");
    }

    /**
     * PostgreSQL cancelled a statement that ran past {@code statement-timeout} (SQLSTATE
     * 57014): the database is too busy or the query is pathological; either way a retry
     * later may work.
     */
    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ProblemDetail> statementTimeout(QueryTimeoutException ex) {
        log.warn("A statement ran past the statement timeout and was cancelled: {}",
                ex.getMostSpecificCause().getMessage());
        return unavailable("database_timeout",
                "The database did not answer in time; the request was cancelled. Try again shortly.");
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
        return ResponseEntity.badRequest().body(invalidParameter(ex.getName(), ex.getValue()));
    }

    /**
     * Query parameters bound to a record ({@code ListParameters}): a value that does not
     * convert ({@code page=two}) is answered as for a single {@code @RequestParam},
     * naming the parameter.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError unconverted = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .filter(FieldError::isBindingFailure)
            .findFirst()
            .orElse(null);
        if (unconverted == null) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        Object value = unconverted.getRejectedValue();
        return ResponseEntity.badRequest()
            .headers(headers)
            .body(invalidParameter(unconverted.getField(), value instanceof Object[] values
                    ? String.join(",", Arrays.stream(values).map(String::valueOf).toList()) : value));
    }

    private static ProblemDetail invalidParameter(String name, Object value) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid_parameter",
                "Parameter " + name + " has an invalid value: " + value + ".");
        problem.setProperty("errors", List.of(Map.of("field", name, "message", "invalid value")));
        return problem;
    }

}
