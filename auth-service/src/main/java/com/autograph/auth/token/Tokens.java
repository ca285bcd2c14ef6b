package com.autograph.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.autograph.auth.AuthProperties;
import com.autograph.auth.SecureTokens;
import com.autograph.auth.audit.AuditAction;
import com.autograph.auth.audit.AuditLog;
import com.autograph.auth.session.Sessions;
import com.autograph.auth.user.User;
import com.autograph.auth.user.UserRepository;
import com.autograph.shared.error.ApiException;

/**
 * Access and refresh tokens of sessions. Refresh rotates: the presented token stops
 * working and a new one of the same family (session) is returned. Presenting an already
 * rotated token means a copy leaked, so the whole session is ended (RFC 6819 §5.2.2.3 /
 * OAuth 2.0 Security BCP).
 */
@Service
public class Tokens {

    private final RefreshTokenRepository refreshTokens;

    private final AccessTokens accessTokens;

    private final Sessions sessions;

    private final UserRepository users;

    private final AuditLog audit;

    private final AuthProperties.Jwt settings;

    private final Clock clock;

    Tokens(RefreshTokenRepository refreshTokens, AccessTokens accessTokens, Sessions sessions, UserRepository users,
            AuditLog audit, AuthProperties properties, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.settings = properties.jwt();
        this.clock = clock;
    }

    /** Tokens for a session that has just started. */
    @Transactional
    public TokenPair issue(User user, UUID sessionId) {
        return TokenPair.bearer(accessToken(user, sessionId), newRefreshToken(user.id(), sessionId),
                accessTokens.ttlSeconds());
    }

    @Transactional(noRollbackFor = ApiException.class)
    public TokenPair refresh(String presented) {
        RefreshToken token = refreshTokens.findByTokenHash(SecureTokens.sha256(presented == null ? "" : presented))
            .orElseThrow(Tokens::invalidRefreshToken);
        Instant now = clock.instant();
        if (token.isRevoked() || token.expiresAt().isBefore(now)) {
            throw invalidRefreshToken();
        }
        if (token.isRotated() || refreshTokens.markRotated(token.id(), now) == 0) {
            refreshTokens.revokeSession(token.sessionId(), now);
            sessions.end(token.sessionId(), token.userId());
            audit.failure(AuditAction.REFRESH_REUSE, token.userId(), "rotated_refresh_token_reused",
                    Map.of("session_id", token.sessionId()));
            throw invalidRefreshToken();
        }
        if (sessions.use(token.sessionId(), token.userId()).isEmpty()) {
            refreshTokens.revokeSession(token.sessionId(), now);
            throw invalidRefreshToken();
        }
        User user = users.findById(token.userId())
            .filter(u -> u.isActive() && !u.isLocked())
            .orElseThrow(Tokens::invalidRefreshToken);
        audit.success(AuditAction.REFRESH, user.id(), Map.of("session_id", token.sessionId()));
        return TokenPair.bearer(accessToken(user, token.sessionId()), newRefreshToken(user.id(), token.sessionId()),
                accessTokens.ttlSeconds());
    }

    @Transactional
    public void revokeSession(UUID sessionId) {
        refreshTokens.revokeSession(sessionId, clock.instant());
    }

    @Transactional
    public void revokeUser(UUID userId) {
        refreshTokens.revokeUser(userId, clock.instant());
    }

    private String accessToken(User user, UUID sessionId) {
        Map<String, String> teams = new TreeMap<>();
        for (Object[] row : users.findTeamRoles(user.id())) {
            teams.put(row[0].toString(), row[1].toString());
        }
        return accessTokens.issue(user.id(), user.email(), user.isVerified(), List.of(user.role().value()), teams,
                sessionId);
    }

    private String newRefreshToken(UUID userId, UUID sessionId) {
        String token = SecureTokens.newToken();
        Instant now = clock.instant();
        refreshTokens.save(new RefreshToken(userId, sessionId, SecureTokens.sha256(token), now,
                now.plus(settings.refreshTokenTtl())));
        return token;
    }

    private static ApiException invalidRefreshToken() {
        return ApiException.unauthorized("invalid_refresh_token",
                "The refresh token is unknown, expired, revoked or already used. Log in again.");
    }

}
