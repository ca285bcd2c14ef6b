package com.autograph.auth.mfa;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.autograph.auth.UserSecret;

/** One single-use MFA backup code, stored as a bcrypt hash. */
@Entity
@Table(name = "mfa_backup_codes")
class BackupCode extends UserSecret.SingleUse {

    @Column(nullable = false)
    private String codeHash;

    protected BackupCode() {
    }

    BackupCode(UUID userId, String codeHash, Instant createdAt) {
        super(userId, createdAt);
        this.codeHash = codeHash;
    }

    String codeHash() {
        return codeHash;
    }

}
