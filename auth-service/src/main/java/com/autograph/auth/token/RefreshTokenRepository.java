package com.autograph.auth.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /**
     * Compare-and-set, so two concurrent refreshes with one token cannot both succeed.
     */
    @Modifying
    @Query("UPDATE RefreshToken t SET t.rotatedAt = :now WHERE t.id = :id AND t.rotatedAt IS NULL AND t.revokedAt IS NULL")
    int markRotated(UUID id, Instant now);

    @Modifying
    @Query("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.sessionId = :sessionId AND t.revokedAt IS NULL")
    int revokeSession(UUID sessionId, Instant now);

    @Modifying
    @Query("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.userId = :userId AND t.revokedAt IS NULL")
    int revokeUser(UUID userId, Instant now);

}
