package com.autograph.shared.redis;

import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How AutoGraph names things in Redis, and how long they live. One place, so that every service
 * (and every operator reading {@code redis-cli --scan}) sees the same layout:
 * <ul>
 * <li>{@code session:{id}} — a login session, {@code session-ttl} (24 h)</li>
 * <li>{@code cache:{name}::{key}} — read-through caches, {@code cache-ttl} (5 min)</li>
 * <li>{@code file:{fileId}} — the pub/sub channel of one file's events</li>
 * </ul>
 * {@code key-prefix} namespaces all of it, for a Redis shared between deployments (or test classes).
 */
@Validated
@ConfigurationProperties("autograph.redis")
public record RedisKeyspace(
        @DefaultValue("") String keyPrefix,
        @NotNull @DefaultValue("24h") Duration sessionTtl,
        @NotNull @DefaultValue("5m") Duration cacheTtl) {

    public String sessionKey(String sessionId) {
        return keyPrefix + "session:" + sessionId;
    }

    public String cachePrefix() {
        return keyPrefix + "cache:";
    }

    /**
     * The gateway's cached answer for an API key, by the key's SHA-256 (what auth-service stores):
     * written by the gateway, deleted by auth-service when the key is revoked.
     */
    public String apiKeyCacheKey(String keySha256) {
        return cachePrefix() + "api-key::" + keySha256;
    }

    public String fileChannel(UUID fileId) {
        return keyPrefix + "file:" + fileId;
    }
}
