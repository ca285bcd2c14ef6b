package com.autograph.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private final Instant issued = Instant.parse("2026-11-22T10:00:00Z");

    private final AtomicInteger decoded = new AtomicInteger();

    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);

    private Jwt jwt(String token) {
        return Jwt.withTokenValue(token)
            .header("alg", "HS256")
            .subject("u-1")
            .issuedAt(issued)
            .expiresAt(issued.plus(Duration.ofHours(1)))
            .build();
    }

    private VerifiedTokenCache cache() {
        return new VerifiedTokenCache(token -> {
            decoded.incrementAndGet();
            return token.startsWith("good") ? Mono.just(jwt(token)) : Mono.error(new BadJwtException("bad signature"));
        }, timestamps);
    }

    private void at(Instant now) {
        timestamps.setClock(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aVerifiedTokenIsParsedAndCheckedOnce() {
        at(issued.plusSeconds(10));
        VerifiedTokenCache cache = cache();
        assertThat(cache.decode("good-1").block().getSubject()).isEqualTo("u-1");
        assertThat(cache.decode("good-1").block().getSubject()).isEqualTo("u-1");
        assertThat(decoded).hasValue(1);
        cache.decode("good-2").block();
        assertThat(decoded).hasValue(2);
    }

    @Test
    void expiryIsStillCheckedOnEveryUse() {
        at(issued.plusSeconds(10));
        VerifiedTokenCache cache = cache();
        cache.decode("good-1").block();
        at(issued.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> cache.decode("good-1").block()).isInstanceOf(JwtValidationException.class)
            .hasMessageContaining("expired");
        assertThat(decoded).hasValue(1);
    }

    @Test
    void aFailedTokenIsNeverCached() {
        VerifiedTokenCache cache = cache();
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(decoded).hasValue(2);
    }

}
