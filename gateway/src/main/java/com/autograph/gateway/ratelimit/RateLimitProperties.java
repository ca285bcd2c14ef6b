package com.autograph.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits per authenticated user and per client IP, counted in Redis so that they
 * hold across gateway instances (the client address is {@code ClientIp}'s, from
 * {@code TRUSTED_PROXIES}).
 *
 * @param failOpen when Redis cannot be asked: let requests through (and count them in
 * {@code gateway_ratelimit_unavailable_total}) or refuse them with 503
 * @param exemptPaths probes that are never limited
 */
@Validated
@ConfigurationProperties("autograph.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("100") int perUser,
        @Min(1) @DefaultValue("1000") int perIp, @NotNull @DefaultValue("1m") Duration window,
        @DefaultValue("true") boolean failOpen, @NotNull @DefaultValue("250ms") Duration redisTimeout,
        @NotNull @DefaultValue( {
                "/health", "/health/liveness", "/health/readiness", "/metrics" }) List<String> exemptPaths){
}
