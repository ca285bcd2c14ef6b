package com.autograph.shared.error;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on. {@code code} is stable (clients and docs key on it),
 * {@code detail} tells a person what happened and what to do.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final String code;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem document (e.g. {@code errors}); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** A 422 listing every problem, e.g. each invalid path of a document. */
    public static ApiException unprocessable(String code, String detail, Map<String, Object> properties) {
        return withProperties(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, properties);
    }

    /** A problem with extra members, e.g. {@code errors} naming each field. */
    public static ApiException withProperties(HttpStatus status, String code, String detail,
            Map<String, Object> properties) {
        Map<String, Object> copy = Map.copyOf(properties);
        return new ApiException(status, code, detail) {
            @Override
            public Map<String, Object> properties() {
                return copy;
            }
        };
    }

    /**
     * Over a limit: {@code limit_exceeded} naming the limit ({@code limit}, e.g. its
     * property name) and its value ({@code limit_value}), which clients show.
     */
    public static ApiException limitExceeded(HttpStatus status, String detail, String limit, long value) {
        return withProperties(status, "limit_exceeded", detail, Map.of("limit", limit, "limit_value", value));
    }

    /**
     * Headers the response must carry (Retry-After, WWW-Authenticate …); none by default.
     */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    /**
     * A 401 with the RFC 6750 challenge a client needs to know it must (re)authenticate.
     */
    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail) {
            @Override
            public HttpHeaders headers() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"");
                return headers;
            }
        };
    }

    /**
     * A 429 telling the client when to come back (Retry-After, whole seconds, at least
     * 1).
     */
    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        String retryAfter = Long.toString(Math.max(1, retryAfterSeconds));
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail) {
            @Override
            public HttpHeaders headers() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
                return headers;
            }
        };
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found",
                what + " " + id + " does not exist or is not visible to you.");
    }

}
