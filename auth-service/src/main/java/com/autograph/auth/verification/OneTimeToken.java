package com.autograph.auth.verification;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.autograph.auth.UserSecret;

/** A single-use link token (only its hash is stored). */
@Entity
@Table(name = "one_time_tokens")
class OneTimeToken extends UserSecret.SingleUse {

    @Column(nullable = false)
    private String purpose;

    @Column(nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private Instant expiresAt;

    protected OneTimeToken() {
    }

    OneTimeToken(UUID userId, OneTimeTokens.Purpose purpose, String tokenHash, Instant createdAt, Instant expiresAt) {
        super(userId, createdAt);
        this.purpose = purpose.value();
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
    }

    String purpose() {
        return purpose;
    }

    Instant expiresAt() {
        return expiresAt;
    }

}
