package com.autograph.shared.error;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place a servlet service turns exceptions into {@code application/problem+json}.
 * Services that need more handlers extend this class and annotate the subclass with
 * {@code @RestControllerAdvice}; the auto-configured instance then steps aside.
 */
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /** What a detail must never show: packages, nested classes, generic signatures. */
    static final Pattern JAVA_NAMES = Pattern.compile(
            "[A-Z][a-zA-Z]+\\$|\\b(java|javax|jakarta|tools\\.jackson|org\\.springframework|com\\.autograph)\\.|[A-Za-z]<");

    /**
     * PostgreSQL's refusals of NUL and unpaired surrogates (and the driver's, for NUL in
     * a parameter).
     */
    private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

    @ExceptionHandler(ApiException.class)
    protected ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
        return ResponseEntity.status(ex.status()).headers(ex.headers()).body(detailOf(ex));
    }

    private static ProblemDetail detailOf(ApiException ex) {
        ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
        ex.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations()
            .stream()
            .map(v -> Map.of("field", snakeCase(leafName(v.getPropertyPath().toString())), "message", v.getMessage()))
            .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", describe(errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Anything unexpected: log it with the stack trace, tell the caller nothing internal.
     */
    /**
     * A multipart body Tomcat cannot take apart (no boundary, a truncated part): the
     * client's mistake, which would otherwise fall through to the 500 below. A body over
     * the upload limit is {@code MaxUploadSizeExceededException}, answered 413 by the
     * base class.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleUnreadableMultipart(MultipartException ex) {
        return ResponseEntity.badRequest()
            .body(Problems.of(HttpStatus.BAD_REQUEST, "malformed_body",
                    "The multipart body cannot be read: send multipart/form-data with a boundary and complete parts."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (dependencyUnreachable(ex)) {
            // 503, not 500: the gateway's breaker counts this one (the service cannot
            // serve anyone),
            // while a 500 (one request gone wrong) never opens it.
            log.warn("A dependency is unreachable: {}", ex.toString());
            return unavailable("service_unavailable",
                    "The service cannot reach its database or cache right now; try again shortly.");
        }
        if (unstorableText(ex)) {
            // A path the request checks missed (text derived from an import, say): still
            // the client's input.
            log.warn("Text the database cannot store reached it: {}",
                    cause(ex, java.sql.SQLException.class).getMessage());
            return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "invalid_text",
                        "The request contains a character that cannot be stored (NUL or an unpaired surrogate). "
                                + "Remove it and send the request again."));
        }
        log.error("Unhandled exception", ex);
        return ResponseEntity.internalServerError()
            .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "The server failed to handle this request. Quote the correlation_id when reporting it."));
    }

    /**
     * 503 with {@code Retry-After: 5}: something this service depends on failed, not the
     * request, so the same request may work shortly.
     */
    protected static ResponseEntity<ProblemDetail> unavailable(String code, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, "5")
            .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .map(e -> Map.of("field", snakeCase(e.getField()), "message", String.valueOf(e.getDefaultMessage())))
            .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", describe(errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ClientProblem known = cause(ex, ClientProblem.class);
        if (known != null) {
            ApiException problem = known.asProblem();
            return ResponseEntity.status(problem.status()).headers(headers).body(detailOf(problem));
        }
        List<Map<String, String>> errors = fieldErrors(ex);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed_body",
                errors.isEmpty() ? unreadable(ex) : describeFields(errors));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    /**
     * Well-formed JSON with a value of the wrong type ({@code "size": "big"}): the field
     * as the client wrote it and what it should be, instead of Jackson's message naming
     * Java types.
     */
    private static List<Map<String, String>> fieldErrors(HttpMessageNotReadableException ex) {
        DatabindException databind = cause(ex, DatabindException.class);
        if (databind == null || databind.getPath().isEmpty()) {
            return List.of();
        }
        String field = fieldPath(databind.getPath());
        String message;
        if (databind instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        }
        else if (databind instanceof MismatchedInputException mismatch) {
            message = expected(mismatch.getTargetType());
        }
        else {
            message = "has an invalid value";
        }
        return List.of(Map.of("field", field, "message", message));
    }

    /**
     * Not JSON, no body, or the wrong JSON at the top: said without Jackson's or Spring's
     * internals.
     */
    private static String unreadable(HttpMessageNotReadableException ex) {
        MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
        if (mismatch != null && mismatch.getTargetType() != null && mismatch.getPath().isEmpty()) {
            return "The request body " + expected(mismatch.getTargetType()) + ".";
        }
        JacksonException json = cause(ex, JacksonException.class);
        if (json != null) {
            TokenStreamLocation at = json.getLocation();
            return at == null || at.getLineNr() < 1 ? "The request body is not valid JSON."
                    : "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                            + ").";
        }
        return "The request body is missing or unreadable; this endpoint expects a JSON body.";
    }

    /**
     * No connection to PostgreSQL or Redis (refused, pool timed out): not about this
     * request.
     */
    private static boolean dependencyUnreachable(Exception ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unstorableText(Exception ex) {
        java.sql.SQLException sql = cause(ex, java.sql.SQLException.class);
        return sql != null && (UNSTORABLE_TEXT.contains(sql.getSQLState())
                || (String.valueOf(sql.getMessage()).contains("Zero bytes may not occur")));
    }

    private static <T> T cause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "must be a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date-time such as 2030-01-31T12:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase()).toList();
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    /**
     * {@code /files/abc} where a UUID belongs, {@code ?page=x}: the parameter and what it
     * must be.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        List<Map<String, String>> errors = List
            .of(Map.of("field", String.valueOf(name), "message", expected(ex.getRequiredType())));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed",
                describeFields(errors).replace("Field '", "Parameter '"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    /**
     * Constraints on parameters ({@code @Size} on a {@code @RequestParam}): each
     * parameter named.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults()
            .stream()
            .flatMap(result -> result.getResolvableErrors()
                .stream()
                .map(error -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()), "message",
                        String.valueOf(error.getDefaultMessage()))))
            .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation_failed", describe(errors));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "not_found", "There is no endpoint "
                + ex.getHttpMethod() + " /" + ex.getResourcePath() + "; check the method and path.");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(problem);
    }

    /** Spring's own problems (404 no handler, 405, 415 …) get a stable code too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            Problems.decorate(problem, codeFor(statusCode));
        }
        // Spring's own details may quote a method signature or a Java type; the client
        // gets the status's words.
        if (body instanceof ProblemDetail problem && problem.getDetail() != null
                && JAVA_NAMES.matcher(problem.getDetail()).find()) {
            HttpStatus known = HttpStatus.resolve(statusCode.value());
            problem.setDetail(known == null ? "The request failed." : known.getReasonPhrase() + ".");
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase();
    }

    /** "Field 'size' must be a number." */
    private static String describeFields(List<Map<String, String>> errors) {
        return String.join(" ",
                errors.stream().map(e -> "Field '" + e.get("field") + "' " + e.get("message") + ".").toList());
    }

    private static String describe(List<Map<String, String>> errors) {
        return errors.isEmpty() ? "The request is invalid." : "Invalid request: "
                + String.join("; ", errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()) + ".";
    }

    /**
     * Field names as the client wrote them: the API is snake_case (fullName → full_name).
     */
    static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String leafName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

}
