package com.autograph.ai.provider;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.langchain4j.exception.HttpException;

/**
 * Why one provider could not answer: the HTTP status the API answers with once no other
 * provider is left, a reason for people (never the prompt, never the provider's own error
 * text, which may echo it) and a short tag for metrics.
 */
record ProviderFailure(int status, String reason, String tag) {

    static final ProviderFailure CIRCUIT_OPEN = new ProviderFailure(503,
            "skipped, circuit open after repeated failures", "circuit_open");

    static final ProviderFailure NO_CODE = new ProviderFailure(502, "answered without any text", "empty_answer");

    static ProviderFailure timedOut(Duration after) {
        return new ProviderFailure(504, "timed out after " + after.toMillis() + " ms", "timeout");
    }

    /** What a failed call means, from its exception (LangChain4j's or the JDK's). */
    static ProviderFailure of(Throwable error, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return ofStatus(http.statusCode(), timeout);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return timedOut(timeout);
            }
            if (t instanceof ConnectException) {
                return new ProviderFailure(502, "unreachable (connection refused)", "unreachable");
            }
            if (t instanceof dev.langchain4j.exception.AuthenticationException) {
                return ofStatus(401, timeout);
            }
            if (t instanceof dev.langchain4j.exception.RateLimitException) {
                return ofStatus(429, timeout);
            }
        }
        return new ProviderFailure(502, "failed (" + error.getClass().getSimpleName() + ")", "error");
    }

    static ProviderFailure ofStatus(int status, Duration timeout) {
        return switch (status) {
            case 401 -> new ProviderFailure(502, "invalid API key (401)", "auth");
            case 403 -> new ProviderFailure(502, "access denied (403)", "auth");
            case 404 -> new ProviderFailure(502, "model or endpoint not found (404)", "not_found");
            case 408 -> timedOut(timeout);
            case 429 -> new ProviderFailure(429, "rate limited (429)", "rate_limited");
            default -> status >= 500 ? new ProviderFailure(502, "server error (" + status + ")", "server_error")
                    : new ProviderFailure(502, "rejected the request (" + status + ")", "rejected");
        };
    }

}
