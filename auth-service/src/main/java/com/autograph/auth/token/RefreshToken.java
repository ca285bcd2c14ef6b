package com.autograph.auth.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.autograph.auth.UserSecret;

/** One refresh token of a session's rotation family; only its hash is stored. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken extends UserSecret {

    @Column(nullable = false)
    private UUID sessionId;

    @Column(nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant rotatedAt;

    private Instant revokedAt;

    protected RefreshToken() {
    }

    RefreshToken(UUID userId, UUID sessionId, String tokenHash, Instant createdAt, Instant expiresAt) {
        super(userId, createdAt);
        this.sessionId = sessionId;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
    }

    UUID sessionId() {
        return sessionId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean isRotated() {
        return rotatedAt != null;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

}
