package com.autograph.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where each downstream service is and how long the gateway waits for it. Route prefixes
 * are fixed in {@link GatewayRoutes}; addresses, timeouts and body limits are
 * configuration.
 */
@Validated
@ConfigurationProperties("autograph.gateway.routing")
public record RoutingProperties(@NotEmpty Map<String, @Valid Downstream> services,
        /* How long /health/services waits for each instance. */
        @NotNull @DefaultValue("2s") Duration healthTimeout) {

    /**
     * One service: {@code urls} is one address or several (comma-separated in the
     * environment variable), balanced round-robin.
     */
    public record Downstream(@NotEmpty List<String> urls, @NotNull @DefaultValue("2s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration responseTimeout,
            @NotNull @DefaultValue("10MB") DataSize maxRequestSize,
            @NotNull @DefaultValue("/health/readiness") String healthPath) {
    }

    public Downstream service(String name) {
        Downstream downstream = services.get(name);
        if (downstream == null) {
            throw new IllegalStateException(
                    "No addresses configured for " + name + " (autograph.gateway.routing.services." + name + ".urls)");
        }
        return downstream;
    }
}
