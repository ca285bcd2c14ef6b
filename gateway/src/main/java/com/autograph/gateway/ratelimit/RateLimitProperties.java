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
 * @param publicRenderPerIp anonymous renders (the Kroki-compatible paths) per client IP
 * and window, counted besides {@code perIp}: each is a full render, so an address gets
 * far fewer of them than of ordinary requests
 * @param publicRenderPaths path prefixes counted as anonymous renders
 */
@Validated
@ConfigurationProperties("autograph.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("100") int perUser,
        @Min(1) @DefaultValue("1000") int perIp, @NotNull @DefaultValue("1m") Duration window,
        @DefaultValue("true") boolean failOpen, @NotNull @DefaultValue("250ms") Duration redisTimeout,
        @NotNull @DefaultValue( {
                "/health", "/health/liveness", "/health/readiness", "/metrics" }) List<String> exemptPaths,
        @Min(1) @DefaultValue("300") int publicRenderPerIp,
        @NotNull @DefaultValue("/api/export/kroki/") List<String> publicRenderPaths){
}
