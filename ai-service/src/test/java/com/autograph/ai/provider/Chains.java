package com.autograph.ai.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.util.unit.DataSize;

import com.autograph.ai.provider.ProviderSettings.Breaker;
import com.autograph.ai.provider.ProviderSettings.ImageLimits;
import com.autograph.ai.provider.ProviderSettings.Provider;

/** Provider chains over test servers, with the short timeouts the tests need. */
final class Chains {

    static final Duration TIMEOUT = Duration.ofMillis(300);

    private Chains() {
    }

    /** Calls that are meant to answer get time to, even on a busy machine. */
    static final Duration PATIENT = Duration.ofSeconds(20);

    static Provider provider(String name, Wire wire, WireServer server) {
        return provider(name, wire, server, PATIENT);
    }

    static Provider provider(String name, Wire wire, WireServer server, Duration timeout) {
        return new Provider(name, wire.kind, server.url(wire.basePath), "key-" + name, "model-a", List.of("model-b"),
                timeout, 0.2, 1000, new BigDecimal("0.5"), new BigDecimal("1.5"), true);
    }

    static ProviderSettings settings(Breaker breaker, Provider... providers) {
        return new ProviderSettings(List.of(providers), List.of(), breaker,
                new ImageLimits(DataSize.ofMegabytes(1), 1));
    }

    static ProviderChain chain(MeterRegistry registry, Breaker breaker, Provider... providers) {
        return ProviderConfiguration.build(settings(breaker, providers), registry);
    }

    static ProviderChain chain(MeterRegistry registry, Provider... providers) {
        return chain(registry, new Breaker(100, 100, Duration.ofMinutes(1)), providers);
    }

}
