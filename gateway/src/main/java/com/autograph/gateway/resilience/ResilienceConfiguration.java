package com.autograph.gateway.resilience;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import com.autograph.gateway.routing.GatewayRoutes;
import com.autograph.gateway.routing.RouteCustomizer;
import com.autograph.gateway.routing.RoutingProperties;

/**
 * Per route, outermost first: a circuit breaker (named after the route), then retries of
 * idempotent methods with exponential backoff and jitter. Timeouts are the HTTP client's,
 * per route (RoutingProperties).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

    static CircuitBreakerConfig breakerConfig(ResilienceProperties.Breaker breaker) {
        return CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(breaker.windowSize())
            .minimumNumberOfCalls(breaker.minimumCalls())
            .failureRateThreshold(breaker.failureRateThreshold())
            .waitDurationInOpenState(breaker.openWait())
            .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
            // The client's fault (413, 4xx raised by the gateway) says nothing about the
            // service.
            .recordException(ResilienceConfiguration::isServiceFailure)
            .build();
    }

    static boolean isServiceFailure(Throwable error) {
        return !(error instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError());
    }

    @Bean
    @Order(10)
    RouteCustomizer breakerAndRetries(ResilienceProperties resilience, CircuitBreakerRegistry breakers) {
        ResilienceProperties.Retry retry = resilience.retry();
        return (GatewayRoutes.Route route, RoutingProperties.Downstream downstream, GatewayFilterSpec filters) -> {
            if (route.websocket()) {
                return;
            }
            filters.filter(new RouteBreakerFilter(
                    breakers.circuitBreaker(route.id(), breakerConfig(resilience.breaker().forRoute(route.id())))));
            if (retry.retries() > 0) {
                filters.retry(config -> config.setRetries(retry.retries())
                    .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                    .setSeries()
                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                    .setExceptions(IOException.class, TimeoutException.class)
                    .setBackoff(retry.firstBackoff(), retry.maxBackoff(), retry.factor(), true)
                    .setJitter(new RetryGatewayFilterFactory.JitterConfig(retry.jitter())));
            }
        };
    }

    /**
     * gateway_circuitbreaker_transitions_total{name, from, to}: Resilience4j's own
     * metrics show only the state.
     */
    record BreakerTransitionMetrics() {
    }

    @Bean
    BreakerTransitionMetrics breakerTransitionMetrics(CircuitBreakerRegistry registry, MeterRegistry meters) {
        registry.getEventPublisher().onEntryAdded(added -> listen(added.getAddedEntry(), meters));
        registry.getAllCircuitBreakers().forEach(breaker -> listen(breaker, meters));
        return new BreakerTransitionMetrics();
    }

    private static void listen(CircuitBreaker breaker, MeterRegistry meters) {
        breaker.getEventPublisher()
            .onStateTransition(event -> meters
                .counter("gateway.circuitbreaker.transitions", "name", breaker.getName(), "from",
                        event.getStateTransition().getFromState().name(), "to",
                        event.getStateTransition().getToState().name())
                .increment());
    }

}
