package com.autograph.shared.client;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.autograph.shared.error.ApiException;
import com.autograph.shared.security.IdentityProperties;
import com.autograph.shared.security.TrustedIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another AutoGraph service as one service calls it, the same way everywhere: its
 * instances taken in turn; connect and read timeouts on every call; the caller's identity
 * signed afresh as the gateway signs it; a retry on the next instance after a connection
 * failure or a 5xx (for calls safe to repeat); a circuit breaker that stops calling a
 * peer that keeps failing, answered to the client as 503 with the owner's own words. Only
 * the peer's own failures count: its 4xx are answers, passed on by {@link #refusal}.
 */
public final class PeerService {

    private static final Logger log = LoggerFactory.getLogger(PeerService.class);

    /**
     * A problem document bigger than this from a peer is not read (its detail is cut).
     */
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    /**
     * How hard to lean on the peer before giving up on it.
     *
     * @param window calls the breaker looks at
     * @param minimumCalls calls before it may open
     * @param openFor how long it stays open
     */
    public record Breaker(int window, int minimumCalls, Duration openFor) {
    }

    private final String name;

    private final RestClient client;

    private final List<URI> urls;

    private final AtomicInteger next = new AtomicInteger();

    private final IdentityProperties identity;

    private final Clock clock;

    private final CircuitBreaker breaker;

    private final Retry retry;

    private final Supplier<ApiException> unavailable;

    /**
     * @param name the peer's name, for logs and the resilience metrics
     * @param unavailable what the client gets when the peer cannot answer (a 503 in the
     * caller's words)
     */
    public PeerService(String name, RestClient.Builder builder, List<URI> urls, Duration connectTimeout,
            Duration readTimeout, Breaker breaker, IdentityProperties identity, Clock clock,
            Supplier<ApiException> unavailable) {
        this.name = name;
        this.client = builder
            .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout)))
            .build();
        this.urls = List.copyOf(urls);
        this.identity = identity;
        this.clock = clock;
        this.unavailable = unavailable;
        Predicate<Throwable> peerFailed = ex -> ex instanceof ResourceAccessException
                || ex instanceof HttpServerErrorException || ex instanceof UnexpectedAnswer;
        this.breaker = CircuitBreaker.of(name,
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(breaker.window())
                    .minimumNumberOfCalls(breaker.minimumCalls())
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(breaker.openFor())
                    .recordException(peerFailed)
                    .build());
        this.retry = Retry.of(name,
                RetryConfig.custom()
                    .maxAttempts(2)
                    .waitDuration(Duration.ofMillis(100))
                    .retryOnException(peerFailed)
                    .build());
    }

    /** The client to build requests with (timeouts set). */
    public RestClient client() {
        return client;
    }

    /** The next instance's base address. */
    public URI next() {
        return urls.get(Math.floorMod(next.getAndIncrement(), urls.size()));
    }

    /** {@code path} on the next instance. */
    public URI uri(String path) {
        return next().resolve(path);
    }

    /** Writes {@code caller}'s identity, signed now, into a request's headers. */
    public void sign(TrustedIdentity caller, HttpHeaders headers) {
        caller.writeHeaders(identity.secretBytes(), clock.instant().getEpochSecond(), headers::set);
    }

    /** A call safe to repeat: retried once on the next instance, behind the breaker. */
    public <T> T idempotent(Supplier<T> call) {
        return once(Retry.decorateSupplier(retry, call));
    }

    /**
     * A call never repeated (a retry after a lost answer would act twice), behind the
     * breaker.
     */
    public <T> T once(Supplier<T> call) {
        try {
            return CircuitBreaker.decorateSupplier(breaker, call).get();
        }
        catch (CallNotPermittedException | ResourceAccessException | HttpServerErrorException | UnexpectedAnswer ex) {
            log.warn("A call to {} failed: {}", name, ex.toString());
            throw unavailable.get();
        }
    }

    /**
     * A non-success answer as the exception to throw: the peer's own 4xx problem passed
     * on ({@code code} and {@code detail} from its problem document, or generic words), a
     * 5xx as a failure to count, and a 401 as a failure too (it means the services'
     * signing secrets differ, not that the caller is wrong).
     */
    public RuntimeException refusal(ClientHttpResponse response, String what, JsonMapper json) throws IOException {
        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return new HttpServerErrorException(response.getStatusCode());
        }
        if (status == HttpStatus.UNAUTHORIZED || !status.is4xxClientError()) {
            return unexpected(status.value() + " to " + what);
        }
        String code = status == HttpStatus.NOT_FOUND ? "not_found" : "request_refused";
        String detail = name + " refused " + what + " (" + status.value() + ").";
        byte[] body = response.getBody().readNBytes(MAX_PROBLEM_BYTES);
        try {
            JsonNode problem = json.readTree(body);
            code = problem.path("code").asString(code);
            detail = problem.path("detail").asString(detail);
        }
        catch (RuntimeException notAProblem) {
            // keep the generic words
        }
        return new ApiException(status, code, detail);
    }

    /**
     * The peer answered {@code answer}, which it never should: counted as its failure.
     */
    public RuntimeException unexpected(String answer) {
        return new UnexpectedAnswer(name + " answered " + answer);
    }

    /** A peer's answer that means it is broken or misconfigured. */
    static final class UnexpectedAnswer extends RuntimeException {

        UnexpectedAnswer(String message) {
            super(message);
        }

    }

}
