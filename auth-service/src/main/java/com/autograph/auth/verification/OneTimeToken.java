package com.autograph.auth.verification;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A single-use link token (only its hash is stored). */
@Entity
@Table(name = "one_time_tokens")
class OneTimeToken {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String purpose;

    @Column(nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant usedAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected OneTimeToken() {
    }

    OneTimeToken(UUID userId, OneTimeTokens.Purpose purpose, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.userId = userId;
        this.purpose = purpose.value();
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID userId() {
        return userId;
    }

    String purpose() {
        return purpose;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean isUsed() {
        return usedAt != null;
    }

    void markUsed(Instant now) {
        usedAt = now;
    }
}
