package com.autograph.auth.mfa;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One single-use MFA backup code, stored as a bcrypt hash. */
@Entity
@Table(name = "mfa_backup_codes")
class BackupCode {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String codeHash;

    private Instant usedAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected BackupCode() {
    }

    BackupCode(UUID userId, String codeHash, Instant createdAt) {
        this.userId = userId;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
    }

    String codeHash() {
        return codeHash;
    }

    boolean isUsed() {
        return usedAt != null;
    }

    void markUsed(Instant now) {
        usedAt = now;
    }
}
