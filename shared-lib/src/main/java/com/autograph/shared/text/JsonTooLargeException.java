package com.autograph.shared.text;

import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.error.ClientProblem;

/**
 * A request body with more JSON tokens than {@link #MAX_TOKENS}: refused while it
 * streams.
 */
public class JsonTooLargeException extends StreamReadException implements ClientProblem {

    /**
     * Tokens one request body may hold. The gateway bounds a body's bytes, but a tree of
     * tiny values ({@code [[],[],…]}) costs far more heap than its bytes: 25 MB of them
     * was a few hundred MB of nodes. 1.5 million tokens is a 20,000-shape document (the
     * import limit) with room to spare, and at worst about 75 MB of tree.
     */
    public static final int MAX_TOKENS = 1_500_000;

    JsonTooLargeException(JsonParser parser, String message) {
        super(parser, message);
    }

    /** 413 {@code limit_exceeded}, naming the limit. */
    @Override
    public ApiException asProblem() {
        return ApiException.limitExceeded(HttpStatus.CONTENT_TOO_LARGE, getOriginalMessage(), "json.max-tokens",
                MAX_TOKENS);
    }

}
