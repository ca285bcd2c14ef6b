package com.autograph.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route's Resilience4j breaker, driven directly: ask for a permission, then report how
 * the call ended. Unlike the reactive wrapper of Spring Cloud CircuitBreaker, this counts
 * a 502/503/504 answer of the service as a failure while still passing that answer (and
 * its problem body) to the client, and runs no time limiter or bulkhead per request: the
 * route's HTTP timeouts bound every call. When the breaker is open the call is refused at
 * once ({@link CallNotPermittedException}, 503).
 *
 * <p>
 * Only what says the service cannot serve anyone counts: no connection, no answer in
 * time, or the service itself saying it is unavailable or overloaded (502, 503, 504;
 * services answer 503 when their database or Redis is unreachable). A 500 (or any other
 * 5xx) is one request the service failed to handle while it stayed up and answering: it
 * is often caused by that request's own content, and counting it would let any user, even
 * an anonymous one, open the breaker for everyone with a handful of bad requests. It is
 * neither a success nor a failure here.
 */
final class RouteBreakerFilter implements GatewayFilter {

    /**
     * What a 5xx answer is recorded as; the config's failure predicate sees it like any
     * other error.
     */
    static final class ServerErrorAnswer extends RuntimeException {

        ServerErrorAnswer(HttpStatusCode status) {
            super("answered " + status.value(), null, false, false);
        }

    }

    private final CircuitBreaker breaker;

    RouteBreakerFilter(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker));
            }
            long started = breaker.getCurrentTimestamp();
            return chain.filter(exchange).doOnSuccess(ignored -> {
                // The status is set, the body not yet written: NettyWriteResponseFilter
                // runs outside.
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                long elapsed = breaker.getCurrentTimestamp() - started;
                if (status != null && isUnavailable(status)) {
                    breaker.onError(elapsed, breaker.getTimestampUnit(), new ServerErrorAnswer(status));
                }
                else if (status != null && status.is5xxServerError()) {
                    breaker.releasePermission();
                }
                else {
                    breaker.onSuccess(elapsed, breaker.getTimestampUnit());
                }
            })
                .doOnError(error -> breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(),
                        error))
                // The client went away: the call says nothing about the service.
                .doOnCancel(breaker::releasePermission);
        });
    }

    /** 502, 503, 504: the service (or what stands before it) says it cannot serve now. */
    static boolean isUnavailable(HttpStatusCode status) {
        int code = status.value();
        return code == 502 || code == 503 || code == 504;
    }

    @Override
    public String toString() {
        return "RouteBreaker[" + breaker.getName() + "]";
    }

}
