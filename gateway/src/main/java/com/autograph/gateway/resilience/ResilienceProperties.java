package com.autograph.gateway.resilience;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Circuit breakers, retries and Idempotency-Key de-duplication, for every route. */
@Validated
@ConfigurationProperties("autograph.gateway.resilience")
public record ResilienceProperties(@NotNull @Valid Breaker breaker, @NotNull @Valid Retry retry,
        @NotNull @Valid Idempotency idempotency) {

    /**
     * One Resilience4j breaker per route: it opens when at least {@code minimumCalls} of
     * the last {@code windowSize} calls were made and {@code failureRateThreshold} % of
     * them failed (with the defaults: 5 failures in a row), stays open {@code openWait},
     * then lets {@code halfOpenCalls} calls through and closes when they succeed. A
     * failure is a connection failure, a timeout or a 5xx answer. {@code routes}
     * overrides any of these per route id.
     */
    public record Breaker(@Min(1) @DefaultValue("10") int windowSize, @Min(1) @DefaultValue("5") int minimumCalls,
            @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
            @NotNull @DefaultValue("30s") Duration openWait, @Min(1) @DefaultValue("2") int halfOpenCalls,
            @NotNull @DefaultValue Map<String, @Valid RouteBreaker> routes) {

        /** This route's settings: its overrides over the defaults. */
        public Breaker forRoute(String routeId) {
            RouteBreaker route = routes.get(routeId);
            if (route == null) {
                return this;
            }
            return new Breaker(route.windowSize() != null ? route.windowSize() : windowSize,
                    route.minimumCalls() != null ? route.minimumCalls() : minimumCalls,
                    route.failureRateThreshold() != null ? route.failureRateThreshold() : failureRateThreshold,
                    route.openWait() != null ? route.openWait() : openWait,
                    route.halfOpenCalls() != null ? route.halfOpenCalls() : halfOpenCalls, Map.of());
        }
    }

    /** A route's own breaker settings; an absent one takes the default. */
    public record RouteBreaker(@Min(1) Integer windowSize, @Min(1) Integer minimumCalls,
            @DecimalMin("1") @DecimalMax("100") Float failureRateThreshold, Duration openWait,
            @Min(1) Integer halfOpenCalls) {
    }

    /**
     * Retries of idempotent methods (GET, HEAD, OPTIONS) on connection failures,
     * timeouts, 502/503/504.
     */
    public record Retry(@Min(0) @Max(10) @DefaultValue("2") int retries,
            @NotNull @DefaultValue("50ms") Duration firstBackoff, @NotNull @DefaultValue("500ms") Duration maxBackoff,
            @Min(1) @DefaultValue("2") int factor,
            @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double jitter) {
    }

    /**
     * POST/PATCH with Idempotency-Key: the first answer is kept for {@code window} and
     * replayed.
     */
    public record Idempotency(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("24h") Duration window,
            @NotNull @DefaultValue("1MB") DataSize maxStoredBody) {
    }
}
