package com.autograph.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import com.autograph.shared.redis.RedisKeyspace;
import com.autograph.shared.redis.SessionHash;

/**
 * A valid signature is not enough: the token's session ({@code sid}) must still exist in
 * Redis ({@code session:{sid}}, written and ended by auth-service, fields named by
 * {@link SessionHash}) and belong to the token's user ({@code sub}): a token that names
 * someone else's session is refused. So a logout, a revoked session or a detected token
 * theft stops the session's access tokens at the gateway at once, not when they expire.
 * This is the only session check of a request: services, auth-service included, trust the
 * identity the gateway signs. Sessions without remember-me also end after
 * {@code idleTimeout} without use, and every request through the gateway is a use: it
 * slides {@code last_seen_at} ({@link SessionHash#slideDue}), so time spent in any
 * service keeps the session alive. If Redis does not answer, the check is skipped
 * (counted and logged): the signature and expiry still hold, and an outage of Redis must
 * not lock every user out.
 *
 * <p>
 * The session's fields are read in the same Redis call as the rate-limit counters when
 * limits are on ({@code RateLimitFilter}: one round trip per request instead of two);
 * {@link #check} reads them alone otherwise.
 */
public class SessionCheck {

    private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);

    private static final List<Object> FIELDS = List.copyOf(SessionHash.CHECKED);

    private final ReactiveStringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final Duration idleTimeout;

    private final ServerAuthenticationEntryPoint entryPoint;

    private final Clock clock;

    private final Counter unchecked;

    /** {@code entryPoint} answers for an ended session (401 with a challenge). */
    public SessionCheck(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace, Duration idleTimeout,
            ServerAuthenticationEntryPoint entryPoint, MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.idleTimeout = idleTimeout;
        this.entryPoint = entryPoint;
        this.clock = clock;
        this.unchecked = Counter.builder("gateway.session.check.unavailable")
            .description("Access tokens let through unchecked because Redis did not answer")
            .register(meters);
    }

    /** At authentication, without Redis: an access token must name its session. */
    static void requireSession(Jwt token) {
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null || sessionId.isBlank()) {
            throw new InvalidBearerTokenException("The token names no session");
        }
    }

    /**
     * The session hash of a caller that signed in with an access token; null for API keys
     * and anonymous calls.
     */
    public String sessionKey(Caller caller) {
        if (caller == null || !"jwt".equals(caller.identity().method()) || caller.identity().sessionId().isEmpty()) {
            return null;
        }
        return keyspace.sessionKey(caller.identity().sessionId());
    }

    /** The hash fields a check reads, in {@link #decide}'s order. */
    public List<String> fields() {
        return SessionHash.CHECKED;
    }

    /**
     * Reads the session on its own; fails with {@link InvalidBearerTokenException} when
     * it has ended or is not {@code userId}'s.
     */
    public Mono<Void> check(String key, String userId) {
        return redis.opsForHash()
            .multiGet(key, FIELDS)
            .flatMap(values -> decide(key, userId, values))
            .onErrorResume(error -> !(error instanceof InvalidBearerTokenException), error -> {
                unavailable(error);
                return Mono.empty();
            });
    }

    /**
     * Reads the session on its own and goes on with {@code chain} as the session knows
     * the caller now ({@link #current}); an ended session answers 401 instead. If Redis
     * does not answer, the request goes on as the token says.
     */
    public Mono<Void> checkThenContinue(String key, Caller caller, ServerWebExchange exchange, WebFilterChain chain) {
        return redis.opsForHash().multiGet(key, FIELDS).<List<?>>map(values -> values).onErrorResume(error -> {
            unavailable(error);
            return Mono.just(List.of());
        })
            .flatMap(values -> values.isEmpty() ? chain.filter(exchange)
                    : thenContinue(decide(key, caller.identity().userId(), values), exchange,
                            () -> continueAs(current(caller, values), exchange, chain)));
    }

    /**
     * The caller as its session knows it now ({@code values}: the session's
     * {@link #fields}): team roles auth-service wrote into the session after a membership
     * change ({@link SessionHash#TEAMS}) replace the token's claim, so a removed member
     * loses the team at the next request, not when the token expires.
     */
    public Caller current(Caller caller, List<?> values) {
        Object teams = values.size() > 3 ? values.get(3) : null;
        return SessionHash.decodeTeams(teams)
            .filter(roles -> !roles.equals(caller.identity().teams()))
            .map(caller::withTeams)
            .orElse(caller);
    }

    /**
     * {@code chain} continued with {@code caller} as the authenticated caller of the rest
     * of the exchange (the identity headers are signed from it).
     */
    public static Mono<Void> continueAs(Caller caller, ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller));
    }

    /**
     * A session check that could not be made because Redis did not answer: counted and
     * logged, then let through.
     */
    public void unavailable(Throwable error) {
        unchecked.increment();
        log.warn("Session check skipped, Redis did not answer: {}", error.getMessage());
    }

    /**
     * The session's fields ({@link #fields}, null when missing) decide: ended, idle too
     * long or another user's ({@code userId} is the token's {@code sub}) is an
     * {@link InvalidBearerTokenException}; alive completes (sliding {@code last_seen_at}
     * when due).
     */
    public Mono<Void> decide(String key, String userId, List<?> values) {
        if (values.stream().allMatch(value -> value == null)) {
            return Mono.error(new InvalidBearerTokenException("The session has ended"));
        }
        // A token is signed, but its sub and sid are two claims: both must name the same
        // login.
        if (values.get(0) == null || !values.get(0).toString().equals(userId)) {
            return Mono.error(new InvalidBearerTokenException("The token's session is not its user's"));
        }
        Instant lastSeen = instant(values.get(1));
        if (lastSeen == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        if (SessionHash.isIdle(lastSeen, Boolean.parseBoolean(String.valueOf(values.get(2))), now, idleTimeout)) {
            return Mono.error(new InvalidBearerTokenException(
                    "The session has ended after " + idleTimeout.toMinutes() + " min without use"));
        }
        if (!SessionHash.slideDue(lastSeen, now, idleTimeout)) {
            return Mono.empty();
        }
        return redis.execute(SessionHash.SLIDE, List.of(key), List.of(now.toString()))
            .then()
            .onErrorResume(error -> Mono.empty());
    }

    /**
     * Goes on with {@code next} once {@code sessionCheck} completes; an ended session
     * answers 401 through the authentication entry point instead.
     */
    public Mono<Void> thenContinue(Mono<Void> sessionCheck, ServerWebExchange exchange, Supplier<Mono<Void>> next) {
        return sessionCheck.thenReturn(true)
            .onErrorResume(AuthenticationException.class,
                    ended -> entryPoint.commence(exchange, ended).thenReturn(false))
            .flatMap(alive -> alive ? next.get() : Mono.empty());
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        }
        catch (DateTimeParseException unreadable) {
            return null;
        }
    }

}
