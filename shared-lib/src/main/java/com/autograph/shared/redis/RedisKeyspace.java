package com.autograph.shared.redis;

import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How AutoGraph names things in Redis, and how long they live. One place, so that every
 * service (and every operator reading {@code redis-cli --scan}) sees the same layout:
 * <ul>
 * <li>{@code session:{id}} — a login session ({@link SessionHash}), written by
 * auth-service</li>
 * <li>{@code cache:{name}::{key}} — read-through caches, {@code cache-ttl} (5 min)</li>
 * <li>{@code file:{fileId}} — the pub/sub channel of one file's events</li>
 * <li>{@code user:{userId}} — the pub/sub channel of events addressed to one user</li>
 * <li>{@code ratelimit:{user|ip}:{id}} and {@code idempotency:{scope}:{sha256}} — the
 * gateway's request counters and stored answers</li>
 * </ul>
 * {@code key-prefix} namespaces all of it, for a Redis shared between deployments (or
 * test classes).
 */
@Validated
@ConfigurationProperties("autograph.redis")
public record RedisKeyspace(@DefaultValue("") String keyPrefix, @NotNull @DefaultValue("5m") Duration cacheTtl) {

    public String sessionKey(String sessionId) {
        return keyPrefix + "session:" + sessionId;
    }

    public String cachePrefix() {
        return keyPrefix + "cache:";
    }

    /**
     * The gateway's cached answer for an API key, by the key's SHA-256 (what auth-service
     * stores): written by the gateway, deleted by auth-service when the key is revoked.
     */
    public String apiKeyCacheKey(String keySha256) {
        return cachePrefix() + "api-key::" + keySha256;
    }

    /**
     * The gateway's request counter of one client ({@code type} {@code user} or
     * {@code ip}) in the current window.
     */
    public String rateLimitKey(String type, String id) {
        return keyPrefix + "ratelimit:" + type + ":" + id;
    }

    /**
     * The gateway's record of one {@code Idempotency-Key}: {@code scope} is whose
     * ({@code user:<id>} or {@code ip:<address>}), {@code keySha256} the key's SHA-256
     * (clients choose it).
     */
    public String idempotencyKey(String scope, String keySha256) {
        return keyPrefix + "idempotency:" + scope + ":" + keySha256;
    }

    public String fileChannel(UUID fileId) {
        return keyPrefix + "file:" + fileId;
    }

    /** Channel of events addressed to one user (team invitations, notifications). */
    public String userChannel(UUID userId) {
        return keyPrefix + "user:" + userId;
    }

    /** Pattern matching every {@link #userChannel user channel}, for subscribers. */
    public String userChannelPattern() {
        return keyPrefix + "user:*";
    }
}
