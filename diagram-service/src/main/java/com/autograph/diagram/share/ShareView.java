package com.autograph.diagram.share;

import java.time.Instant;
import java.util.UUID;

/**
 * A share as its manager sees it; {@code url} and {@code token} only for links, never a
 * password.
 */
public record ShareView(UUID id, String kind, UUID fileId, UUID sharedWithUserId, String permission, Boolean teamOnly,
        Boolean passwordProtected, UUID versionId, Instant expiresAt, Instant revokedAt, long viewCount,
        Instant lastAccessedAt, UUID sharedBy, Instant createdAt, String token, String url) {

    static ShareView of(Share share, String publicUrl) {
        boolean link = share.token() != null;
        return new ShareView(share.id(), link ? "link" : "user", share.fileId(), share.sharedWithUserId(),
                share.permission(), link ? share.teamOnly() : null, link ? share.passwordHash() != null : null,
                share.versionId(), share.expiresAt(), share.revokedAt(), share.viewCount(), share.lastAccessedAt(),
                share.sharedBy(), share.createdAt(), share.token(), link ? publicUrl + "/s/" + share.token() : null);
    }
}
