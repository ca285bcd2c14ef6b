package com.autograph.gateway.resilience;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.autograph.gateway.health.GatewayReport;
import com.autograph.gateway.routing.GatewayRoutes;

/**
 * {@code GET /health/circuit-breakers}: each route's breaker, its state and recent calls.
 */
@Component
class CircuitBreakersReport implements GatewayReport {

    private final CircuitBreakerRegistry registry;

    private final ResilienceProperties resilience;

    CircuitBreakersReport(CircuitBreakerRegistry registry, ResilienceProperties resilience) {
        this.registry = registry;
        this.resilience = resilience;
    }

    @Override
    public String path() {
        return "/health/circuit-breakers";
    }

    @Override
    public Mono<ServerResponse> render() {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (GatewayRoutes.Route route : GatewayRoutes.ROUTES) {
            if (!route.websocket()) {
                routes.put(route.id(), describe(route, registry.find(route.id()).orElse(null)));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("settings", settings(resilience.breaker()));
        report.put("circuit_breakers", routes);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(report);
    }

    private static Map<String, Object> settings(ResilienceProperties.Breaker breaker) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("window_size", breaker.windowSize());
        settings.put("minimum_calls", breaker.minimumCalls());
        settings.put("failure_rate_threshold", breaker.failureRateThreshold());
        settings.put("open_wait_ms", breaker.openWait().toMillis());
        settings.put("half_open_calls", breaker.halfOpenCalls());
        return settings;
    }

    private Map<String, Object> describe(GatewayRoutes.Route route, CircuitBreaker breaker) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("service", route.service());
        entry.put("settings", settings(resilience.breaker().forRoute(route.id())));
        if (breaker == null) {
            entry.put("state", "CLOSED");
            entry.put("failure_rate", -1.0f);
            entry.put("buffered_calls", 0);
            entry.put("failed_calls", 0);
            entry.put("successful_calls", 0);
            entry.put("not_permitted_calls", 0L);
            return entry;
        }
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        entry.put("state", breaker.getState().name());
        // -1 until the minimum number of calls has been seen.
        entry.put("failure_rate", metrics.getFailureRate());
        entry.put("buffered_calls", metrics.getNumberOfBufferedCalls());
        entry.put("failed_calls", metrics.getNumberOfFailedCalls());
        entry.put("successful_calls", metrics.getNumberOfSuccessfulCalls());
        entry.put("not_permitted_calls", metrics.getNumberOfNotPermittedCalls());
        return entry;
    }

}
