package com.autograph.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import com.autograph.gateway.TestRedis;
import com.autograph.gateway.auth.Caller;
import com.autograph.gateway.auth.SessionCheck;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.web.ClientIp;
import com.autograph.shared.security.TrustedIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What RateLimitFilter decides, one filter against real Redis: counts per address and per
 * user, 429 past a limit, exempt probes, the session read in the same call, and a Redis
 * outage.
 */
class RateLimitFilterTest {

    private static final TestRedis redis = new TestRedis();

    private static final ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build());

    @AfterAll
    static void close() {
        redis.close();
    }

    /** A user may make 2 requests a minute, an address 3, of which 1 anonymous render. */
    private static RateLimitProperties limits(boolean enabled, boolean failOpen) {
        return new RateLimitProperties(enabled, 2, 3, Duration.ofMinutes(1), failOpen, Duration.ofSeconds(2),
                List.of("/health"), 1, List.of("/api/export/kroki/"));
    }

    private final AtomicInteger passed = new AtomicInteger();

    private final WebFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);

    private RateLimitFilter filter(TestRedis on, RateLimitProperties settings) {
        SessionCheck sessions = new SessionCheck(
                on.redis, on.keyspace, Duration.ofMinutes(30), (exchange, ended) -> problems.write(exchange,
                        HttpStatus.UNAUTHORIZED, "invalid_token", ended.getMessage()),
                new SimpleMeterRegistry(), Clock.systemUTC());
        return new RateLimitFilter(settings, sessions, on.redis, on.keyspace, problems, new ClientIp(List.of()),
                new SimpleMeterRegistry());
    }

    private static MockServerWebExchange request(String path, String address) {
        return MockServerWebExchange
            .from(MockServerHttpRequest.get(path).remoteAddress(new InetSocketAddress(address, 5000)));
    }

    private static Caller signedIn(String userId, String sessionId) {
        return new Caller(new TrustedIdentity(userId, "", List.of("editor"), sessionId, "jwt"));
    }

    @Test
    void anAddressPastItsLimitGets429WithRetryAfterAndGoesNoFurther() {
        RateLimitFilter filter = filter(redis, limits(true, true));
        for (int i = 1; i <= 3; i++) {
            MockServerWebExchange exchange = request("/api/diagrams", "203.0.113.1");
            filter.filter(exchange, chain, null).block();
            assertThat(exchange.getResponse().getHeaders().getFirst(RateLimitFilter.REMAINING))
                .isEqualTo(Integer.toString(3 - i));
        }
        MockServerWebExchange fourth = request("/api/diagrams", "203.0.113.1");
        filter.filter(fourth, chain, null).block();
        assertThat(passed).hasValue(3);
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(fourth.getResponse().getHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
        assertThat(fourth.getResponse().getBodyAsString().block()).contains("\"code\":\"rate_limited\"",
                "your address");
        // Another address has its own window.
        filter.filter(request("/api/diagrams", "203.0.113.2"), chain, null).block();
        assertThat(passed).hasValue(4);
        assertThat(redis.redis.getExpire(redis.keyspace.rateLimitKey("ip", "203.0.113.1")).block())
            .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    @Test
    void aUserIsCountedAcrossAddressesAndTheTighterWindowIsTheOneReported() {
        RateLimitFilter filter = filter(redis, limits(true, true));
        openSession("s-u1", "u1");
        Caller caller = signedIn("u1", "s-u1");
        MockServerWebExchange first = request("/api/diagrams", "198.51.100.1");
        filter.filter(first, chain, caller).block();
        assertThat(first.getResponse().getHeaders().getFirst(RateLimitFilter.LIMIT)).isEqualTo("2");
        filter.filter(request("/api/diagrams", "198.51.100.2"), chain, caller).block();
        MockServerWebExchange third = request("/api/diagrams", "198.51.100.3");
        filter.filter(third, chain, caller).block();
        assertThat(passed).hasValue(2);
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(third.getResponse().getBodyAsString().block()).contains("your account");
    }

    @Test
    void anonymousRendersHaveTheirOwnTighterCounterPerAddress() {
        RateLimitFilter filter = filter(redis, limits(true, true));
        MockServerWebExchange first = request("/api/export/kroki/mermaid/svg/eJxLyk", "203.0.113.9");
        filter.filter(first, chain, null).block();
        assertThat(first.getResponse().getHeaders().getFirst(RateLimitFilter.LIMIT)).isEqualTo("1");
        MockServerWebExchange second = request("/api/export/kroki/mermaid/png/eJxLyk", "203.0.113.9");
        filter.filter(second, chain, null).block();
        assertThat(passed).hasValue(1);
        assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(second.getResponse().getBodyAsString().block()).contains("diagram renders from your address");
        // Other requests from that address count only against its ordinary limit (3).
        MockServerWebExchange other = request("/api/diagrams", "203.0.113.9");
        filter.filter(other, chain, null).block();
        assertThat(passed).hasValue(2);
        assertThat(other.getResponse().getHeaders().getFirst(RateLimitFilter.REMAINING)).isEqualTo("0");
    }

    @Test
    void theSessionIsCheckedInTheSameCallAndAnEndedOneIs401() {
        RateLimitFilter filter = filter(redis, limits(true, true));
        MockServerWebExchange ended = request("/api/diagrams", "192.0.2.1");
        filter.filter(ended, chain, signedIn("u2", "s-ended")).block();
        assertThat(passed).hasValue(0);
        assertThat(ended.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(ended.getResponse().getBodyAsString().block()).contains("session has ended");

        // With limits off the session is still read, on its own.
        MockServerWebExchange unlimited = request("/api/diagrams", "192.0.2.1");
        filter(redis, limits(false, true)).filter(unlimited, chain, signedIn("u2", "s-ended")).block();
        assertThat(unlimited.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(passed).hasValue(0);
    }

    @Test
    void exemptProbesAreNeitherCountedNorLimited() {
        RateLimitFilter filter = filter(redis, limits(true, true));
        for (int i = 0; i < 5; i++) {
            MockServerWebExchange probe = request("/health", "192.0.2.9");
            filter.filter(probe, chain, null).block();
            assertThat(probe.getResponse().getHeaders().getFirst(RateLimitFilter.LIMIT)).isNull();
        }
        assertThat(passed).hasValue(5);
        assertThat(redis.redis.hasKey(redis.keyspace.rateLimitKey("ip", "192.0.2.9")).block()).isFalse();
    }

    @Test
    void withoutRedisRequestsPassWhenFailingOpenAndGet503WhenFailingClosed() {
        try (TestRedis down = new TestRedis(1)) {
            filter(down, limits(true, true)).filter(request("/api/diagrams", "192.0.2.7"), chain, null).block();
            assertThat(passed).hasValue(1);
            MockServerWebExchange refused = request("/api/diagrams", "192.0.2.7");
            filter(down, limits(true, false)).filter(refused, chain, null).block();
            assertThat(passed).hasValue(1);
            assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getResponse().getBodyAsString().block()).contains("rate_limit_unavailable");
        }
    }

    private static void openSession(String sessionId, String userId) {
        String key = redis.keyspace.sessionKey(sessionId);
        redis.redis.opsForHash()
            .putAll(key, Map.of("user_id", userId, "last_seen_at", Instant.now().toString(), "remember_me", "false"))
            .block();
        redis.redis.expire(key, Duration.ofMinutes(10)).block();
    }

}
