package com.autograph.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.autograph.auth.UserSecret;

/**
 * A machine credential: only the SHA-256 of the key and its visible prefix are stored.
 */
@Entity
@Table(name = "api_keys")
class ApiKey extends UserSecret {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String keyPrefix;

    @Column(nullable = false)
    private String keyHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> scopes;

    private Instant expiresAt;

    private Instant lastUsedAt;

    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID userId, String name, String keyPrefix, String keyHash, List<String> scopes, Instant expiresAt,
            Instant createdAt) {
        super(userId, createdAt);
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.keyHash = keyHash;
        this.scopes = List.copyOf(scopes);
        this.expiresAt = expiresAt;
    }

    String name() {
        return name;
    }

    String keyHash() {
        return keyHash;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    List<String> scopes() {
        return scopes;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    boolean isUsable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    /**
     * Written at most once a minute per key: verification is on every API-key request.
     */
    boolean touch(Instant now) {
        if (lastUsedAt == null || lastUsedAt.plusSeconds(60).isBefore(now)) {
            lastUsedAt = now;
            return true;
        }
        return false;
    }

}
