package com.autograph.ai.provider;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The provider chain, only when at least one provider is configured: without one the
 * service runs on its offline generator alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderSettings.class)
class ProviderConfiguration {

    @Bean
    @Conditional(ProvidersConfigured.class)
    ProviderChain providerChain(ProviderSettings settings, MeterRegistry registry) {
        return build(settings, registry);
    }

    static ProviderChain build(ProviderSettings settings, MeterRegistry registry) {
        // Calls answering in one piece wait here so the caller can give up at the
        // timeout.
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.breaker().minimumCalls())
            .minimumNumberOfCalls(settings.breaker().minimumCalls())
            .failureRateThreshold(settings.breaker().failureRatePercent())
            .waitDurationInOpenState(settings.breaker().openFor())
            .permittedNumberOfCallsInHalfOpenState(1)
            .build();
        List<ProviderClient> clients = settings.ordered().stream().map(p -> {
            ChatModels.Models models = ChatModels.of(p);
            return new ProviderClient(p, models.chat(), models.streaming(),
                    CircuitBreaker.of("ai-" + p.name(), breaker), calls);
        }).toList();
        return new ProviderChain(clients, new DiagramPrompts(), new ProviderMetrics(registry), calls);
    }

}
