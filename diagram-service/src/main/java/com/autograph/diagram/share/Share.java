package com.autograph.diagram.share;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file shared with one user, or a share link (token) anyone holding it may use. */
@Entity
@Table(name = "shares")
class Share {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false)
    private UUID fileId;

    private UUID sharedBy;

    private UUID sharedWithUserId;

    private String token;

    @Column(nullable = false)
    private String permission;

    @Column(nullable = false)
    private boolean isPublic;

    @Column(nullable = false)
    private boolean teamOnly;

    private String passwordHash;

    private UUID versionId;

    private Instant expiresAt;

    private Instant revokedAt;

    @Column(nullable = false)
    private long viewCount;

    private Instant lastAccessedAt;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected Share() {
    }

    static Share withUser(UUID fileId, UUID userId, String permission, UUID sharedBy, Instant now) {
        Share share = new Share();
        share.fileId = fileId;
        share.sharedWithUserId = userId;
        share.permission = permission;
        share.sharedBy = sharedBy;
        share.createdAt = now;
        return share;
    }

    static Share link(UUID fileId, String token, String permission, boolean teamOnly, String passwordHash,
            UUID versionId, Instant expiresAt, UUID sharedBy, Instant now) {
        Share share = new Share();
        share.fileId = fileId;
        share.token = token;
        share.permission = permission;
        share.isPublic = !teamOnly;
        share.teamOnly = teamOnly;
        share.passwordHash = passwordHash;
        share.versionId = versionId;
        share.expiresAt = expiresAt;
        share.sharedBy = sharedBy;
        share.createdAt = now;
        return share;
    }

    UUID id() {
        return id;
    }

    UUID fileId() {
        return fileId;
    }

    UUID sharedBy() {
        return sharedBy;
    }

    UUID sharedWithUserId() {
        return sharedWithUserId;
    }

    String token() {
        return token;
    }

    String permission() {
        return permission;
    }

    boolean teamOnly() {
        return teamOnly;
    }

    String passwordHash() {
        return passwordHash;
    }

    UUID versionId() {
        return versionId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    long viewCount() {
        return viewCount;
    }

    Instant lastAccessedAt() {
        return lastAccessedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    void changePermission(String permission) {
        this.permission = permission;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    void recordAccess(Instant now) {
        viewCount++;
        lastAccessedAt = now;
    }

}
