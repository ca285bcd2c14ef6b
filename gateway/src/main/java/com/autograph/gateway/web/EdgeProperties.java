package com.autograph.gateway.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What browsers see at the edge: CORS and the security headers on every response; and who
 * stands in front of the gateway.
 *
 * @param trustedProxies addresses or CIDR ranges of the load balancers in front of the
 * gateway ({@code TRUSTED_PROXIES}): only their X-Forwarded-For and X-Forwarded-Proto are
 * believed ({@link ClientIp})
 */
@Validated
@ConfigurationProperties("autograph.gateway.edge")
public record EdgeProperties(@NotNull @Valid Cors cors, @NotNull @Valid Headers headers,
        @NotNull @DefaultValue List<String> trustedProxies) {

    public record Cors(@NotNull @DefaultValue List<String> allowedOrigins, @NotNull @DefaultValue( {
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
            @NotNull @DefaultValue("*") List<String> allowedHeaders,
            @NotNull @DefaultValue({ "X-Correlation-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                    "X-RateLimit-Reset", "Retry-After", "Idempotent-Replayed", "ETag", "Location",
                    "WWW-Authenticate" }) List<String> exposedHeaders,
            @DefaultValue("true") boolean allowCredentials, @NotNull @DefaultValue("1h") Duration maxAge){
    }

    /**
     * @param embedPaths paths that may be shown in other sites' frames (embedded
     * diagrams): no X-Frame-Options, and {@code frame-ancestors embedFrameAncestors}
     */
    public record Headers(@NotNull @DefaultValue("365d") Duration hstsMaxAge,
            @NotNull @DefaultValue("strict-origin-when-cross-origin") String referrerPolicy,
            @NotNull @DefaultValue List<String> embedPaths, @NotNull @DefaultValue("*") String embedFrameAncestors) {
    }
}
