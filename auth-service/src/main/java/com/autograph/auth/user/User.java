package com.autograph.auth.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account (table {@code users}, owned by auth-service). */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private String email;

    private String passwordHash;

    @Column(nullable = false)
    private String fullName;

    @Column(nullable = false)
    private String role = Role.EDITOR.value();

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "is_verified", nullable = false)
    private boolean verified;

    @Column(nullable = false)
    private boolean mfaEnabled;

    private String mfaSecret;

    @Column(nullable = false)
    private int failedLoginCount;

    private Instant lockedAt;

    private String lockedReason;

    private Instant lastLoginAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    protected User() {
    }

    public User(String email, String passwordHash, String fullName) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.fullName = fullName;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String fullName() {
        return fullName;
    }

    public Role role() {
        return Role.of(role);
    }

    public boolean isActive() {
        return active;
    }

    public boolean isVerified() {
        return verified;
    }

    public boolean isMfaEnabled() {
        return mfaEnabled;
    }

    public boolean isLocked() {
        return lockedAt != null;
    }

    public int failedLoginCount() {
        return failedLoginCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    /**
     * @return true when this failure locked the account
     */
    public boolean recordFailedLogin(int lockThreshold, Instant now) {
        failedLoginCount++;
        if (failedLoginCount >= lockThreshold && lockedAt == null) {
            lockedAt = now;
            lockedReason = "too_many_failed_logins";
            return true;
        }
        return false;
    }

    public void recordSuccessfulLogin(Instant now) {
        failedLoginCount = 0;
        lastLoginAt = now;
    }

    /**
     * The encrypted TOTP secret: pending while {@code mfaEnabled} is false, active once
     * true.
     */
    public String mfaSecret() {
        return mfaSecret;
    }

    public void startMfaEnrolment(String encryptedSecret) {
        mfaSecret = encryptedSecret;
        mfaEnabled = false;
    }

    public void enableMfa() {
        mfaEnabled = true;
    }

    public void disableMfa() {
        mfaEnabled = false;
        mfaSecret = null;
    }

    public void markVerified() {
        verified = true;
    }

    public void changePasswordHash(String newHash) {
        passwordHash = newHash;
    }

    public void changeRole(Role newRole) {
        role = newRole.value();
    }

    public void deactivate() {
        active = false;
    }

    public void unlock() {
        lockedAt = null;
        lockedReason = null;
        failedLoginCount = 0;
    }

}
