package com.autograph.shared.error;

import java.net.URI;

import org.slf4j.MDC;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import com.autograph.shared.correlation.CorrelationId;

/** Builds the RFC 9457 problem documents every AutoGraph service returns. */
public final class Problems {

    /**
     * Problem types are URNs: stable, documented in docs/operations.md (Errors), not tied
     * to a host name.
     */
    public static final String TYPE_PREFIX = "urn:autograph:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return decorate(problem, code);
    }

    /** Adds the stable code, its type URI and the correlation id to any problem. */
    public static ProblemDetail decorate(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setProperty("code", code);
        String correlationId = MDC.get(CorrelationId.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlation_id", correlationId);
        }
        return problem;
    }

}
