package com.autograph.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import com.autograph.shared.redis.RedisKeyspace;

/**
 * A valid signature is not enough: the token's session ({@code sid}) must still exist in Redis
 * ({@code session:{sid}}, written and ended by auth-service). So a logout, a revoked session or a
 * detected token theft stops the session's access tokens at the gateway at once, not when they
 * expire. If Redis does not answer, the check is skipped (counted and logged): the signature and
 * expiry still hold, and an outage of Redis must not lock every user out.
 */
class SessionCheck {

    private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final Counter unchecked;

    SessionCheck(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace, MeterRegistry meters) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.unchecked = Counter.builder("gateway.session.check.unavailable")
                .description("Access tokens let through unchecked because Redis did not answer").register(meters);
    }

    Mono<Void> check(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null || sessionId.isBlank()) {
            return Mono.error(new InvalidBearerTokenException("The token names no session"));
        }
        return redis.hasKey(keyspace.sessionKey(sessionId))
                .onErrorResume(error -> {
                    unchecked.increment();
                    log.warn("Session check skipped, Redis did not answer: {}", error.getMessage());
                    return Mono.just(true);
                })
                .flatMap(alive -> alive ? Mono.<Void>empty()
                        : Mono.error(new InvalidBearerTokenException("The session has ended")));
    }
}
