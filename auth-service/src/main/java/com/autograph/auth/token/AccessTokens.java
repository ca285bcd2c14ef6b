package com.autograph.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import org.springframework.stereotype.Component;

import com.autograph.auth.AuthProperties;

/**
 * Issues access tokens: HS256 JWTs with {@code sub} (user id), {@code email},
 * {@code email_verified}, {@code roles}, {@code team_ids}, {@code team_roles} (team id →
 * role), {@code sid} (session), {@code iss}, {@code iat}, {@code exp}, {@code jti}. Only
 * the gateway verifies them (Spring Security's resource server); auth-service, like every
 * service, reads the identity the gateway signed. jjwt stays the signer, the library
 * DESIGN.md names: issuing is one builder call, and the two sides meet in the standard
 * JWS format, not in a shared library.
 */
@Component
public class AccessTokens {

    private final SecretKey key;

    private final AuthProperties.Jwt settings;

    private final Clock clock;

    AccessTokens(AuthProperties properties, Clock clock) {
        this.settings = properties.jwt();
        this.key = Keys.hmacShaKeyFor(settings.secret().getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public String issue(UUID userId, String email, boolean emailVerified, List<String> roles,
            Map<String, String> teamRoles, UUID sessionId) {
        Instant now = clock.instant();
        return Jwts.builder()
            .issuer(settings.issuer())
            .subject(userId.toString())
            .id(UUID.randomUUID().toString())
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(settings.accessTokenTtl())))
            .claim("email", email)
            .claim("email_verified", emailVerified)
            .claim("roles", roles)
            .claim("team_ids", List.copyOf(teamRoles.keySet()))
            .claim("team_roles", teamRoles)
            .claim("sid", sessionId.toString())
            .signWith(key, Jwts.SIG.HS256)
            .compact();
    }

    public long ttlSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }

}
