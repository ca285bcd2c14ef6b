package com.autograph.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What every stored credential of a user has (refresh tokens, link tokens, API keys,
 * backup codes): an id, its user and when it was made. The secret itself is only ever
 * stored hashed, in the subclass's own column.
 */
@MappedSuperclass
public abstract class UserSecret {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID userId;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected UserSecret() {
    }

    protected UserSecret(UUID userId, Instant createdAt) {
        this.userId = userId;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** A secret that works once: a link token, a backup code. */
    @MappedSuperclass
    public abstract static class SingleUse extends UserSecret {

        private Instant usedAt;

        protected SingleUse() {
        }

        protected SingleUse(UUID userId, Instant createdAt) {
            super(userId, createdAt);
        }

        public boolean isUsed() {
            return usedAt != null;
        }

        public void markUsed(Instant now) {
            usedAt = now;
        }

    }

}
