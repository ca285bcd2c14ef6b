package com.autograph.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.server.WebFilterChain;

import com.autograph.gateway.TestRedis;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.shared.security.TrustedIdentity;
import com.autograph.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What SessionCheck decides from a session hash, against real Redis and a clock the test
 * moves.
 */
class SessionCheckTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private static final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.startingNow();

    private final SessionCheck sessions = new SessionCheck(redis.redis, redis.keyspace, IDLE,
            new ProblemAuthenticationEntryPoint(new ProblemResponses(JsonMapper.builder().build()), "X-API-Key"),
            new SimpleMeterRegistry(), clock);

    @AfterAll
    static void close() {
        redis.close();
    }

    private String session(String id, String userId, Instant lastSeen, boolean rememberMe) {
        String key = redis.keyspace.sessionKey(id);
        redis.redis.opsForHash()
            .putAll(key,
                    Map.of("user_id", userId, "last_seen_at", lastSeen.toString(), "remember_me",
                            Boolean.toString(rememberMe)))
            .block();
        redis.redis.expire(key, Duration.ofMinutes(10)).block();
        return key;
    }

    private String lastSeen(String key) {
        return String.valueOf(redis.redis.opsForHash().get(key, "last_seen_at").block());
    }

    @Test
    void aLiveSessionOfTheTokensUserPasses() {
        String key = session("s-live", "u-1", clock.instant(), false);
        sessions.check(key, "u-1").block();
    }

    @Test
    void anEndedSessionOrAnotherUsersIsRefused() {
        assertThatThrownBy(() -> sessions.check(redis.keyspace.sessionKey("s-gone"), "u-1").block())
            .isInstanceOf(InvalidBearerTokenException.class)
            .hasMessageContaining("session has ended");
        String key = session("s-carol", "carol", clock.instant(), true);
        assertThatThrownBy(() -> sessions.check(key, "alice").block()).isInstanceOf(InvalidBearerTokenException.class)
            .hasMessageContaining("not its user's");
    }

    @Test
    void idleLongerThanTheTimeoutEndsASessionUnlessItIsRememberedAndUseSlidesIt() {
        Instant start = clock.instant();
        String normal = session("s-normal", "u-2", start, false);
        String remembered = session("s-remembered", "u-2", start, true);

        clock.advance(Duration.ofMinutes(20));
        sessions.check(normal, "u-2").block();
        assertThat(lastSeen(normal)).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> sessions.check(normal, "u-2").block()).isInstanceOf(InvalidBearerTokenException.class)
            .hasMessageContaining("30 min without use");
        sessions.check(remembered, "u-2").block();
    }

    @Test
    void useSlidesLastSeenAtOncePerTenthOfTheTimeoutNotPerRequest() {
        Instant start = clock.instant();
        String key = session("s-slide", "u-3", start, false);
        clock.advance(Duration.ofSeconds(59));
        sessions.check(key, "u-3").block();
        assertThat(lastSeen(key)).isEqualTo(start.toString());
        clock.advance(Duration.ofSeconds(1));
        sessions.check(key, "u-3").block();
        assertThat(lastSeen(key)).isEqualTo(clock.instant().toString());
    }

    @Test
    void aSlideNeverRecreatesASessionThatEndedMeanwhile() {
        String key = redis.keyspace.sessionKey("s-ended-meanwhile");
        // The fields as read just before auth-service deleted the hash.
        sessions
            .decide(key, "u-4", Arrays.asList("u-4", clock.instant().minus(Duration.ofMinutes(5)).toString(), "false"))
            .block();
        assertThat(redis.redis.hasKey(key).block()).isFalse();
    }

    @Test
    void anEndedSessionAnswers401AndTheRequestGoesNoFurther() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/diagrams/1"));
        AtomicBoolean continued = new AtomicBoolean();
        sessions
            .thenContinue(sessions.check(redis.keyspace.sessionKey("s-none"), "u-5"), exchange,
                    () -> Mono.fromRunnable(() -> continued.set(true)))
            .block();
        assertThat(continued).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"invalid_token\"");

        String key = session("s-alive", "u-5", clock.instant(), false);
        sessions
            .thenContinue(sessions.check(key, "u-5"), MockServerWebExchange.from(MockServerHttpRequest.get("/")),
                    () -> Mono.fromRunnable(() -> continued.set(true)))
            .block();
        assertThat(continued).isTrue();
        assertThat(sessions.fields()).isEqualTo(List.of("user_id", "last_seen_at", "remember_me", "teams"));
    }

    @Test
    void teamRolesWrittenIntoTheSessionReplaceTheTokensClaimForTheRestOfTheRequest() {
        Caller caller = new Caller(new TrustedIdentity("u-6", "u6@example.com", List.of("editor"), "s-teams", "jwt",
                Map.of("team-a", "admin", "team-b", "editor")));
        String key = session("s-teams", "u-6", clock.instant(), false);
        assertThat(seenBy(key, caller).identity().teams()).isEqualTo(Map.of("team-a", "admin", "team-b", "editor"));

        // auth-service after a role change in team-a and a removal from team-b
        redis.redis.opsForHash().put(key, "teams", "team-a:viewer").block();
        Caller seen = seenBy(key, caller);
        assertThat(seen.identity().teams()).isEqualTo(Map.of("team-a", "viewer"));
        assertThat(seen.identity().userId()).isEqualTo("u-6");
        assertThat(seen.identity().sessionId()).isEqualTo("s-teams");

        redis.redis.opsForHash().put(key, "teams", "none").block();
        assertThat(seenBy(key, caller).identity().teams()).isEmpty();

        // An unreadable field is ignored rather than trusted.
        redis.redis.opsForHash().put(key, "teams", "team-a:").block();
        assertThat(seenBy(key, caller).identity().teams()).isEqualTo(caller.identity().teams());
    }

    /** The caller the rest of the request sees after the session check. */
    private Caller seenBy(String key, Caller caller) {
        AtomicReference<Caller> seen = new AtomicReference<>();
        WebFilterChain chain = exchange -> ReactiveSecurityContextHolder.getContext()
            .doOnNext(context -> seen.set((Caller) context.getAuthentication()))
            .then();
        sessions
            .checkThenContinue(key, caller, MockServerWebExchange.from(MockServerHttpRequest.get("/api/diagrams")),
                    chain)
            .contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller))
            .block();
        return seen.get();
    }

}
