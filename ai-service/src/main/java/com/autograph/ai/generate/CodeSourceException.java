package com.autograph.ai.generate;

/**
 * A source could not answer. {@code status} is the HTTP status the API should answer with
 * once no other source is left (422 for "nothing diagrammable", 502/503/504 for provider
 * failures, 429 for a provider's rate limit); the message names the source and the reason
 * and never contains the prompt.
 */
public class CodeSourceException extends RuntimeException {

    private final int status;

    public CodeSourceException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return this.status;
    }

}
