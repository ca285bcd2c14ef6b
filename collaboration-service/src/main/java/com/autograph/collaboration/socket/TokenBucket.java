package com.autograph.collaboration.socket;

/** {@code capacity} tokens, refilled at {@code perSecond}; one message takes one. */
final class TokenBucket {

    private final int capacity;

    private final double perMilli;

    private double tokens;

    private long updatedAt;

    TokenBucket(int capacity, int perSecond, long now) {
        this.capacity = capacity;
        this.perMilli = perSecond / 1000.0;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    synchronized boolean take(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - updatedAt) * perMilli);
        updatedAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

}
