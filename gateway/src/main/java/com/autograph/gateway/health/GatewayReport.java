package com.autograph.gateway.health;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A JSON report the gateway serves about itself under /health (services, circuit
 * breakers).
 */
public interface GatewayReport {

    String path();

    Mono<ServerResponse> render();

}
