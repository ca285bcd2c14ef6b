package com.autograph.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import com.autograph.gateway.auth.Caller;
import com.autograph.gateway.auth.CallerFilter;
import com.autograph.gateway.auth.SessionCheck;
import com.autograph.gateway.error.ProblemResponses;
import com.autograph.gateway.web.ClientIp;
import com.autograph.shared.redis.RedisKeyspace;

/**
 * Counts every request against its client IP and, when authenticated, its user (and an
 * anonymous render, a Kroki-compatible path, also against its IP's render counter), in
 * one atomic Redis script call (a fixed window per key: the first count of a window sets
 * its expiry in the same call); answers with X-RateLimit-* headers, or 429 with
 * Retry-After when over a limit. Runs inside the security chain, after authentication (so
 * it knows the user).
 *
 * <p>
 * Custom rather than Spring Cloud Gateway's RequestRateLimiter: that one runs per route
 * after the security chain, answers 429 without a problem body, and cannot read the
 * caller's login session in the same Redis call. Here the same call reads the session for
 * {@link SessionCheck} (an ended session is a 401 through the authentication entry
 * point), so a request costs one Redis round trip, not two. With limits off, or on an
 * exempt path, the session is read on its own.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitFilter implements CallerFilter {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    @SuppressWarnings("rawtypes")
    // Read once: a script built from a Resource asks the class path for its modification
    // time on every call.
    private static final RedisScript<List> SCRIPT = RedisScript.of(read("scripts/rate-limit.lua"), List.class);

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The gateway's " + path + " is missing from its jar", ex);
        }
    }

    /**
     * What the script answered: the counters' windows and, when asked for, the session's
     * fields.
     */
    private record Counted(List<Window> windows, List<Object> session) {
    }

    private record Window(String type, int limit, long count, long resetMillis) {
        long remaining() {
            return Math.max(0, limit - count);
        }

        boolean exceeded() {
            return count > limit;
        }
    }

    private final RateLimitProperties settings;

    private final SessionCheck sessions;

    private final ReactiveStringRedisTemplate redis;

    private final RedisKeyspace keyspace;

    private final ProblemResponses problems;

    private final ClientIp clientIp;

    private final MeterRegistry meters;

    private final Counter unavailable;

    private final AtomicLong lastWarning = new AtomicLong();

    RateLimitFilter(RateLimitProperties settings, SessionCheck sessions, ReactiveStringRedisTemplate redis,
            RedisKeyspace keyspace, ProblemResponses problems, ClientIp clientIp, MeterRegistry meters) {
        this.settings = settings;
        this.sessions = sessions;
        this.redis = redis;
        this.keyspace = keyspace;
        this.problems = problems;
        this.clientIp = clientIp;
        this.meters = meters;
        this.unavailable = Counter.builder("gateway.ratelimit.unavailable")
            .description("Requests whose rate limit could not be checked because Redis did not answer")
            .tag("fail_open", Boolean.toString(settings.failOpen()))
            .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        String sessionKey = sessions.sessionKey(caller);
        String userId = caller == null ? "" : caller.identity().userId();
        if (!settings.enabled() || settings.exemptPaths().contains(exchange.getRequest().getPath().value())) {
            return sessionKey == null ? chain.filter(exchange)
                    : sessions.checkThenContinue(sessionKey, caller, exchange, chain);
        }
        return count(userId, clientIp.of(exchange), isPublicRender(exchange), sessionKey)
            .flatMap(counted -> counted.session() == null ? decide(exchange, chain, counted.windows())
                    : sessions.thenContinue(sessions.decide(sessionKey, userId, counted.session()), exchange,
                            () -> decide(exchange,
                                    next -> SessionCheck.continueAs(sessions.current(caller, counted.session()), next,
                                            chain),
                                    counted.windows())))
            .onErrorResume(RedisUnavailable.class, error -> {
                if (sessionKey != null) {
                    sessions.unavailable(error.getCause());
                }
                return unavailable(exchange, chain, error.getCause());
            });
    }

    private static final class RedisUnavailable extends RuntimeException {

        RedisUnavailable(Throwable cause) {
            super(cause);
        }

    }

    @SuppressWarnings("unchecked")
    private boolean isPublicRender(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        for (String prefix : settings.publicRenderPaths()) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Mono<Counted> count(String userId, String ip, boolean publicRender, String sessionKey) {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        if (!userId.isEmpty()) {
            keys.add(keyspace.rateLimitKey("user", userId));
            types.add("user");
            limits.add(settings.perUser());
        }
        keys.add(keyspace.rateLimitKey("ip", ip));
        types.add("ip");
        limits.add(settings.perIp());
        if (publicRender) {
            keys.add(keyspace.rateLimitKey("render-ip", ip));
            types.add("render-ip");
            limits.add(settings.publicRenderPerIp());
        }
        int counters = keys.size();
        List<String> args = new ArrayList<>(List.of(Long.toString(settings.window().toMillis())));
        if (sessionKey != null) {
            keys.add(sessionKey);
            args.addAll(sessions.fields());
        }
        return redis.execute(SCRIPT, keys, args).next().timeout(settings.redisTimeout()).map(result -> {
            List<Object> values = (List<Object>) result;
            List<Window> windows = new ArrayList<>();
            for (int i = 0; i < counters; i++) {
                windows.add(new Window(types.get(i), limits.get(i), ((Number) values.get(2 * i)).longValue(),
                        ((Number) values.get(2 * i + 1)).longValue()));
            }
            List<Object> session = null;
            if (sessionKey != null) {
                // The script answers '' for a missing field; SessionCheck expects null.
                session = values.subList(2 * counters, values.size())
                    .stream()
                    .map(value -> value == null || value.toString().isEmpty() ? null : value)
                    .toList();
            }
            return new Counted(windows, session);
        }).onErrorMap(error -> new RedisUnavailable(error));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, List<Window> windows) {
        Window exceeded = windows.stream().filter(Window::exceeded).findFirst().orElse(null);
        if (exceeded != null) {
            meters.counter("gateway.ratelimit.rejected", "key_type", exceeded.type()).increment();
            long retryAfter = seconds(exceeded.resetMillis());
            String what = switch (exceeded.type()) {
                case "user" -> "requests from your account";
                case "render-ip" -> "diagram renders from your address";
                default -> "requests from your address";
            };
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "Too many " + what + ": at most " + exceeded.limit() + " per " + describe(settings.window())
                            + ". Retry after " + retryAfter + " s.",
                    headers -> {
                        describe(headers, exceeded);
                        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                    });
        }
        // The window closest to its limit is the one the client needs to know about.
        Window binding = windows.stream().min((a, b) -> Long.compare(a.remaining(), b.remaining())).orElseThrow();
        describe(exchange.getResponse().getHeaders(), binding);
        return chain.filter(exchange);
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, WebFilterChain chain, Throwable cause) {
        unavailable.increment();
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        // One warning per 10 s is enough to notice; the metric counts every request.
        if (now - last > 10_000 && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits cannot be checked (Redis: {}); {}", cause.toString(),
                    settings.failOpen() ? "letting requests through (fail open)" : "refusing requests (fail closed)");
        }
        if (settings.failOpen()) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "rate_limit_unavailable",
                "The gateway cannot check request limits right now; retry in a few seconds.",
                headers -> headers.set(HttpHeaders.RETRY_AFTER, "5"));
    }

    private static void describe(HttpHeaders headers, Window window) {
        headers.set(LIMIT, Integer.toString(window.limit()));
        headers.set(REMAINING, Long.toString(window.remaining()));
        headers.set(RESET, Long.toString(seconds(window.resetMillis())));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String describe(Duration window) {
        return window.equals(Duration.ofMinutes(1)) ? "minute" : window.toSeconds() + " s";
    }

}
