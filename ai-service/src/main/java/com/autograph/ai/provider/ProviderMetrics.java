package com.autograph.ai.provider;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Provider comparison in {@code /metrics}: requests, failures by reason, latency, tokens
 * and estimated cost per provider and model, and whether each breaker is open. Models are
 * limited to the configured ones, so the tags stay few.
 */
final class ProviderMetrics {

    private final MeterRegistry registry;

    ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void watch(CircuitBreaker breaker, String provider) {
        Gauge
            .builder("autograph.ai.provider.circuit.open", breaker,
                    b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
            .description("1 while the provider's circuit breaker is open (calls skip it)")
            .tag("provider", provider)
            .register(registry);
    }

    void succeeded(String provider, String model, Duration took, int inputTokens, int outputTokens, double cost) {
        request(provider, model, "success", took);
        Counter.builder("autograph.ai.provider.tokens")
            .description("Tokens the providers reported")
            .tags("provider", provider, "model", model, "direction", "input")
            .register(registry)
            .increment(inputTokens);
        Counter.builder("autograph.ai.provider.tokens")
            .description("Tokens the providers reported")
            .tags("provider", provider, "model", model, "direction", "output")
            .register(registry)
            .increment(outputTokens);
        Counter.builder("autograph.ai.provider.cost")
            .description("Estimated cost from the configured price table")
            .baseUnit("usd")
            .tags("provider", provider, "model", model)
            .register(registry)
            .increment(cost);
    }

    void failed(String provider, String model, Duration took, ProviderFailure failure) {
        request(provider, model, "failure", took);
        Counter.builder("autograph.ai.provider.failures")
            .description("Provider calls that failed, by reason")
            .tags("provider", provider, "model", model, "reason", failure.tag())
            .register(registry)
            .increment();
    }

    private void request(String provider, String model, String outcome, Duration took) {
        Counter.builder("autograph.ai.provider.requests")
            .description("Calls to AI providers")
            .tags("provider", provider, "model", model, "outcome", outcome)
            .register(registry)
            .increment();
        Timer.builder("autograph.ai.provider.latency")
            .description("How long provider calls took")
            .tags("provider", provider, "model", model, "outcome", outcome)
            .register(registry)
            .record(took);
    }

}
