package com.autograph.shared.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id that ties together every log line and downstream call of one
 * request.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-ID";

    /**
     * MDC key; structured (JSON) log lines carry it as a top-level field of this name.
     */
    public static final String MDC_KEY = "correlation_id";

    public static final String TRACEPARENT_HEADER = "traceparent";

    // Client-supplied ids end up in logs and headers: refuse anything that could forge
    // log fields
    // or smuggle header content.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {
    }

    /** The incoming id when it is well formed, otherwise a new random UUID. */
    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

}
